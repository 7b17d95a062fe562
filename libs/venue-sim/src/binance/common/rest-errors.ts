import { badGatewayHtml } from '../../common/http.js';

/**
 * Binance error answers: {"code": <negative int>, "msg": "<text>"} with an HTTP status (4XX for a
 * request the venue refuses, 5XX for its own trouble). Codes and texts: binance-spot-api-docs
 * errors.md; the USDⓈ-M codes (-2019, -2022, -4xxx) from the derivatives docs' error list.
 */
export class BinanceRestError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): { code: number; msg: string } {
    return { code: this.code, msg: this.message };
  }
}

export const invalidSymbol = (): BinanceRestError => new BinanceRestError(400, -1121, 'Invalid symbol.');
export const mandatoryParam = (name: string): BinanceRestError => new BinanceRestError(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
export const illegalParam = (name: string): BinanceRestError => new BinanceRestError(400, -1100, `Illegal characters found in parameter '${name}'; legal range is '^[0-9]{1,20}$'.`);
export const invalidParam = (message: string): BinanceRestError => new BinanceRestError(400, -1130, message);
export const notFound = (): BinanceRestError => new BinanceRestError(404, -1000, 'An unknown error occurred while processing the request.');
export const apiKeyFormat = (): BinanceRestError => new BinanceRestError(401, -2014, 'API-key format invalid.');
export const apiKeyRejected = (): BinanceRestError => new BinanceRestError(401, -2015, 'Invalid API-key, IP, or permissions for action.');
export const invalidSignature = (): BinanceRestError => new BinanceRestError(400, -1022, 'Signature for this request is not valid.');
export const timestampOutside = (): BinanceRestError => new BinanceRestError(400, -1021, 'Timestamp for this request is outside of the recvWindow.');
export const timestampAhead = (): BinanceRestError => new BinanceRestError(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
export const recvWindowTooLarge = (): BinanceRestError => new BinanceRestError(400, -1131, 'recvWindow must be less than 60000');
export const tooMuchWeight = (limit: number): BinanceRestError =>
  new BinanceRestError(429, -1003, `Too much request weight used; current limit is ${limit} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`, {
    'Retry-After': '1',
  });

/** Bodies served when a fault forces an HTTP status: the venue's own codes, or its edge's HTML page on 502. */
export function injectedErrorResponse(status: number): { contentType: string; body: string; headers: Record<string, string> } {
  switch (status) {
    case 429:
      return { contentType: 'application/json', body: JSON.stringify({ code: -1003, msg: 'Too many requests; current limit of IP is 6000 requests per minute.' }), headers: { 'Retry-After': '1' } };
    case 500:
      return { contentType: 'application/json', body: JSON.stringify({ code: -1001, msg: 'Internal error; unable to process your request. Please try again.' }), headers: {} };
    case 503:
      return { contentType: 'application/json', body: JSON.stringify({ code: -1008, msg: 'Service Unavailable.' }), headers: {} };
    case 502:
    default:
      return { contentType: 'text/html', body: badGatewayHtml(status), headers: {} };
  }
}

/* Signed (trading) endpoints: the matching engine's refusals (errors.md, "Messages for -1010, -2010, -2011") and filter failures. */
export const newOrderRejected = (message: string): BinanceRestError => new BinanceRestError(400, -2010, message);
export const cancelRejected = (): BinanceRestError => new BinanceRestError(400, -2011, 'Unknown order sent.');
export const noSuchOrder = (): BinanceRestError => new BinanceRestError(400, -2013, 'Order does not exist.');
export const filterFailure = (filter: string): BinanceRestError => new BinanceRestError(400, -1013, `Filter failure: ${filter}`);
export const badPrecision = (name: string): BinanceRestError => new BinanceRestError(400, -1111, `Parameter '${name}' has too much precision.`);
export const invalidEnum = (name: string): BinanceRestError => new BinanceRestError(400, -1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
export const badCombination = (message: string): BinanceRestError => new BinanceRestError(400, -1128, message);
export const orderIdRequired = (): BinanceRestError => new BinanceRestError(400, -1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
