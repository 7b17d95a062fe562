import { connectionOptions, flag, HELP_OPTION, JSON_OPTION, TIMEOUT_OPTION } from '../args.js';
import { MARKET_DATA_ADDRESS } from '../default-addresses.js';
import type { Command } from '../command.js';
import { targetFrom } from '../connection.js';
import { jsonLine } from '../format.js';
import type { MetricsMsg } from '../messages.js';
import { unary } from '../rpc.js';
import { renderTable } from '../table.js';

const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`;
const fixed = (value: number, places: number) => value.toFixed(places);

/** Diagnostics/GetMetrics as a readable report: the process, its venue connection, each stream. */
export function renderMetrics(m: MetricsMsg): string {
  const mib = (Number(m.rss_bytes) / 2 ** 20).toFixed(1);
  const figures: Array<[string, string]> = [
    ['ws connections established', m.ws_connections_established],
    ['ws messages received', m.ws_messages_received],
    ['ws messages malformed', m.ws_messages_malformed],
    ['rest requests', m.rest_requests],
    ['rest latency avg (ms)', fixed(m.rest_request_latency_avg_ms, 2)],
    ['connection reuse rate', percent(m.connection_reuse_rate)],
    ['symbol cache hit rate', percent(m.cache_hit_rate)],
    ['book resyncs', m.book_resyncs],
    ...Object.entries(m.error_counts_by_type)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([kind, count]): [string, string] => [`errors: ${kind}`, count]),
  ];
  const out = [`venue ${m.venue}  role ${m.role}  uptime ${fixed(m.uptime_s, 1)} s  rss ${mib} MiB`, '', renderTable(['metric', 'value'], figures, ['left', 'right'])];
  if (m.streams.length > 0) {
    const rows = [...m.streams]
      .sort((a, b) => a.stream.localeCompare(b.stream))
      .map((s) => [s.stream, String(s.subscribers), s.messages, fixed(s.latency_avg_us, 1), fixed(s.latency_p99_us, 1), s.max_queue_depth, s.slow_consumer_events]);
    const headers = ['stream', 'subscribers', 'messages', 'latency avg (us)', 'latency p99 (us)', 'max queue', 'slow consumers'];
    out.push(renderTable(headers, rows, ['left', 'right', 'right', 'right', 'right', 'right', 'right']));
  } else {
    out.push('no streams\n');
  }
  return out.join('\n');
}

export const metricsCommand: Command = {
  name: 'metrics',
  summary: "the process's figures (Diagnostics/GetMetrics) as a table; --json prints them raw",
  synopsis: '[--addr <host:port>] [--json]',
  options: { ...connectionOptions(MARKET_DATA_ADDRESS), ...TIMEOUT_OPTION, ...JSON_OPTION, ...HELP_OPTION },
  notes: ['example:', '  cexgw metrics --addr 127.0.0.1:50062'],
  async run(values, io) {
    const metrics = await unary<MetricsMsg>(targetFrom(values, io.env, 'metrics'), 'Diagnostics', 'GetMetrics', {});
    io.stdout.write(flag(values, 'json') ? jsonLine(metrics) : renderMetrics(metrics));
    return 0;
  },
};
