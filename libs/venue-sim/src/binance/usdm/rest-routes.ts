import { illegalParam, invalidParam, notFound } from '../common/rest-errors.js';
import type { BinanceUsdmContractSpec } from './catalogue.js';
import type { BinanceUsdmContext } from './context.js';
import * as fmt from './format.js';
import { requireListed } from '../common/params.js';

/** Public Binance USDⓈ-M endpoints under /fapi/v1 (GET only). Throws BinanceRestError. */

export const REST_PREFIX = '/fapi/v1';

const DEPTH_LIMITS = [5, 10, 20, 50, 100, 500, 1000];
const TRADES_DEFAULT_LIMIT = 500;
const TRADES_MAX_LIMIT = 1000;

/** Request weights (the derivatives docs), counted into X-MBX-USED-WEIGHT-1M. */
export function publicWeight(fullPath: string, q: URLSearchParams): number {
  switch (fullPath.slice(REST_PREFIX.length)) {
    case '/depth': {
      const limit = Number(q.get('limit') ?? 500);
      return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
    }
    case '/trades':
      return 5;
    case '/aggTrades':
      return 20;
    case '/ticker/24hr':
      return q.has('symbol') ? 1 : 40;
    case '/ticker/bookTicker':
      return q.has('symbol') ? 2 : 5;
    case '/premiumIndex':
      return q.has('symbol') ? 1 : 10;
    default:
      return 1;
  }
}

const requireSymbol = (ctx: BinanceUsdmContext, q: URLSearchParams): BinanceUsdmContractSpec => requireListed(ctx.contracts, q);

function intParam(q: URLSearchParams, name: string): number | undefined {
  const text = q.get(name);
  if (text === null || text === '') return undefined;
  if (!/^\d{1,20}$/.test(text)) throw illegalParam(name);
  return Number(text);
}

/** One object with `symbol`, an array of every contract without. */
function perSymbol(ctx: BinanceUsdmContext, q: URLSearchParams, render: (spec: BinanceUsdmContractSpec) => unknown): unknown {
  return q.get('symbol') ? render(requireSymbol(ctx, q)) : [...ctx.contracts.values()].map(render);
}

function premiumIndex(ctx: BinanceUsdmContext, spec: BinanceUsdmContractSpec): Record<string, unknown> {
  const m = ctx.funding.snapshot(spec.symbol);
  return {
    symbol: spec.symbol,
    markPrice: m.mark,
    indexPrice: m.index,
    estimatedSettlePrice: m.index,
    lastFundingRate: m.fundingRate,
    interestRate: '0.00010000',
    nextFundingTime: m.nextApplyMs,
    time: ctx.now(),
  };
}

/** Dispatches a public GET by its full path (/fapi/v1/...). */
export function handlePublicGet(ctx: BinanceUsdmContext, fullPath: string, q: URLSearchParams): unknown {
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
          { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 },
          { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 1200 },
          { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 300 },
        ],
        exchangeFilters: [],
        assets: [{ asset: 'USDT', marginAvailable: true, autoAssetExchange: '-10000' }],
        symbols: [...ctx.contracts.values()].map(fmt.exchangeInfoSymbol),
      };
    case '/depth': {
      const spec = requireSymbol(ctx, q);
      const limit = intParam(q, 'limit') ?? 500;
      if (!DEPTH_LIMITS.includes(limit)) throw invalidParam(`Invalid limit: ${limit}; valid limits are ${DEPTH_LIMITS.join(', ')}.`);
      const view = ctx.engine.view(spec.symbol, limit);
      const now = ctx.now();
      return { lastUpdateId: fmt.depthId(view.updateId), E: now, T: ctx.engine.lastChangeTime(spec.symbol), bids: fmt.levels(spec, view.bids), asks: fmt.levels(spec, view.asks) };
    }
    case '/trades': {
      const spec = requireSymbol(ctx, q);
      const limit = Math.min(intParam(q, 'limit') ?? TRADES_DEFAULT_LIMIT, TRADES_MAX_LIMIT);
      const all = ctx.market.trades(spec.symbol);
      return all.slice(Math.max(0, all.length - limit)).map((t) => fmt.restTrade(spec, t));
    }
    case '/aggTrades': {
      const spec = requireSymbol(ctx, q);
      const limit = Math.min(intParam(q, 'limit') ?? TRADES_DEFAULT_LIMIT, TRADES_MAX_LIMIT);
      const fromId = intParam(q, 'fromId');
      const start = intParam(q, 'startTime');
      const end = intParam(q, 'endTime');
      let list = ctx.market.trades(spec.symbol).filter((t) => (fromId === undefined || t.id >= fromId) && (start === undefined || t.timestamp >= start) && (end === undefined || t.timestamp <= end));
      list = fromId !== undefined || start !== undefined ? list.slice(0, limit) : list.slice(Math.max(0, list.length - limit));
      return list.map((t) => ({ a: t.id, p: fmt.price(spec, t.price), q: fmt.qty(spec, t.quantity), f: t.id, l: t.id, T: t.timestamp, m: t.takerSide === 'sell' }));
    }
    case '/ticker/24hr':
      return perSymbol(ctx, q, (spec) => fmt.ticker24hr(spec, ctx.market.stats(spec.symbol), ctx.market.trades(spec.symbol), ctx.now()));
    case '/ticker/bookTicker':
      return perSymbol(ctx, q, (spec) => fmt.bookTicker(spec, ctx.engine.book(spec.symbol), ctx.now()));
    case '/ticker/price':
      return perSymbol(ctx, q, (spec) => ({ symbol: spec.symbol, price: fmt.price(spec, ctx.market.stats(spec.symbol).last), time: ctx.now() }));
    case '/premiumIndex':
      return perSymbol(ctx, q, (spec) => premiumIndex(ctx, spec));
    case '/fundingInfo':
      // Only contracts whose funding terms differ from the defaults (every 8 h) are listed.
      return [...ctx.contracts.values()]
        .filter((c) => c.fundingIntervalHours !== 8)
        .map((c) => ({ symbol: c.symbol, adjustedFundingRateCap: '0.03000000', adjustedFundingRateFloor: '-0.03000000', fundingIntervalHours: c.fundingIntervalHours, disclaimer: false }));
    case '/fundingRate': {
      const spec = requireSymbol(ctx, q);
      const limit = Math.min(intParam(q, 'limit') ?? 100, 1000);
      const mark = ctx.funding.snapshot(spec.symbol).mark;
      return ctx.funding
        .history(spec.symbol)
        .slice(0, limit)
        .reverse()
        .map((r) => ({ symbol: spec.symbol, fundingRate: r.r, fundingTime: r.t * 1000, markPrice: mark }));
    }
    default:
      throw notFound();
  }
}
