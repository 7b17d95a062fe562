import type { PerpFundingTerms } from '../../common/perp-funding.js';
import type { MarketProfile } from '../../common/seeded-market.js';
import type { PerpTerms } from '../../engine/index.js';
import { decimalsOf } from '../common/decimals.js';

/**
 * Binance USDⓈ-M perpetual contracts the simulator can list, with the filters exchangeInfo
 * states (PRICE_FILTER tickSize, LOT_SIZE stepSize / minQty / maxQty, MIN_NOTIONAL notional) and
 * the first leverage bracket. Sizes are base units on the step (the engine's quantity scale is the
 * step's decimals; a margin-ledger "contract" is 1 base unit). Values are realistic, not live.
 */
export interface BinanceUsdmContractSpec {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  /** Canonical ("0.1"); printed with `pricePrecision` decimals ("65000.10"), sizes with `quantityPrecision`. */
  tickSize: string;
  stepSize: string;
  pricePrecision: number;
  quantityPrecision: number;
  minQty: string;
  maxQty: string;
  marketMaxQty: string;
  minNotional: string;
  maxLeverage: number;
  maintenanceRate: string;
  makerCommission: string;
  takerCommission: string;
  /** Hours between fundings. */
  fundingIntervalHours: number;
  onboardDate: number;
  market: MarketProfile;
}

const usdt = (
  s: Pick<
    BinanceUsdmContractSpec,
    'symbol' | 'baseAsset' | 'tickSize' | 'stepSize' | 'pricePrecision' | 'quantityPrecision' | 'minQty' | 'maxQty' | 'marketMaxQty' | 'minNotional' | 'maxLeverage' | 'market'
  >,
): BinanceUsdmContractSpec => ({
  quoteAsset: 'USDT',
  maintenanceRate: '0.004',
  makerCommission: '0.0002',
  takerCommission: '0.0005',
  fundingIntervalHours: 8,
  onboardDate: 1569398400000,
  ...s,
});

export const BINANCE_USDM_CONTRACTS: readonly BinanceUsdmContractSpec[] = [
  usdt({
    symbol: 'BTCUSDT',
    baseAsset: 'BTC',
    tickSize: '0.1',
    stepSize: '0.001',
    pricePrecision: 2,
    quantityPrecision: 3,
    minQty: '0.001',
    maxQty: '1000',
    marketMaxQty: '120',
    minNotional: '100',
    maxLeverage: 125,
    market: { mid: '65000.0', minQty: '0.001', maxQty: '0.6', levelGapTicks: 2, halfSpreadTicks: 1, volatilityTicks: 2 },
  }),
  usdt({
    symbol: 'ETHUSDT',
    baseAsset: 'ETH',
    tickSize: '0.01',
    stepSize: '0.001',
    pricePrecision: 2,
    quantityPrecision: 3,
    minQty: '0.001',
    maxQty: '10000',
    marketMaxQty: '2000',
    minNotional: '20',
    maxLeverage: 100,
    market: { mid: '3200.00', minQty: '0.01', maxQty: '12', levelGapTicks: 2, halfSpreadTicks: 1, volatilityTicks: 2 },
  }),
  usdt({
    symbol: 'SOLUSDT',
    baseAsset: 'SOL',
    tickSize: '0.01',
    stepSize: '1',
    pricePrecision: 4,
    quantityPrecision: 0,
    minQty: '1',
    maxQty: '1000000',
    marketMaxQty: '5000',
    minNotional: '5',
    maxLeverage: 75,
    market: { mid: '150.00', minQty: '1', maxQty: '250', levelGapTicks: 1, halfSpreadTicks: 1, volatilityTicks: 1 },
  }),
  usdt({
    symbol: 'XRPUSDT',
    baseAsset: 'XRP',
    tickSize: '0.0001',
    stepSize: '0.1',
    pricePrecision: 4,
    quantityPrecision: 1,
    minQty: '0.1',
    maxQty: '10000000',
    marketMaxQty: '2000000',
    minNotional: '5',
    maxLeverage: 75,
    market: { mid: '0.5234', minQty: '10', maxQty: '60000', levelGapTicks: 1, halfSpreadTicks: 1, volatilityTicks: 1 },
  }),
];

export const DEFAULT_BINANCE_USDM_CONTRACTS: readonly string[] = BINANCE_USDM_CONTRACTS.map((c) => c.symbol);

export function findUsdmContractSpec(symbol: string): BinanceUsdmContractSpec | undefined {
  return BINANCE_USDM_CONTRACTS.find((c) => c.symbol === symbol);
}

/** Leverage of a position the account never set one for (the venue's default is 20x, cross margin off). */
export const BINANCE_USDM_DEFAULT_LEVERAGE = 20;

/** Starting futures wallet of an account that brings none. */
export const BINANCE_USDM_DEFAULT_BALANCES: Readonly<Record<string, string>> = { USDT: '100000' };

export const priceScaleOf = (spec: BinanceUsdmContractSpec): number => decimalsOf(spec.tickSize);
export const qtyScaleOf = (spec: BinanceUsdmContractSpec): number => decimalsOf(spec.stepSize);

/** What the margin ledger needs of a contract: one base unit per ledger "contract". */
export function perpTermsOf(spec: BinanceUsdmContractSpec): PerpTerms {
  return {
    symbol: spec.symbol,
    multiplier: '1',
    maintenanceRate: spec.maintenanceRate,
    leverageMin: 1,
    leverageMax: spec.maxLeverage,
    defaultLeverage: Math.min(BINANCE_USDM_DEFAULT_LEVERAGE, spec.maxLeverage),
    crossLeverageDefault: Math.min(BINANCE_USDM_DEFAULT_LEVERAGE, spec.maxLeverage),
  };
}

/** What the funding board needs (the formulas are the simulator's: common/perp-funding.ts). */
export function fundingTermsOf(spec: BinanceUsdmContractSpec): PerpFundingTerms {
  return {
    name: spec.symbol,
    orderPriceRound: spec.tickSize,
    markPriceRound: spec.tickSize,
    fundingRateLimit: '0.003',
    leverageMax: String(spec.maxLeverage),
    maintenanceRate: spec.maintenanceRate,
    fundingCapRatio: '0.75',
    fundingInterval: spec.fundingIntervalHours * 3600,
    fundingRate: '0.0001',
  };
}

/** Binance keys and HMAC secrets are 64 alphanumeric characters. */
export const BINANCE_USDM_TEST_API_KEY = {
  apiKey: 'SimBinanceUsdmTestKey0000000000000000000000000000000000000000001',
  apiSecret: 'SimBinanceUsdmTestSecret000000000000000000000000000000000000001',
} as const;
