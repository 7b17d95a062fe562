import { LatencyWindow, silentLogger, symbolKey, type Fill, type Logger, type PrivateExchange, type Pair } from '@cexgw/adapters';
import type { StreamStats } from '@cexgw/grpc';
import type { FillSource, JournaledFill, TradingJournal } from './journal/journal.js';
import { knownSymbols } from './known-symbols.js';

// Fills from the venue to clients, never lost, never doubled:
//
//   PrivateListener.onFill ──┐                       ┌─> live StreamFills subscribers
//                            ├─> journal (dedupe) ───┤   (each with its own bounded queue)
//   REST recovery ───────────┘   durable, cursor     └─> (the journal serves replays)
//
// Every fill is written before it is streamed; a fill seen twice (websocket and REST) is
// written once and streamed once. Writes are serialised, so subscribers receive fills in
// cursor order. Fills that arrive in one websocket frame are committed in one transaction
// (one fsync), so a burst costs one disk sync instead of one per fill; and fills that arrive
// while a commit is in flight are committed together by the next one (group commit: with a
// journal whose commit takes milliseconds, PostgreSQL, throughput follows the arrival rate).
//
// Recovery (fillsSince from the venue's REST history) runs at start, whenever the private
// stream reconnects, and every `recoveryIntervalMs` as a safety net; it covers the symbols
// with journaled orders or fills plus the configured ones, from each symbol's watermark minus a
// safety margin (venue clock skew, REST history lagging the stream). The watermark is the start
// of the symbol's last COMPLETED recovery, never the newest journaled fill: fills that arrive on
// the stream after a gap are newer than the fills lost in the gap, so a watermark taken from them
// would skip the gap whenever the recovery after the reconnect failed (found by the fault soak).

export interface FillSubscriber {
  /** A journaled fill, in cursor order; may repeat a cursor already replayed (subscribers dedupe by cursor). */
  deliver(fill: JournaledFill, receivedAtUs: number): void;
}

export type FillVenue = Pick<PrivateExchange, 'venue' | 'fillsSince' | 'symbolInfo'>;

export interface FillPipelineOptions {
  readonly journal: TradingJournal;
  readonly exchange: FillVenue;
  /** Subtracted from each symbol's watermark when asking the venue for history. */
  readonly recoveryMarginMs: number;
  /** Periodic recovery (0 = only at start and after reconnects). */
  readonly recoveryIntervalMs: number;
  /** Recovered even before any order or fill of theirs is journaled. */
  readonly recoverySymbols: readonly Pair[];
  readonly stats?: StreamStats;
  readonly logger?: Logger;
  readonly now?: () => number;
}

const CREATED_KEY = 'fills.journal_created_ms';
const recoveredKey = (symbol: string) => `fills.recovered_ms:${symbol}`;

/** Microseconds on a monotonic clock (latency stamps). */
export function monotonicUs(): number {
  return performance.now() * 1000;
}

export class FillPipeline {
  private readonly journal: TradingJournal;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly subscribers = new Set<FillSubscriber>();
  private batch: Fill[] = [];
  private batchReceivedUs = 0;
  /** Stream fills waiting for the next commit, and whether that commit is queued already. */
  private waiting: Fill[] = [];
  private waitingReceivedUs = 0;
  private waitingQueued = false;
  private writes: Promise<void> = Promise.resolve();
  private recovering: Promise<void> | undefined;
  private recoverAgain = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Figures for diagnostics and tests. */
  readonly counters = { received: 0, journaled: 0, duplicates: 0, recovered: 0, recoveries: 0, writeErrors: 0, lastCursor: 0 };
  /** Time to commit one batch of fills, ms. */
  readonly appendLatencyMs = new LatencyWindow(1024);

  constructor(private readonly options: FillPipelineOptions) {
    this.journal = options.journal;
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
  }

  subscribe(subscriber: FillSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** PrivateListener.onFill: queued and committed with the other fills of the same tick. */
  onFill(fill: Fill): void {
    if (this.closed) return;
    this.counters.received++;
    if (this.batch.length === 0) {
      this.batchReceivedUs = monotonicUs();
      queueMicrotask(() => this.flushBatch());
    }
    this.batch.push(fill);
  }

  /** PrivateListener.onStreamState: a (re)connected stream may have missed fills. */
  onStreamState(connected: boolean, detail: string): void {
    if (this.closed) return;
    if (!connected) {
      this.logger.warn({ detail }, 'private stream down: fills will be recovered from REST history when it is back');
      return;
    }
    void this.recover('private stream connected');
  }

  private flushBatch(): void {
    if (this.batch.length === 0) return;
    if (this.waiting.length === 0) {
      this.waiting = this.batch;
      this.waitingReceivedUs = this.batchReceivedUs;
    } else {
      for (const fill of this.batch) this.waiting.push(fill);
    }
    this.batch = [];
    if (this.waitingQueued) return; // the queued commit takes these too
    this.waitingQueued = true;
    void this.enqueue(() => {
      const fills = this.waiting;
      this.waiting = [];
      this.waitingQueued = false;
      return this.commit(fills, 'stream', this.waitingReceivedUs);
    });
  }

  /** Journals then streams, strictly in order of arrival. Resolves when the fills are streamed. */
  write(fills: readonly Fill[], source: FillSource, receivedUs = monotonicUs()): Promise<void> {
    return this.enqueue(() => this.commit(fills, source, receivedUs));
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const step = this.writes.then(work);
    this.writes = step;
    return step;
  }

  private async commit(fills: readonly Fill[], source: FillSource, receivedUs: number): Promise<void> {
    let added: JournaledFill[];
    try {
      const started = performance.now();
      added = await this.journal.appendFills(fills, source);
      this.appendLatencyMs.record(performance.now() - started);
    } catch (error) {
      // Not journaled means not streamed; the venue still has them, so recovery brings them back.
      this.counters.writeErrors++;
      this.logger.error({ err: (error as Error).message, fills: fills.length }, 'journal write failed; fills will be recovered from REST history');
      setTimeout(() => void this.recover('journal write failed'), 1_000).unref();
      return;
    }
    this.counters.journaled += added.length;
    this.counters.duplicates += fills.length - added.length;
    if (source === 'recovery') this.counters.recovered += added.length;
    this.publish(added, receivedUs);
  }

  private publish(fills: readonly JournaledFill[], receivedUs: number): void {
    for (const fill of fills) {
      if (fill.cursor > this.counters.lastCursor) this.counters.lastCursor = fill.cursor;
      for (const subscriber of this.subscribers) subscriber.deliver(fill, receivedUs);
    }
    if (this.options.stats && fills.length > 0) {
      this.options.stats.messages += fills.length;
      this.options.stats.latencyUs.record(monotonicUs() - receivedUs);
    }
  }

  /** Waits for every fill received so far to be journaled and streamed. */
  async flush(): Promise<void> {
    if (this.batch.length > 0) this.flushBatch();
    await this.writes;
  }

  /** Starts periodic recovery. */
  start(): void {
    if (this.options.recoveryIntervalMs > 0 && !this.timer) {
      this.timer = setInterval(() => void this.recover('periodic'), this.options.recoveryIntervalMs);
      this.timer.unref();
    }
  }

  /**
   * Recovers missed fills from the venue's REST history. Runs one at a time; a request while
   * one runs schedules exactly one more afterwards (the newer trigger may cover a newer gap).
   */
  recover(reason: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.recovering) {
      this.recoverAgain = true;
      return this.recovering;
    }
    this.recovering = (async () => {
      try {
        do {
          this.recoverAgain = false;
          await this.recoverOnce(reason);
        } while (this.recoverAgain && !this.closed);
      } finally {
        this.recovering = undefined;
      }
    })();
    return this.recovering;
  }

  private async recoverOnce(reason: string): Promise<void> {
    this.counters.recoveries++;
    // The journal's creation time is the watermark of a symbol never recovered before; it is taken
    // at the first recovery (process start) even when no symbol is known yet, not later when one
    // is: a symbol first traded an hour after start must be recovered from start, not from then.
    const created = await this.journalCreatedMs();
    const symbols = await knownSymbols(this.journal, this.options.recoverySymbols);
    if (symbols.length === 0) return;
    let added = 0;
    for (const symbol of symbols) {
      if (this.closed) return;
      const key = symbolKey(symbol);
      try {
        this.options.exchange.symbolInfo(symbol);
      } catch {
        continue; // no longer listed: nothing to ask for
      }
      const recoveredMs = Number((await this.journal.getValue(recoveredKey(key))) ?? 0);
      const watermark = recoveredMs || created;
      const sinceMs = Math.max(0, watermark - this.options.recoveryMarginMs);
      const startedMs = this.now();
      try {
        const fills = await this.options.exchange.fillsSince(sinceMs, [symbol]);
        const before = this.counters.recovered;
        await this.write(fills, 'recovery');
        added += this.counters.recovered - before;
        await this.journal.setValue(recoveredKey(key), String(startedMs));
      } catch (error) {
        this.logger.warn({ symbol: key, reason, err: (error as Error).message }, 'fill recovery failed for a symbol; will retry');
      }
    }
    if (added > 0) this.logger.info({ reason, recovered: added }, 'recovered fills missed by the private stream');
    else this.logger.debug({ reason, symbols: symbols.length }, 'fill recovery: nothing missed');
  }

  private async journalCreatedMs(): Promise<number> {
    const stored = await this.journal.getValue(CREATED_KEY);
    if (stored) return Number(stored);
    const now = this.now();
    await this.journal.setValue(CREATED_KEY, String(now));
    return now;
  }

  /** Stops recovery and accepts no more fills; waits for queued writes. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.closed = true;
    await this.recovering?.catch(() => undefined);
    await this.flush();
  }
}
