import type { Registry } from 'prom-client';
import { counterFigure, gaugeFigure, windowSummary, type Labels } from './prom-figures.js';
import { streamKind, type StreamStats, type StreamStatsRegistry } from './stream-stats.js';

/** Per-stream figures, labelled by kind (orderbook, trades, tickers, funding, marks, fills, orders, balances, positions) and symbol ("" when a stream has none). */
export function registerStreamMetrics(registry: Registry, streams: StreamStatsRegistry): void {
  const labelNames = ['kind', 'symbol'];
  const each = <T>(read: (stats: StreamStats) => T) =>
    function* (): Iterable<readonly [Labels, T]> {
      for (const [name, stats] of streams.entries()) yield [streamKind(name), read(stats)];
    };
  gaugeFigure(
    registry,
    'cexgw_stream_subscribers',
    'Clients subscribed to the stream now.',
    labelNames,
    each((s) => s.subscribers),
  );
  counterFigure(
    registry,
    'cexgw_stream_messages_total',
    'Messages handed to subscribers (one per subscriber per message).',
    labelNames,
    each((s) => s.messages),
  );
  gaugeFigure(
    registry,
    'cexgw_stream_queue_depth_max',
    'Messages waiting in the fullest subscriber queue now.',
    labelNames,
    each((s) => s.maxQueueDepth()),
  );
  gaugeFigure(
    registry,
    'cexgw_stream_queue_depth_avg',
    'Mean of the subscriber queue depths now.',
    labelNames,
    each((s) => s.avgQueueDepth()),
  );
  counterFigure(
    registry,
    'cexgw_stream_slow_consumer_events_total',
    'Subscribers that fell behind: orderbook backlog dropped then resynchronised with a snapshot; trades, fills, orders, balances, positions: stream ended RESOURCE_EXHAUSTED; tickers, funding, marks: an update conflated (replaced by a newer one before it was sent).',
    labelNames,
    each((s) => s.slowConsumerEvents),
  );
  windowSummary(
    registry,
    'cexgw_stream_lag_seconds',
    'Stream lag where measured: orderbook from venue frame receipt to the write to gRPC; fills from receipt to the hand-off after the journal commit. Quantiles over the recent samples.',
    1e-6,
    each((s) => s.latencyUs),
  );
}
