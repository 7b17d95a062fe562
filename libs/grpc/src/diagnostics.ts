import type * as grpc from '@grpc/grpc-js';
import { hitRate, type AdapterMetrics, type HealthReport, type LatencyWindow, type SymbolMapper } from '@cexgw/adapters';
import type { CallCounters } from './call-counters.js';
import type { DiagnosticsHandlers } from './generated/cexgw/v1/Diagnostics.js';
import type { Metrics } from './generated/cexgw/v1/Metrics.js';
import type { TradingMetrics } from './generated/cexgw/v1/TradingMetrics.js';
import type { StreamStatsRegistry } from './stream-stats.js';

/** A trading process's own figures, read live (getters) by Diagnostics and the Prometheus endpoint. */
export interface TradingFigures {
  /** Orders sent to the venue. */
  readonly placements: number;
  readonly inFlight: number;
  readonly fills: {
    readonly received: number;
    readonly journaled: number;
    readonly duplicates: number;
    readonly recovered: number;
    readonly recoveries: number;
    readonly writeErrors: number;
    readonly lastCursor: number;
  };
  readonly journalAppendLatencyMs: LatencyWindow;
  readonly killSwitchEngaged: boolean;
}

export interface DiagnosticsSource {
  readonly venue: string;
  readonly role: 'market-data' | 'trading';
  readonly metrics: AdapterMetrics;
  readonly symbols: SymbolMapper;
  readonly streams: StreamStatsRegistry;
  health(): Promise<HealthReport>;
  /** True once the venue adapter has started (the process is SERVING). Default: true. */
  isReady?(): boolean;
  /** RPC outcomes (trading processes). */
  readonly calls?: CallCounters;
  readonly trading?: TradingFigures;
}

const startedAt = Date.now();

/** SERVING, with every websocket connection the adapter keeps open. */
export function venueUp(source: DiagnosticsSource): boolean {
  const m = source.metrics;
  return (source.isReady?.() ?? true) && m.wsConnectionsOpen >= m.wsConnectionsWanted;
}

function tradingMetrics(source: DiagnosticsSource): TradingMetrics | null {
  const t = source.trading;
  if (!t) return null;
  return {
    order_placements: t.placements,
    orders_in_flight: t.inFlight,
    calls: source.calls?.toRecord() ?? {},
    fills_received: t.fills.received,
    fills_journaled: t.fills.journaled,
    fills_duplicate: t.fills.duplicates,
    fills_recovered: t.fills.recovered,
    fill_recoveries: t.fills.recoveries,
    journal_write_errors: t.fills.writeErrors,
    last_fill_cursor: t.fills.lastCursor,
    journal_append_latency_avg_ms: t.journalAppendLatencyMs.mean(),
    journal_append_latency_p99_ms: t.journalAppendLatencyMs.percentile(99),
    kill_switch_engaged: t.killSwitchEngaged,
  };
}

export function collectMetrics(source: DiagnosticsSource): Metrics {
  const m = source.metrics;
  return {
    venue: source.venue,
    role: source.role,
    ws_connections_established: m.wsConnectionsEstablished,
    rest_request_latency_avg_ms: m.restLatencyMs.mean(),
    cache_hit_rate: hitRate(source.symbols.stats),
    error_counts_by_type: Object.fromEntries(m.errorCounts),
    connection_reuse_rate: m.connectionReuseRate(),
    streams: [...source.streams.entries()].map(([stream, stats]) => ({
      stream,
      subscribers: stats.subscribers,
      messages: stats.messages,
      latency_avg_us: stats.latencyUs.mean(),
      latency_p99_us: stats.latencyUs.percentile(99),
      max_queue_depth: stats.maxQueueDepth(),
      slow_consumer_events: stats.slowConsumerEvents,
      avg_queue_depth: stats.avgQueueDepth(),
    })),
    book_resyncs: m.bookResyncs,
    ws_messages_received: m.wsMessagesReceived,
    ws_messages_malformed: m.wsMessagesMalformed,
    rest_requests: m.restRequests,
    uptime_s: (Date.now() - startedAt) / 1000,
    rss_bytes: process.memoryUsage.rss(),
    ws_connections_open: m.wsConnectionsOpen,
    venue_up: venueUp(source),
    rest_connections_opened: m.restConnectionsOpened,
    rest_request_latency_p99_ms: m.restLatencyMs.percentile(99),
    trading: tradingMetrics(source),
  };
}

export function diagnosticsHandlers(source: DiagnosticsSource): DiagnosticsHandlers {
  return {
    GetMetrics(_call, callback) {
      callback(null, collectMetrics(source));
    },
    GetHealth(_call, callback: grpc.sendUnaryData<object>) {
      source.health().then(
        (h) =>
          callback(null, {
            venue: source.venue,
            rest_connectivity: h.restConnectivity,
            websocket_connectivity: h.websocketConnectivity,
            authentication: h.authentication,
            exchange_specific_features: h.exchangeSpecificFeatures,
            detail: h.detail,
          }),
        (error: Error) => callback({ code: 13, details: error.message }, null),
      );
    },
  };
}
