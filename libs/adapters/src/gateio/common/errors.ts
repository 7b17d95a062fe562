import { GatewayError, kindFromHttpStatus, retryAfterMs, type ErrorClassifier, type ErrorKind } from '../../core/errors.js';

// Gate.io API v4 answers errors as {"label": "...", "message": "..."} with an HTTP status.
// Labels from the v4 reference's error list (docs/venues/gateio-spot-wire.md, "Errors");
// anything unlisted falls back on the status.
const KIND_BY_LABEL: Readonly<Record<string, ErrorKind>> = {
  INVALID_CURRENCY_PAIR: 'not_found',
  INVALID_CURRENCY: 'not_found',
  CURRENCY_PAIR_NOT_FOUND: 'not_found',
  ORDER_NOT_FOUND: 'not_found',
  CLIENT_ID_NOT_FOUND: 'not_found',
  ORDER_CLOSED: 'venue_rejected',
  ORDER_CANCELLED: 'venue_rejected',
  POC_FILL_IMMEDIATELY: 'venue_rejected',
  FOK_NOT_FILL: 'venue_rejected',
  CONTRACT_NOT_FOUND: 'not_found',
  POSITION_NOT_FOUND: 'not_found',
  INVALID_PARAM_VALUE: 'invalid_argument',
  INVALID_PROTOCOL: 'invalid_argument',
  INVALID_ARGUMENT: 'invalid_argument',
  INVALID_REQUEST_BODY: 'invalid_argument',
  MISSING_REQUIRED_PARAM: 'invalid_argument',
  BAD_REQUEST: 'invalid_argument',
  INVALID_CONTENT_TYPE: 'invalid_argument',
  NOT_ACCEPTABLE: 'invalid_argument',
  METHOD_NOT_ALLOWED: 'invalid_argument',
  // "Request URL not exists": a path of ours is wrong. Not "no such order": a resolver reading
  // it as that would conclude an order was never placed.
  NOT_FOUND: 'internal',
  INVALID_PRECISION: 'invalid_argument',
  INVALID_AMOUNT: 'invalid_argument',
  AMOUNT_TOO_LITTLE: 'invalid_argument',
  AMOUNT_TOO_MUCH: 'invalid_argument',
  QUANTITY_NOT_ENOUGH: 'invalid_argument',
  INVALID_CLIENT_ORDER_ID: 'invalid_argument',
  // The reference lists it for requests carrying a client_order_id (wallet); Gate's order `text`
  // need not be unique. Refused, so nothing was placed under this request.
  ORDER_EXISTS: 'venue_rejected',
  ORDER_BOOK_NOT_FOUND: 'venue_rejected',
  CANCEL_FAIL: 'venue_rejected',
  TOO_MANY_REQUESTS: 'rate_limited',
  INVALID_CREDENTIALS: 'unauthenticated',
  INVALID_KEY: 'unauthenticated',
  INVALID_SIGNATURE: 'unauthenticated',
  MISSING_REQUIRED_HEADER: 'unauthenticated',
  REQUEST_EXPIRED: 'unauthenticated',
  // The websocket API's answer to an order request on a socket that has not logged in (status
  // 400, "Not login": a live frame quoted by ccxt pro, js/src/pro/gate.js).
  AUTHENTICATION_FAILED: 'unauthenticated',
  FORBIDDEN: 'permission_denied',
  READ_ONLY: 'permission_denied',
  IP_FORBIDDEN: 'permission_denied',
  ACCOUNT_LOCKED: 'permission_denied',
  TRADE_RESTRICTED: 'permission_denied',
  BALANCE_NOT_ENOUGH: 'insufficient_balance',
  MARGIN_BALANCE_NOT_ENOUGH: 'insufficient_balance',
  FUTURES_BALANCE_NOT_ENOUGH: 'insufficient_balance',
  INSUFFICIENT_AVAILABLE: 'insufficient_balance',
  // USDT futures (the API reference's "Futures related" labels)
  LEVERAGE_TOO_HIGH: 'invalid_argument',
  LEVERAGE_TOO_LOW: 'invalid_argument',
  SIZE_TOO_LARGE: 'invalid_argument',
  SIZE_TOO_SMALL: 'invalid_argument',
  PRICE_TOO_DEVIATED: 'invalid_argument',
  MARKET_PRICE_TOO_DEVIATED: 'invalid_argument',
  RISK_LIMIT_NOT_MULTIPLE: 'invalid_argument',
  ORDER_POC_IMMEDIATE: 'venue_rejected',
  ORDER_FOK: 'venue_rejected',
  ORDER_FINISHED: 'venue_rejected',
  ORDER_NOT_OWNED: 'not_found',
  REDUCE_EXCEEDED: 'venue_rejected',
  REDUCE_ONLY_FAIL: 'venue_rejected',
  INCREASE_POSITION: 'venue_rejected',
  POSITION_EMPTY: 'venue_rejected',
  POSITION_IN_LIQUIDATION: 'venue_rejected',
  POSITION_IN_CLOSE: 'venue_rejected',
  POSITION_CROSS_MARGIN: 'venue_rejected',
  POSITION_DUAL_MODE: 'venue_rejected',
  POSITION_HOLDING: 'venue_rejected',
  ORDER_PENDING: 'venue_rejected',
  LIQUIDATE_IMMEDIATELY: 'venue_rejected',
  PRICE_OVER_LIQUIDATION: 'venue_rejected',
  PRICE_OVER_BANKRUPT: 'venue_rejected',
  RISK_LIMIT_EXCEEDED: 'venue_rejected',
  TOO_MANY_ORDERS: 'venue_rejected',
  CONTRACT_IN_DELISTING: 'venue_rejected',
  USER_NOT_FOUND: 'venue_rejected',
  SERVER_ERROR: 'venue_unavailable',
  TOO_BUSY: 'venue_unavailable',
};

export function gateioErrorClassifier(venue: string): ErrorClassifier {
  return {
    classifyHttp(httpStatus, body, headers) {
      let label: string | undefined;
      let message: string | undefined;
      try {
        const parsed = JSON.parse(body) as { label?: unknown; message?: unknown; detail?: unknown };
        if (typeof parsed.label === 'string') label = parsed.label;
        if (typeof parsed.message === 'string') message = parsed.message;
        else if (typeof parsed.detail === 'string') message = parsed.detail;
      } catch {
        // Not JSON (a proxy's HTML error page, say): classify by status alone.
      }
      const kind = (label && KIND_BY_LABEL[label]) || kindFromHttpStatus(httpStatus);
      const text = message ?? (body.length > 0 && body.length < 200 ? body : `HTTP ${httpStatus}`);
      return new GatewayError(kind, `${venue}: ${label ? `${label}: ` : ''}${text}`, {
        venue,
        venueCode: label ?? String(httpStatus),
        venueMessage: message,
        httpStatus,
        retryAfterMs: retryAfterMs(headers),
      });
    },
  };
}
