import { EventEmitter } from 'node:events';
import { Backoff, delay, type BackoffOptions } from './backoff.js';
import { compareUnsigned } from './decimal.js';
import { Endpoint, type EndpointLike } from './endpoint.js';
import { toGatewayError, type GatewayError } from './errors.js';
import type { FillCursorStore, StoredCursor } from './fill-cursor.js';
import { DiagnosticsClient, type Metrics } from './generated/cexgw/v1/diagnostics.js';
import { TradingClient, type Fill } from './generated/cexgw/v1/trading.js';
import { isPermanent } from './streams.js';
import { unary } from './unary.js';

export interface FillDelivery {
  /**
   * True for the one fill whose handling a crash (or a throwing onFill) interrupted: it may have
   * been handled already. Only cursor stores with `begin` (FileCursorStore) can tell.
   */
  readonly redelivered: boolean;
}

export interface FillFollowerOptions {
  /** The venue's trading service, with the gateway token. */
  readonly endpoint: EndpointLike;
  /** Where the cursor is kept between runs (a FileCursorStore, or your own). */
  readonly cursor: FillCursorStore;
  /** Handles one fill; the next fill waits until it resolves, and its cursor is committed after. */
  readonly onFill: (fill: Fill, delivery: FillDelivery) => void | Promise<void>;
  /**
   * Where to begin when the store holds no cursor yet: every fill the gateway's journal holds
   * (`journal`, the default: nothing is missed) or only fills after the journal's newest (`now`).
   */
  readonly startAt?: 'journal' | 'now';
  readonly backoff?: BackoffOptions;
}

export interface FillFollowerEvents {
  /** A StreamFills subscription is in place on `address` (the service sent its headers), resuming after `cursor`. */
  subscribed: [address: string, cursor: string];
  /** The subscription ended (service gone, network, a throwing onFill); it resumes from the committed cursor. */
  interrupted: [reason: string, error: GatewayError | Error | undefined];
  /** A permanent error (token refused, a cursor the journal never issued): the follower stopped. */
  failed: [error: GatewayError];
}

/** The handler threw: not the gateway's fault, but the fill is not committed either. */
class HandlerError extends Error {}

/**
 * Delivers every fill of a trading account exactly once, in cursor order: resumes StreamFills
 * after the last committed cursor whenever the stream ends (a restarted or failed-over service, a
 * network drop) and when the process itself restarts, hands each fill to onFill one at a time
 * (back-pressure: the stream is not read further meanwhile), commits its cursor after, and drops
 * anything at or before the committed cursor.
 */
export class FillFollower extends EventEmitter<FillFollowerEvents> {
  /** The cursor of the last fill handled and committed ("" before any). */
  cursor = '';
  readonly stats = { delivered: 0, subscriptions: 0, skipped: 0 };
  private readonly endpoint: Endpoint;
  private readonly ownsEndpoint: boolean;
  private readonly backoff: Backoff;
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;
  private inFlight: string | undefined;
  private failure: GatewayError | undefined;

  constructor(private readonly options: FillFollowerOptions) {
    super();
    this.endpoint = Endpoint.from(options.endpoint);
    this.ownsEndpoint = this.endpoint !== options.endpoint;
    this.backoff = new Backoff(options.backoff);
  }

  /** Starts following (once). */
  start(): this {
    this.running ??= this.run();
    return this;
  }

  /** Stops after the fill being handled (if any) is committed. */
  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    if (this.ownsEndpoint) this.endpoint.close();
  }

  /** Resolves when the follower stops; rejects with the error if it failed. */
  async done(): Promise<void> {
    await this.running;
    if (this.failure) throw this.failure;
  }

  private async run(): Promise<void> {
    try {
      const stored = normalise(await this.options.cursor.load());
      this.cursor = stored.cursor;
      this.inFlight = stored.inFlight;
      if (this.cursor === '') this.cursor = await this.startingCursor();
    } catch (error) {
      return this.fail(toGatewayError(error));
    }
    while (!this.abort.signal.aborted) {
      let reason = 'the gateway ended the stream';
      let error: GatewayError | Error | undefined;
      let address: string | undefined;
      try {
        const chosen = await this.endpoint.client(TradingClient);
        address = chosen.address;
        await this.follow(chosen.client, chosen.address);
      } catch (thrown) {
        if (this.abort.signal.aborted) break;
        if (thrown instanceof HandlerError) {
          error = thrown.cause as Error;
          reason = `onFill failed: ${error?.message}`;
        } else {
          const gatewayError = toGatewayError(thrown);
          if (isPermanent(gatewayError)) return this.fail(gatewayError);
          error = gatewayError;
          reason = gatewayError.message;
        }
      }
      if (this.abort.signal.aborted) break;
      if (address !== undefined) this.endpoint.failed(address);
      this.emit('interrupted', reason, error);
      await delay(this.backoff.next(), this.abort.signal);
    }
  }

  private async follow(client: TradingClient, address: string): Promise<void> {
    this.stats.subscriptions++;
    const stream = client.streamFills({ afterCursor: this.cursor }, this.endpoint.metadata());
    const cancel = () => stream.cancel();
    this.abort.signal.addEventListener('abort', cancel, { once: true });
    const from = this.cursor;
    stream.once('metadata', () => this.emit('subscribed', address, from)); // the service has it in place
    try {
      for await (const fill of stream as AsyncIterable<Fill>) {
        this.backoff.reset();
        if (this.cursor !== '' && compareUnsigned(fill.cursor, this.cursor) <= 0) {
          this.stats.skipped++;
          continue;
        }
        await this.deliver(fill);
        if (this.abort.signal.aborted) return;
      }
    } finally {
      this.abort.signal.removeEventListener('abort', cancel);
    }
  }

  private async deliver(fill: Fill): Promise<void> {
    const store = this.options.cursor;
    const redelivered = fill.cursor === this.inFlight;
    try {
      await store.begin?.(fill.cursor);
      await this.options.onFill(fill, { redelivered });
    } catch (error) {
      this.inFlight = fill.cursor; // handled or not: unknown, so flagged when it comes again
      throw new HandlerError('onFill failed', { cause: error });
    }
    await store.commit(fill.cursor);
    this.cursor = fill.cursor;
    this.inFlight = undefined;
    this.stats.delivered++;
  }

  /** With no stored cursor: "0" (the whole journal), or the journal's newest cursor for `now`. */
  private async startingCursor(): Promise<string> {
    if ((this.options.startAt ?? 'journal') === 'journal') return '0';
    const metrics = await unary<DiagnosticsClient, Metrics>(this.endpoint, DiagnosticsClient, (c, m, o, cb) => c.getMetrics({}, m, o, cb));
    const newest = metrics.trading?.lastFillCursor ?? '0';
    await this.options.cursor.commit(newest);
    return newest;
  }

  private fail(error: GatewayError): void {
    this.failure = error;
    this.emit('failed', error);
  }
}

function normalise(stored: StoredCursor | string): StoredCursor {
  return typeof stored === 'string' ? { cursor: stored } : stored;
}
