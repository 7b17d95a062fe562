import * as grpc from '@grpc/grpc-js';

/** Exit codes: 0 success, 1 the gateway answered with an error (or is not SERVING), 2 usage or local error. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** A mistake in the command line or a local file: printed with a pointer to --help, exit 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

const TRAILERS = ['cexgw-error-class', 'cexgw-venue', 'cexgw-venue-code', 'cexgw-venue-message'];

export function isServiceError(error: unknown): error is grpc.ServiceError {
  return typeof error === 'object' && error !== null && typeof (error as grpc.ServiceError).code === 'number' && 'details' in error;
}

/** The status name of a gRPC code: 16 -> "UNAUTHENTICATED". */
export function statusName(code: number): string {
  return (grpc.status as unknown as Record<number, string>)[code] ?? `CODE_${code}`;
}

/** `error: <CODE>: <details>` and the cexgw-error-* / cexgw-venue-* trailers present, one per line. */
export function formatServiceError(error: grpc.ServiceError): string {
  const details = (error.details || error.message).replace(/\s*Resolution note:\s*$/, '');
  const lines = [`error: ${statusName(error.code)}: ${details}`];
  for (const key of TRAILERS) {
    const values = error.metadata?.get(key) ?? [];
    for (const value of values) lines.push(`  ${key}: ${value.toString()}`);
  }
  return `${lines.join('\n')}\n`;
}
