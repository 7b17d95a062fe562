import { GatewayError } from '@cexgw/adapters';
import type { ServiceError } from '@cexgw/grpc';
import type { PgLease } from './journal/pg-lease.js';

// What a trading process that is not the active one of its pair tells callers: UNAVAILABLE,
// naming the active instance (also in the `cexgw-active-address` trailer, for clients that
// switch by themselves). Its grpc.health.v1 status is NOT_SERVING meanwhile, so a client that
// follows health finds the active one without reading messages.

export const ACTIVE_ADDRESS_TRAILER = 'cexgw-active-address';

/**
 * grpc.health.v1 service name that is SERVING while the instance is a healthy standby (waiting
 * for the lease), so that a container health check (scripts/healthcheck.js) does not report it
 * unhealthy; clients follow the overall status ("") instead.
 */
export const STANDBY_HEALTH_SERVICE = 'cexgw.standby';

export class StandbyError extends GatewayError {
  constructor(
    message: string,
    venue: string,
    /** The active instance's advertised address, "" when none is known. */
    readonly activeAddress: string,
  ) {
    super('venue_unavailable', message, { venue, retryable: true });
  }
}

/** Why this instance refuses trading calls now, or undefined when it is the active one. */
export function standbyRefusal(venue: string, self: string, lease: PgLease): StandbyError | undefined {
  const status = lease.status;
  if (status === 'active') return undefined;
  const active = lease.activeHolder;
  const follow = 'or follow grpc.health.v1: only the active instance reports SERVING';
  if (status === 'lost' || status === 'closed') {
    return new StandbyError(`${venue} trading: this instance (${self}) is no longer the active one and is stopping; reconnect to the active instance, ${follow}`, venue, '');
  }
  if (!active || active.address === self) {
    return new StandbyError(`${venue} trading: this instance (${self}) is the standby and no active instance is known right now (one is taking over); retry in a few seconds, ${follow}`, venue, '');
  }
  return new StandbyError(
    `${venue} trading: this instance (${self}) is the standby; the active instance is ${active.address} (lease epoch ${active.epoch}). Send trading calls there, ${follow}`,
    venue,
    active.address,
  );
}

/** A standby's refusal names the active instance in a trailer too, for clients that switch by themselves. */
export function addActiveAddressTrailer(error: GatewayError, status: ServiceError): void {
  if (error instanceof StandbyError && error.activeAddress) status.metadata?.set(ACTIVE_ADDRESS_TRAILER, error.activeAddress);
}

/**
 * Why trading calls are refused before the venue adapter is up: the venue's refusal of our
 * credentials or account when that is what holds it back, else "not ready yet".
 */
export function tradingNotReady(venue: string, refused: GatewayError | undefined): GatewayError {
  if (refused) {
    const why = refused.kind === 'venue_rejected' ? 'the venue refuses the account as set up' : 'the venue refuses the API credentials';
    return new GatewayError(refused.kind, `${venue} trading is not ready: ${why} (${refused.message})`, {
      venue,
      venueCode: refused.venueCode,
      venueMessage: refused.venueMessage,
      httpStatus: refused.httpStatus,
    });
  }
  return new GatewayError('venue_unavailable', `${venue} trading is not ready yet (starting or reconnecting to the venue); retry shortly`, { venue, retryable: true });
}
