import type { ContractInfo } from '../core/futures-exchange.js';
import type { PayloadReader } from '../core/payload-reader.js';
import type { Symbol } from '../core/symbol.js';
import { bestPricesOf, orderBookOf, serverTimeOf, tickerOf, tradeOf } from './common/market-parse.js';
import { read as spotRead, symbolInfosFromExchangeInfo } from './spot/parse.js';
import { balancesFromAccount, fillFromMyTrade, orderFromWire } from './spot/private-parse.js';
import { fundingIntervals, fundingRateOf, markPriceOf, nextFundingTimes, read as usdmRead, usdmCatalogue } from './usdm/parse.js';
import { fillFromUserTrade, futuresBalanceFromAccount, leverageOf, maxLeverages, orderFromWire as usdmOrder, positionFromRisk, requireOneWayMode } from './usdm/private-parse.js';

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

/**
 * The adapter's reader of each Binance USDⓈ-M REST answer, by the operation's name in Binance's
 * connector (@binance/derivatives-trading-usds-futures), for answers about `contract`.
 */
export function binanceUsdmRestAnswerReaders(contract: ContractInfo): Record<string, PayloadReader> {
  const symbol = contract.symbol;
  const noSchedule = { intervalHours: new Map<string, number>(), next: new Map<string, number>() };
  return {
    checkServerTime: { read: (a) => serverTimeOf(usdmRead, a) },
    exchangeInformation: { read: (a) => usdmCatalogue(a, noSchedule) },
    getFundingRateInfo: { read: (a) => fundingIntervals(a) },
    markPrice: { read: (a) => (Array.isArray(a) ? nextFundingTimes(a) : [fundingRateOf(a, symbol), markPriceOf(a, symbol)]) },
    orderBook: { read: (a) => orderBookOf(usdmRead, a, symbol, (wire) => usdmRead.millis(wire.T, 'a transaction time')) },
    recentTradesList: { read: (a) => usdmRead.list(a, 'trades').map((t) => tradeOf(usdmRead, t, symbol)) },
    // The adapter's ticker joins these two answers (tickerOf): each is read for its own part.
    ticker24hrPriceChangeStatistics: { read: (a) => tickerOf(usdmRead, a, symbol, {}) },
    symbolOrderBookTicker: { read: (a) => bestPricesOf(usdmRead, a) },
    newOrder: { read: (a) => usdmOrder(a, contract, 'placed') },
    cancelOrder: { read: (a) => usdmOrder(a, contract, 'cancelled') },
    queryOrder: { read: (a) => usdmOrder(a, contract, 'queried') },
    currentAllOpenOrders: { read: (a) => usdmRead.list(a, 'open orders').map((o) => usdmOrder(o, contract, 'queried')) },
    accountInformationV3: { read: (a) => futuresBalanceFromAccount(a, 'USDT') },
    positionInformationV2: { read: (a) => usdmRead.list(a, 'positions').map((p) => positionFromRisk(p, contract)) },
    changeInitialLeverage: { read: (a) => leverageOf(a) },
    getCurrentPositionMode: { read: (a) => requireOneWayMode(a) },
    notionalAndLeverageBrackets: { read: (a) => maxLeverages(a) },
    accountTradeList: { read: (a) => usdmRead.list(a, 'trades').map((t) => fillFromUserTrade(t, contract)) },
    startUserDataStream: { read: (a) => usdmRead.text(usdmRead.object(a, 'a listenKey answer').listenKey, 'a listenKey') },
  };
}
