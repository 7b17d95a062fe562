import { badGatewayHtml } from '../../common/http.js';

/** MEXC spot v3 error bodies: {"code": <int>, "msg": "<text>"} with an HTTP status. */

export class MexcRestError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }

  body(): { code: number; msg: string } {
    return { code: this.code, msg: this.message };
  }
}

/** Unknown symbol on a market-data endpoint (ccxt maps -1121 / "Invalid symbol." to BadSymbol). */
export const invalidSymbol = (): MexcRestError => new MexcRestError(400, -1121, 'Invalid symbol.');
/** A required parameter other than symbol is missing (documented code 44444). */
export const paramMissing = (): MexcRestError => new MexcRestError(400, 44444, 'param cannot be null');
/** A parameter has a malformed value (documented code 33333). */
export const paramError = (): MexcRestError => new MexcRestError(400, 33333, 'param is error');
/** startTime/endTime must come together on aggTrades (the venue's documented rule). */
export const badCombination = (): MexcRestError => new MexcRestError(400, -1128, 'Combination of optional parameters invalid.');
export const notFound = (): MexcRestError => new MexcRestError(404, 404, 'Not Found');
export const methodNotAllowed = (): MexcRestError => new MexcRestError(405, 405, 'Method Not Allowed');

/** Bodies served when a fault forces an HTTP status (codes and texts from the documented code table). */
export function injectedErrorResponse(status: number): { contentType: string; body: string; headers: Record<string, string> } {
  switch (status) {
    case 429:
      return { contentType: 'application/json', body: JSON.stringify({ code: 429, msg: 'Too Many Requests' }), headers: { 'Retry-After': '1' } };
    case 500:
      return { contentType: 'application/json', body: JSON.stringify({ code: 500, msg: 'Internal error' }), headers: {} };
    case 503:
      return { contentType: 'application/json', body: JSON.stringify({ code: 503, msg: 'service not available, please try again' }), headers: {} };
    case 502:
    default:
      return { contentType: 'text/html', body: badGatewayHtml(status), headers: {} };
  }
}

/* Signed (private) endpoints — codes and texts from the documented code table and live answers
   quoted in docs/venues/mexc-spot-wire.md ("Private REST and websocket"). */

/** No X-MEXC-APIKEY header. */
export const apiKeyRequired = (): MexcRestError => new MexcRestError(400, 400, 'api key required');
/** The key is not one the venue knows. */
export const apiKeyInvalid = (): MexcRestError => new MexcRestError(400, 10072, 'Api key info invalid');
export const signatureInvalid = (): MexcRestError => new MexcRestError(400, 700002, 'Signature for this request is not valid.');
export const timestampOutsideRecvWindow = (): MexcRestError => new MexcRestError(400, 700003, 'Timestamp for this request is outside of the recvWindow.');
export const recvWindowTooLarge = (): MexcRestError => new MexcRestError(400, 700005, 'recvWindow must less than 60000');
export const orderIdRequired = (): MexcRestError => new MexcRestError(400, 700004, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
/** Cancel of an order that is not open (unknown, filled or cancelled). */
export const unknownOrderSent = (): MexcRestError => new MexcRestError(400, -2011, 'Unknown order sent.');
/** Query of an order the account does not have. */
export const orderDoesNotExist = (): MexcRestError => new MexcRestError(400, -2013, 'Order does not exist.');
export const insufficientPosition = (): MexcRestError => new MexcRestError(400, 30004, 'Insufficient position');
export const belowMinimum = (amount: string, asset: string): MexcRestError => new MexcRestError(400, 30002, `The minimum transaction volume cannot be less than:${amount}${asset}`);
export const aboveMaximum = (amount: string, asset: string): MexcRestError => new MexcRestError(400, 30003, `The maximum transaction volume cannot be greater than:${amount}${asset}`);
export const noValidTradePrice = (): MexcRestError => new MexcRestError(400, 30010, 'no valid trade price');
/** A newClientOrderId the account already used (code and text not confirmed; see the wire doc). */
export const duplicateClientOrderId = (): MexcRestError => new MexcRestError(400, -2010, 'Duplicate order sent.');
/** PUT / DELETE of a listenKey that does not exist or expired (code and text not confirmed). */
export const listenKeyNotFound = (): MexcRestError => new MexcRestError(400, -1125, 'This listenKey does not exist.');
