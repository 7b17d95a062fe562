import * as grpc from '@grpc/grpc-js';
import { toGatewayError, type ErrorKind, type GatewayError } from '@cexgw/adapters';

const STATUS_BY_KIND: Readonly<Record<ErrorKind, grpc.status>> = {
  invalid_argument: grpc.status.INVALID_ARGUMENT,
  not_found: grpc.status.NOT_FOUND,
  insufficient_balance: grpc.status.FAILED_PRECONDITION,
  unauthenticated: grpc.status.UNAUTHENTICATED,
  permission_denied: grpc.status.PERMISSION_DENIED,
  rate_limited: grpc.status.RESOURCE_EXHAUSTED,
  venue_unavailable: grpc.status.UNAVAILABLE,
  timeout: grpc.status.DEADLINE_EXCEEDED,
  venue_rejected: grpc.status.FAILED_PRECONDITION,
  malformed_response: grpc.status.UNAVAILABLE,
  unimplemented: grpc.status.UNIMPLEMENTED,
  internal: grpc.status.INTERNAL,
};

export function grpcStatusOf(kind: ErrorKind): grpc.status {
  return STATUS_BY_KIND[kind];
}

/** A GatewayError as a gRPC error: status code, message, and the venue's details in trailers. */
export function toServiceError(thrown: unknown, venue?: string): Partial<grpc.StatusObject> & Error {
  const error: GatewayError = toGatewayError(thrown, venue);
  const metadata = new grpc.Metadata();
  metadata.set('cexgw-error-class', error.kind);
  if (error.venue ?? venue) metadata.set('cexgw-venue', (error.venue ?? venue)!);
  if (error.venueCode) metadata.set('cexgw-venue-code', error.venueCode);
  if (error.venueMessage) metadata.set('cexgw-venue-message', error.venueMessage);
  return Object.assign(new Error(error.message), {
    code: grpcStatusOf(error.kind),
    details: error.message,
    metadata,
  });
}
