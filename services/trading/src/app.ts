import type * as grpc from '@grpc/grpc-js';
import { GatewayError, isFuturesPrivateExchange, reconnectDelayMs, sleep, type FuturesPrivateListener, type Logger, type OrderState, type Position, type PrivateExchange } from '@cexgw/adapters';
import {
  assertSecureListen,
  CallCounters,
  clientTokenInterceptor,
  createGatewayServer,
  diagnosticsHandlers,
  loadCexgw,
  scrubText,
  serverCredentials,
  setServing,
  startVenueWithRetry,
  StreamStatsRegistry,
  type DiagnosticsSource,
  type GatewayServer,
} from '@cexgw/grpc';
import type { TradingConfig } from './config.js';
import { FillPipeline } from './fill-pipeline.js';
import { fenceSends } from './fenced-exchange.js';
import { futuresTradingHandlers } from './futures-trading-service.js';
import type { TradingJournal } from './journal/journal.js';
import { openJournal } from './journal/open-journal.js';
import type { PgLease } from './journal/pg-lease.js';
import { SqliteJournal } from './journal/sqlite-journal.js';
import { KillSwitch } from './kill-switch.js';
import { OrderManager } from './order-manager.js';
import { addActiveAddressTrailer, STANDBY_HEALTH_SERVICE, standbyRefusal, tradingNotReady } from './standby.js';
import { Listeners, type BalanceEvent } from './state-streams.js';
import { tradingHandlers } from './trading-service.js';

// The trading process, wired: journal, kill switch, order manager, fill pipeline, the gRPC
// server (token interceptor, TLS, health, reflection, Diagnostics) and the venue start loop.
// main.ts adds configuration, logging and signals; tests start this directly.
//
// With the PostgreSQL journal the process is one of an active/standby pair: it listens at once
// but stays NOT_SERVING, refusing trading calls with UNAVAILABLE naming the active instance,
// until it holds the journal's lease; then it starts the venue, recovers fills from the
// journal's watermark and serves. Losing the lease deposes it for good: every send is fenced
// from that moment, it reports NOT_SERVING, ends its streams and calls onDeposed (main.ts exits
// so that a supervisor starts it again, as a standby).

/** How long after an unclean stop new client order ids are verified at the venue first. */
const VERIFY_AFTER_UNCLEAN_STOP_MS = 10 * 60_000;

export interface TradingAppOptions {
  readonly config: TradingConfig;
  readonly exchange: PrivateExchange;
  readonly logger: Logger;
  /** Default: the journal config names (SQLite at config.journalPath, or PostgreSQL at config.journalUrl). */
  readonly journal?: TradingJournal;
  /** With an injected journal shared by a pair: the lease that makes this process the active one. */
  readonly lease?: PgLease;
  /** The process lost its lease: it sends nothing more and should be restarted (as a standby). */
  readonly onDeposed?: (reason: string) => void;
  /** Extra server interceptors, after the token check (benchmarks stamp arrivals with one). */
  readonly interceptors?: readonly grpc.ServerInterceptor[];
}

export interface TradingApp {
  readonly port: number;
  readonly gateway: GatewayServer;
  readonly journal: TradingJournal;
  readonly lease: PgLease | undefined;
  readonly orders: OrderManager;
  readonly pipeline: FillPipeline;
  readonly killSwitch: KillSwitch;
  /** What Diagnostics serves; main.ts also exposes it to Prometheus. */
  readonly diagnostics: DiagnosticsSource;
  /** Resolves when the venue adapter has started (health SERVING). */
  readonly ready: Promise<void>;
  isReady(): boolean;
  /** Graceful stop: NOT_SERVING, refuse new orders, finish in-flight ones, end streams, close venue and journal. */
  stop(): Promise<void>;
}

export async function startTradingApp(options: TradingAppOptions): Promise<TradingApp> {
  const { config, logger } = options;
  assertSecureListen(config.address, config.tls);
  const credentials = serverCredentials(config.tls);

  const { journal, lease } = options.journal ? { journal: options.journal, lease: options.lease } : await openJournal(config, logger);
  // Every call that acts at the venue checks the lease first, in the same tick as the send.
  const exchange = lease ? fenceSends(options.exchange, () => lease.assertHeld()) : options.exchange;
  // After an unclean stop of a journal that does not fsync every commit, its newest order
  // records may be gone: for a while, new ids are looked up at the venue before sending.
  let verifyNewIdsUntilMs = 0;
  if (journal instanceof SqliteJournal) {
    logger.info({ path: journal.path, sync: journal.sync, uncleanStop: journal.recoveredFromUncleanStop }, 'fill journal open');
    if (journal.recoveredFromUncleanStop && journal.sync !== 'full') {
      verifyNewIdsUntilMs = Date.now() + VERIFY_AFTER_UNCLEAN_STOP_MS;
      logger.warn({ minutes: VERIFY_AFTER_UNCLEAN_STOP_MS / 60_000 }, 'journal was not closed cleanly: new client order ids are checked at the venue before sending for a while');
    }
  }
  const streams = new StreamStatsRegistry();
  const calls = new CallCounters();
  const killSwitch = new KillSwitch({ engagedAtStart: config.killSwitchAtStart, file: config.killSwitchFile, pollMs: config.killSwitchPollMs });
  const orders = new OrderManager({
    exchange,
    journal,
    killSwitch,
    limits: config.limits,
    placeTimeoutMs: config.placeTimeoutMs,
    resolveGraceMs: config.resolveGraceMs,
    verifyNewIdsUntilMs,
    configuredSymbols: config.recoverySymbols,
    logger,
  });
  const pipeline = new FillPipeline({
    journal,
    exchange,
    recoveryMarginMs: config.recoveryMarginMs,
    recoveryIntervalMs: config.recoveryIntervalMs,
    recoverySymbols: config.recoverySymbols,
    stats: streams.get('fills'),
    logger,
  });
  pipeline.counters.lastCursor = await journal.lastCursor();
  const orderEvents = new Listeners<OrderState>();
  const balanceEvents = new Listeners<BalanceEvent>();
  const positionEvents = new Listeners<Position>();
  const openStreams = new Set<grpc.ServerWritableStream<unknown, unknown>>();
  let ready = false;
  let stopping = false;
  let deposed = false;

  const listener: FuturesPrivateListener = {
    onOrder(state) {
      orderEvents.emit(state);
      void orders.onOrderUpdate(state).catch((error: Error) => logger.warn({ err: error.message }, 'journal order update failed'));
    },
    onFill: (fill) => pipeline.onFill(fill),
    onBalances(balances, timestampMs) {
      balanceEvents.emit({ balances, timestampMs });
    },
    onStreamState(connected, detail) {
      logger.info({ connected, detail }, 'private stream state');
      pipeline.onStreamState(connected, detail);
    },
    onPosition: (position) => positionEvents.emit(position),
  };
  const futures = isFuturesPrivateExchange(exchange) ? exchange : undefined;
  const serviceNames = futures ? ['cexgw.v1.Trading', 'cexgw.v1.FuturesTrading'] : ['cexgw.v1.Trading'];

  const secrets = [config.credentials.apiKey, config.credentials.apiSecret, ...config.clientTokens].filter((secret) => secret.length >= 6);
  const proto = loadCexgw();
  const gateway = createGatewayServer({
    interceptors: [
      clientTokenInterceptor({
        tokens: config.clientTokens,
        onRejected: (event) => logger.warn(event, 'client call refused: no valid client token'),
      }),
      ...(options.interceptors ?? []),
    ],
  });
  // What Trading and FuturesTrading share: the order manager, journal, readiness, streams, scrubbing.
  const shared = {
    orders,
    journal,
    streams,
    queueCapacity: config.streamQueueCapacity,
    venue: exchange.venue,
    isReady: () => ready,
    notReady: () => tradingNotReady(exchange.venue, startRefused),
    refusal: lease ? () => standbyRefusal(exchange.venue, config.advertiseAddress, lease) : undefined,
    openStreams,
    logger,
    logName: 'trading call',
    scrub: (text: string) => scrubText(text, secrets),
    calls,
    addTrailers: addActiveAddressTrailer,
  };
  gateway.server.addService(proto.Trading.service, tradingHandlers({ ...shared, exchange, pipeline, orderEvents, balanceEvents }));
  if (futures) {
    gateway.server.addService(proto.FuturesTrading.service, futuresTradingHandlers({ ...shared, exchange: futures, positionEvents }));
  }
  const diagnostics: DiagnosticsSource = {
    venue: exchange.venue,
    role: 'trading',
    metrics: exchange.metrics,
    symbols: exchange.symbols,
    streams,
    health: () => exchange.health(),
    isReady: () => ready,
    calls,
    trading: {
      get placements() {
        return orders.placements;
      },
      get inFlight() {
        return orders.inFlightCount;
      },
      fills: pipeline.counters,
      journalAppendLatencyMs: pipeline.appendLatencyMs,
      get killSwitchEngaged() {
        return killSwitch.engaged;
      },
    },
  };
  gateway.server.addService(proto.Diagnostics.service, diagnosticsHandlers(diagnostics));
  setServing(gateway, false, serviceNames);
  // A healthy standby is NOT_SERVING for clients, yet fine for a container health check.
  if (lease) gateway.health.setStatus(STANDBY_HEALTH_SERVICE, 'SERVING');

  let port: number;
  try {
    port = await gateway.listen(config.address, credentials);
  } catch (error) {
    await journal.close();
    throw error;
  }
  logger.info({ address: config.address, port, tls: config.tls ? (config.tls.clientCaFile ? 'mutual' : 'on') : 'off' }, 'trading listening');

  // Engaging cancels every open order: at once, then again once placements that were in flight
  // have landed, and again (with backoff) until a pass after those finds nothing it cannot
  // cancel, for as long as the switch stays engaged.
  let sweeping: Promise<void> | undefined;
  function killSwitchSweep(reason: string): void {
    logger.error({ reason }, 'KILL SWITCH ENGAGED: refusing new orders, cancelling every open order');
    if (!ready || sweeping) return; // before ready: the sweep runs once the venue is up
    sweeping = (async () => {
      for (let attempt = 1; killSwitch.engaged && !stopping; attempt++) {
        if (attempt === 2) await orders.settled(config.placeTimeoutMs + 1_000);
        try {
          const result = await orders.cancelAllOpenOrders();
          logger.error({ attempt, ...result }, 'kill switch: open orders cancelled');
          if (attempt >= 2 && result.failed === 0) return;
        } catch (error) {
          logger.error({ attempt, err: (error as Error).message }, 'kill switch: sweep failed; retrying');
        }
        await sleep(attempt === 1 ? 0 : reconnectDelayMs(attempt, 500, 10_000));
      }
    })().finally(() => (sweeping = undefined));
  }
  killSwitch.onChange((engaged, reason) => {
    if (engaged) killSwitchSweep(reason);
    else logger.warn({}, 'kill switch released: new orders are accepted again');
  });
  killSwitch.start();

  let resolver: NodeJS.Timeout | undefined;
  /** Why the venue refuses us (credentials, account set-up), while it does: callers get this instead of a bare "not ready". */
  let startRefused: GatewayError | undefined;
  const stopWaiting = new AbortController();
  lease?.onLost((reason) => depose(reason));
  const readyPromise = (async () => {
    if (lease) {
      logger.info({ advertiseAddress: config.advertiseAddress }, 'standby: waiting for the journal lease');
      try {
        await lease.acquire(stopWaiting.signal);
        gateway.health.setStatus(STANDBY_HEALTH_SERVICE, 'NOT_SERVING');
      } catch (error) {
        if (!stopping) logger.error({ err: (error as Error).message }, 'waiting for the lease failed');
        return;
      }
    }
    const started = await startVenueWithRetry({
      start: async () => {
        await exchange.start(listener);
        startRefused = undefined;
      },
      isStopping: () => stopping,
      logger,
      onFailure: (error, attempt) => {
        const kind = error instanceof GatewayError ? error.kind : undefined;
        if (kind === 'unauthenticated' || kind === 'permission_denied') {
          startRefused = error as GatewayError;
          // Usually configuration, sometimes not (clock skew, a key the venue has not activated yet): retried, loudly.
          logger.error(
            { err: (error as Error).message, venueCode: (error as GatewayError).venueCode, attempt },
            `${exchange.venue} refuses the API credentials: check CEXGW_${exchange.venue.toUpperCase()}_API_KEY / _API_SECRET and the key's permissions; retrying`,
          );
        } else if (kind === 'venue_rejected') {
          // The venue answers but refuses the account as configured (e.g. a futures account in
          // hedge mode): the operator must act; callers are told why until then.
          startRefused = error as GatewayError;
          logger.error({ err: (error as Error).message, venueCode: (error as GatewayError).venueCode, attempt }, `${exchange.venue} cannot be traded as the account is set up; retrying`);
        } else {
          logger.warn({ err: (error as Error).message, attempt }, 'venue not reachable yet; retrying');
        }
      },
    });
    if (!started || stopping || deposed) return;
    ready = true;
    setServing(gateway, true, serviceNames);
    logger.info({ symbols: exchange.listSymbols().length }, 'venue ready: SERVING');
    await orders.resolveOpenRecords().catch((error: Error) => logger.warn({ err: error.message }, 'resolving unknown orders failed'));
    resolver = setInterval(() => void orders.resolveOpenRecords().catch(() => undefined), config.resolveIntervalMs);
    resolver.unref();
    pipeline.start();
    await pipeline.recover('process start').catch((error: Error) => logger.warn({ err: error.message }, 'fill recovery at start failed'));
    if (killSwitch.engaged) killSwitchSweep(killSwitch.reason);
  })();

  /** Closes every open stream with UNAVAILABLE: its client reconnects (fills: from its last cursor). */
  function endStreams(message: string): void {
    for (const call of openStreams) call.emit('error', Object.assign(new Error(message), { code: 14 }));
    openStreams.clear();
  }

  /** Lost the lease: the fence already refuses every send; stop serving, then let main.ts restart us. */
  function depose(reason: string): void {
    if (deposed || stopping) return;
    deposed = true;
    ready = false;
    setServing(gateway, false, [...serviceNames, STANDBY_HEALTH_SERVICE]);
    orders.drain();
    endStreams('this trading instance lost its lease and is no longer the active one; reconnect to the active instance (fills: resume from your last cursor)');
    options.onDeposed?.(reason);
  }

  let stopped: Promise<void> | undefined;
  async function stop(): Promise<void> {
    stopped ??= (async () => {
      stopping = true;
      stopWaiting.abort();
      logger.info({}, 'stopping: no new calls, finishing in-flight placements');
      setServing(gateway, false, serviceNames);
      orders.drain();
      const serverDone = gateway.shutdown(config.shutdownGraceMs + 1_000);
      endStreams('the trading service is shutting down; reconnect (fills: resume from your last cursor)');
      await orders.settled(config.shutdownGraceMs);
      await serverDone;
      if (resolver) clearInterval(resolver);
      killSwitch.stop();
      await exchange.close().catch((error: Error) => logger.warn({ err: error.message }, 'closing the venue adapter failed'));
      await pipeline.close();
      // After the last journal write: a standby may take over on its next look, not a ttl later.
      await lease?.release();
      await journal.close();
      logger.info({}, 'stopped');
    })();
    return stopped;
  }

  return {
    port,
    gateway,
    journal,
    lease,
    orders,
    pipeline,
    killSwitch,
    diagnostics,
    ready: readyPromise,
    isReady: () => ready,
    stop,
  };
}
