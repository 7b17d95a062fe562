import type { MarketProfile } from '../../common/seeded-market.js';

/**
 * Binance spot symbols the simulator can list, with the filters exchangeInfo states
 * (binance-spot-api-docs filters.md): PRICE_FILTER tickSize, LOT_SIZE stepSize / minQty / maxQty,
 * NOTIONAL minNotional. The engine's price and quantity scales are the tick's and the step's
 * decimals; the venue prints both with 8 decimals. Values are realistic, not live.
 */
export interface BinanceSpotSymbolSpec {
  symbol: string;
  baseAsset: string;
  quoteAsset: string;
  tickSize: string;
  stepSize: string;
  minQty: string;
  maxQty: string;
  minNotional: string;
  maxNotional: string;
  makerCommission: string;
  takerCommission: string;
  market: MarketProfile;
}

const usdt = (s: Pick<BinanceSpotSymbolSpec, 'symbol' | 'baseAsset' | 'tickSize' | 'stepSize' | 'minQty' | 'market'>): BinanceSpotSymbolSpec => ({
  quoteAsset: 'USDT',
  maxQty: '9000000',
  minNotional: '5',
  maxNotional: '9000000',
  makerCommission: '0.001',
  takerCommission: '0.001',
  ...s,
});

export const BINANCE_SPOT_SYMBOLS: readonly BinanceSpotSymbolSpec[] = [
  usdt({
    symbol: 'BTCUSDT',
    baseAsset: 'BTC',
    tickSize: '0.01',
    stepSize: '0.00001',
    minQty: '0.00001',
    market: { mid: '65000.00', minQty: '0.0001', maxQty: '0.8', levelGapTicks: 3, halfSpreadTicks: 1, volatilityTicks: 3 },
  }),
  usdt({
    symbol: 'ETHUSDT',
    baseAsset: 'ETH',
    tickSize: '0.01',
    stepSize: '0.0001',
    minQty: '0.0001',
    market: { mid: '3200.00', minQty: '0.001', maxQty: '12', levelGapTicks: 2, halfSpreadTicks: 1, volatilityTicks: 2 },
  }),
  usdt({
    symbol: 'BNBUSDT',
    baseAsset: 'BNB',
    tickSize: '0.01',
    stepSize: '0.001',
    minQty: '0.001',
    market: { mid: '580.00', minQty: '0.01', maxQty: '60', levelGapTicks: 1, halfSpreadTicks: 1, volatilityTicks: 1 },
  }),
  usdt({
    symbol: 'SOLUSDT',
    baseAsset: 'SOL',
    tickSize: '0.01',
    stepSize: '0.001',
    minQty: '0.001',
    market: { mid: '150.00', minQty: '0.01', maxQty: '250', levelGapTicks: 1, halfSpreadTicks: 1, volatilityTicks: 1 },
  }),
  usdt({
    symbol: 'XRPUSDT',
    baseAsset: 'XRP',
    tickSize: '0.0001',
    stepSize: '0.1',
    minQty: '0.1',
    market: { mid: '0.5234', minQty: '10', maxQty: '60000', levelGapTicks: 2, halfSpreadTicks: 1, volatilityTicks: 2 },
  }),
  {
    symbol: 'ETHBTC',
    baseAsset: 'ETH',
    quoteAsset: 'BTC',
    tickSize: '0.00001',
    stepSize: '0.0001',
    minQty: '0.0001',
    maxQty: '100000',
    minNotional: '0.0001',
    maxNotional: '9000000',
    makerCommission: '0.001',
    takerCommission: '0.001',
    market: { mid: '0.04923', minQty: '0.001', maxQty: '10', levelGapTicks: 2, halfSpreadTicks: 1, volatilityTicks: 1 },
  },
];

export const DEFAULT_BINANCE_SPOT_SYMBOLS: readonly string[] = BINANCE_SPOT_SYMBOLS.map((s) => s.symbol);

/** Extra listings for load tests: SYNTH<n>USDT is generated on request. */
const SYNTHETIC_SYMBOL = /^SYNTH(\d{1,4})USDT$/;

export function findSpotSymbolSpec(symbol: string): BinanceSpotSymbolSpec | undefined {
  const listed = BINANCE_SPOT_SYMBOLS.find((s) => s.symbol === symbol);
  if (listed) return listed;
  const m = SYNTHETIC_SYMBOL.exec(symbol);
  if (!m) return undefined;
  const n = Number(m[1]);
  return usdt({
    symbol,
    baseAsset: `SYNTH${n}`,
    tickSize: '0.001',
    stepSize: '0.01',
    minQty: '0.01',
    market: { mid: `${10 + n}.000`, minQty: '0.1', maxQty: '50', levelGapTicks: 2, halfSpreadTicks: 1, volatilityTicks: 2 },
  });
}

/**
 * The simulator's test key: Binance keys and HMAC secrets are 64 alphanumeric characters.
 * Accepted by default; `apiKeys` / `--api-key KEY:SECRET` replace it.
 */
export const BINANCE_SPOT_TEST_API_KEY = {
  apiKey: 'SimBinanceSpotTestKey0000000000000000000000000000000000000000001',
  apiSecret: 'SimBinanceSpotTestSecret000000000000000000000000000000000000001',
} as const;
