/**
 * Gate.io spot pairs and currencies the simulator can list. Precisions and minimums follow the
 * venue's published shapes (docs/venues/gateio-spot-wire.md); values are realistic, not live.
 */

import type { MarketProfile } from '../../common/seeded-market.js';

export interface GatePairSpec {
  id: string;
  base: string;
  quote: string;
  /** Trading fee rate in percent, as the venue prints it. */
  fee: string;
  minBaseAmount: string;
  minQuoteAmount: string;
  maxBaseAmount?: string;
  maxQuoteAmount: string;
  amountPrecision: number;
  precision: number;
  sellStart: number;
  buyStart: number;
  /** Margin leverage for /margin/currency_pairs; absent = not a margin pair. */
  leverage?: number;
  /** Synthetic market: starting price and order sizes (decimal strings). */
  market: MarketProfile;
}

export const GATE_SPOT_PAIRS: readonly GatePairSpec[] = [
  {
    id: 'BTC_USDT',
    base: 'BTC',
    quote: 'USDT',
    fee: '0.2',
    minBaseAmount: '0.00001',
    minQuoteAmount: '3',
    maxBaseAmount: '1000',
    maxQuoteAmount: '5000000',
    amountPrecision: 6,
    precision: 1,
    sellStart: 1516378650,
    buyStart: 1516378650,
    leverage: 10,
    market: { mid: '65000.0', minQty: '0.0001', maxQty: '0.8', levelGapTicks: 2, halfSpreadTicks: 1, volatilityTicks: 2 },
  },
  {
    id: 'ETH_USDT',
    base: 'ETH',
    quote: 'USDT',
    fee: '0.2',
    minBaseAmount: '0.0001',
    minQuoteAmount: '3',
    maxBaseAmount: '20000',
    maxQuoteAmount: '5000000',
    amountPrecision: 4,
    precision: 2,
    sellStart: 1516378650,
    buyStart: 1516378650,
    leverage: 10,
    market: { mid: '3200.00', minQty: '0.001', maxQty: '12', levelGapTicks: 2, halfSpreadTicks: 1, volatilityTicks: 2 },
  },
  {
    id: 'SOL_USDT',
    base: 'SOL',
    quote: 'USDT',
    fee: '0.2',
    minBaseAmount: '0.001',
    minQuoteAmount: '3',
    maxQuoteAmount: '5000000',
    amountPrecision: 3,
    precision: 2,
    sellStart: 1609459200,
    buyStart: 1609459200,
    leverage: 10,
    market: { mid: '150.00', minQty: '0.01', maxQty: '250', levelGapTicks: 1, halfSpreadTicks: 1, volatilityTicks: 1 },
  },
  {
    id: 'XRP_USDT',
    base: 'XRP',
    quote: 'USDT',
    fee: '0.2',
    minBaseAmount: '0.001',
    minQuoteAmount: '3',
    maxQuoteAmount: '5000000',
    amountPrecision: 3,
    precision: 4,
    sellStart: 1516378650,
    buyStart: 1516378650,
    leverage: 10,
    market: { mid: '0.5234', minQty: '10', maxQty: '60000', levelGapTicks: 1, halfSpreadTicks: 1, volatilityTicks: 1 },
  },
  {
    id: 'DOGE_USDT',
    base: 'DOGE',
    quote: 'USDT',
    fee: '0.2',
    minBaseAmount: '0.01',
    minQuoteAmount: '3',
    maxQuoteAmount: '5000000',
    amountPrecision: 2,
    precision: 5,
    sellStart: 1516378650,
    buyStart: 1516378650,
    leverage: 10,
    market: { mid: '0.12345', minQty: '20', maxQty: '250000', levelGapTicks: 1, halfSpreadTicks: 1, volatilityTicks: 1 },
  },
  {
    id: 'LTC_USDT',
    base: 'LTC',
    quote: 'USDT',
    fee: '0.2',
    minBaseAmount: '0.0001',
    minQuoteAmount: '3',
    maxQuoteAmount: '5000000',
    amountPrecision: 4,
    precision: 2,
    sellStart: 1516378650,
    buyStart: 1516378650,
    leverage: 10,
    market: { mid: '72.35', minQty: '0.01', maxQty: '400', levelGapTicks: 1, halfSpreadTicks: 1, volatilityTicks: 1 },
  },
  {
    id: 'ADA_USDT',
    base: 'ADA',
    quote: 'USDT',
    fee: '0.2',
    minBaseAmount: '0.01',
    minQuoteAmount: '3',
    maxQuoteAmount: '5000000',
    amountPrecision: 2,
    precision: 4,
    sellStart: 1516378650,
    buyStart: 1516378650,
    market: { mid: '0.4521', minQty: '10', maxQty: '80000', levelGapTicks: 1, halfSpreadTicks: 1, volatilityTicks: 1 },
  },
  {
    id: 'TRX_USDT',
    base: 'TRX',
    quote: 'USDT',
    fee: '0.2',
    minBaseAmount: '0.01',
    minQuoteAmount: '3',
    maxQuoteAmount: '5000000',
    amountPrecision: 2,
    precision: 5,
    sellStart: 1516378650,
    buyStart: 1516378650,
    market: { mid: '0.12345', minQty: '50', maxQty: '300000', levelGapTicks: 1, halfSpreadTicks: 1, volatilityTicks: 1 },
  },
  {
    id: 'GT_USDT',
    base: 'GT',
    quote: 'USDT',
    fee: '0.2',
    minBaseAmount: '0.01',
    minQuoteAmount: '3',
    maxQuoteAmount: '5000000',
    amountPrecision: 2,
    precision: 3,
    sellStart: 1516378650,
    buyStart: 1516378650,
    leverage: 5,
    market: { mid: '8.512', minQty: '0.5', maxQty: '3000', levelGapTicks: 1, halfSpreadTicks: 1, volatilityTicks: 1 },
  },
  {
    id: 'ETH_BTC',
    base: 'ETH',
    quote: 'BTC',
    fee: '0.2',
    minBaseAmount: '0.001',
    minQuoteAmount: '0.0001',
    maxQuoteAmount: '100',
    amountPrecision: 4,
    precision: 6,
    sellStart: 1516378650,
    buyStart: 1516378650,
    market: { mid: '0.049230', minQty: '0.001', maxQty: '10', levelGapTicks: 2, halfSpreadTicks: 1, volatilityTicks: 1 },
  },
];

export const DEFAULT_GATE_SPOT_SYMBOLS: readonly string[] = GATE_SPOT_PAIRS.map((p) => p.id);

/** Extra listings for load tests: SYNTH<n>_USDT is generated on request (e.g. 50 symbols). */
const SYNTHETIC_PAIR = /^SYNTH(\d{1,4})_USDT$/;

function syntheticPairSpec(id: string, n: number): GatePairSpec {
  return {
    id,
    base: `SYNTH${n}`,
    quote: 'USDT',
    fee: '0.2',
    minBaseAmount: '0.01',
    minQuoteAmount: '3',
    maxQuoteAmount: '5000000',
    amountPrecision: 2,
    precision: 3,
    sellStart: 1516378650,
    buyStart: 1516378650,
    market: { mid: `${10 + n}.000`, minQty: '0.1', maxQty: '50', levelGapTicks: 2, halfSpreadTicks: 1, volatilityTicks: 2 },
  };
}

export function findPairSpec(id: string): GatePairSpec | undefined {
  const listed = GATE_SPOT_PAIRS.find((p) => p.id === id);
  if (listed) return listed;
  const synthetic = SYNTHETIC_PAIR.exec(id);
  return synthetic ? syntheticPairSpec(id, Number(synthetic[1])) : undefined;
}
