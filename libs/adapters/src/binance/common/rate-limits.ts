import type { AdapterMetrics } from '../../core/metrics.js';
import { TokenBucket, type RateLimitPolicy } from '../../core/rate-limiter.js';
import { sleep } from '../../core/rest-client.js';

/**
 * One of Binance's limits: a weight or order count per fixed interval, which the venue reports in
 * a response header after every request (X-MBX-USED-WEIGHT-1M, X-MBX-ORDER-COUNT-10S, ...).
 */
export interface BinanceLimit {
  /** The header that reports it, lower case (undici lower-cases header names). */
  readonly header: string;
  readonly capacity: number;
  readonly intervalMs: number;
  /** 'weight': every request draws its weight; 'orders': order placements draw 1. */
  readonly counts: 'weight' | 'orders';
}

/** A market's REST limits as Binance documents them. */
export interface BinanceLimitTable {
  readonly limits: readonly BinanceLimit[];
  /** "METHOD /path" -> request weight (a request the table does not name weighs 1). */
  readonly weights: Readonly<Record<string, number>>;
  /** Endpoints that count against the order limits. */
  readonly orderEndpoints: ReadonlySet<string>;
}

interface Tracked {
  readonly limit: BinanceLimit;
  readonly bucket: TokenBucket;
  /** The venue's own count in the window that started at `window` (ms), as it last said. */
  reported: number;
  window: number;
}

/**
 * Binance's REST limits, respected two ways: our own token buckets sized as documented (so one
 * process never outruns them), and the counts the venue reports in its headers after every answer,
 * which include what other processes on the same IP or account spent: a request that would take a
 * reported count past its limit waits for the venue's next window instead of drawing a 429 (or,
 * repeated, an IP ban). The reported counts are kept in metrics.venueLimitUsage.
 */
export class BinanceRateLimits implements RateLimitPolicy {
  private readonly tracked: Tracked[];

  constructor(
    private readonly table: BinanceLimitTable,
    private readonly metrics: AdapterMetrics,
    private readonly now: () => number = Date.now,
  ) {
    this.tracked = table.limits.map((limit) => ({ limit, bucket: new TokenBucket(limit.capacity, limit.intervalMs, now), reported: 0, window: 0 }));
  }

  async acquire(method: string, path: string, _scope?: string, weight?: number): Promise<void> {
    const endpoint = `${method} ${path}`;
    const draws = { weight: weight ?? this.table.weights[endpoint] ?? 1, orders: this.table.orderEndpoints.has(endpoint) ? 1 : 0 };
    for (const tracked of this.tracked) {
      const draw = draws[tracked.limit.counts];
      if (draw === 0) continue;
      await this.waitForVenueWindow(tracked, draw);
      await tracked.bucket.acquire(Math.min(draw, tracked.limit.capacity));
      // Counted here too, so requests sent before the next answer arrives see each other.
      tracked.reported += draw;
    }
  }

  endpointOf(method: string, path: string): string | undefined {
    const endpoint = `${method} ${path}`;
    return endpoint in this.table.weights ? endpoint : undefined;
  }

  bucketCount(): number {
    return this.tracked.length;
  }

  observe(headers: Readonly<Record<string, string | string[] | undefined>>): void {
    const now = this.now();
    for (const tracked of this.tracked) {
      const raw = headers[tracked.limit.header];
      const value = Number(Array.isArray(raw) ? raw[0] : raw);
      if (raw === undefined || !Number.isSafeInteger(value) || value < 0) continue;
      tracked.window = windowStart(now, tracked.limit.intervalMs);
      tracked.reported = value;
      this.metrics.venueLimitUsage.set(tracked.limit.header, { used: value, limit: tracked.limit.capacity });
    }
  }

  private async waitForVenueWindow(tracked: Tracked, draw: number): Promise<void> {
    const { intervalMs, capacity } = tracked.limit;
    for (;;) {
      const now = this.now();
      if (windowStart(now, intervalMs) !== tracked.window) {
        tracked.window = windowStart(now, intervalMs);
        tracked.reported = 0;
      }
      if (tracked.reported + draw <= capacity) return;
      // Re-checked at least every quarter second: the clock may be the venue's, and may move.
      await sleep(Math.min(tracked.window + intervalMs - now + 5, 250));
    }
  }
}

/** Binance counts per fixed interval (a minute from :00, ten seconds, a day): the window `now` falls in. */
function windowStart(now: number, intervalMs: number): number {
  return now - (now % intervalMs);
}
