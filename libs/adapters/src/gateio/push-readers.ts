import { parseJsonExact } from '../core/exact-json.js';
import type { ContractInfo } from '../core/futures-exchange.js';
import type { PayloadReader } from '../core/payload-reader.js';
import type { Pair } from '../core/symbol.js';
import * as futures from './futures/parse.js';
import * as futuresPrivate from './futures/private-parse.js';
import * as spot from './spot/parse.js';
import * as spotPrivate from './spot/private-parse.js';

type Frame = { result: never; time_ms?: number };
/** A websocket API answer: the order channels' result is the REST order. */
type ApiAnswer = { data: { result: never } };

/** A push's result, one item or a list, read item by item. */
const each = <T>(result: unknown, read: (item: T) => unknown) => (Array.isArray(result) ? result : [result]).map((item) => read(item as T));
const exact = (text: string) => parseJsonExact(text);

/**
 * The adapters' reader of each Gate.io websocket channel's push (the whole frame, as the routers
 * hand it on), by channel, for pushes about `symbol`. `contracts` gives the futures contracts once
 * loaded (sizes on the wire are contracts), found by the push's contract name as the adapter finds
 * them. Book channels are read by the book synchronisers' scanners, not through these. The
 * websocket API's order channels (answers, not pushes) are read as the REST order they carry.
 */
export function gateioPushReaders(symbol: Pair, contracts: () => ReadonlyMap<string, ContractInfo>): Record<string, PayloadReader> {
  const contractOf = (wire: { contract: string }): ContractInfo => {
    const found = contracts().get(wire.contract);
    if (!found) throw new Error(`no futures contract ${wire.contract} loaded to read sizes with`);
    return found;
  };
  return {
    'spot.trades': { read: (f) => each((f as Frame).result, (w: { currency_pair: string }) => [w.currency_pair, spot.toTrade(w as never, symbol)]) },
    'spot.tickers': { read: (f) => each((f as Frame).result, (w: { currency_pair: string }) => [w.currency_pair, spot.tickerFromPush(w as never, symbol, (f as Frame).time_ms ?? 0)]) },
    'spot.orders': { read: (f) => each((f as Frame).result, (w: { currency_pair: string }) => [w.currency_pair, spotPrivate.orderFromPush(w as never, symbol)]) },
    'spot.usertrades': { read: (f) => each((f as Frame).result, (w: { currency_pair: string }) => [w.currency_pair, spotPrivate.fillFromWire(w as never, symbol)]) },
    'spot.balances': { read: (f) => each((f as Frame).result, (w) => [spotPrivate.balanceTimeMs(w as never), spotPrivate.balanceFromPush(w as never)]) },
    'futures.trades': { read: (f) => each((f as Frame).result, (w: { contract: string }) => futures.toTrade(w as never, symbol, contractOf(w).contractMultiplier)) },
    'futures.tickers': {
      read: (f) => each((f as Frame).result, (w) => [futures.tickerFromPush(w as never, symbol, 0), futures.toFundingRate(w as never, symbol, 0, 0), futures.toMarkPrice(w as never, symbol, 0)]),
    },
    'futures.public_liquidates': { read: (f) => each((f as Frame).result, (w: { contract: string }) => futures.toLiquidation(w as never, symbol, contractOf(w).contractMultiplier)) },
    // Private futures pushes are read with every number as its exact string.
    'futures.orders': { parse: exact, read: (f) => each((f as Frame).result, (w: { contract: string }) => futuresPrivate.orderFromPush(w as never, contractOf(w))) },
    'futures.usertrades': { parse: exact, read: (f) => each((f as Frame).result, (w: { contract: string }) => futuresPrivate.fillFromPush(w as never, contractOf(w))) },
    'futures.positions': { parse: exact, read: (f) => each((f as Frame).result, (w: { contract: string }) => w.contract) },
    'futures.balances': { parse: exact, read: (f) => (Array.isArray((f as Frame).result) ? (f as { result: unknown[] }).result.length : 0) },
    ...Object.fromEntries(['spot.order_place', 'spot.order_cancel', 'spot.order_status'].map((c) => [c, { read: (f: unknown) => spotPrivate.orderFromWire((f as ApiAnswer).data.result, symbol) }])),
    ...Object.fromEntries(
      ['futures.order_place', 'futures.order_cancel', 'futures.order_status'].map((c) => [
        c,
        { parse: exact, read: (f: unknown) => futuresPrivate.orderFromWire((f as ApiAnswer).data.result, contractOf((f as { data: { result: { contract: string } } }).data.result)) },
      ]),
    ),
  };
}
