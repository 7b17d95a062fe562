import type { LatencyWindow } from '@cexgw/adapters';
import { Counter, Gauge, type Metric, type Registry } from 'prom-client';

// Prometheus metrics that READ the gateway's own figures at scrape time (prom-client collect()
// callbacks): the hot paths keep incrementing plain fields and never call prom-client.

export type Labels = Record<string, string>;
/** One sample per label set; a bare number for an unlabelled metric. */
export type Samples = number | Iterable<readonly [Labels, number]>;

function samples(read: Samples): Iterable<readonly [Labels, number]> {
  return typeof read === 'number' ? [[{}, read]] : read;
}

/** A gauge whose value(s) are read at scrape time. */
export function gaugeFigure(registry: Registry, name: string, help: string, labelNames: readonly string[], read: () => Samples): void {
  new Gauge({
    name,
    help,
    labelNames,
    registers: [registry],
    collect(this: Gauge) {
      this.reset();
      for (const [labels, value] of samples(read())) this.set(labels, value);
    },
  });
}

/** A counter whose value(s), kept elsewhere as monotonic totals, are read at scrape time. */
export function counterFigure(registry: Registry, name: string, help: string, labelNames: readonly string[], read: () => Samples): void {
  new Counter({
    name,
    help,
    labelNames,
    registers: [registry],
    collect(this: Counter) {
      this.reset();
      for (const [labels, value] of samples(read())) this.inc(labels, value);
    },
  });
}

const QUANTILES = [0.5, 0.9, 0.99] as const;
const PERCENTILES = QUANTILES.map((q) => q * 100);

/**
 * A Prometheus summary over LatencyWindows: quantiles over each window's recent samples, _sum
 * and _count over every sample since start, converted by `scale` (e.g. ms -> seconds). Windows
 * with no sample yet are left out.
 */
export function windowSummary(registry: Registry, name: string, help: string, scale: number, read: () => Iterable<readonly [Labels, LatencyWindow]>): void {
  const metric = {
    name,
    help,
    type: 'summary',
    aggregator: 'sum',
    get() {
      const values: Array<{ labels: Labels; value: number; metricName?: string }> = [];
      for (const [labels, window] of read()) {
        if (window.count === 0) continue;
        window.percentiles(PERCENTILES).forEach((value, i) => values.push({ labels: { ...labels, quantile: String(QUANTILES[i]) }, value: value * scale }));
        values.push({ labels, value: window.sum() * scale, metricName: `${name}_sum` });
        values.push({ labels, value: window.count, metricName: `${name}_count` });
      }
      return { name, help, type: 'summary', aggregator: 'sum', values };
    },
    reset() {},
  };
  registry.registerMetric(metric as unknown as Metric);
}
