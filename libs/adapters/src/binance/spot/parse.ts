import type { SymbolInfo } from '../../core/types.js';
import { WireReader } from '../../core/wire-read.js';
import { symbolInfoOf } from '../common/filters.js';

export const BINANCE_SPOT = 'binance_spot';

/** Strict readers of the spot venue's answers (core/wire-read.ts). */
export const read = new WireReader(BINANCE_SPOT);

/**
 * Every symbol of GET /api/v3/exchangeInfo, named by its own base and quote assets. A symbol the
 * venue lists but does not let trade on spot (isSpotTradingAllowed false) counts as halted.
 */
export function symbolInfosFromExchangeInfo(answer: unknown): SymbolInfo[] {
  return read.list(read.object(answer, 'an exchangeInfo answer').symbols, 'symbols').map((item) => {
    const wire = read.object(item, 'a symbol');
    const symbol = { base: read.text(wire.baseAsset, 'a base asset'), quote: read.text(wire.quoteAsset, 'a quote asset') };
    return symbolInfoOf(read, wire, symbol, wire.isSpotTradingAllowed === false);
  });
}
