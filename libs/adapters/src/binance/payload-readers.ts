import type { PayloadReader } from '../core/payload-reader.js';
import type { Symbol } from '../core/symbol.js';
import { orderBookOf, serverTimeOf, tickerOf, tradeOf } from './common/market-parse.js';
import { read as spotRead, symbolInfosFromExchangeInfo } from './spot/parse.js';
import { balancesFromAccount, fillFromMyTrade, orderFromWire } from './spot/private-parse.js';

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
    newOrder: { read: (a) => orderFromWire(a, symbol, 'placed') },
    getOrder: { read: (a) => orderFromWire(a, symbol) },
    deleteOrder: { read: (a) => orderFromWire(a, symbol, 'cancelled') },
    getOpenOrders: { read: (a) => spotRead.list(a, 'open orders').map((o) => orderFromWire(o, symbol)) },
    getAccount: { read: (a) => balancesFromAccount(a) },
    myTrades: { read: (a) => spotRead.list(a, 'trades').map((t) => fillFromMyTrade(t, symbol)) },
  };
}
