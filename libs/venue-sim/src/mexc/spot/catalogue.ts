/**
 * MEXC spot symbols the simulator can list. Field meanings follow the venue's exchangeInfo
 * (docs/venues/mexc-spot-wire.md): `quoteAssetPrecision` = price decimals, `baseAssetPrecision`
 * = quantity decimals, `baseSizePrecision` = minimum quantity, `quoteAmountPrecision` = minimum
 * order amount in quote. Values are realistic, not live.
 */

import type { MarketProfile } from '../../common/seeded-market.js';

export interface MexcSymbolSpec {
  /** Venue symbol, e.g. "BTCUSDT". */
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  fullName: string;
  /** Decimals of quantities (baseAssetPrecision). */
  baseAssetPrecision: number;
  /** Decimals of prices (quoteAssetPrecision, quotePrecision). */
  quoteAssetPrecision: number;
  baseCommissionPrecision: number;
  quoteCommissionPrecision: number;
  /** Minimum order quantity, "0" = none (baseSizePrecision). */
  baseSizePrecision: string;
  /** Minimum order amount in quote (quoteAmountPrecision). */
  quoteAmountPrecision: string;
  maxQuoteAmount: string;
  quoteAmountPrecisionMarket: string;
  maxQuoteAmountMarket: string;
  makerCommission: string;
  takerCommission: string;
  /** Synthetic market: starting price and order sizes (decimal strings). */
  market: MarketProfile;
}

const usdt = (
  s: Omit<
    MexcSymbolSpec,
    'quoteAsset' | 'quoteCommissionPrecision' | 'quoteAmountPrecision' | 'maxQuoteAmount' | 'quoteAmountPrecisionMarket' | 'maxQuoteAmountMarket' | 'makerCommission' | 'takerCommission'
  > &
    Partial<MexcSymbolSpec>,
): MexcSymbolSpec => ({
  quoteAsset: 'USDT',
  quoteCommissionPrecision: s.quoteAssetPrecision,
  quoteAmountPrecision: '1',
  maxQuoteAmount: '2000000',
  quoteAmountPrecisionMarket: '1',
  maxQuoteAmountMarket: '100000',
  makerCommission: '0',
  takerCommission: '0.0005',
  ...s,
});

export const MEXC_SPOT_SYMBOLS: readonly MexcSymbolSpec[] = [
  usdt({
    symbol: 'BTCUSDT',
    baseAsset: 'BTC',
    fullName: 'Bitcoin',
    baseAssetPrecision: 6,
    quoteAssetPrecision: 2,
    baseCommissionPrecision: 6,
    baseSizePrecision: '0.000001',
    maxQuoteAmount: '5000000',
    market: { mid: '65000.00', minQty: '0.0001', maxQty: '0.8', levelGapTicks: 3, halfSpreadTicks: 1, volatilityTicks: 3 },
  }),
  usdt({
    symbol: 'ETHUSDT',
    baseAsset: 'ETH',
    fullName: 'Ethereum',
    baseAssetPrecision: 5,
    quoteAssetPrecision: 2,
    baseCommissionPrecision: 5,
    baseSizePrecision: '0.00001',
    maxQuoteAmount: '5000000',
    market: { mid: '3200.00', minQty: '0.001', maxQty: '12', levelGapTicks: 2, halfSpreadTicks: 1, volatilityTicks: 2 },
  }),
  usdt({
    symbol: 'MXUSDT',
    baseAsset: 'MX',
    fullName: 'MX Token',
    baseAssetPrecision: 2,
    quoteAssetPrecision: 4,
    baseCommissionPrecision: 2,
    baseSizePrecision: '0.01',
    market: { mid: '3.6962', minQty: '1', maxQty: '4000', levelGapTicks: 1, halfSpreadTicks: 1, volatilityTicks: 1 },
  }),
  usdt({
    symbol: 'SOLUSDT',
    baseAsset: 'SOL',
    fullName: 'Solana',
    baseAssetPrecision: 3,
    quoteAssetPrecision: 2,
    baseCommissionPrecision: 3,
    baseSizePrecision: '0.001',
    market: { mid: '150.00', minQty: '0.01', maxQty: '250', levelGapTicks: 1, halfSpreadTicks: 1, volatilityTicks: 1 },
  }),
  usdt({
    symbol: 'XRPUSDT',
    baseAsset: 'XRP',
    fullName: 'XRP',
    baseAssetPrecision: 2,
    quoteAssetPrecision: 5,
    baseCommissionPrecision: 2,
    baseSizePrecision: '0.01',
    market: { mid: '0.52340', minQty: '10', maxQty: '60000', levelGapTicks: 2, halfSpreadTicks: 1, volatilityTicks: 2 },
  }),
  usdt({
    symbol: 'DOGEUSDT',
    baseAsset: 'DOGE',
    fullName: 'Dogecoin',
    baseAssetPrecision: 2,
    quoteAssetPrecision: 6,
    baseCommissionPrecision: 2,
    baseSizePrecision: '0.01',
    market: { mid: '0.123450', minQty: '20', maxQty: '250000', levelGapTicks: 3, halfSpreadTicks: 1, volatilityTicks: 3 },
  }),
  usdt({
    symbol: 'LTCUSDT',
    baseAsset: 'LTC',
    fullName: 'Litecoin',
    baseAssetPrecision: 4,
    quoteAssetPrecision: 2,
    baseCommissionPrecision: 4,
    baseSizePrecision: '0.0001',
    market: { mid: '72.35', minQty: '0.01', maxQty: '400', levelGapTicks: 1, halfSpreadTicks: 1, volatilityTicks: 1 },
  }),
  usdt({
    symbol: 'TRXUSDT',
    baseAsset: 'TRX',
    fullName: 'TRON',
    baseAssetPrecision: 2,
    quoteAssetPrecision: 5,
    baseCommissionPrecision: 2,
    baseSizePrecision: '0.01',
    market: { mid: '0.12345', minQty: '50', maxQty: '300000', levelGapTicks: 1, halfSpreadTicks: 1, volatilityTicks: 1 },
  }),
  {
    symbol: 'ETHBTC',
    baseAsset: 'ETH',
    quoteAsset: 'BTC',
    fullName: 'Ethereum',
    baseAssetPrecision: 4,
    quoteAssetPrecision: 6,
    baseCommissionPrecision: 4,
    quoteCommissionPrecision: 6,
    baseSizePrecision: '0.0001',
    quoteAmountPrecision: '0.0001',
    maxQuoteAmount: '100',
    quoteAmountPrecisionMarket: '0.0001',
    maxQuoteAmountMarket: '10',
    makerCommission: '0',
    takerCommission: '0.0005',
    market: { mid: '0.049230', minQty: '0.001', maxQty: '10', levelGapTicks: 2, halfSpreadTicks: 1, volatilityTicks: 1 },
  },
];

export const DEFAULT_MEXC_SPOT_SYMBOLS: readonly string[] = MEXC_SPOT_SYMBOLS.map((s) => s.symbol);

/** Extra listings for load tests: SYNTH<n>USDT is generated on request. */
const SYNTHETIC_SYMBOL = /^SYNTH(\d{1,4})USDT$/;

export function findSymbolSpec(symbol: string): MexcSymbolSpec | undefined {
  const listed = MEXC_SPOT_SYMBOLS.find((s) => s.symbol === symbol);
  if (listed) return listed;
  const m = SYNTHETIC_SYMBOL.exec(symbol);
  if (!m) return undefined;
  const n = Number(m[1]);
  return usdt({
    symbol,
    baseAsset: `SYNTH${n}`,
    fullName: `Synthetic ${n}`,
    baseAssetPrecision: 2,
    quoteAssetPrecision: 3,
    baseCommissionPrecision: 2,
    baseSizePrecision: '0.01',
    market: { mid: `${10 + n}.000`, minQty: '0.1', maxQty: '50', levelGapTicks: 2, halfSpreadTicks: 1, volatilityTicks: 2 },
  });
}

/**
 * The simulator's documented test key (MEXC keys look like mx0vgl..., secrets are 32 hex
 * digits). Accepted by default; `apiKeys` / `--api-key KEY:SECRET` replace it.
 */
export const MEXC_TEST_API_KEY = { apiKey: 'mx0vglSIMTESTKEY0001', apiSecret: '5eb1c7e0d1a44c6e9f2b3a4d5c6e7f80' } as const;
