import type * as grpc from '@grpc/grpc-js';
import { hitRate, type AdapterMetrics, type HealthReport, type SymbolMapper } from '@cexgw/adapters';
import type { DiagnosticsHandlers } from './generated/cexgw/v1/Diagnostics.js';
import type { Metrics } from './generated/cexgw/v1/Metrics.js';
import type { StreamStatsRegistry } from './stream-stats.js';

export interface DiagnosticsSource {
  readonly venue: string;
  readonly role: 'market-data' | 'trading';
  readonly metrics: AdapterMetrics;
  readonly symbols: SymbolMapper;
  readonly streams: StreamStatsRegistry;
  health(): Promise<HealthReport>;
}

const startedAt = Date.now();

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
    })),
    book_resyncs: m.bookResyncs,
    ws_messages_received: m.wsMessagesReceived,
    ws_messages_malformed: m.wsMessagesMalformed,
    rest_requests: m.restRequests,
    uptime_s: (Date.now() - startedAt) / 1000,
    rss_bytes: process.memoryUsage.rss(),
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
