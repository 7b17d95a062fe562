import { GateRestError } from '../common/rest-errors.js';

/**
 * Gate APIv4 error bodies shared with spot, plus the futures labels. Labels are the documented
 * futures labels; messages are the label list's meanings where no live text is known (the HTTP
 * status of most is undocumented: 400, and 404 for ORDER_NOT_FOUND as on spot).
 */
export { GateRestError, injectedErrorResponse, invalidParam, invalidRequestBody, methodNotAllowed, missingParam, notFound, orderNotFound } from '../common/rest-errors.js';

/** A label-only body, as the live venue answers an unknown contract ({"label":"CONTRACT_NOT_FOUND"}). */
export class GateLabelOnlyError extends GateRestError {
  override body(): { label: string; message: string } {
    return { label: this.label } as { label: string; message: string };
  }
}

export const contractNotFound = (contract: string): GateRestError => new GateLabelOnlyError(400, 'CONTRACT_NOT_FOUND', `Contract ${contract} not found`);

/** A body with `detail` instead of `message`, as some futures labels answer. */
export class GateDetailError extends GateRestError {
  override body(): { label: string; message: string } {
    return { label: this.label, detail: this.message } as unknown as { label: string; message: string };
  }
}

const e400 = (label: string, message: string): GateRestError => new GateRestError(400, label, message);

/** Live text: "margin 950 while available 800". */
export const insufficientAvailable = (margin: string, available: string): GateRestError => e400('INSUFFICIENT_AVAILABLE', `margin ${margin} while available ${available}`);
export const sizeTooSmall = (): GateRestError => e400('SIZE_TOO_SMALL', 'Order size does not reach minimum');
export const sizeTooLarge = (): GateRestError => e400('SIZE_TOO_LARGE', 'Order size exceeds maximum');
export const priceTooDeviated = (): GateRestError => e400('PRICE_TOO_DEVIATED', 'Order price deviates too much from mark price');
export const leverageTooHigh = (): GateRestError => e400('LEVERAGE_TOO_HIGH', 'leverage too high');
export const leverageTooLow = (): GateRestError => e400('LEVERAGE_TOO_LOW', 'leverage too low');
/** Third-party notes quote "empty position" for a reduce-only order without a position. */
export const reduceExceeded = (message: string): GateRestError => e400('REDUCE_EXCEEDED', message);
/** Live body: {"label":"ORDER_POC_IMMEDIATE","detail":"order price 1700 while counter price 1793.55"}. */
export const orderPocImmediate = (price: string, counter: string): GateRestError => new GateDetailError(400, 'ORDER_POC_IMMEDIATE', `order price ${price} while counter price ${counter}`);
export const orderFok = (): GateRestError => e400('ORDER_FOK', 'Killed for FOK');
export const positionEmpty = (): GateRestError => e400('POSITION_EMPTY', 'Position is empty');
export const tooManyOrders = (): GateRestError => e400('TOO_MANY_ORDERS', 'Too many open orders');
export const positionCrossMargin = (): GateRestError => e400('POSITION_CROSS_MARGIN', 'margin updating is not allowed in cross margin');
export const removeTooMuch = (): GateRestError => e400('REMOVE_TOO_MUCH', 'Changed margin exceeds allowed');
