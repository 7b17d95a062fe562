import { currency } from '../common/currencies.js';
import type { GateFuturesContext } from './context.js';
import * as fmt from './format.js';
import { contractNotFound, invalidParam, missingParam, notFound } from './rest-errors.js';
import { parseBool, parseInt } from '../common/query-params.js';

/**
 * Public Gate APIv4 futures endpoints (GET only), relative to /api/v4, for settle=usdt. The other
 * market lists ccxt's loadMarkets asks for (btc-settled perps, delivery, options, spot, margin)
 * answer [] so that a default ccxt gate client loads only these swaps. Throws GateRestError.
 */

const PREFIX = '/futures/usdt';
const ORDER_BOOK_MAX_LIMIT = 300;
const MAX_LIMIT = 1000;

type Query = URLSearchParams;

function requireContract(ctx: GateFuturesContext, q: Query) {
  const name = q.get('contract');
  if (name === null || name === '') throw missingParam('contract');
  const spec = ctx.contracts.get(name);
  if (!spec) throw contractNotFound(name);
  return spec;
}

/** Resting contracts on both sides: the simulator's stand-in for open interest. */
export function openInterest(ctx: GateFuturesContext, name: string): bigint {
  const book = ctx.engine.book(name);
  let total = 0n;
  for (const [, q] of book.depth('bid')) total += q;
  for (const [, q] of book.depth('ask')) total += q;
  return total;
}

function contractBody(ctx: GateFuturesContext, name: string, decimal: boolean): Record<string, unknown> {
  const spec = ctx.contracts.get(name)!;
  const trades = ctx.market.trades(name);
  let tradeSize = 0n;
  for (const t of trades) tradeSize += t.quantity;
  const last = trades[trades.length - 1];
  return fmt.contract(
    spec,
    {
      mark: ctx.funding.snapshot(name),
      stats: ctx.market.stats(name),
      lastTradeId: last ? last.id : 0,
      tradeSize,
      openInterest: openInterest(ctx, name),
      orderbookId: ctx.engine.updateId(name),
    },
    decimal,
  );
}

function orderBook(ctx: GateFuturesContext, q: Query, decimal: boolean): unknown {
  const spec = requireContract(ctx, q);
  const limit = parseInt(q, 'limit', 1, ORDER_BOOK_MAX_LIMIT) ?? 10;
  const withId = parseBool(q, 'with_id') ?? false;
  const interval = q.get('interval') ?? '0';
  if (interval !== '0' && interval !== '') throw invalidParam('interval', interval);
  const book = ctx.engine.book(spec.name);
  const body: Record<string, unknown> = {};
  if (withId) body.id = ctx.engine.updateId(spec.name);
  body.current = ctx.now() / 1000;
  body.update = ctx.engine.lastChangeTime(spec.name) / 1000;
  body.asks = fmt.objectLevels(spec, book.depth('ask', limit), decimal);
  body.bids = fmt.objectLevels(spec, book.depth('bid', limit), decimal);
  return body;
}

function trades(ctx: GateFuturesContext, q: Query, decimal: boolean): unknown {
  const spec = requireContract(ctx, q);
  const limit = parseInt(q, 'limit', 1, MAX_LIMIT) ?? 100;
  const offset = parseInt(q, 'offset', 0) ?? 0;
  const from = parseInt(q, 'from', 0);
  const to = parseInt(q, 'to', 0);
  const inRange = ctx.market.trades(spec.name).filter((t) => {
    const s = t.timestamp / 1000;
    return (from === undefined || s >= from) && (to === undefined || s <= to);
  });
  return inRange
    .slice()
    .reverse()
    .slice(offset, offset + limit)
    .map((t) => fmt.restTrade(spec, t, decimal));
}

function tickers(ctx: GateFuturesContext, q: Query): unknown {
  const name = q.get('contract');
  const names = name !== null && name !== '' ? [name] : [...ctx.contracts.keys()];
  return names.map((n) => {
    const spec = ctx.contracts.get(n);
    if (!spec) throw contractNotFound(n);
    return fmt.restTicker(spec, ctx.market.stats(n), ctx.engine.book(n), ctx.funding.snapshot(n), openInterest(ctx, n));
  });
}

function fundingHistory(ctx: GateFuturesContext, q: Query): unknown {
  const spec = requireContract(ctx, q);
  const limit = parseInt(q, 'limit', 1, MAX_LIMIT) ?? 100;
  const from = parseInt(q, 'from', 0);
  const to = parseInt(q, 'to', 0);
  return ctx.funding
    .history(spec.name)
    .filter((r) => (from === undefined || r.t >= from) && (to === undefined || r.t <= to))
    .slice(0, limit)
    .map((r) => ({ t: r.t, r: r.r }));
}

function liqOrders(ctx: GateFuturesContext, q: Query, decimal: boolean): unknown {
  const name = q.get('contract');
  if (name !== null && name !== '' && !ctx.contracts.has(name)) throw contractNotFound(name);
  const limit = parseInt(q, 'limit', 1, MAX_LIMIT) ?? 100;
  return ctx.liquidations.recent
    .filter((l) => name === null || name === '' || l.contract === name)
    .slice()
    .reverse()
    .slice(0, limit)
    .map((l) => ({
      time: Math.floor(l.timeMs / 1000),
      contract: l.contract,
      size: fmt.size(BigInt(-l.size), decimal),
      order_size: fmt.size(BigInt(l.size), decimal),
      order_price: l.price,
      fill_price: l.price,
      left: fmt.size(0n, decimal),
    }));
}

function listedCurrencies(ctx: GateFuturesContext): string[] {
  const codes = new Set<string>();
  for (const c of ctx.contracts.values()) {
    codes.add(c.base);
    codes.add(c.quote);
  }
  return [...codes];
}

/** Dispatches GET <path> (already stripped of /api/v4). `decimal`: the request carried X-Gate-Size-Decimal: 1. */
export function handlePublicGet(ctx: GateFuturesContext, path: string, q: Query, decimal: boolean): unknown {
  switch (path) {
    case `${PREFIX}/contracts`: {
      const limit = parseInt(q, 'limit', 1, MAX_LIMIT);
      const offset = parseInt(q, 'offset', 0) ?? 0;
      const all = [...ctx.contracts.keys()].slice(offset, limit === undefined ? undefined : offset + limit);
      return all.map((n) => contractBody(ctx, n, decimal));
    }
    case `${PREFIX}/order_book`:
      return orderBook(ctx, q, decimal);
    case `${PREFIX}/trades`:
      return trades(ctx, q, decimal);
    case `${PREFIX}/tickers`:
      return tickers(ctx, q);
    case `${PREFIX}/funding_rate`:
      return fundingHistory(ctx, q);
    case `${PREFIX}/liq_orders`:
      return liqOrders(ctx, q, decimal);
    // what ccxt's default loadMarkets also asks for: this venue lists nothing there
    case '/futures/btc/contracts':
    case '/delivery/usdt/contracts':
    case '/delivery/btc/contracts':
    case '/options/underlyings':
    case '/options/contracts':
    case '/spot/currency_pairs':
    case '/margin/currency_pairs':
      return [];
    case '/spot/currencies':
      return listedCurrencies(ctx).map(currency);
    case '/spot/time':
      return { server_time: ctx.now() };
  }
  const m = /^\/futures\/usdt\/contracts\/([^/]+)$/.exec(path);
  if (m) {
    const name = decodeURIComponent(m[1] as string);
    if (!ctx.contracts.has(name)) throw contractNotFound(name);
    return contractBody(ctx, name, decimal);
  }
  throw notFound();
}
