import type { Symbol as SymbolMessage } from './generated/cexgw/v1/common.js';

/** A symbol as the SDK accepts it: "BTC/USDT" or { base: 'BTC', quote: 'USDT' }. */
export type SymbolLike = string | SymbolMessage;

/** "btc/usdt" -> { base: 'BTC', quote: 'USDT' }; throws a readable error for anything else. */
export function toSymbol(symbol: SymbolLike): SymbolMessage {
  if (typeof symbol !== 'string') return { base: symbol.base.toUpperCase(), quote: symbol.quote.toUpperCase() };
  const match = /^([A-Za-z0-9]+)\/([A-Za-z0-9]+)$/.exec(symbol.trim());
  if (!match) throw new Error(`symbol ${JSON.stringify(symbol)} is not BASE/QUOTE, e.g. BTC/USDT`);
  return { base: match[1]!.toUpperCase(), quote: match[2]!.toUpperCase() };
}

export function formatSymbol(symbol: SymbolMessage | undefined): string {
  return symbol ? `${symbol.base}/${symbol.quote}` : '?';
}

export function sameSymbol(a: SymbolMessage | undefined, b: SymbolMessage): boolean {
  return a !== undefined && a.base === b.base && a.quote === b.quote;
}
