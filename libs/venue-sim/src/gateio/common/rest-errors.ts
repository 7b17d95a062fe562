import { badGatewayHtml } from '../../common/http.js';

/** Gate APIv4 error bodies: {"label": ..., "message": ...} with the venue's HTTP statuses. */

export class GateRestError extends Error {
  constructor(
    readonly status: number,
    readonly label: string,
    message: string,
  ) {
    super(message);
  }

  body(): { label: string; message: string } {
    return { label: this.label, message: this.message };
  }
}

export const invalidCurrencyPair = (pair: string): GateRestError => new GateRestError(400, 'INVALID_CURRENCY_PAIR', `Invalid currency pair ${pair}`);
export const invalidCurrency = (code: string): GateRestError => new GateRestError(400, 'INVALID_CURRENCY', `Invalid currency ${code}`);
export const missingParam = (name: string): GateRestError => new GateRestError(400, 'MISSING_REQUIRED_PARAM', `Missing required parameter: ${name}`);
export const invalidParam = (name: string, value: string): GateRestError => new GateRestError(400, 'INVALID_PARAM_VALUE', `Invalid parameter \`${name}\` with value: ${value}`);
export const notFound = (): GateRestError => new GateRestError(404, 'NOT_FOUND', 'Request URL not exists');
export const methodNotAllowed = (): GateRestError => new GateRestError(405, 'METHOD_NOT_ALLOWED', 'Request method is not allowed');

/** Bodies served when a fault forces an HTTP status. */
export function injectedErrorResponse(status: number): { contentType: string; body: string } {
  switch (status) {
    case 429:
      return { contentType: 'application/json', body: JSON.stringify({ label: 'TOO_MANY_REQUESTS', message: 'Request Rate Limit Exceeded (003)' }) };
    case 500:
      return { contentType: 'application/json', body: JSON.stringify({ label: 'SERVER_ERROR', message: 'Internal server error' }) };
    case 503:
      return { contentType: 'application/json', body: JSON.stringify({ label: 'TOO_BUSY', message: 'Server is too busy at the moment' }) };
    case 502:
    default:
      // an edge proxy in front of the API answers with HTML, not the API's JSON
      return { contentType: 'text/html', body: badGatewayHtml(status) };
  }
}

/* Authenticated endpoints — labels from the documented label list; HTTP statuses and texts as
   observed on the live venue where known (docs/venues/gateio-spot-wire.md, "Private REST and websocket"). */

export const missingHeader = (name: string): GateRestError => new GateRestError(400, 'MISSING_REQUIRED_HEADER', `Missing required header: ${name}`);
export const requestExpired = (serverSec: number, header: string): GateRestError =>
  new GateRestError(403, 'REQUEST_EXPIRED', `gap between request Timestamp and server time exceeds 60 current_time:${serverSec} header.timestamp:${header}`);
export const invalidKey = (): GateRestError => new GateRestError(401, 'INVALID_KEY', 'Invalid key provided');
export const invalidSignature = (): GateRestError => new GateRestError(401, 'INVALID_SIGNATURE', 'Signature mismatch');
export const invalidRequestBody = (): GateRestError => new GateRestError(400, 'INVALID_REQUEST_BODY', 'Invalid request body');
export const invalidPrecision = (name: string, value: string): GateRestError => new GateRestError(400, 'INVALID_PRECISION', `Invalid precision of \`${name}\`: ${value}`);
export const orderTooSmall = (size: string, min: string, asset: string): GateRestError =>
  new GateRestError(400, 'INVALID_PARAM_VALUE', `Your order size ${size} ${asset} is too small. The minimum is ${min} ${asset}`);
export const orderTooLarge = (size: string, max: string, asset: string): GateRestError =>
  new GateRestError(400, 'INVALID_PARAM_VALUE', `Your order size ${size} ${asset} is too large. The maximum is ${max} ${asset}`);
export const balanceNotEnough = (): GateRestError => new GateRestError(400, 'BALANCE_NOT_ENOUGH', 'Not enough balance');
export const pocFillImmediately = (): GateRestError => new GateRestError(400, 'POC_FILL_IMMEDIATELY', 'Order would match and take immediately so its cancelled');
export const fokNotFill = (): GateRestError => new GateRestError(400, 'FOK_NOT_FILL', 'FOK order cannot be filled completely');
export const noLiquidity = (): GateRestError => new GateRestError(400, 'ORDER_BOOK_NOT_FOUND', 'Insufficient liquidity');
export const orderNotFound = (): GateRestError => new GateRestError(404, 'ORDER_NOT_FOUND', 'Order not found');
export const clientIdNotFound = (text: string): GateRestError => new GateRestError(404, 'CLIENT_ID_NOT_FOUND', `Order with client ID ${text} not found`);
