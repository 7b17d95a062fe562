import type { ContractInfo } from '../core/futures-exchange.js';
import type { PayloadReader } from '../core/payload-reader.js';
import type { Pair } from '../core/symbol.js';
import type { Ticker } from '../core/types.js';
import { depthDeltaOf } from './common/depth-sync.js';
import { bestPricesOf, SPOT_EVENTS, USDM_EVENTS, orderBookOf, serverTimeOf, tickerOf, tickerOfEvent, tickerWithBook, tradeOf, tradeOfEvent } from './common/market-parse.js';
import { read as spotRead, symbolInfosFromExchangeInfo } from './spot/parse.js';
import { balancesFromAccount, fillFromMyTrade, orderFromWire, readUserEvent } from './spot/private-parse.js';
import { fundingIntervals, fundingRateOf, liquidationOfEvent, markOfEvent, markPriceOf, nextFundingTimes, read as usdmRead, usdmCatalogue } from './usdm/parse.js';
import { fillFromUserTrade, futuresBalanceFromAccount, leverageOf, maxLeverages, orderFromWire as usdmOrder, positionFromRisk, readUsdmUserEvent, requireOneWayMode } from './usdm/private-parse.js';

/**
 * The adapter's reader of each Binance spot REST answer, by the operation's name in Binance's
 * connector (@binance/spot's RestAPI methods), for answers about `symbol`.
 */
export function binanceSpotRestAnswerReaders(symbol: Pair): Record<string, PayloadReader> {
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

/** A ticker the book-ticker readers move (a bookTicker event only updates the best prices of one). */
const LAST_TICKER: Ticker = {
  symbol: { base: '', quote: '' },
  lastPrice: '1',
  bestBid: '',
  bestBidQuantity: '',
  bestAsk: '',
  bestAskQuantity: '',
  high24h: '1',
  low24h: '1',
  baseVolume24h: '0',
  quoteVolume24h: '0',
  changePercent24h: '0',
  timestampMs: 0,
};

/** The adapter's reader of each spot stream's event (`data`), by the connector's stream method, and of user data events. */
export function binanceSpotPushReaders(symbol: Pair): Record<string, PayloadReader> {
  const object = (data: unknown) => spotRead.object(data, 'an event');
  return {
    diffBookDepth: { read: (d) => depthDeltaOf('contiguous', object(d)) },
    trade: { read: (d) => tradeOfEvent(spotRead, SPOT_EVENTS, object(d), symbol) },
    ticker: { read: (d) => tickerOfEvent(spotRead, SPOT_EVENTS, object(d), symbol, undefined) },
    bookTicker: { read: (d) => tickerWithBook(spotRead, SPOT_EVENTS, object(d), LAST_TICKER, 0) },
    userData: { read: (d) => readUserEvent(object(d), () => symbol) },
  };
}

/** The adapter's reader of each USDⓈ-M stream's event, by the connector's stream method, and of user data events. */
export function binanceUsdmPushReaders(contract: ContractInfo): Record<string, PayloadReader> {
  const object = (data: unknown) => usdmRead.object(data, 'an event');
  return {
    diffBookDepthStreams: { read: (d) => depthDeltaOf('previous-final', object(d)) },
    aggregateTradeStreams: { read: (d) => tradeOfEvent(usdmRead, USDM_EVENTS, object(d), contract.symbol) },
    individualSymbolTickerStreams: { read: (d) => tickerOfEvent(usdmRead, USDM_EVENTS, object(d), contract.symbol, undefined) },
    individualSymbolBookTickerStreams: { read: (d) => tickerWithBook(usdmRead, USDM_EVENTS, object(d), LAST_TICKER, 0) },
    markPriceStream: { read: (d) => markOfEvent(object(d), contract.symbol) },
    liquidationOrderStreams: { read: (d) => liquidationOfEvent(object(d), contract) },
    userData: { read: (d) => readUsdmUserEvent(object(d), () => contract) },
  };
}
