import { canonicalDecimal, compareDecimal, isMultipleOf } from '../../core/decimal.js';
import { requireExactContracts } from '../../core/contracts.js';
import type { ContractInfo, FundingRate, Liquidation, MarkPrice } from '../../core/futures-exchange.js';
import type { Pair } from '../../core/symbol.js';
import type { SymbolInfo } from '../../core/types.js';
import { WireReader } from '../../core/wire-read.js';
import { symbolInfoOf } from '../common/filters.js';
import { DEFAULT_FUNDING_INTERVAL_HOURS } from './constants.js';

export const BINANCE_USDM = 'binance_usdm';

/** Strict readers of the USDⓈ-M venue's answers (core/wire-read.ts). */
export const read = new WireReader(BINANCE_USDM);

// USDⓈ-M sizes orders in base units on a LOT_SIZE step (0.001 BTC on BTCUSDT). The gateway's
// futures API sizes in whole contracts of a multiplier, so a binance_usdm contract is one step:
// every size the venue accepts is a whole number of them, and a base quantity between two steps
// is refused as on every other futures venue, never rounded.

export interface UsdmCatalogue {
  readonly infos: SymbolInfo[];
  readonly contracts: Map<string, ContractInfo>;
}

export interface FundingSchedule {
  /** Hours between fundings, by symbol, where the venue adjusted them (GET /fapi/v1/fundingInfo). */
  readonly intervalHours: ReadonlyMap<string, number>;
  /** Next funding time by symbol (GET /fapi/v1/premiumIndex). */
  readonly next: ReadonlyMap<string, number>;
}

/** Contract statuses on the way out (the derivatives docs' "Contract status"). */
const WINDING_DOWN = new Set(['PRE_DELIVERING', 'DELIVERING', 'DELIVERED', 'PRE_SETTLE', 'SETTLING', 'CLOSE']);

/** Perpetual contracts of GET /fapi/v1/exchangeInfo (delivery contracts are left out), with their funding schedule. */
export function usdmCatalogue(answer: unknown, schedule: FundingSchedule): UsdmCatalogue {
  const infos: SymbolInfo[] = [];
  const contracts = new Map<string, ContractInfo>();
  for (const item of read.list(read.object(answer, 'an exchangeInfo answer').symbols, 'symbols')) {
    const wire = read.object(item, 'a symbol');
    if (wire.contractType !== 'PERPETUAL') continue;
    const symbol = { base: read.text(wire.baseAsset, 'a base asset'), quote: read.text(wire.quoteAsset, 'a quote asset') };
    const info = symbolInfoOf(read, wire, symbol, false, 'notional');
    if (!info.quantityStep) throw read.malformed('a LOT_SIZE step', info.quantityStep, 'a step size');
    infos.push(info);
    const step = info.quantityStep;
    contracts.set(info.venueSymbol, {
      symbol,
      venueSymbol: info.venueSymbol,
      contractMultiplier: step,
      priceTick: info.priceTick,
      minContracts: info.minQuantity ? requireExactContracts(info.minQuantity, step, info.venueSymbol) : '1',
      maxContracts: info.maxQuantity ? requireExactContracts(info.maxQuantity, step, info.venueSymbol) : '',
      minLeverage: 1,
      // The leverage cap is the account's bracket (GET /fapi/v1/leverageBracket, signed): the
      // trading side reads it; the public side cannot know it.
      maxLeverage: 0,
      fundingIntervalS: (schedule.intervalHours.get(info.venueSymbol) ?? DEFAULT_FUNDING_INTERVAL_HOURS) * 3600,
      nextFundingTimeMs: schedule.next.get(info.venueSymbol) ?? 0,
      inDelisting: WINDING_DOWN.has(read.text(wire.status, 'a status')),
    });
  }
  return { infos, contracts };
}

/** GET /fapi/v1/fundingInfo: symbols whose funding interval differs from 8 h. */
export function fundingIntervals(answer: unknown): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of read.list(answer, 'funding info')) {
    const wire = read.object(item, 'a funding info item');
    out.set(read.text(wire.symbol, 'a symbol'), Number(read.id(wire.fundingIntervalHours, 'a funding interval')));
  }
  return out;
}

/** GET /fapi/v1/premiumIndex without a symbol: the next funding time of every symbol. */
export function nextFundingTimes(answer: unknown): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of read.list(answer, 'premium indexes')) {
    const wire = read.object(item, 'a premium index');
    out.set(read.text(wire.symbol, 'a symbol'), read.millis(wire.nextFundingTime, 'a next funding time'));
  }
  return out;
}

/** GET /fapi/v1/premiumIndex?symbol as the funding rate: Binance publishes the current period's rate (lastFundingRate) and no prediction. */
export function fundingRateOf(answer: unknown, symbol: Pair): FundingRate {
  const wire = read.object(answer, 'a premium index');
  return {
    symbol,
    rate: read.decimal(wire.lastFundingRate, 'a funding rate'),
    predictedRate: '',
    nextFundingTimeMs: read.millis(wire.nextFundingTime, 'a next funding time'),
    timestampMs: read.millis(wire.time, 'a time'),
  };
}

export function markPriceOf(answer: unknown, symbol: Pair): MarkPrice {
  const wire = read.object(answer, 'a premium index');
  return { symbol, markPrice: read.positive(wire.markPrice, 'a mark price'), indexPrice: read.positive(wire.indexPrice, 'an index price'), timestampMs: read.millis(wire.time, 'a time') };
}

/** A markPriceUpdate event ({p, i, r, T, E}): the mark, and the funding rate with the next funding time. */
export function markOfEvent(data: Record<string, unknown>, symbol: Pair): { mark: MarkPrice; funding: FundingRate } {
  const timestampMs = read.millis(data.E, 'an event time');
  return {
    mark: { symbol, markPrice: read.positive(data.p, 'a mark price'), indexPrice: read.positive(data.i, 'an index price'), timestampMs },
    funding: { symbol, rate: read.decimal(data.r, 'a funding rate'), predictedRate: '', nextFundingTimeMs: read.millis(data.T, 'a next funding time'), timestampMs },
  };
}

/**
 * A forceOrder event ({o: {s, S, q, p, ap, X, l, z, T}}): the liquidation order's side, its
 * average price (the order price before it traded), and its filled size in base units and steps.
 */
export function liquidationOfEvent(data: Record<string, unknown>, contract: ContractInfo): Liquidation {
  const order = read.object(data.o, 'a liquidation order');
  const filled = read.positive(order.z ?? order.q, 'a liquidation quantity');
  const average = read.decimalOrZero(order.ap, 'an average price');
  return {
    symbol: contract.symbol,
    side: read.oneOf(order.S, ['BUY', 'SELL'], 'a side') === 'BUY' ? 'buy' : 'sell',
    price: compareDecimal(average, '0') > 0 ? average : read.positive(order.p, 'a price'),
    contracts: stepsOf(filled, contract),
    baseQuantity: filled,
    timestampMs: read.millis(order.T, 'a trade time'),
  };
}

/** A base quantity in the contract's steps (exact, or refused as malformed: the venue sizes on its step). */
export function stepsOf(base: string, contract: ContractInfo): string {
  const quantity = canonicalDecimal(base.startsWith('-') ? base.slice(1) : base);
  if (!isMultipleOf(quantity, contract.contractMultiplier)) throw read.malformed('a size', base, `a multiple of the step ${contract.contractMultiplier}`);
  return requireExactContracts(quantity, contract.contractMultiplier, contract.venueSymbol);
}
