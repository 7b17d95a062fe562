import { parseJsonExact } from '../core/exact-json.js';
import type { ContractInfo } from '../core/futures-exchange.js';
import type { PayloadReader } from '../core/payload-reader.js';
import type { Pair } from '../core/symbol.js';
import { gateioSymbolMapper } from './common/symbols.js';
import { serverTimeMs } from './common/system-time.js';
import * as futures from './futures/parse.js';
import * as futuresPrivate from './futures/private-parse.js';
import * as spot from './spot/parse.js';
import * as spotPrivate from './spot/private-parse.js';

/**
 * The adapters' reader of each Gate.io REST answer, by gate-api operation name, for answers
 * about `symbol`. `contracts` gives the futures contracts once the futures adapter has loaded
 * them (sizes on the wire are contracts, read through the contract's multiplier).
 */
export function gateioRestAnswerReaders(symbol: Pair, contracts: () => ReadonlyMap<string, ContractInfo>): Record<string, PayloadReader> {
  const exact = { parse: (text: string) => parseJsonExact(text) };
  const venueSymbol = gateioSymbolMapper().toVenue(symbol);
  const contract = (): ContractInfo => {
    const found = contracts().get(venueSymbol);
    if (!found) throw new Error(`no futures contract ${venueSymbol} loaded to read sizes with`);
    return found;
  };
  return {
    'SpotApi.getSystemTime': { read: (a) => serverTimeMs(a as never) },
    'SpotApi.listCurrencyPairs': { read: (a) => spot.symbolInfosFromPairs(a as never, 0) },
    'SpotApi.listOrderBook': { read: (a) => spot.toOrderBook(a as never, symbol) },
    'SpotApi.listTrades': { read: (a) => (a as never[]).map((t) => spot.toTrade(t, symbol)) },
    'SpotApi.listTickers': { read: (a) => (a as never[]).map((t) => spot.toTicker(t, symbol, 0)) },
    'SpotApi.createOrder': { read: (a) => spotPrivate.orderFromWire(a as never, symbol) },
    'SpotApi.getOrder': { read: (a) => spotPrivate.orderFromWire(a as never, symbol) },
    'SpotApi.cancelOrder': { read: (a) => spotPrivate.orderFromWire(a as never, symbol) },
    'SpotApi.listOrders': { read: (a) => (a as never[]).map((o) => spotPrivate.orderFromWire(o, symbol)) },
    'SpotApi.listAllOpenOrders': { read: (a) => spotPrivate.openOrdersFromGroups(a as never, () => symbol) },
    'SpotApi.listSpotAccounts': { read: (a) => (a as never[]).map((b) => spotPrivate.balanceFromAccount(b)) },
    'SpotApi.listMyTrades': { read: (a) => (a as never[]).map((t) => spotPrivate.fillFromWire(t, symbol)) },
    'FuturesApi.listFuturesContracts': { read: (a) => futures.contractCatalogue(a as never) },
    'FuturesApi.listFuturesOrderBook': { read: (a) => futures.toOrderBook(a as never, symbol, contract().contractMultiplier) },
    'FuturesApi.listFuturesTrades': { read: (a) => (a as never[]).map((t) => futures.toTrade(t, symbol, contract().contractMultiplier)) },
    'FuturesApi.listFuturesTickers': {
      read: (a) => (a as never[]).map((t) => [futures.toTicker(t, symbol, contract().contractMultiplier, 0), futures.toFundingRate(t, symbol, 0, 0), futures.toMarkPrice(t, symbol, 0)]),
    },
    'FuturesApi.createFuturesOrder': { ...exact, read: (a) => futuresPrivate.orderFromWire(a as never, contract()) },
    'FuturesApi.getFuturesOrder': { ...exact, read: (a) => futuresPrivate.orderFromWire(a as never, contract()) },
    'FuturesApi.cancelFuturesOrder': { ...exact, read: (a) => futuresPrivate.orderFromWire(a as never, contract()) },
    'FuturesApi.listFuturesOrders': { ...exact, read: (a) => futuresPrivate.ordersFromWire(a as never, contracts()) },
    'FuturesApi.getMyTradesWithTimeRange': { ...exact, read: (a) => futuresPrivate.tradeHistoryFills(a as never, contracts()) },
    'FuturesApi.listPositions': { ...exact, read: (a) => futuresPrivate.openPositionsFromWire(a as never, contracts()) },
    'FuturesApi.getPosition': { ...exact, read: (a) => futuresPrivate.positionFromWire(a as never, contract()) },
    'FuturesApi.updatePositionLeverage': { ...exact, read: (a) => futuresPrivate.positionFromWire(a as never, contract()) },
    'FuturesApi.listFuturesAccounts': {
      ...exact,
      read: (a) => [futuresPrivate.requireSinglePositionMode(a as never), futuresPrivate.futuresBalanceFromAccount(a as never), futuresPrivate.balanceFromAccount(a as never)],
    },
    'AccountApi.getAccountDetail': { ...exact, read: (a) => futuresPrivate.accountUserId(a as never) },
  };
}
