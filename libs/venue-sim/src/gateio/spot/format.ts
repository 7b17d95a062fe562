import { divRound, formatScaled, type Level, type OrderBook, type Trade } from '../../engine/index.js';
import { currencySpec } from '../common/currencies.js';
import type { GatePairSpec } from './catalogue.js';
import type { DayStats } from './market-state.js';

/** Render helpers: engine values -> Gate spot wire JSON (strings where the venue sends strings). */

export const price = (spec: GatePairSpec, v: bigint): string => formatScaled(v, spec.precision);
export const amount = (spec: GatePairSpec, v: bigint): string => formatScaled(v, spec.amountPrecision);
/** Trade amounts keep the pair's full amount precision, as in live captures ("0.00020"). */
export const tradeAmount = (spec: GatePairSpec, v: bigint): string => formatScaled(v, spec.amountPrecision, true);

export function levels(spec: GatePairSpec, list: readonly Level[]): [string, string][] {
  return list.map(([p, q]) => [price(spec, p), amount(spec, q)]);
}

export function currencyPair(spec: GatePairSpec): Record<string, unknown> {
  const base = currencySpec(spec.base);
  const quote = currencySpec(spec.quote);
  const out: Record<string, unknown> = {
    id: spec.id,
    base: spec.base,
    base_name: base.name,
    quote: spec.quote,
    quote_name: quote.name,
    fee: spec.fee,
    min_base_amount: spec.minBaseAmount,
    min_quote_amount: spec.minQuoteAmount,
  };
  if (spec.maxBaseAmount !== undefined) out.max_base_amount = spec.maxBaseAmount;
  out.max_quote_amount = spec.maxQuoteAmount;
  out.amount_precision = spec.amountPrecision;
  out.precision = spec.precision;
  out.trade_status = 'tradable';
  out.sell_start = spec.sellStart;
  out.buy_start = spec.buyStart;
  out.delisting_time = 0;
  out.type = 'normal';
  out.trade_url = `https://www.gate.com/trade/${spec.id}`;
  out.st_tag = false;
  return out;
}

export function marginPair(spec: GatePairSpec): Record<string, unknown> {
  return {
    id: spec.id,
    base: spec.base,
    quote: spec.quote,
    leverage: spec.leverage,
    min_base_amount: spec.minBaseAmount,
    min_quote_amount: spec.minQuoteAmount,
    max_quote_amount: spec.maxQuoteAmount,
    status: 1,
  };
}

const msWithMicros = (t: Trade, digits: number): string => `${t.timestamp}.${String(t.micros).padStart(3, '0').padEnd(digits, '0')}`;

/** GET /spot/trades item: every field a string. */
export function restTrade(spec: GatePairSpec, t: Trade): Record<string, string> {
  return {
    id: String(t.id),
    create_time: String(Math.floor(t.timestamp / 1000)),
    create_time_ms: msWithMicros(t, 6),
    currency_pair: spec.id,
    side: t.takerSide,
    amount: tradeAmount(spec, t.quantity),
    price: price(spec, t.price),
    sequence_id: String(t.seq),
  };
}

/** spot.trades result: ids and create_time are numbers, create_time_ms a string. */
export function wsTrade(spec: GatePairSpec, t: Trade): Record<string, unknown> {
  return {
    id: t.id,
    id_market: t.seq,
    create_time: Math.floor(t.timestamp / 1000),
    create_time_ms: msWithMicros(t, 4),
    side: t.takerSide,
    currency_pair: spec.id,
    amount: tradeAmount(spec, t.quantity),
    price: price(spec, t.price),
    range: `${t.seq}-${t.seq}`,
  };
}

/** 24h change in percent, two decimals, trimmed ("1.71", "-8.91", "0"). */
export function changePercentage(open: bigint, last: bigint): string {
  if (open === 0n) return '0';
  return formatScaled(divRound((last - open) * 10000n, open), 2);
}

function tickerCore(spec: GatePairSpec, stats: DayStats, book: OrderBook): Record<string, string> {
  const ask = book.bestPrice('ask');
  const bid = book.bestPrice('bid');
  return {
    currency_pair: spec.id,
    last: price(spec, stats.last),
    lowest_ask: ask === undefined ? '' : price(spec, ask),
    highest_bid: bid === undefined ? '' : price(spec, bid),
  };
}

/** GET /spot/tickers item. `single` adds lowest_size/highest_size as the venue does for one pair. */
export function restTicker(spec: GatePairSpec, stats: DayStats, book: OrderBook, single: boolean): Record<string, string> {
  const core = tickerCore(spec, stats, book);
  const change = changePercentage(stats.open, stats.last);
  const out: Record<string, string> = {
    currency_pair: core.currency_pair as string,
    last: core.last as string,
    lowest_ask: core.lowest_ask as string,
  };
  if (single) {
    const ask = book.bestPrice('ask');
    out.lowest_size = ask === undefined ? '' : amount(spec, book.levelQuantity('ask', ask));
  }
  out.highest_bid = core.highest_bid as string;
  if (single) {
    const bid = book.bestPrice('bid');
    out.highest_size = bid === undefined ? '' : amount(spec, book.levelQuantity('bid', bid));
  }
  out.change_percentage = change;
  out.change_utc0 = change;
  out.change_utc8 = change;
  out.base_volume = formatScaled(stats.baseVolume, spec.amountPrecision);
  out.quote_volume = formatScaled(stats.quoteVolume, spec.amountPrecision + spec.precision);
  out.high_24h = price(spec, stats.high);
  out.low_24h = price(spec, stats.low);
  return out;
}

/** spot.tickers result. */
export function wsTicker(spec: GatePairSpec, stats: DayStats, book: OrderBook): Record<string, string> {
  return {
    ...tickerCore(spec, stats, book),
    change_percentage: changePercentage(stats.open, stats.last),
    base_volume: formatScaled(stats.baseVolume, spec.amountPrecision),
    quote_volume: formatScaled(stats.quoteVolume, spec.amountPrecision + spec.precision),
    high_24h: price(spec, stats.high),
    low_24h: price(spec, stats.low),
  };
}
