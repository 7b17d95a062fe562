import { tooMuchWeight } from './rest-errors.js';

/**
 * A venue's request-weight and order counters per fixed window, reported after every request in
 * X-MBX-USED-WEIGHT-1M and X-MBX-ORDER-COUNT-* headers, and enforced: a request past the weight
 * limit is refused with 429 / -1003 (the venue would go on to ban the IP with 418).
 */
export interface CountedLimit {
  readonly header: string;
  readonly capacity: number;
  readonly intervalMs: number;
}

export class RequestCounters {
  private readonly counts = new Map<string, { window: number; used: number }>();

  constructor(
    private readonly weight: CountedLimit,
    private readonly orders: readonly CountedLimit[],
    private readonly now: () => number,
  ) {}

  /** Counts a request of `weight` (and an order when `order`); throws -1003 past the weight limit. Returns the headers to send. */
  count(weight: number, order: boolean): Record<string, string> {
    const headers: Record<string, string> = {};
    const used = this.add(this.weight, weight);
    headers[this.weight.header] = String(used);
    if (used > this.weight.capacity) throw tooMuchWeight(this.weight.capacity);
    for (const limit of this.orders) headers[limit.header] = String(this.add(limit, order ? 1 : 0));
    return headers;
  }

  private add(limit: CountedLimit, amount: number): number {
    const now = this.now();
    const window = now - (now % limit.intervalMs);
    let entry = this.counts.get(limit.header);
    if (!entry || entry.window !== window) this.counts.set(limit.header, (entry = { window, used: 0 }));
    entry.used += amount;
    return entry.used;
  }
}
