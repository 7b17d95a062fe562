import { hitRate } from '@cexgw/adapters';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { venueUp, type DiagnosticsSource } from './diagnostics.js';
import { counterFigure, gaugeFigure, windowSummary } from './prom-figures.js';
import { registerStreamMetrics } from './prom-streams.js';
import { registerTradingMetrics } from './prom-trading.js';

/**
 * The process's Prometheus registry (its own, never prom-client's global one): the figures
 * Diagnostics/GetMetrics serves, read at scrape time, plus prom-client's default process metrics
 * (memory, CPU, event loop lag, GC). Every series carries venue, role and service labels.
 */
export function createMetricsRegistry(source: DiagnosticsSource): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ venue: source.venue, role: source.role, service: `${source.role}-${source.venue}` });
  collectDefaultMetrics({ register: registry });
  const m = source.metrics;

  gaugeFigure(registry, 'cexgw_venue_up', '1 while the process is SERVING and every websocket connection it keeps to the venue is open.', [], () => (venueUp(source) ? 1 : 0));
  gaugeFigure(registry, 'cexgw_venue_ws_connections_open', 'Websocket connections to the venue open now.', [], () => m.wsConnectionsOpen);
  counterFigure(registry, 'cexgw_venue_ws_connections_established_total', 'Websocket connections opened to the venue (reconnects included).', [], () => m.wsConnectionsEstablished);
  counterFigure(registry, 'cexgw_venue_ws_messages_received_total', 'Websocket frames received from the venue.', [], () => m.wsMessagesReceived);
  counterFigure(registry, 'cexgw_venue_ws_messages_malformed_total', 'Venue frames that failed to parse and were dropped.', [], () => m.wsMessagesMalformed);
  counterFigure(registry, 'cexgw_venue_rest_requests_total', 'REST requests sent to the venue (retries included).', [], () => m.restRequests);
  counterFigure(registry, 'cexgw_venue_rest_connections_opened_total', 'TCP connections opened by the REST pool (the rest were reused).', [], () => m.restConnectionsOpened);
  windowSummary(registry, 'cexgw_venue_rest_request_duration_seconds', 'REST request latency to the venue; quantiles over the last 1024 requests.', 1e-3, () => [[{}, m.restLatencyMs]]);
  counterFigure(registry, 'cexgw_venue_errors_total', 'Venue errors by gateway error class (rate_limited, venue_unavailable, venue_ws_error, ...).', ['kind'], () =>
    [...m.errorCounts].map(([kind, count]) => [{ kind }, count] as const),
  );
  gaugeFigure(registry, 'cexgw_venue_limit_used', "The venue's own count of a rate limit's use, as it last reported it (Binance X-MBX-USED-WEIGHT-1M, X-MBX-ORDER-COUNT-10S ...).", ['limit'], () =>
    [...m.venueLimitUsage].map(([limit, usage]) => [{ limit }, usage.used] as const),
  );
  gaugeFigure(registry, 'cexgw_venue_limit_max', 'The documented size of each rate limit the venue reports its count of.', ['limit'], () =>
    [...m.venueLimitUsage].map(([limit, usage]) => [{ limit }, usage.limit] as const),
  );
  counterFigure(registry, 'cexgw_book_resyncs_total', 'Order book resynchronisations (sequence gap at the venue, reconnect).', [], () => m.bookResyncs);
  gaugeFigure(registry, 'cexgw_symbol_cache_hit_ratio', 'Hit rate of the symbol conversion cache, 0..1.', [], () => hitRate(source.symbols.stats));

  registerStreamMetrics(registry, source.streams);
  if (source.trading) registerTradingMetrics(registry, source.trading, source.calls);
  return registry;
}
