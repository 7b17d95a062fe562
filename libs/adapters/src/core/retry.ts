import type { GatewayError } from './errors.js';

/** Decides whether and when a failed request is tried again. */
export interface RetryStrategy {
  /** Delay before attempt number `attempt + 1` (attempt counts from 1), or undefined to give up. */
  nextDelayMs(error: GatewayError, attempt: number, idempotent: boolean): number | undefined;
}

export interface BackoffOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Source of randomness for jitter, [0, 1). Injected so tests are deterministic. */
  random?: () => number;
}

/**
 * Exponential backoff with full jitter (delay drawn from [0, base * 2^(attempt-1)], capped),
 * for retryable errors of idempotent requests only: a non-idempotent request (placing an
 * order) is never retried here, since the first attempt may have reached the venue.
 */
export class ExponentialBackoff implements RetryStrategy {
  private readonly random: () => number;

  constructor(private readonly options: BackoffOptions) {
    this.random = options.random ?? Math.random;
  }

  nextDelayMs(error: GatewayError, attempt: number, idempotent: boolean): number | undefined {
    if (!idempotent || !error.retryable || attempt >= this.options.maxAttempts) return undefined;
    const ceiling = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (attempt - 1));
    const jittered = Math.floor(this.random() * ceiling);
    // A venue's Retry-After is a floor, not a suggestion.
    return Math.max(jittered, error.retryAfterMs ?? 0);
  }
}

/** Reconnection delays for long-lived connections: same curve, never gives up. */
export function reconnectDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(ceiling / 2 + (random() * ceiling) / 2);
}
