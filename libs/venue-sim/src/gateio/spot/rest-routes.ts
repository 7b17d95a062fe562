import { parseScaled, type Level } from '../../engine/index.js';
import { currency, GATE_CURRENCIES } from '../common/currencies.js';
import type { GateSpotContext } from './context.js';
import * as fmt from './format.js';
import { invalidCurrency, invalidCurrencyPair, invalidParam, missingParam, notFound } from '../common/rest-errors.js';
import { parseBool, parseInt } from '../common/query-params.js';

/** Public Gate APIv4 spot endpoints (GET only), relative to /api/v4. Throws GateRestError. */

const ORDER_BOOK_MAX_LIMIT = 1000;
const TRADES_MAX_LIMIT = 1000;

type Query = URLSearchParams;

function requirePair(ctx: GateSpotContext, q: Query) {
  const id = q.get('currency_pair');
  if (id === null || id === '') throw missingParam('currency_pair');
  const spec = ctx.pairs.get(id);
  if (!spec) throw invalidCurrencyPair(id);
  return spec;
}

function aggregate(levels: readonly Level[], step: bigint, side: 'bid' | 'ask'): Level[] {
  const out: [bigint, bigint][] = [];
  for (const [p, q] of levels) {
    const bucket = side === 'bid' ? (p / step) * step : ((p + step - 1n) / step) * step;
    const last = out[out.length - 1];
    if (last && last[0] === bucket) last[1] += q;
    else out.push([bucket, q]);
  }
  return out;
}

function orderBook(ctx: GateSpotContext, q: Query): unknown {
  const spec = requirePair(ctx, q);
  const limit = parseInt(q, 'limit', 1, ORDER_BOOK_MAX_LIMIT) ?? 10;
  const withId = parseBool(q, 'with_id') ?? false;
  const intervalText = q.get('interval') ?? '0';
  let step: bigint;
  try {
    step = parseScaled(intervalText, spec.precision);
  } catch {
    throw invalidParam('interval', intervalText);
  }
  if (step < 0n) throw invalidParam('interval', intervalText);

  const book = ctx.engine.book(spec.id);
  const updateId = ctx.engine.updateId(spec.id);
  let bids: readonly Level[];
  let asks: readonly Level[];
  if (step <= 1n) {
    bids = book.depth('bid', limit);
    asks = book.depth('ask', limit);
  } else {
    bids = aggregate(book.depth('bid'), step, 'bid').slice(0, limit);
    asks = aggregate(book.depth('ask'), step, 'ask').slice(0, limit);
  }
  const body: Record<string, unknown> = {};
  if (withId) body.id = updateId;
  body.current = ctx.now();
  body.update = ctx.engine.lastChangeTime(spec.id);
  body.asks = fmt.levels(spec, asks);
  body.bids = fmt.levels(spec, bids);
  return body;
}

function trades(ctx: GateSpotContext, q: Query): unknown {
  const spec = requirePair(ctx, q);
  const limit = parseInt(q, 'limit', 1, TRADES_MAX_LIMIT) ?? 100;
  const page = parseInt(q, 'page', 1) ?? 1;
  const reverse = parseBool(q, 'reverse') ?? false;
  const lastIdText = q.get('last_id');
  const from = parseInt(q, 'from', 0);
  const to = parseInt(q, 'to', 0);
  if (limit * (page - 1) > 100_000) throw invalidParam('page', String(page));
  const all = ctx.market.trades(spec.id); // ascending by id

  let selected: typeof all;
  if (lastIdText !== null && lastIdText !== '') {
    if (!/^\d+$/.test(lastIdText)) throw invalidParam('last_id', lastIdText);
    const lastId = Number(lastIdText);
    if (reverse) {
      const older = all.filter((t) => t.id < lastId);
      selected = older.slice(Math.max(0, older.length - limit)).reverse();
    } else {
      selected = all
        .filter((t) => t.id > lastId)
        .slice(0, limit)
        .reverse();
    }
  } else {
    const nowSec = Math.floor(ctx.now() / 1000);
    const toSec = to ?? nowSec;
    const fromSec = from ?? toSec - 30 * 24 * 3600;
    if (fromSec > toSec) throw invalidParam('from', String(fromSec));
    const inRange = all.filter((t) => {
      const s = Math.floor(t.timestamp / 1000);
      return s >= fromSec && s <= toSec;
    });
    const newestFirst = inRange.slice().reverse();
    selected = newestFirst.slice((page - 1) * limit, page * limit);
  }
  return selected.map((t) => fmt.restTrade(spec, t));
}

function tickers(ctx: GateSpotContext, q: Query): unknown {
  const tz = q.get('timezone');
  if (tz !== null && tz !== '' && !['utc0', 'utc8', 'all'].includes(tz)) throw invalidParam('timezone', tz);
  const id = q.get('currency_pair');
  if (id !== null && id !== '') {
    const spec = ctx.pairs.get(id);
    if (!spec) throw invalidCurrencyPair(id);
    return [fmt.restTicker(spec, ctx.market.stats(id), ctx.engine.book(id), true)];
  }
  return [...ctx.pairs.values()].map((spec) => fmt.restTicker(spec, ctx.market.stats(spec.id), ctx.engine.book(spec.id), false));
}

function listedCurrencies(ctx: GateSpotContext): string[] {
  const codes = new Set<string>();
  for (const p of ctx.pairs.values()) {
    codes.add(p.base);
    codes.add(p.quote);
  }
  const known = GATE_CURRENCIES.map((c) => c.currency).filter((c) => codes.has(c));
  const extra = [...codes].filter((c) => !known.includes(c));
  return [...known, ...extra];
}

/** Dispatches GET <path> (already stripped of /api/v4). */
export function handlePublicGet(ctx: GateSpotContext, path: string, q: Query): unknown {
  switch (path) {
    case '/spot/currency_pairs':
      return [...ctx.pairs.values()].map(fmt.currencyPair);
    case '/spot/currencies':
      return listedCurrencies(ctx).map(currency);
    case '/spot/order_book':
      return orderBook(ctx, q);
    case '/spot/trades':
      return trades(ctx, q);
    case '/spot/tickers':
      return tickers(ctx, q);
    case '/spot/time':
      return { server_time: ctx.now() };
    case '/margin/currency_pairs':
      return [...ctx.pairs.values()].filter((p) => p.leverage !== undefined).map(fmt.marginPair);
  }
  let m = /^\/spot\/currency_pairs\/([^/]+)$/.exec(path);
  if (m) {
    const id = decodeURIComponent(m[1] as string);
    const spec = ctx.pairs.get(id);
    if (!spec) throw invalidCurrencyPair(id);
    return fmt.currencyPair(spec);
  }
  m = /^\/spot\/currencies\/([^/]+)$/.exec(path);
  if (m) {
    const code = decodeURIComponent(m[1] as string);
    if (!listedCurrencies(ctx).includes(code)) throw invalidCurrency(code);
    return currency(code);
  }
  throw notFound();
}
