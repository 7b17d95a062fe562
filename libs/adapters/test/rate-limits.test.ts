import { describe, expect, it } from 'vitest';
import { endpointLimits, type RateLimitPolicy } from '../src/core/rate-limiter.js';
import { GATEIO_FUTURES_PRIVATE_RATE_LIMITS, GATEIO_FUTURES_PUBLIC_RATE_LIMITS } from '../src/gateio/futures/rate-limits.js';
import { GATEIO_SPOT_PRIVATE_RATE_LIMITS, GATEIO_SPOT_PUBLIC_RATE_LIMITS } from '../src/gateio/spot/rate-limits.js';
import { MEXC_SPOT_RATE_LIMITS } from '../src/mexc/spot/rate-limits.js';

// Rate limits keyed by declared endpoint (route template), with the venues' documented limits
// and weights (sources in the tables). The clock is frozen, so nothing refills unless a test
// moves it: what is granted at once is exactly what the buckets hold.

/** Fires `count` requests and reports how many were let through before anything refilled. */
async function granted(policy: RateLimitPolicy, count: number, request: (i: number) => [method: string, path: string, scope?: string]): Promise<number> {
  let through = 0;
  for (let i = 0; i < count; i++) void policy.acquire(...request(i)).then(() => through++);
  for (let i = 0; i < 10; i++) await Promise.resolve();
  return through;
}

describe('endpoint limits', () => {
  it('counts cancels of different orders against one endpoint: an order id in the path is not a new bucket', async () => {
    const policy = endpointLimits(GATEIO_SPOT_PRIVATE_RATE_LIMITS, () => 0);
    expect(await granted(policy, 201, (i) => ['DELETE', `/spot/orders/${1000 + i}`])).toBe(200);
    const buckets = policy.bucketCount();
    await granted(policy, 10_000, (i) => ['GET', `/spot/orders/${i}`]);
    expect(policy.bucketCount()).toBe(buckets);
  });

  it('limits Gate spot placement to 10 per second per market, each market on its own', async () => {
    const policy = endpointLimits(GATEIO_SPOT_PRIVATE_RATE_LIMITS, () => 0);
    expect(await granted(policy, 11, () => ['POST', '/spot/orders', 'BTC_USDT'])).toBe(10);
    expect(await granted(policy, 11, () => ['POST', '/spot/orders', 'ETH_USDT'])).toBe(10);
    // Placements and cancels are separate budgets; reads have their own 200 per 10 s.
    expect(await granted(policy, 5, (i) => ['DELETE', `/spot/orders/${i}`])).toBe(5);
    expect(await granted(policy, 201, () => ['GET', '/spot/accounts'])).toBe(200);
  });

  it('forgets idle per-market buckets, so trading many markets over time holds a bounded number', async () => {
    let now = 0;
    const policy = endpointLimits(GATEIO_SPOT_PRIVATE_RATE_LIMITS, () => now);
    for (let market = 0; market < 2_000; market++) {
      if (market % 100 === 0) now += 1_000; // a second later every earlier market's bucket is full again
      await policy.acquire('POST', '/spot/orders', `M${market}_USDT`);
    }
    expect(policy.bucketCount()).toBeLessThan(400);
  });

  it('limits Gate futures placement to 100 and cancels to 200 per second', async () => {
    const policy = endpointLimits(GATEIO_FUTURES_PRIVATE_RATE_LIMITS, () => 0);
    expect(await granted(policy, 101, () => ['POST', '/futures/usdt/orders'])).toBe(100);
    expect(await granted(policy, 201, (i) => ['DELETE', `/futures/usdt/orders/${i}`])).toBe(200);
  });

  it('draws MEXC weights from one IP budget of 500 per 10 s, and GET /api/v3/account at most 2 per second', async () => {
    const policy = endpointLimits(MEXC_SPOT_RATE_LIMITS, () => 0);
    expect(await granted(policy, 3, () => ['GET', '/api/v3/account'])).toBe(2); // weight 10 each: 20 of the 500
    expect(await granted(policy, 160, () => ['GET', '/api/v3/openOrders'])).toBe(160); // weight 3: 480
    expect(await granted(policy, 1, () => ['GET', '/api/v3/order'])).toBe(0); // weight 2: the IP budget is spent
  });

  it('matches a path to its route template segment by segment, and counts an undeclared route as one endpoint', () => {
    const futures = endpointLimits(GATEIO_FUTURES_PRIVATE_RATE_LIMITS, () => 0);
    expect(futures.endpointOf('DELETE', '/futures/usdt/orders/t-abc')).toBe('DELETE /futures/usdt/orders/{order_id}');
    expect(futures.endpointOf('GET', '/futures/usdt/positions/BTC_USDT')).toBe('GET /futures/usdt/positions/{contract}');
    expect(futures.endpointOf('POST', '/futures/usdt/positions/BTC_USDT/leverage')).toBe('POST /futures/usdt/positions/{contract}/leverage');
    expect(futures.endpointOf('GET', '/futures/usdt/orders')).toBe('GET /futures/usdt/orders');
    expect(futures.endpointOf('PUT', '/futures/usdt/orders/1')).toBeUndefined();
    const spot = endpointLimits(GATEIO_SPOT_PUBLIC_RATE_LIMITS, () => 0);
    expect(spot.endpointOf('GET', '/spot/order_book')).toBe('GET /spot/order_book');
    expect(spot.endpointOf('GET', '/spot/currency_pairs/BTC_USDT')).toBeUndefined();
    expect(endpointLimits(GATEIO_FUTURES_PUBLIC_RATE_LIMITS).endpointOf('GET', '/futures/usdt/contracts')).toBe('GET /futures/usdt/contracts');
  });

  it('holds undeclared routes to one shared allowance instead of one bucket per path', async () => {
    const policy = endpointLimits(GATEIO_SPOT_PUBLIC_RATE_LIMITS, () => 0);
    const before = policy.bucketCount();
    expect(await granted(policy, 250, (i) => ['GET', `/spot/currency_pairs/P${i}_USDT`])).toBe(200);
    expect(policy.bucketCount()).toBe(before);
  });
});
