import { divRound, formatScaled, type Trade } from '../../engine/index.js';
import type { MexcSymbolSpec } from './catalogue.js';
import type { MexcSpotContext } from './context.js';
import * as fmt from './format.js';
import { badCombination, invalidSymbol, notFound, paramError } from './rest-errors.js';

/** Public MEXC spot v3 endpoints (GET only). Throws MexcRestError. */

export const REST_V3_PREFIX = '/api/v3';
/** ccxt's loadMarkets also lists futures here (same host); the simulator lists none. */
export const CONTRACT_DETAIL_PATH = '/api/v1/contract/detail';

const DEPTH_DEFAULT_LIMIT = 100;
const DEPTH_MAX_LIMIT = 5000;
const TRADES_DEFAULT_LIMIT = 500;
const TRADES_MAX_LIMIT = 1000;
const AVG_PRICE_MINUTES = 5;

type Query = URLSearchParams;

function intParam(q: Query, name: string, min: number): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw paramError();
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < min) throw paramError();
  return n;
}

/** limit: malformed -> error; above the documented maximum -> the maximum. */
function limitParam(q: Query, fallback: number, max: number): number {
  const n = intParam(q, 'limit', 1);
  return n === undefined ? fallback : Math.min(n, max);
}

function requireSymbol(ctx: MexcSpotContext, q: Query): MexcSymbolSpec {
  const spec = ctx.symbols.get(q.get('symbol') ?? '');
  if (!spec) throw invalidSymbol();
  return spec;
}

function exchangeInfo(ctx: MexcSpotContext, q: Query): unknown {
  let specs: MexcSymbolSpec[];
  const one = q.get('symbol');
  const many = q.get('symbols');
  if (one !== null && one !== '') {
    specs = [requireSymbol(ctx, q)];
  } else if (many !== null && many !== '') {
    specs = many.split(',').map((s) => {
      const spec = ctx.symbols.get(s.trim());
      if (!spec) throw invalidSymbol();
      return spec;
    });
  } else {
    specs = [...ctx.symbols.values()];
  }
  return { timezone: 'CST', serverTime: ctx.now(), rateLimits: [], exchangeFilters: [], symbols: specs.map(fmt.exchangeInfoSymbol) };
}

function depth(ctx: MexcSpotContext, q: Query): unknown {
  const spec = requireSymbol(ctx, q);
  const limit = limitParam(q, DEPTH_DEFAULT_LIMIT, DEPTH_MAX_LIMIT);
  const view = ctx.engine.view(spec.symbol, limit);
  return { lastUpdateId: view.updateId, bids: fmt.levels(spec, view.bids), asks: fmt.levels(spec, view.asks), timestamp: ctx.now() };
}

function trades(ctx: MexcSpotContext, q: Query): unknown {
  const spec = requireSymbol(ctx, q);
  const limit = limitParam(q, TRADES_DEFAULT_LIMIT, TRADES_MAX_LIMIT);
  const all = ctx.market.trades(spec.symbol); // oldest first
  return all
    .slice(Math.max(0, all.length - limit))
    .reverse()
    .map((t) => fmt.restTrade(spec, t));
}

/** Consecutive fills of one taker order at one price, merged as the venue documents. */
function aggregate(list: readonly Trade[]): { price: bigint; quantity: bigint; time: number; buyerIsMaker: boolean }[] {
  const out: { price: bigint; quantity: bigint; time: number; buyerIsMaker: boolean; order: number }[] = [];
  for (const t of list) {
    const last = out[out.length - 1];
    if (last && last.order === t.takerOrderId && last.price === t.price) last.quantity += t.quantity;
    else out.push({ price: t.price, quantity: t.quantity, time: t.timestamp, buyerIsMaker: t.takerSide === 'sell', order: t.takerOrderId });
  }
  return out;
}

function aggTrades(ctx: MexcSpotContext, q: Query): unknown {
  const spec = requireSymbol(ctx, q);
  const limit = limitParam(q, TRADES_DEFAULT_LIMIT, TRADES_MAX_LIMIT);
  const start = intParam(q, 'startTime', 0);
  const end = intParam(q, 'endTime', 0);
  if ((start === undefined) !== (end === undefined)) throw badCombination();
  let list = ctx.market.trades(spec.symbol);
  if (start !== undefined && end !== undefined) list = list.filter((t) => t.timestamp >= start && t.timestamp <= end);
  const merged = aggregate(list);
  return merged
    .slice(Math.max(0, merged.length - limit))
    .reverse()
    .map((a) => fmt.aggTrade(spec, a.price, a.quantity, a.time, a.buyerIsMaker));
}

function avgPrice(ctx: MexcSpotContext, q: Query): unknown {
  const spec = requireSymbol(ctx, q);
  const since = ctx.now() - AVG_PRICE_MINUTES * 60_000;
  let base = 0n;
  let quoteSum = 0n;
  for (const t of ctx.market.trades(spec.symbol)) {
    if (t.timestamp < since) continue;
    base += t.quantity;
    quoteSum += t.price * t.quantity;
  }
  const extra = 4;
  const price = base === 0n ? ctx.market.stats(spec.symbol).last * 10n ** BigInt(extra) : divRound(quoteSum * 10n ** BigInt(extra), base);
  return { mins: AVG_PRICE_MINUTES, price: formatScaled(price, spec.quoteAssetPrecision + extra) };
}

/** One object with `symbol`, an array of every listed symbol without. */
function perSymbol(ctx: MexcSpotContext, q: Query, render: (spec: MexcSymbolSpec) => unknown): unknown {
  const one = q.get('symbol');
  if (one !== null && one !== '') return render(requireSymbol(ctx, q));
  return [...ctx.symbols.values()].map(render);
}

/** Dispatches a GET by its full path. */
export function handlePublicGet(ctx: MexcSpotContext, path: string, q: Query): unknown {
  if (path === CONTRACT_DETAIL_PATH) return { success: true, code: 0, data: [] };
  if (!path.startsWith(`${REST_V3_PREFIX}/`)) throw notFound();
  switch (path.slice(REST_V3_PREFIX.length)) {
    case '/ping':
      return {};
    case '/time':
      return { serverTime: ctx.now() };
    case '/defaultSymbols':
      return { data: [...ctx.symbols.keys()], code: 0, msg: 'success', timestamp: ctx.now() };
    case '/exchangeInfo':
      return exchangeInfo(ctx, q);
    case '/depth':
      return depth(ctx, q);
    case '/trades':
      return trades(ctx, q);
    case '/aggTrades':
      return aggTrades(ctx, q);
    case '/avgPrice':
      return avgPrice(ctx, q);
    case '/ticker/24hr':
      return perSymbol(ctx, q, (spec) => fmt.ticker24hr(spec, ctx.market.stats(spec.symbol), ctx.engine.book(spec.symbol), ctx.now()));
    case '/ticker/price':
      return perSymbol(ctx, q, (spec) => ({ symbol: spec.symbol, price: fmt.price(spec, ctx.market.stats(spec.symbol).last) }));
    case '/ticker/bookTicker':
      return perSymbol(ctx, q, (spec) => fmt.bookTicker(spec, ctx.engine.book(spec.symbol)));
    default:
      throw notFound();
  }
}
