import { GatewayError } from '../../core/errors.js';

/** Gate.io client order ids travel in `text`, prefixed "t-", at most 28 characters after it (spot and futures). */
const TEXT_PREFIX = 't-';
const MAX_CLIENT_ID = 28;

export function textFromClientOrderId(clientOrderId: string, venue = 'gateio'): string {
  if (clientOrderId.length > MAX_CLIENT_ID) {
    throw new GatewayError('invalid_argument', `${venue} client order ids are at most ${MAX_CLIENT_ID} characters; "${clientOrderId}" has ${clientOrderId.length}`);
  }
  return TEXT_PREFIX + clientOrderId;
}

/** Our id back from `text`; "" for orders placed elsewhere (web, app, liquidation). */
export function clientOrderIdFromText(text: string | undefined): string {
  return text?.startsWith(TEXT_PREFIX) ? text.slice(TEXT_PREFIX.length) : '';
}

/** The id an order is named by on the wire: Gate.io accepts our "t-..." text wherever an order id goes. */
export function gateioOrderId(ref: { readonly orderId?: string; readonly clientOrderId?: string }, venue: string): string {
  if (ref.orderId) return ref.orderId;
  if (ref.clientOrderId) return textFromClientOrderId(ref.clientOrderId, venue);
  throw new GatewayError('invalid_argument', 'give order_id or client_order_id');
}
