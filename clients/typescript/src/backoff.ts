export interface BackoffOptions {
  /** First delay after a failure, ms. Default 100. */
  readonly initialMs?: number;
  /** Longest delay, ms. Default 5000. */
  readonly maxMs?: number;
}

/**
 * Exponential backoff with full jitter, so that many clients of one restarted service do not
 * come back in step. `reset()` after a success starts again from `initialMs`.
 */
export class Backoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private attempt = 0;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 100;
    this.maxMs = options.maxMs ?? 5_000;
  }

  /** The delay before the next attempt. */
  next(): number {
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.attempt++, 20));
    return this.initialMs / 2 + Math.random() * (ceiling - this.initialMs / 2);
  }

  reset(): void {
    this.attempt = 0;
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
