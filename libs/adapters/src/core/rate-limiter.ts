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

  /** Full and nobody waiting: indistinguishable from a new bucket, so it may be dropped. */
  idle(): boolean {
    return this.waiters.length === 0 && this.available() >= this.capacity;
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

/** A token bucket's size: `capacity` weight per `intervalMs`. */
export interface BucketLimit {
  readonly capacity: number;
  readonly intervalMs: number;
  /**
   * Whose bucket it is: one for every endpoint that draws on it ('shared', the default: MEXC's
   * IP weight), one per declared endpoint ('endpoint': Gate's "200 requests per 10 s per
   * endpoint"), or one per scope the request names ('scope': Gate's spot placement, per market).
   */
  readonly per?: 'shared' | 'endpoint' | 'scope';
}

/** Weight taken from each named bucket by one request. */
export type Draws = Readonly<Record<string, number>>;

/** A venue's REST limits as it documents them. */
export interface RateLimitTable {
  readonly buckets: Readonly<Record<string, BucketLimit>>;
  /** "METHOD /route/{param}" -> draws. `{name}` stands for one path segment (an order id, a contract). */
  readonly endpoints: Readonly<Record<string, Draws>>;
  /** What a request on a route the table does not declare draws (all such requests count as one endpoint). */
  readonly undeclared: Draws;
}

/** Waits until a request may go under the venue's limits. */
export interface RateLimitPolicy {
  /**
   * `scope` picks the bucket of 'scope' limits (Gate: the market of a spot order); `weight` is the
   * request's cost where the venue prices it by its parameters (Binance's depth by `limit`).
   */
  acquire(method: string, path: string, scope?: string, weight?: number): Promise<void>;
  /** Sees every answer's headers, where a venue reports how much of its limits is used (Binance). */
  observe?(headers: Readonly<Record<string, string | string[] | undefined>>): void;
  /** The declared endpoint a request counts against ("DELETE /spot/orders/{order_id}"); undefined when undeclared. */
  endpointOf(method: string, path: string): string | undefined;
  /** Buckets held right now (bounded: declared endpoints, and scopes in use). */
  bucketCount(): number;
}

/** Idle scoped buckets are dropped once more than this many exist. */
const SCOPED_BUCKETS_KEPT = 256;

/** One bucket per scope value (a market); idle ones are forgotten, since a new bucket is the same. */
class ScopedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly limit: BucketLimit,
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.buckets.size;
  }

  get(scope: string): TokenBucket {
    let bucket = this.buckets.get(scope);
    if (bucket) return bucket;
    if (this.buckets.size >= SCOPED_BUCKETS_KEPT) {
      for (const [key, held] of this.buckets) if (held.idle()) this.buckets.delete(key);
    }
    bucket = new TokenBucket(this.limit.capacity, this.limit.intervalMs, this.now);
    this.buckets.set(scope, bucket);
    return bucket;
  }
}

interface Draw {
  readonly bucket: TokenBucket | ScopedBuckets;
  readonly weight: number;
}

interface Endpoint {
  readonly name: string;
  readonly draws: readonly Draw[];
}

/**
 * Rate limits keyed by declared endpoint (a route template), never by the raw path: an order id
 * in the path must not give each cancel its own bucket. A request may draw on several buckets
 * (its endpoint's own and account-wide ones); it goes when all of them allow.
 */
export function endpointLimits(table: RateLimitTable, now: () => number = Date.now): RateLimitPolicy {
  const shared = new Map<string, TokenBucket | ScopedBuckets>();
  const owned: Array<TokenBucket | ScopedBuckets> = [];

  function bucketFor(name: string, endpoint: string): TokenBucket | ScopedBuckets {
    const limit = table.buckets[name];
    if (!limit) throw new Error(`rate limit table: ${endpoint} draws on undeclared bucket ${name}`);
    if (limit.per === 'endpoint') {
      const bucket = new TokenBucket(limit.capacity, limit.intervalMs, now);
      owned.push(bucket);
      return bucket;
    }
    let bucket = shared.get(name);
    if (!bucket) shared.set(name, (bucket = limit.per === 'scope' ? new ScopedBuckets(limit, now) : new TokenBucket(limit.capacity, limit.intervalMs, now)));
    return bucket;
  }

  // A request waits on its narrow buckets (its endpoint's, its market's) before it takes from the
  // shared ones, so a request held back by its own limit holds no shared budget while it waits.
  function compile(name: string, draws: Draws): Endpoint {
    const narrowFirst = Object.entries(draws).sort(([a], [b]) => Number(isShared(a)) - Number(isShared(b)));
    return { name, draws: narrowFirst.map(([bucket, weight]) => ({ bucket: bucketFor(bucket, name), weight })) };
  }

  function isShared(bucket: string): boolean {
    const per = table.buckets[bucket]?.per;
    return per === undefined || per === 'shared';
  }

  const exact = new Map<string, Endpoint>();
  const templated: Array<{ method: string; pattern: RegExp; endpoint: Endpoint }> = [];
  for (const [name, draws] of Object.entries(table.endpoints)) {
    const [method, route] = name.split(' ') as [string, string];
    const endpoint = compile(name, draws);
    if (!route.includes('{')) exact.set(name, endpoint);
    else templated.push({ method, pattern: new RegExp(`^${route.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}/]+\}/g, '[^/]+')}$`), endpoint });
  }
  const undeclared = compile('undeclared', table.undeclared);

  function find(method: string, path: string): Endpoint | undefined {
    const hit = exact.get(`${method} ${path}`);
    if (hit) return hit;
    for (const entry of templated) if (entry.method === method && entry.pattern.test(path)) return entry.endpoint;
    return undefined;
  }

  return {
    async acquire(method, path, scope = '') {
      for (const { bucket, weight } of (find(method, path) ?? undeclared).draws) {
        await (bucket instanceof ScopedBuckets ? bucket.get(scope) : bucket).acquire(weight);
      }
    },
    endpointOf(method, path) {
      return find(method, path)?.name;
    },
    bucketCount() {
      let count = owned.length;
      for (const bucket of shared.values()) count += bucket instanceof ScopedBuckets ? bucket.size : 1;
      return count;
    },
  };
}
