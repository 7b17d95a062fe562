import { reconnectDelayMs, sleep, type Logger } from '@cexgw/adapters';
import type { GatewayServer } from './server.js';

export interface VenueStartOptions {
  /** Starts the venue adapter (symbols, clock, streams); throws while the venue cannot be used. */
  start(): Promise<void>;
  /** True once the service is stopping: no further attempt. */
  isStopping(): boolean;
  readonly logger: Logger;
  /** Says why an attempt failed (default: a warning that the venue is not reachable yet). */
  onFailure?(error: unknown, attempt: number): void;
}

/**
 * The start loop of every service: the process listens at once (NOT_SERVING) and starts its venue
 * adapter, retrying with backoff (0.25 s doubling to 10 s) until the venue answers. Resolves true
 * once started, false when the service stopped first.
 */
export async function startVenueWithRetry(options: VenueStartOptions): Promise<boolean> {
  for (let attempt = 1; !options.isStopping(); attempt++) {
    try {
      await options.start();
      return true;
    } catch (error) {
      if (options.onFailure) options.onFailure(error, attempt);
      else options.logger.warn({ err: (error as Error).message, attempt }, 'venue not reachable yet; retrying');
      await sleep(reconnectDelayMs(attempt, 250, 10_000));
    }
  }
  return false;
}

/** grpc.health.v1: the whole process ("") and each of its services, SERVING or NOT_SERVING together. */
export function setServing(gateway: GatewayServer, serving: boolean, services: readonly string[]): void {
  const status = serving ? 'SERVING' : 'NOT_SERVING';
  gateway.health.setStatus('', status);
  for (const name of services) gateway.health.setStatus(name, status);
}
