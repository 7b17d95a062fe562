import { GatewayError, type ErrorClassifier, type ErrorKind } from '../../core/errors.js';

// MEXC answers errors as {"code": <int>, "msg": "<text>"} (spot v3 "Error Code" table).
const KIND_BY_CODE: Readonly<Record<string, ErrorKind>> = {
  '-1121': 'not_found', // Invalid symbol.
  '10007': 'not_found', // bad symbol / symbol not support api
  '-2011': 'not_found', // unknown order
  '-2013': 'not_found', // order does not exist
  '-1128': 'invalid_argument',
  '33333': 'invalid_argument', // param is error
  '44444': 'invalid_argument', // param cannot be null
  '700008': 'invalid_argument', // illegal characters in parameter
  '730002': 'invalid_argument', // input param invalid
  '30002': 'invalid_argument', // minimum transaction volume
  '30016': 'venue_unavailable', // trading disabled
  '30004': 'insufficient_balance',
  '10101': 'insufficient_balance',
  '700001': 'unauthenticated', // API-key format invalid
  '700002': 'unauthenticated', // signature not valid
  '700003': 'unauthenticated', // timestamp outside recvWindow
  '700006': 'permission_denied', // IP not whitelisted
  '700007': 'permission_denied', // no permission
  '-2010': 'venue_rejected', // duplicate order (client order id reused)
  '-1125': 'unauthenticated', // listenKey does not exist
  '10072': 'unauthenticated', // invalid access key
  '602': 'unauthenticated', // signature verification failed
  '429': 'rate_limited',
  '510': 'rate_limited',
};

function kindFromStatus(status: number): ErrorKind {
  if (status === 429 || status === 418) return 'rate_limited';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'permission_denied';
  if (status === 404) return 'not_found';
  if (status >= 500) return 'venue_unavailable';
  if (status >= 400) return 'invalid_argument';
  return 'malformed_response';
}

export function mexcErrorClassifier(venue: string): ErrorClassifier {
  return {
    classifyHttp(httpStatus, body, headers) {
      let code: string | undefined;
      let message: string | undefined;
      try {
        const parsed = JSON.parse(body) as { code?: unknown; msg?: unknown };
        if (typeof parsed.code === 'number' || typeof parsed.code === 'string') code = String(parsed.code);
        if (typeof parsed.msg === 'string') message = parsed.msg;
      } catch {
        // An edge proxy's HTML page: classify by status alone.
      }
      const kind = (code && KIND_BY_CODE[code]) || kindFromStatus(httpStatus);
      const retryAfter = Number(headers['retry-after']);
      return new GatewayError(kind, `${venue}: ${code ? `${code}: ` : ''}${message ?? `HTTP ${httpStatus}`}`, {
        venue,
        venueCode: code ?? String(httpStatus),
        venueMessage: message,
        httpStatus,
        retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      });
    },
  };
}
