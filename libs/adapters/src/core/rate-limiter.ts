/**
 * A token bucket: `capacity` requests per `intervalMs`, refilled continuously. acquire()
 * resolves when the request may go; waiters are served in order so none starves.
 */
export class TokenBucket {
  private tokens: number;
  private lastRefill: number;
  private readonly waiters: Array<{ weight: number; resolve: () => void }> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly capacity: number,
    readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.lastRefill = now();
  }

  /** Takes `weight` tokens, waiting for them if needed. */
  acquire(weight = 1): Promise<void> {
    this.refill();
    if (this.waiters.length === 0 && this.tokens >= weight) {
      this.tokens -= weight;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiters.push({ weight, resolve });
      this.schedule();
    });
  }

  /** Tokens available right now (for diagnostics and tests). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  private refill(): void {
    const now = this.now();
    const elapsed = now - this.lastRefill;
    if (elapsed <= 0) return;
    this.tokens = Math.min(this.capacity, this.tokens + (elapsed * this.capacity) / this.intervalMs);
    this.lastRefill = now;
  }

  private schedule(): void {
    if (this.timer) return;
    const head = this.waiters[0];
    if (!head) return;
    const deficit = Math.max(0, head.weight - this.tokens);
    const waitMs = Math.ceil((deficit * this.intervalMs) / this.capacity);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, waitMs);
    this.timer.unref?.();
  }

  private drain(): void {
    this.refill();
    while (this.waiters.length > 0 && this.tokens >= this.waiters[0]!.weight) {
      const next = this.waiters.shift()!;
      this.tokens -= next.weight;
      next.resolve();
    }
    this.schedule();
  }
}

/** Waits until a request may go under the venue's limits. */
export interface RateLimitPolicy {
  acquire(method: string, path: string): Promise<void>;
}

/**
 * One bucket per endpoint, `capacity` weight per `intervalMs` each, as both Gate.io and MEXC
 * document their IP limits; a request takes its endpoint's weight (1 unless listed).
 */
export function perEndpointLimits(capacity: number, intervalMs: number, weights: Readonly<Record<string, number>> = {}): RateLimitPolicy {
  const buckets = new Map<string, TokenBucket>();
  return {
    acquire(method, path) {
      const key = `${method} ${path}`;
      let bucket = buckets.get(key);
      if (!bucket) buckets.set(key, (bucket = new TokenBucket(capacity, intervalMs)));
      return bucket.acquire(weights[path] ?? 1);
    },
  };
}
