import type { BinanceSpotSymbolSpec } from './catalogue.js';
import type { BinanceSpotContext } from './context.js';
import * as fmt from './format.js';
import { illegalParam, invalidParam, invalidSymbol, mandatoryParam, notFound } from '../common/rest-errors.js';

/** Public Binance spot endpoints under /api/v3 (GET only). Throws BinanceRestError. */

export const REST_PREFIX = '/api/v3';

const DEPTH_DEFAULT_LIMIT = 100;
const DEPTH_MAX_LIMIT = 5000;
const TRADES_DEFAULT_LIMIT = 500;
const TRADES_MAX_LIMIT = 1000;

/** Request weights (rest-api.md), counted into X-MBX-USED-WEIGHT-1M. */
export function publicWeight(path: string, q: URLSearchParams): number {
  switch (path) {
    case '/exchangeInfo':
      return 20;
    case '/depth': {
      const limit = Number(q.get('limit') ?? DEPTH_DEFAULT_LIMIT);
      return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
    }
    case '/trades':
      return 25;
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

function requireSymbol(ctx: BinanceSpotContext, q: URLSearchParams): BinanceSpotSymbolSpec {
  const name = q.get('symbol');
  if (name === null || name === '') throw mandatoryParam('symbol');
  const spec = ctx.symbols.get(name);
  if (!spec) throw invalidSymbol();
  return spec;
}

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

/** Dispatches a public GET by its path below /api/v3. */
export function handlePublicGet(ctx: BinanceSpotContext, path: string, q: URLSearchParams): unknown {
  switch (path) {
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
