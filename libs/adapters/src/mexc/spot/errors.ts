import { codeAndMsg, GatewayError, kindFromHttpStatus, retryAfterMs, type ErrorClassifier, type ErrorKind } from '../../core/errors.js';

// MEXC answers errors as {"code": <int>, "msg": "<text>"}. Codes and meanings: the spot v3
// "Error Code" table (mexcdevelop/apidocs source/index.html.md, branches spot_v3_en / spot_v3_cn,
// 2025-08-08; the Chinese wording settles what the English leaves open), live answers quoted by
// ccxt (`exceptions.exact` in ts/src/mexc.ts, v4.5.84) and JKorf/Mexc.Net Mexc.Net/MexcErrors.cs.
// What a kind means for an order: every kind here but venue_unavailable and timeout says the
// venue certainly did not place it (the trading service then forgets the client order id).
const KIND_BY_CODE: Readonly<Record<string, ErrorKind>> = {
  // unknown symbol or order
  '-1121': 'not_found', // Invalid symbol.
  '10007': 'not_found', // bad symbol / symbol not support api
  '30014': 'not_found', // invalid symbol (无效交易对)
  '30021': 'not_found', // invalid symbol (无效交易对)
  '-2011': 'not_found', // Unknown order sent
  '-2013': 'not_found', // Order does not exist
  '30026': 'not_found', // invalid order ids (JKORF: unknown order)
  '22222': 'not_found', // record does not exist
  // the request is wrong
  '-1128': 'invalid_argument', // Combination of optional parameters invalid
  '33333': 'invalid_argument', // param is error
  '44444': 'invalid_argument', // param cannot be null
  '700004': 'invalid_argument', // neither orderId nor origClientOrderId
  '700005': 'invalid_argument', // recvWindow must less than 60000
  '700008': 'invalid_argument', // illegal characters in parameter
  '730002': 'invalid_argument', // input param invalid
  '10095': 'invalid_argument', // amount cannot be null
  '10096': 'invalid_argument', // amount decimal places is too long
  '10097': 'invalid_argument', // amount is error
  '10102': 'invalid_argument', // amount cannot be zero or negative
  '30002': 'invalid_argument', // minimum transaction volume
  '30003': 'invalid_argument', // maximum transaction volume
  '30087': 'invalid_argument', // Order price exceeds allowed range (ccxt, live)
  // the account cannot afford it
  '10101': 'insufficient_balance', // Insufficient balance
  '30004': 'insufficient_balance', // Insufficient position (持仓不足)
  '30005': 'insufficient_balance', // Oversold: a sell beyond the holding (卖出超过持仓)
  // credentials, signature, time
  '602': 'unauthenticated', // Signature verification failed
  '10001': 'unauthenticated', // user does not exist
  '10072': 'unauthenticated', // invalid access key
  '10073': 'unauthenticated', // invalid Request-Time (JKORF: invalid timestamp, as 700003)
  '700001': 'unauthenticated', // API-key format invalid
  '700002': 'unauthenticated', // signature not valid
  '700003': 'unauthenticated', // timestamp outside recvWindow
  '-1125': 'unauthenticated', // listenKey does not exist
  // the key or account may not do this
  '401': 'permission_denied', // No authority (未授权)
  '403': 'permission_denied', // Access Denied
  '26': 'permission_denied', // operation not allowed (该操作不允许)
  '10098': 'permission_denied', // risk control system detected abnormal
  '30020': 'permission_denied', // no permission for the symbol (该交易对不支持api)
  '60005': 'permission_denied', // your account is abnormal
  '70011': 'permission_denied', // Pair user ban trade apikey
  '700006': 'permission_denied', // IP not whitelisted
  '700007': 'permission_denied', // no permission to access the endpoint
  // the venue refuses the order for a business reason (FAILED_PRECONDITION)
  '-2010': 'venue_rejected', // duplicate order (client order id reused)
  '30000': 'venue_rejected', // suspended transaction for the symbol (交易对暂停交易)
  '30001': 'venue_rejected', // the current transaction direction is not allowed
  '30010': 'venue_rejected', // no valid trade price (a market order on an empty book)
  '30016': 'venue_rejected', // trading disabled (无法交易)
  '30018': 'venue_rejected', // market order is disabled
  '30019': 'venue_rejected', // api market order is disabled
  '30025': 'venue_rejected', // no exist opponent order
  '30027': 'venue_rejected', // maximum position reached, buying suspended
  '30028': 'venue_rejected', // risk control, selling suspended
  '30029': 'venue_rejected', // cannot exceed the maximum order limit
  '30032': 'venue_rejected', // cannot exceed the maximum position
  '30041': 'venue_rejected', // current order type can not place order
  // slow down / the venue is down
  '429': 'rate_limited',
  '510': 'rate_limited', // Requests are too frequent (ccxt)
  '500': 'venue_unavailable', // Internal error
  '503': 'venue_unavailable', // service not available, please try again
  '20002': 'venue_unavailable', // Internal system error
  '504': 'timeout', // Gateway Time-out: the outcome is unknown
};

/**
 * Code 400 is "api key required" in the table, but live answers also use it for bad parameters
 * ("The start time cannot be earlier than 90 days", ccxt): only the first is about credentials.
 */
function kindOf400(message: string | undefined): ErrorKind {
  return message !== undefined && /api ?key required/i.test(message) ? 'unauthenticated' : 'invalid_argument';
}

/** 418: the IP is banned for ignoring 429s (MEXC follows Binance); 504: the gateway timed out, the outcome unknown. */
const STATUS_KINDS: Readonly<Record<number, ErrorKind>> = { 418: 'rate_limited', 504: 'timeout' };

export function mexcErrorClassifier(venue: string): ErrorClassifier {
  return {
    classifyHttp(httpStatus, body, headers) {
      const { code, message } = codeAndMsg(body);
      const kind = code === '400' ? kindOf400(message) : (code && KIND_BY_CODE[code]) || kindFromHttpStatus(httpStatus, STATUS_KINDS);
      return new GatewayError(kind, `${venue}: ${code ? `${code}: ` : ''}${message ?? `HTTP ${httpStatus}`}`, {
        venue,
        venueCode: code ?? String(httpStatus),
        venueMessage: message,
        httpStatus,
        retryAfterMs: retryAfterMs(headers),
      });
    },
  };
}
