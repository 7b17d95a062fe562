import { compareDecimal, GatewayError, symbolKey, type OrderRequest } from '@cexgw/adapters';
import { orderNotional, parseDecimalField } from './order-checks.js';

// The operator's pre-trade limits, checked after the venue's rules and before anything is
// sent. A refusal is PERMISSION_DENIED: the request is valid, the gateway's policy forbids it.
// Limits fail closed: an order whose size cannot be bounded (a market order without a known
// price) is refused when the corresponding limit is set.

export interface PreTradeLimits {
  /** Max price x quantity per order, by quote asset ("*" = any quote). */
  readonly maxNotional: ReadonlyMap<string, string>;
  /** Max base quantity per order, by base asset ("*" = any base). */
  readonly maxQuantity: ReadonlyMap<string, string>;
  /** Symbols allowed to trade ("BTC/USDT"); undefined = all the venue lists. */
  readonly allowedSymbols: ReadonlySet<string> | undefined;
}

export const NO_LIMITS: PreTradeLimits = { maxNotional: new Map(), maxQuantity: new Map(), allowedSymbols: undefined };

/**
 * "10000" (any asset) or "USDT:10000,USDC:5000" (per asset; an entry "*:..." is the default).
 * Used for CEXGW_TRADING_MAX_NOTIONAL (by quote) and CEXGW_TRADING_MAX_QUANTITY (by base).
 */
export function parseAssetLimits(value: string | undefined, variable: string): Map<string, string> {
  const limits = new Map<string, string>();
  if (!value?.trim()) return limits;
  for (const part of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const colon = part.indexOf(':');
    const asset = colon === -1 ? '*' : part.slice(0, colon).trim().toUpperCase();
    const amount = colon === -1 ? part : part.slice(colon + 1).trim();
    if (!/^(\*|[A-Z0-9]{1,20})$/.test(asset)) throw new Error(`${variable}: "${part}" is not ASSET:AMOUNT`);
    try {
      limits.set(asset, parseDecimalField(amount, `the ${asset === '*' ? 'default' : asset} limit`, true));
    } catch (error) {
      throw new Error(`${variable}: ${(error as Error).message}`, { cause: error });
    }
  }
  return limits;
}

/** "BTC/USDT,ETH/USDT" (also "BTC_USDT" or "btc-usdt"); undefined when empty (no allow-list). */
export function parseSymbolList(value: string | undefined, variable: string): Set<string> | undefined {
  if (!value?.trim()) return undefined;
  const symbols = new Set<string>();
  for (const part of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z0-9]{1,20})[/_-]([A-Za-z0-9]{1,20})$/.exec(part);
    if (!match) throw new Error(`${variable}: "${part}" is not a symbol like BTC/USDT`);
    symbols.add(`${match[1]!.toUpperCase()}/${match[2]!.toUpperCase()}`);
  }
  return symbols;
}

function denied(message: string): GatewayError {
  return new GatewayError('permission_denied', message);
}

/** Throws PERMISSION_DENIED naming the limit and the values when the order exceeds one. */
export function checkPreTradeLimits(order: OrderRequest, limits: PreTradeLimits): void {
  const name = symbolKey(order.symbol);
  if (limits.allowedSymbols && !limits.allowedSymbols.has(name)) {
    throw denied(`${name} is not in this gateway's symbol allow-list (CEXGW_TRADING_SYMBOLS: ${[...limits.allowedSymbols].join(', ')})`);
  }
  const maxQuantity = limits.maxQuantity.get(order.symbol.base) ?? limits.maxQuantity.get('*');
  if (maxQuantity !== undefined) {
    if (!order.quantity) {
      throw denied(`a MARKET BUY sized by quote_quantity cannot be checked against the max quantity ${maxQuantity} ${order.symbol.base} (CEXGW_TRADING_MAX_QUANTITY); give quantity instead`);
    }
    if (compareDecimal(order.quantity, maxQuantity) > 0) {
      throw denied(`quantity ${order.quantity} ${order.symbol.base} is above this gateway's limit ${maxQuantity} (CEXGW_TRADING_MAX_QUANTITY)`);
    }
  }
  const maxNotional = limits.maxNotional.get(order.symbol.quote) ?? limits.maxNotional.get('*');
  if (maxNotional !== undefined) {
    const notional = orderNotional(order);
    if (notional === undefined) {
      throw denied(
        `a MARKET order sized by quantity has no price to check against the max notional ${maxNotional} ${order.symbol.quote} (CEXGW_TRADING_MAX_NOTIONAL); use a LIMIT order` +
          (order.side === 'buy' ? ' or size the buy by quote_quantity' : ''),
      );
    }
    if (compareDecimal(notional, maxNotional) > 0) {
      throw denied(`notional ${notional} ${order.symbol.quote} is above this gateway's limit ${maxNotional} (CEXGW_TRADING_MAX_NOTIONAL)`);
    }
  }
}
