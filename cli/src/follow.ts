import type { GatewayError } from '@cexgw/client';

// Running a following SDK object (BookFollower, CrossVenueBook) as a command: until the command
// has printed enough, Ctrl-C, or a permanent error. The first subscription failing is reported at
// once (exit 1) instead of retried forever; once following, breaks are retried by the SDK.

export interface Followed {
  on(event: 'failed', listener: (...args: never[]) => void): unknown;
  on(event: 'stale', listener: (...args: never[]) => void): unknown;
  off(event: 'failed' | 'stale', listener: (...args: never[]) => void): unknown;
}

export interface Following {
  /** Ends the command (exit 0). */
  readonly finish: () => void;
}

/**
 * Calls `begin(following)` and resolves when it calls finish() or on SIGINT/SIGTERM; rejects with
 * the SDK's GatewayError on `failed`, or on a `stale` with an error while `everLive()` is false.
 */
export function followUntil(source: Followed, everLive: () => boolean, begin: (following: Following) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      process.off('SIGINT', finish);
      process.off('SIGTERM', finish);
      source.off('failed', onFailed);
      source.off('stale', onStale);
    };
    function finish() {
      cleanup();
      resolve();
    }
    function onFailed(...args: unknown[]) {
      cleanup();
      reject(args.find((a): a is GatewayError => a instanceof Error) ?? new Error('following failed'));
    }
    function onStale(...args: unknown[]) {
      const error = args.find((a) => a instanceof Error);
      if (error && !everLive()) onFailed(error);
    }
    process.once('SIGINT', finish);
    process.once('SIGTERM', finish);
    source.on('failed', onFailed);
    source.on('stale', onStale);
    begin({ finish });
  });
}
