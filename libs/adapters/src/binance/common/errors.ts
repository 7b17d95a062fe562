import { codeAndMsg, GatewayError, kindFromHttpStatus, retryAfterMs, type ErrorClassifier, type ErrorKind } from '../../core/errors.js';

// Binance answers errors as {"code": <negative int>, "msg": "<text>"} on spot and USDⓈ-M alike.
// Codes and meanings: binance/binance-spot-api-docs errors.md (codes, and the matching engine's
// messages under -1010 / -2010 / -2011), and the USDⓈ-M error code list of the derivatives docs
// (-2019, -2022, -4xxx). What a kind means for an order: every kind here but venue_unavailable
// and timeout says the venue certainly did not place it.
const KIND_BY_CODE: Readonly<Record<string, ErrorKind>> = {
  '-1000': 'venue_unavailable', // UNKNOWN error while processing the request
  '-1001': 'venue_unavailable', // DISCONNECTED: internal error, unable to process; try again
  '-1002': 'unauthenticated', // UNAUTHORIZED
  '-1003': 'rate_limited', // TOO_MANY_REQUESTS (request weight, or an IP ban)
  '-1006': 'timeout', // UNEXPECTED_RESP: execution status unknown
  '-1007': 'timeout', // TIMEOUT waiting for the backend: execution status unknown
  '-1008': 'venue_unavailable', // SERVER_BUSY
  '-1013': 'invalid_argument', // INVALID_MESSAGE: a filter failure (PRICE_FILTER, LOT_SIZE, NOTIONAL ...)
  '-1014': 'invalid_argument', // UNKNOWN_ORDER_COMPOSITION
  '-1015': 'rate_limited', // TOO_MANY_ORDERS (order count limit)
  '-1016': 'venue_unavailable', // SERVICE_SHUTTING_DOWN
  '-1020': 'invalid_argument', // UNSUPPORTED_OPERATION
  '-1021': 'unauthenticated', // INVALID_TIMESTAMP: outside recvWindow, or ahead of the server by more than 1 s
  '-1022': 'unauthenticated', // INVALID_SIGNATURE
  '-1100': 'invalid_argument', // ILLEGAL_CHARS
  '-1101': 'invalid_argument', // TOO_MANY_PARAMETERS
  '-1102': 'invalid_argument', // MANDATORY_PARAM_EMPTY_OR_MALFORMED
  '-1103': 'invalid_argument', // UNKNOWN_PARAM
  '-1104': 'invalid_argument', // UNREAD_PARAMETERS
  '-1105': 'invalid_argument', // PARAM_EMPTY
  '-1106': 'invalid_argument', // PARAM_NOT_REQUIRED
  '-1111': 'invalid_argument', // BAD_PRECISION
  '-1112': 'venue_rejected', // NO_DEPTH: no orders on the book
  '-1114': 'invalid_argument', // TIF_NOT_REQUIRED
  '-1115': 'invalid_argument', // INVALID_TIF
  '-1116': 'invalid_argument', // INVALID_ORDER_TYPE
  '-1117': 'invalid_argument', // INVALID_SIDE
  '-1118': 'invalid_argument', // EMPTY_NEW_CL_ORD_ID
  '-1119': 'invalid_argument', // EMPTY_ORG_CL_ORD_ID
  '-1121': 'not_found', // BAD_SYMBOL
  '-1122': 'venue_rejected', // INVALID_SYMBOLSTATUS
  '-1125': 'unauthenticated', // INVALID_LISTEN_KEY
  '-1128': 'invalid_argument', // OPTIONAL_PARAMS_BAD_COMBO
  '-1130': 'invalid_argument', // INVALID_PARAMETER
  '-2013': 'not_found', // NO_SUCH_ORDER
  '-2014': 'unauthenticated', // BAD_API_KEY_FMT
  '-2015': 'permission_denied', // REJECTED_MBX_KEY: invalid key, IP, or permissions
  '-2026': 'not_found', // ORDER_ARCHIVED
  '-2039': 'invalid_argument', // CLIENT_ORDER_ID_INVALID
  // USDⓈ-M
  '-2018': 'insufficient_balance', // BALANCE_NOT_SUFFICIENT
  '-2019': 'insufficient_balance', // MARGIN_NOT_SUFFICIEN(T)
  '-2020': 'venue_rejected', // UNABLE_TO_FILL (FOK)
  '-2021': 'venue_rejected', // ORDER_WOULD_IMMEDIATELY_TRIGGER
  '-2022': 'venue_rejected', // REDUCE_ONLY_REJECT
  '-2027': 'venue_rejected', // MAX_LEVERAGE_RATIO: exceeded the maximum position at this leverage
  '-2028': 'insufficient_balance', // MIN_LEVERAGE_RATIO: leverage smaller than the position needs
  '-4003': 'invalid_argument', // QTY_LESS_THAN_ZERO
  '-4004': 'invalid_argument', // QTY_LESS_THAN_MIN_QTY
  '-4005': 'invalid_argument', // QTY_GREATER_THAN_MAX_QTY
  '-4013': 'invalid_argument', // PRICE_LESS_THAN_MIN_PRICE
  '-4014': 'invalid_argument', // PRICE_NOT_INCREASED_BY_TICK_SIZE
  '-4015': 'invalid_argument', // INVALID_CL_ORD_ID_LEN
  '-4023': 'invalid_argument', // QTY_NOT_INCREASED_BY_STEP_SIZE
  '-4028': 'invalid_argument', // INVALID_LEVERAGE
  '-4046': 'venue_rejected', // NO_NEED_TO_CHANGE_MARGIN_TYPE
  '-4047': 'venue_rejected', // THERE_EXISTS_OPEN_ORDERS: margin type cannot change
  '-4048': 'venue_rejected', // THERE_EXISTS_QUANTITY: margin type cannot change
  '-4059': 'venue_rejected', // NO_NEED_TO_CHANGE_POSITION_SIDE
  '-4061': 'venue_rejected', // INVALID_POSITION_SIDE: the order's position side does not match the account's mode
  '-4164': 'invalid_argument', // MIN_NOTIONAL: order's notional must be no smaller than the minimum
  '-5022': 'venue_rejected', // GTX (post-only) order would take liquidity: rejected
};

/**
 * -2010 NEW_ORDER_REJECTED and -2011 CANCEL_REJECTED say what the matching engine refused in
 * the message (errors.md, "Messages for -1010, -2010, -2011"): the kind follows the message.
 */
function kindOfEngineRefusal(code: string, message: string | undefined): ErrorKind {
  const text = message ?? '';
  if (/insufficient balance/i.test(text)) return 'insufficient_balance';
  if (/unknown order/i.test(text)) return 'not_found';
  if (/may not place or cancel|disabled on this account|not permitted|restricted for this account|trading is not enabled/i.test(text)) return 'permission_denied';
  return code === '-2011' ? 'not_found' : 'venue_rejected';
}

/** 418: the IP is banned for ignoring 429s. 503 and 504 are Binance's "unknown" answers: the request may have executed. */
const STATUS_KINDS: Readonly<Record<number, ErrorKind>> = { 418: 'rate_limited', 503: 'timeout', 504: 'timeout' };

/** The kind of a Binance error code and message (also for websocket API answers, which carry the same codes). */
export function binanceErrorKind(code: string | undefined, message: string | undefined, httpStatus: number): ErrorKind {
  if (code === '-2010' || code === '-2011' || code === '-1010') return kindOfEngineRefusal(code, message);
  return (code && KIND_BY_CODE[code]) || kindFromHttpStatus(httpStatus, STATUS_KINDS);
}

/** A GatewayError from a Binance error answer. */
export function binanceError(venue: string, httpStatus: number, code: string | undefined, message: string | undefined, retryAfterMs?: number): GatewayError {
  return new GatewayError(binanceErrorKind(code, message, httpStatus), `${venue}: ${code ? `${code}: ` : ''}${message ?? `HTTP ${httpStatus}`}`, {
    venue,
    venueCode: code ?? String(httpStatus),
    venueMessage: message,
    httpStatus,
    retryAfterMs,
  });
}

export function binanceErrorClassifier(venue: string): ErrorClassifier {
  return {
    classifyHttp(httpStatus, body, headers) {
      const { code, message } = codeAndMsg(body);
      return binanceError(venue, httpStatus, code, message, retryAfterMs(headers));
    },
  };
}
