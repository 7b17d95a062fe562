import { canonicalDecimal, decimalPlaces } from '../../core/decimal.js';
import type { Pair } from '../../core/symbol.js';
import type { SymbolInfo, SymbolStatus } from '../../core/types.js';
import { WireReader } from '../../core/wire-read.js';

// A symbol's trading rules from its exchangeInfo `filters` (binance-spot-api-docs filters.md; the
// USDⓈ-M exchangeInfo uses the same filter names, MIN_NOTIONAL with `notional`):
//   PRICE_FILTER {minPrice, maxPrice, tickSize}, LOT_SIZE {minQty, maxQty, stepSize},
//   NOTIONAL {minNotional, maxNotional} (spot), MIN_NOTIONAL {minNotional} (older spot) or
//   {notional} (USDⓈ-M). A "0" tick or step, or a "0" max, means the rule is off.

/** TRADING is the only status that trades; BREAK, HALT and the auction states do not; END_OF_DAY and SETTLING neither. */
const STATUS: Readonly<Record<string, SymbolStatus>> = {
  TRADING: 'trading',
  BREAK: 'halted',
  HALT: 'halted',
  AUCTION_MATCH: 'halted',
  PRE_TRADING: 'halted',
  POST_TRADING: 'halted',
  END_OF_DAY: 'halted',
  PENDING_TRADING: 'halted',
  SETTLING: 'halted',
  CLOSE: 'delisted',
  DELIVERING: 'halted',
  DELIVERED: 'delisted',
};

export interface SymbolRules {
  readonly priceTick: string;
  readonly quantityStep: string;
  readonly minQuantity: string;
  readonly maxQuantity: string;
  readonly minNotional: string;
  readonly maxNotional: string;
}

/** "0" (the rule is off) as "" (none), any other value canonical. */
function optional(read: WireReader, value: unknown, what: string): string {
  if (value === undefined || value === null) return '';
  const d = read.unsigned(value, what);
  return d === '0' ? '' : d;
}

/**
 * Where a market's MIN_NOTIONAL filter keeps its minimum: `minNotional` on spot, `notional` on
 * USDⓈ-M (each market's connector models name only their own).
 */
export type MinNotionalField = 'minNotional' | 'notional';

/** The rules a symbol's filters state; an absent filter leaves its rule empty. */
export function rulesFromFilters(read: WireReader, filters: unknown, minNotionalField: MinNotionalField = 'minNotional'): SymbolRules {
  let price: Record<string, unknown> = {};
  let lot: Record<string, unknown> = {};
  let minNotional: unknown;
  let maxNotional: unknown;
  for (const item of read.list(filters, 'filters')) {
    const filter = read.object(item, 'a filter');
    if (filter.filterType === 'PRICE_FILTER') price = filter;
    else if (filter.filterType === 'LOT_SIZE') lot = filter;
    else if (filter.filterType === 'NOTIONAL') {
      minNotional = filter.minNotional;
      maxNotional = filter.maxNotional;
    } else if (filter.filterType === 'MIN_NOTIONAL') minNotional ??= filter[minNotionalField];
  }
  return {
    priceTick: optional(read, price.tickSize, 'a tick size'),
    quantityStep: optional(read, lot.stepSize, 'a step size'),
    minQuantity: optional(read, lot.minQty, 'a minimum quantity'),
    maxQuantity: optional(read, lot.maxQty, 'a maximum quantity'),
    minNotional: optional(read, minNotional, 'a minimum notional'),
    maxNotional: optional(read, maxNotional, 'a maximum notional'),
  };
}

/** One exchangeInfo symbol as SymbolInfo; `takerFeeRate` is the account's, unknown before login (""). */
export function symbolInfoOf(read: WireReader, wire: Record<string, unknown>, symbol: Pair, extraHalted = false, minNotionalField: MinNotionalField = 'minNotional'): SymbolInfo {
  const rules = rulesFromFilters(read, wire.filters, minNotionalField);
  const status = STATUS[read.text(wire.status, 'a symbol status')] ?? 'halted';
  return {
    symbol,
    venueSymbol: read.text(wire.symbol, 'a symbol'),
    status: status === 'trading' && extraHalted ? 'halted' : status,
    ...rules,
    pricePrecision: rules.priceTick ? decimalPlaces(canonicalDecimal(rules.priceTick)) : 0,
    quantityPrecision: rules.quantityStep ? decimalPlaces(canonicalDecimal(rules.quantityStep)) : 0,
    takerFeeRate: '',
  };
}
