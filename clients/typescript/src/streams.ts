import * as grpc from '@grpc/grpc-js';
import type { GatewayError } from './errors.js';

// What the followers share about server streams.

/** Errors that resubscribing cannot cure: the request itself, or the caller's rights, is wrong. */
const PERMANENT = new Set<grpc.status>([
  grpc.status.INVALID_ARGUMENT,
  grpc.status.NOT_FOUND,
  grpc.status.UNIMPLEMENTED,
  grpc.status.UNAUTHENTICATED,
  grpc.status.PERMISSION_DENIED,
  grpc.status.OUT_OF_RANGE,
]);

export function isPermanent(error: GatewayError): boolean {
  return PERMANENT.has(error.code);
}

/** Wall-clock time, epoch microseconds (comparable with the gateway's received_timestamp_us). */
export function nowUs(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}
