import * as grpc from '@grpc/grpc-js';

// The gateway answers errors as gRPC status codes, with the details in trailing metadata:
// cexgw-error-class (the gateway's classification), cexgw-venue, cexgw-venue-code (the venue's
// own code or label) and cexgw-venue-message. Every failed call surfaces as one of the classes
// below, so an engine can `catch (e) { if (e instanceof FailedPreconditionError) ... }`.

export const TRAILERS = {
  errorClass: 'cexgw-error-class',
  venue: 'cexgw-venue',
  venueCode: 'cexgw-venue-code',
  venueMessage: 'cexgw-venue-message',
} as const;

function trailer(metadata: grpc.Metadata | undefined, key: string): string | undefined {
  const value = metadata?.get(key)[0];
  return value === undefined ? undefined : value.toString();
}

/** The status name of a gRPC code: 16 -> "UNAUTHENTICATED". */
export function statusName(code: number): string {
  return (grpc.status as unknown as Record<number, string>)[code] ?? `CODE_${code}`;
}

export class GatewayError extends Error {
  /** The gRPC status code (grpc.status.*). */
  readonly code: grpc.status;
  /** The status name, e.g. "FAILED_PRECONDITION". */
  readonly codeName: string;
  /** The gateway's message. */
  readonly details: string;
  /** cexgw-error-class, e.g. "insufficient_balance" (absent when the gateway sent none). */
  readonly errorClass: string | undefined;
  /** cexgw-venue: the venue id that answered. */
  readonly venue: string | undefined;
  /** cexgw-venue-code: the venue's own error code or label, e.g. "BALANCE_NOT_ENOUGH". */
  readonly venueCode: string | undefined;
  /** cexgw-venue-message: the venue's own message. */
  readonly venueMessage: string | undefined;
  readonly metadata: grpc.Metadata | undefined;

  constructor(code: grpc.status, details: string, metadata?: grpc.Metadata, options?: { cause?: unknown }) {
    const venueCode = trailer(metadata, TRAILERS.venueCode);
    super(`${statusName(code)}: ${details}${venueCode ? ` (venue code ${venueCode})` : ''}`, options);
    this.name = new.target.name;
    this.code = code;
    this.codeName = statusName(code);
    this.details = details;
    this.errorClass = trailer(metadata, TRAILERS.errorClass);
    this.venue = trailer(metadata, TRAILERS.venue);
    this.venueCode = venueCode;
    this.venueMessage = trailer(metadata, TRAILERS.venueMessage);
    this.metadata = metadata;
  }
}

/** Malformed request: bad symbol, precision, size, field. Never retried. */
export class InvalidArgumentError extends GatewayError {}
/** Unknown symbol or order. */
export class NotFoundError extends GatewayError {}
/** E.g. insufficient balance, a reduce-only order that would grow a position. */
export class FailedPreconditionError extends GatewayError {}
/** Missing or refused gateway token. */
export class UnauthenticatedError extends GatewayError {}
/** Kill switch, a venue key without permission, a symbol outside the allow-list. */
export class PermissionDeniedError extends GatewayError {}
/** Rate limit, or a stream client too slow. */
export class ResourceExhaustedError extends GatewayError {}
/** The venue or the gateway process is down, or this process is a standby. */
export class UnavailableError extends GatewayError {}
export class DeadlineExceededError extends GatewayError {}
/** Not offered by this process (e.g. a futures call on a spot process). */
export class UnimplementedError extends GatewayError {}
/** E.g. a fill cursor this gateway's journal never issued. */
export class OutOfRangeError extends GatewayError {}
export class CancelledError extends GatewayError {}
/** Anything else: INTERNAL, UNKNOWN, ABORTED, DATA_LOSS, ALREADY_EXISTS. */
export class InternalError extends GatewayError {}

/**
 * A placement still unanswered after every safe retry: the order may or may not be at the
 * venue. Ask with trader.getOrder({ symbol, clientOrderId }) (or retry place with the same id)
 * once the gateway is back; never place it again under a new id.
 */
export class OrderOutcomeUnknownError extends GatewayError {
  constructor(
    readonly clientOrderId: string,
    readonly attempts: number,
    readonly lastError: GatewayError,
  ) {
    super(lastError.code, `outcome of order ${clientOrderId} unknown after ${attempts} attempts: ${lastError.details}`, lastError.metadata, { cause: lastError });
  }
}

const CLASSES: Partial<Record<grpc.status, new (code: grpc.status, details: string, metadata?: grpc.Metadata) => GatewayError>> = {
  [grpc.status.INVALID_ARGUMENT]: InvalidArgumentError,
  [grpc.status.NOT_FOUND]: NotFoundError,
  [grpc.status.FAILED_PRECONDITION]: FailedPreconditionError,
  [grpc.status.UNAUTHENTICATED]: UnauthenticatedError,
  [grpc.status.PERMISSION_DENIED]: PermissionDeniedError,
  [grpc.status.RESOURCE_EXHAUSTED]: ResourceExhaustedError,
  [grpc.status.UNAVAILABLE]: UnavailableError,
  [grpc.status.DEADLINE_EXCEEDED]: DeadlineExceededError,
  [grpc.status.UNIMPLEMENTED]: UnimplementedError,
  [grpc.status.OUT_OF_RANGE]: OutOfRangeError,
  [grpc.status.CANCELLED]: CancelledError,
};

function isServiceError(error: unknown): error is grpc.ServiceError {
  return typeof error === 'object' && error !== null && typeof (error as grpc.ServiceError).code === 'number' && 'details' in error;
}

/** The typed error for whatever a call rejected with (a grpc.ServiceError, or anything else as INTERNAL). */
export function toGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (isServiceError(error)) {
    const Class = CLASSES[error.code] ?? InternalError;
    return new Class(error.code, error.details || error.message, error.metadata);
  }
  return new InternalError(grpc.status.INTERNAL, error instanceof Error ? error.message : String(error));
}

/** The status codes after which a call may be sent again unchanged (with the same client order id). */
export function isRetryable(error: GatewayError): boolean {
  return error.code === grpc.status.UNAVAILABLE || error.code === grpc.status.DEADLINE_EXCEEDED;
}
