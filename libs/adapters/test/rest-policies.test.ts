import { describe, expect, it } from 'vitest';
import { GatewayError, toGatewayError } from '../src/core/errors.js';
import { TokenBucket } from '../src/core/rate-limiter.js';
import { encodeQuery } from '../src/core/rest-client.js';
import { ExponentialBackoff } from '../src/core/retry.js';

describe('ExponentialBackoff', () => {
  const backoff = new ExponentialBackoff({ maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5 });
  const retryable = new GatewayError('venue_unavailable', 'down');

  it('retries retryable errors of idempotent requests with growing delays', () => {
    expect(backoff.nextDelayMs(retryable, 1, true)).toBe(50);
    expect(backoff.nextDelayMs(retryable, 2, true)).toBe(100);
    expect(backoff.nextDelayMs(retryable, 3, true)).toBeUndefined();
  });

  it('never retries a non-idempotent request or a non-retryable error', () => {
    expect(backoff.nextDelayMs(retryable, 1, false)).toBeUndefined();
    expect(backoff.nextDelayMs(new GatewayError('invalid_argument', 'bad'), 1, true)).toBeUndefined();
  });

  it('waits at least what the venue asked', () => {
    const limited = new GatewayError('rate_limited', 'slow down', { retryAfterMs: 900 });
    expect(backoff.nextDelayMs(limited, 1, true)).toBe(900);
  });
});

describe('TokenBucket', () => {
  it('lets capacity through at once, then paces by the refill rate', () => {
    let now = 0;
    const bucket = new TokenBucket(2, 1000, () => now);
    let granted = 0;
    for (let i = 0; i < 3; i++) void bucket.acquire().then(() => granted++);
    return Promise.resolve().then(async () => {
      await Promise.resolve();
      expect(granted).toBe(2);
      now = 500;
      expect(bucket.available()).toBeCloseTo(1);
    });
  });
});

describe('errors', () => {
  it('classifies network failures as venue_unavailable and timeouts as timeout', () => {
    expect(toGatewayError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })).kind).toBe('venue_unavailable');
    expect(toGatewayError(Object.assign(new Error('x'), { code: 'UND_ERR_HEADERS_TIMEOUT' })).kind).toBe('timeout');
    expect(toGatewayError(new Error('boom')).kind).toBe('internal');
  });

  it('encodes queries in the given order, skipping undefined', () => {
    expect(encodeQuery({ currency_pair: 'BTC_USDT', limit: 10, with_id: true, x: undefined })).toBe('currency_pair=BTC_USDT&limit=10&with_id=true');
  });
});
