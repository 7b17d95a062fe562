import {
  canonicalDecimal,
  compareDecimal,
  GatewayError,
  isMultipleOf,
  multiplyDecimal,
  symbolKey,
  type OrderRequest,
  type OrderType,
  type Side,
  type SymbolInfo,
  type TimeInForce,
} from '@cexgw/adapters';
import { quoteForMessage, requireSymbol, type PlaceOrderRequestMessage } from '@cexgw/grpc';

// Everything an order must pass before it may leave for the venue, in two steps:
//  1. parsePlaceOrder: the request is well formed (fields present, enums known, decimals
//     plain, combinations meaningful) -> INVALID_ARGUMENT with a sentence a person understands;
//  2. checkSymbolRules: the venue's rules for the symbol (price tick, quantity step, min/max
//     quantity, min/max notional), exactly, on decimal strings -> INVALID_ARGUMENT naming the
//     rule and the values.

const CLIENT_ORDER_ID = /^[A-Za-z0-9_-]{1,32}$/;
const PLAIN_DECIMAL = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
const MAX_DECIMAL_LENGTH = 40;

function invalid(message: string): GatewayError {
  return new GatewayError('invalid_argument', message);
}

const SIDES: Readonly<Record<string, Side>> = { SIDE_BUY: 'buy', SIDE_SELL: 'sell' };
const TYPES: Readonly<Record<string, OrderType>> = { ORDER_TYPE_LIMIT: 'limit', ORDER_TYPE_MARKET: 'market' };
const TIFS: Readonly<Record<string, TimeInForce>> = { TIME_IN_FORCE_GTC: 'gtc', TIME_IN_FORCE_IOC: 'ioc', TIME_IN_FORCE_FOK: 'fok' };

function enumValue<T>(value: unknown, field: string, known: Readonly<Record<string, T>>, unspecified: string, required: boolean): T | undefined {
  if (value === undefined || value === null || value === '' || value === unspecified || value === 0) {
    if (required) throw invalid(`${field} is required: ${Object.keys(known).join(' or ')}`);
    return undefined;
  }
  const mapped = typeof value === 'string' ? known[value] : undefined;
  if (mapped === undefined) throw invalid(`${field} ${JSON.stringify(value)} is not a known value; use ${Object.keys(known).join(' or ')}`);
  return mapped;
}

/**
 * A decimal string field: plain digits with an optional fraction ("0.001", "65000"), no sign,
 * exponent, spaces or separators. Returns the canonical form, or "" when empty and optional.
 */
export function parseDecimalField(value: string | undefined, field: string, required: boolean): string {
  const raw = value ?? '';
  if (raw === '') {
    if (required) throw invalid(`${field} is required (a decimal string such as "0.001")`);
    return '';
  }
  if (raw.length > MAX_DECIMAL_LENGTH) throw invalid(`${field} is ${raw.length} characters long; at most ${MAX_DECIMAL_LENGTH}`);
  if (!PLAIN_DECIMAL.test(raw)) {
    let why = 'use plain digits with an optional decimal point, e.g. "0.001"';
    if (raw.trim() !== raw) why = 'remove the spaces around it';
    else if (raw.startsWith('-')) why = 'it must not be negative';
    else if (/^[+-]?(?:\d+\.?\d*|\.\d+)e[+-]?\d+$/i.test(raw)) why = 'exponent notation is not accepted; write the digits out, e.g. "0.00001"';
    else if (raw.includes(',')) why = 'use "." as the decimal point and no thousands separators';
    throw invalid(`${field} ${JSON.stringify(raw)} is not a decimal number: ${why}`);
  }
  const canonical = canonicalDecimal(raw);
  if (canonical === '0') throw invalid(`${field} must be greater than zero`);
  return canonical;
}

/** The client's id, checked, or undefined when it left the field empty. */
export function parseClientOrderId(value: string | undefined, field = 'client_order_id'): string | undefined {
  if (!value) return undefined;
  if (!CLIENT_ORDER_ID.test(value)) {
    throw invalid(`${field} ${quoteForMessage(value)} must be 1-32 characters of A-Z, a-z, 0-9, "_" and "-"`);
  }
  return value;
}

export interface ParsedPlaceOrder {
  /** clientOrderId is "" here: the order manager assigns the generated one when the client gave none. */
  readonly order: OrderRequest;
  /** Only a client-given id makes a retried PlaceOrder safe. */
  readonly clientGivenId: boolean;
}

/** A PlaceOrderRequest as an OrderRequest, or INVALID_ARGUMENT saying what is wrong and how to fix it. */
export function parsePlaceOrder(message: PlaceOrderRequestMessage, generateId: () => string): ParsedPlaceOrder {
  const symbol = requireSymbol(message.symbol);
  const side = enumValue(message.side, 'side', SIDES, 'SIDE_UNSPECIFIED', true)!;
  const type = enumValue(message.type, 'type', TYPES, 'ORDER_TYPE_UNSPECIFIED', true)!;
  const requestedTif = enumValue(message.time_in_force, 'time_in_force', TIFS, 'TIME_IN_FORCE_UNSPECIFIED', false);
  const postOnly = message.post_only === true;
  const given = parseClientOrderId(message.client_order_id);

  let quantity: string;
  let price: string;
  let quoteQuantity: string;
  let timeInForce: TimeInForce;
  if (type === 'limit') {
    price = parseDecimalField(message.price, 'price', true);
    quantity = parseDecimalField(message.quantity, 'quantity', true);
    if (message.quote_quantity) throw invalid('quote_quantity applies to MARKET BUY orders only; a LIMIT order is sized by quantity');
    timeInForce = requestedTif ?? 'gtc';
    if (postOnly && timeInForce !== 'gtc') throw invalid(`post_only orders rest on the book; time_in_force ${timeInForce.toUpperCase()} cannot be post-only (use GTC)`);
  } else {
    if (message.price) throw invalid("price must be empty for a MARKET order (it executes at the book's prices); use ORDER_TYPE_LIMIT to set a price");
    if (postOnly) throw invalid('post_only applies to LIMIT orders; a MARKET order always takes liquidity');
    if (requestedTif === 'gtc') throw invalid('a MARKET order executes immediately: time_in_force GTC does not apply (leave it unset, or use IOC or FOK)');
    timeInForce = requestedTif ?? 'ioc';
    price = '';
    if (side === 'buy') {
      quantity = parseDecimalField(message.quantity, 'quantity', false);
      quoteQuantity = parseDecimalField(message.quote_quantity, 'quote_quantity', false);
      if (quantity && quoteQuantity) throw invalid('give quantity (base) or quote_quantity (quote to spend) for a MARKET BUY, not both');
      if (!quantity && !quoteQuantity) throw invalid('a MARKET BUY needs quantity (base amount) or quote_quantity (quote amount to spend)');
    } else {
      if (message.quote_quantity) throw invalid('a MARKET SELL is sized by quantity (base amount); quote_quantity applies to MARKET BUY only');
      quantity = parseDecimalField(message.quantity, 'quantity', true);
    }
  }
  quoteQuantity ??= '';

  return {
    order: { symbol, side, type, quantity, price, quoteQuantity, timeInForce, postOnly, clientOrderId: given ?? generateId() },
    clientGivenId: given !== undefined,
  };
}

/** A SymbolInfo limit as a canonical decimal, or undefined when the venue sets none ("" or "0"). */
function rule(value: string): string | undefined {
  if (!value || !PLAIN_DECIMAL.test(value)) return undefined;
  const canonical = canonicalDecimal(value);
  return canonical === '0' ? undefined : canonical;
}

/**
 * The venue's rules for the symbol, checked exactly before anything is sent. Market orders
 * sized in base have no price here, so their notional is left to the venue.
 */
export function checkSymbolRules(order: OrderRequest, info: SymbolInfo, venue: string): void {
  const name = symbolKey(info.symbol);
  if (info.status !== 'trading') {
    throw new GatewayError('venue_rejected', `${name} is ${info.status} on ${venue}: it accepts no orders now`, { venue });
  }
  const tick = rule(info.priceTick);
  if (order.price && tick && !isMultipleOf(order.price, tick)) {
    throw invalid(`price_tick: price ${order.price} is not a multiple of ${name}'s price tick ${tick}`);
  }
  if (order.quantity) {
    const step = rule(info.quantityStep);
    if (step && !isMultipleOf(order.quantity, step)) {
      throw invalid(`quantity_step: quantity ${order.quantity} is not a multiple of ${name}'s quantity step ${step}`);
    }
    const min = rule(info.minQuantity);
    if (min && compareDecimal(order.quantity, min) < 0) throw invalid(`min_quantity: quantity ${order.quantity} is below ${name}'s minimum ${min}`);
    const max = rule(info.maxQuantity);
    if (max && compareDecimal(order.quantity, max) > 0) throw invalid(`max_quantity: quantity ${order.quantity} is above ${name}'s maximum ${max}`);
  }
  const notional = orderNotional(order);
  if (notional !== undefined) {
    const what = order.price ? `notional ${notional} (price ${order.price} x quantity ${order.quantity})` : `quote_quantity ${notional}`;
    const min = rule(info.minNotional);
    if (min && compareDecimal(notional, min) < 0) throw invalid(`min_notional: ${what} is below ${name}'s minimum ${min} ${info.symbol.quote}`);
    const max = rule(info.maxNotional);
    if (max && compareDecimal(notional, max) > 0) throw invalid(`max_notional: ${what} is above ${name}'s maximum ${max} ${info.symbol.quote}`);
  }
}

/** Exact quote value of an order when it is known before execution (limit price x quantity, or a quote-sized market buy). */
export function orderNotional(order: OrderRequest): string | undefined {
  if (order.price && order.quantity) return multiplyDecimal(order.price, order.quantity);
  if (order.quoteQuantity) return order.quoteQuantity;
  return undefined;
}
