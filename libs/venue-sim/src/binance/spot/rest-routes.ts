import type { Trade } from '../../engine/index.js';
import type { BinanceSpotSymbolSpec } from './catalogue.js';
import type { BinanceSpotContext } from './context.js';
import * as fmt from './format.js';
import { illegalParam, invalidParam, invalidSymbol, notFound } from '../common/rest-errors.js';
import { requireListed } from '../common/params.js';

/** Public Binance spot endpoints under /api/v3 (GET only). Throws BinanceRestError. */

export const REST_PREFIX = '/api/v3';

const DEPTH_DEFAULT_LIMIT = 100;
const DEPTH_MAX_LIMIT = 5000;
const TRADES_DEFAULT_LIMIT = 500;
const TRADES_MAX_LIMIT = 1000;

/** Request weights (rest-api.md), counted into X-MBX-USED-WEIGHT-1M. */
export function publicWeight(fullPath: string, q: URLSearchParams): number {
  switch (fullPath.slice(REST_PREFIX.length)) {
    case '/exchangeInfo':
      return 20;
    case '/depth': {
      const limit = Number(q.get('limit') ?? DEPTH_DEFAULT_LIMIT);
      return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
    }
    case '/trades':
      return 25;
    case '/aggTrades':
      return 4;
    case '/ticker/24hr':
      return q.has('symbol') ? 2 : 80;
    case '/ticker/bookTicker':
      return q.has('symbol') ? 2 : 4;
    default:
      return 1;
  }
}

function limitParam(q: URLSearchParams, fallback: number, max: number): number {
  const text = q.get('limit');
  if (text === null || text === '') return fallback;
  if (!/^\d{1,20}$/.test(text)) throw illegalParam('limit');
  const n = Number(text);
  if (n < 1 || n > max) throw invalidParam(`Invalid limit: ${text}; it must be from 1 to ${max}.`);
  return n;
}

const requireSymbol = (ctx: BinanceSpotContext, q: URLSearchParams): BinanceSpotSymbolSpec => requireListed(ctx.symbols, q);

function specsOf(ctx: BinanceSpotContext, q: URLSearchParams): BinanceSpotSymbolSpec[] {
  if (q.get('symbol')) return [requireSymbol(ctx, q)];
  const many = q.get('symbols');
  if (!many) return [...ctx.symbols.values()];
  let names: unknown;
  try {
    names = JSON.parse(many);
  } catch {
    throw illegalParam('symbols');
  }
  if (!Array.isArray(names)) throw illegalParam('symbols');
  return names.map((name) => {
    const spec = ctx.symbols.get(String(name));
    if (!spec) throw invalidSymbol();
    return spec;
  });
}

/** One object with `symbol`, an array with `symbols` or none. */
function perSymbol(ctx: BinanceSpotContext, q: URLSearchParams, render: (spec: BinanceSpotSymbolSpec) => unknown): unknown {
  if (q.get('symbol')) return render(requireSymbol(ctx, q));
  return specsOf(ctx, q).map(render);
}

function optionalInt(q: URLSearchParams, name: string): number | undefined {
  const text = q.get(name);
  if (text === null || text === '') return undefined;
  if (!/^\d{1,20}$/.test(text)) throw illegalParam(name);
  return Number(text);
}

/**
 * GET /api/v3/aggTrades: trades of one taker order at one price merged, ids from the first trade
 * (`a` = `f`); `fromId`, or `startTime` / `endTime` (at most an hour apart), else the latest.
 */
function aggTrades(spec: BinanceSpotSymbolSpec, trades: readonly Trade[], q: URLSearchParams): unknown {
  const limit = limitParam(q, TRADES_DEFAULT_LIMIT, TRADES_MAX_LIMIT);
  const fromId = optionalInt(q, 'fromId');
  const start = optionalInt(q, 'startTime');
  const end = optionalInt(q, 'endTime');
  if (start !== undefined && end !== undefined && end - start > 3_600_000) throw invalidParam('The difference between startTime and endTime must be less than 1 hour.');
  const merged: { a: number; p: bigint; q: bigint; f: number; l: number; T: number; m: boolean; order: number }[] = [];
  for (const t of trades) {
    const last = merged[merged.length - 1];
    if (last && last.order === t.takerOrderId && last.p === t.price) {
      last.q += t.quantity;
      last.l = t.id;
    } else {
      merged.push({ a: t.id, p: t.price, q: t.quantity, f: t.id, l: t.id, T: t.timestamp, m: t.takerSide === 'sell', order: t.takerOrderId });
    }
  }
  let list = merged;
  if (fromId !== undefined) list = list.filter((a) => a.a >= fromId).slice(0, limit);
  else if (start !== undefined || end !== undefined) list = list.filter((a) => (start === undefined || a.T >= start) && (end === undefined || a.T <= end)).slice(0, limit);
  else list = list.slice(Math.max(0, list.length - limit));
  return list.map((a) => ({ a: a.a, p: fmt.price(spec, a.p), q: fmt.qty(spec, a.q), f: a.f, l: a.l, T: a.T, m: a.m, M: true }));
}

/** Dispatches a public GET by its full path (/api/v3/...). */
export function handlePublicGet(ctx: BinanceSpotContext, fullPath: string, q: URLSearchParams): unknown {
  switch (fullPath.slice(REST_PREFIX.length)) {
    case '/ping':
      return {};
    case '/time':
      return { serverTime: ctx.now() };
    case '/exchangeInfo':
      return {
        timezone: 'UTC',
        serverTime: ctx.now(),
        rateLimits: [
          { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
          { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
          { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 200000 },
          { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61000 },
        ],
        exchangeFilters: [],
        symbols: specsOf(ctx, q).map(fmt.exchangeInfoSymbol),
        sors: [],
      };
    case '/depth': {
      const spec = requireSymbol(ctx, q);
      const view = ctx.engine.view(spec.symbol, limitParam(q, DEPTH_DEFAULT_LIMIT, DEPTH_MAX_LIMIT));
      return { lastUpdateId: view.updateId, bids: fmt.levels(spec, view.bids), asks: fmt.levels(spec, view.asks) };
    }
    case '/trades': {
      const spec = requireSymbol(ctx, q);
      const limit = limitParam(q, TRADES_DEFAULT_LIMIT, TRADES_MAX_LIMIT);
      const all = ctx.market.trades(spec.symbol); // oldest first, as the venue answers
      return all.slice(Math.max(0, all.length - limit)).map((t) => fmt.restTrade(spec, t));
    }
    case '/aggTrades':
      return aggTrades(requireSymbol(ctx, q), ctx.market.trades(requireSymbol(ctx, q).symbol), q);
    case '/ticker/24hr':
      return perSymbol(ctx, q, (spec) => fmt.ticker24hr(spec, ctx.market.stats(spec.symbol), ctx.engine.book(spec.symbol), ctx.market.trades(spec.symbol), ctx.now()));
    case '/ticker/price':
      return perSymbol(ctx, q, (spec) => ({ symbol: spec.symbol, price: fmt.price(spec, ctx.market.stats(spec.symbol).last) }));
    case '/ticker/bookTicker':
      return perSymbol(ctx, q, (spec) => fmt.bookTicker(spec, ctx.engine.book(spec.symbol)));
    default:
      throw notFound();
  }
}
