import type { PayloadReader } from '../core/payload-reader.js';
import type { Symbol } from '../core/symbol.js';
import { orderBookOf, serverTimeOf, tickerOf, tradeOf } from './common/market-parse.js';
import { read as spotRead, symbolInfosFromExchangeInfo } from './spot/parse.js';

/**
 * The adapter's reader of each Binance spot REST answer, by the operation's name in Binance's
 * connector (@binance/spot's RestAPI methods), for answers about `symbol`.
 */
export function binanceSpotRestAnswerReaders(symbol: Symbol): Record<string, PayloadReader> {
  return {
    time: { read: (a) => serverTimeOf(spotRead, a) },
    exchangeInfo: { read: (a) => symbolInfosFromExchangeInfo(a) },
    depth: { read: (a) => orderBookOf(spotRead, a, symbol, () => 0) },
    getTrades: { read: (a) => spotRead.list(a, 'trades').map((t) => tradeOf(spotRead, t, symbol)) },
    ticker24hr: { read: (a) => tickerOf(spotRead, a, symbol) },
  };
}
