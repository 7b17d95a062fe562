/**
 * Latency samples in a fixed ring: bounded memory, O(1) record, percentiles computed only when
 * someone asks (Diagnostics, Prometheus scrape), never on the hot path.
 */
export class LatencyWindow {
  private readonly samples: Float64Array;
  private next = 0;
  private filled = 0;
  private total = 0;
  count = 0;

  constructor(size = 4096) {
    this.samples = new Float64Array(size);
  }

  record(value: number): void {
    this.samples[this.next] = value;
    this.next = (this.next + 1) % this.samples.length;
    if (this.filled < this.samples.length) this.filled++;
    this.total += value;
    this.count++;
  }

  /** Mean over every sample ever recorded. */
  mean(): number {
    return this.count === 0 ? 0 : this.total / this.count;
  }

  /** Sum of every sample ever recorded (with `count`, a Prometheus summary's _sum and _count). */
  sum(): number {
    return this.total;
  }

  /** Percentile (0..100) over the most recent window. */
  percentile(p: number): number {
    if (this.filled === 0) return 0;
    const sorted = this.samples.slice(0, this.filled).sort();
    const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
    return sorted[Math.max(0, index)]!;
  }

  /** Several percentiles over the most recent window, sorting it once. */
  percentiles(ps: readonly number[]): number[] {
    if (this.filled === 0) return ps.map(() => 0);
    const sorted = this.samples.slice(0, this.filled).sort();
    return ps.map((p) => sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))]!);
  }
}

/** Counters every adapter keeps; exposed by Diagnostics and the Prometheus endpoint. */
export class AdapterMetrics {
  wsConnectionsEstablished = 0;
  /** Websocket connections the adapter keeps (started, not closed), and how many of them are open now. */
  wsConnectionsWanted = 0;
  wsConnectionsOpen = 0;
  wsMessagesReceived = 0;
  wsMessagesMalformed = 0;
  restRequests = 0;
  /** New TCP connections opened by the REST pool: reuse rate = 1 - connects / requests. */
  restConnectionsOpened = 0;
  bookResyncs = 0;
  readonly restLatencyMs = new LatencyWindow(1024);
  readonly errorCounts = new Map<string, number>();
  /** Limits the venue reports its own count of (Binance's X-MBX-USED-WEIGHT-1M ...): used and the limit, by name. */
  readonly venueLimitUsage = new Map<string, { used: number; limit: number }>();

  countError(kind: string): void {
    this.errorCounts.set(kind, (this.errorCounts.get(kind) ?? 0) + 1);
  }

  connectionReuseRate(): number {
    if (this.restRequests === 0) return 1;
    return Math.max(0, 1 - this.restConnectionsOpened / this.restRequests);
  }
}
