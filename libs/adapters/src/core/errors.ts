// The gateway's error taxonomy. Every failure that crosses an adapter boundary is a
// GatewayError of one kind; the gRPC layer maps kinds to status codes, and the venue's own
// code and message travel along for the client to see.

export type ErrorKind =
  | 'invalid_argument' // the request is wrong: bad symbol, precision, size, malformed field
  | 'not_found' // unknown symbol or order
  | 'insufficient_balance' // the account cannot afford it
  | 'unauthenticated' // missing or bad credentials / signature / timestamp
  | 'permission_denied' // credentials lack the right, or a gateway limit forbids it
  | 'rate_limited' // the venue (or the gateway's own limiter) says slow down
  | 'venue_unavailable' // 5xx, maintenance, connection refused or reset
  | 'timeout' // no answer in time: the outcome is unknown
  | 'venue_rejected' // the venue refused for a business reason not covered above
  | 'malformed_response' // the venue sent something we cannot parse
  | 'unimplemented' // not offered by this process (yet)
  | 'internal'; // a bug of ours

export interface GatewayErrorDetails {
  readonly venue?: string;
  /** The venue's own error code or label, e.g. "INVALID_CURRENCY_PAIR" or "30016". */
  readonly venueCode?: string;
  readonly venueMessage?: string;
  readonly httpStatus?: number;
  /** Safe to retry without risking a duplicate side effect. */
  readonly retryable?: boolean;
  /** How long the venue asked us to wait, when it said. */
  readonly retryAfterMs?: number;
  /** The request never left this process (its connection was down): the venue cannot have acted on it. */
  readonly notSent?: boolean;
  readonly cause?: unknown;
}

export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  readonly venue?: string;
  readonly venueCode?: string;
  readonly venueMessage?: string;
  readonly httpStatus?: number;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly notSent: boolean;

  constructor(
    readonly kind: ErrorKind,
    message: string,
    details: GatewayErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.venue = details.venue;
    this.venueCode = details.venueCode;
    this.venueMessage = details.venueMessage;
    this.httpStatus = details.httpStatus;
    this.retryable = details.retryable ?? DEFAULT_RETRYABLE.has(kind);
    this.retryAfterMs = details.retryAfterMs;
    this.notSent = details.notSent ?? false;
  }
}

const DEFAULT_RETRYABLE = new Set<ErrorKind>(['rate_limited', 'venue_unavailable', 'timeout']);

export function isGatewayError(error: unknown): error is GatewayError {
  return error instanceof GatewayError;
}

/** Wraps anything thrown into a GatewayError, keeping GatewayErrors as they are. */
export function toGatewayError(error: unknown, venue?: string): GatewayError {
  if (error instanceof GatewayError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && NETWORK_ERROR_CODES.has(code)) {
    return new GatewayError('venue_unavailable', `${venue ?? 'venue'} unreachable: ${code}`, { venue, cause: error });
  }
  if (typeof code === 'string' && TIMEOUT_ERROR_CODES.has(code)) {
    return new GatewayError('timeout', `${venue ?? 'venue'} did not answer in time (${code})`, { venue, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GatewayError('internal', message, { venue, cause: error });
}

const NETWORK_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_DESTROYED']);
const TIMEOUT_ERROR_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** A venue's knowledge of its own error responses. */
export interface ErrorClassifier {
  /** Classifies a non-2xx REST answer. `body` is the raw response text. */
  classifyHttp(httpStatus: number, body: string, headers: Record<string, string | string[] | undefined>): GatewayError;
}

type ResponseHeaders = Record<string, string | string[] | undefined>;

/**
 * The kind an HTTP status implies when the answer names no code the venue documents;
 * `overrides` are the venue's own readings of a status (Binance's 418 ban, an "execution status
 * unknown" 503 or 504).
 */
export function kindFromHttpStatus(status: number, overrides?: Readonly<Partial<Record<number, ErrorKind>>>): ErrorKind {
  const own = overrides?.[status];
  if (own) return own;
  if (status === 429) return 'rate_limited';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'permission_denied';
  if (status === 404) return 'not_found';
  if (status >= 500) return 'venue_unavailable';
  if (status >= 400) return 'invalid_argument';
  return 'malformed_response';
}

/** A Retry-After header in seconds, as milliseconds; undefined when absent or not a positive number. */
export function retryAfterMs(headers: ResponseHeaders): number | undefined {
  const value = headers['retry-after'];
  const seconds = Number(Array.isArray(value) ? value[0] : value);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/**
 * The `{"code": ..., "msg": "..."}` error body of Binance's API and of those modelled on it
 * (MEXC): the code as a string, the message; both undefined for a body that is not that JSON (an
 * edge proxy's HTML page), which is then classified by its HTTP status alone.
 */
export function codeAndMsg(body: string): { code?: string; message?: string } {
  try {
    const parsed = JSON.parse(body) as { code?: unknown; msg?: unknown };
    return {
      code: typeof parsed.code === 'number' || typeof parsed.code === 'string' ? String(parsed.code) : undefined,
      message: typeof parsed.msg === 'string' ? parsed.msg : undefined,
    };
  } catch {
    return {};
  }
}
