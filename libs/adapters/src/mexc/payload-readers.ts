import type { PayloadReader } from '../core/payload-reader.js';
import type { OrderRequest } from '../core/private-exchange.js';
import type { Pair } from '../core/symbol.js';
import * as spot from './spot/parse.js';
import * as spotPrivate from './spot/private-parse.js';
import { jsonFrameKind } from './spot/router.js';

/**
 * The adapter's reader of each MEXC spot REST answer, by the operation's name in MEXC's API docs,
 * for answers about `symbol`.
 */
export function mexcRestAnswerReaders(symbol: Pair): Record<string, PayloadReader> {
  // A placement answer carries ids and a time; the rest of the order comes from its request.
  const placed: OrderRequest = { symbol, side: 'buy', type: 'limit', quantity: '1', price: '1', quoteQuantity: '', timeInForce: 'gtc', postOnly: false, clientOrderId: 'placed' };
  return {
    'Check Server Time': { read: (a) => spot.serverTimeMs(a as never) },
    'Exchange Information': { read: (a) => spot.symbolInfosFromExchangeInfo(a as never) },
    'Order Book': { read: (a) => spot.toOrderBook(a as never, symbol) },
    'Recent Trades List': { read: (a) => (a as never[]).map((t) => spot.toTrade(t, symbol)) },
    '24hr Ticker Price Change Statistics': { read: (a) => spot.toTicker(a as never, symbol) },
    'New Order': { read: (a) => spotPrivate.orderFromPlacement(a, placed) },
    'Cancel Order': { read: (a) => spotPrivate.orderFromCancel(a, symbol, 0) },
    'Query Order': { read: (a) => spotPrivate.orderFromWire(a, symbol) },
    'Current Open Orders': { read: (a) => spotPrivate.listOf(a, 'open orders').map((o) => spotPrivate.orderFromWire(o, symbol)) },
    'Account Information': { read: (a) => spotPrivate.balancesFromAccount(a) },
    'Account Trade List': { read: (a) => spotPrivate.listOf(a, 'trades').map((t) => spotPrivate.fillFromMyTrade(t, symbol)) },
    'Generate Listen Key': { read: (a) => spotPrivate.listenKeyOf(a) },
  };
}

/** The adapter's reader of MEXC's JSON websocket answers (acks, refusals, pongs); pushes are protobuf. */
export const mexcJsonAnswerReader: PayloadReader = { read: (frame) => jsonFrameKind(frame as never) };
