/**
 * Gate.io USDT-settled perpetual contracts the futures simulator can list. Field values follow the
 * venue's published shapes (docs/venues/gateio-futures-wire.md); they are realistic, not live.
 * The engine trades whole contracts (qtyScale 0, lot = 1 contract); prices as on spot.
 */

import type { MarketProfile } from '../../common/seeded-market.js';
import type { PerpTerms } from '../../engine/index.js';

export interface GateContractSpec {
  name: string;
  base: string;
  quote: string;
  /** Base units per contract. */
  quantoMultiplier: string;
  /** Price tick, e.g. "0.1"; its decimals are the engine's price scale. */
  orderPriceRound: string;
  markPriceRound: string;
  orderSizeMin: number;
  orderSizeMax: number;
  marketOrderSizeMax: string;
  leverageMin: string;
  leverageMax: string;
  crossLeverageDefault: string;
  maintenanceRate: string;
  makerFeeRate: string;
  takerFeeRate: string;
  /** Seconds between fundings. */
  fundingInterval: number;
  /** Funding rate of the seeded history and before the first computed one. */
  fundingRate: string;
  fundingCapRatio: string;
  fundingRateLimit: string;
  fundingImpactValue: string;
  orderPriceDeviate: string;
  riskLimitBase: string;
  riskLimitStep: string;
  riskLimitMax: string;
  ordersLimit: number;
  createTime: number;
  /** Synthetic market: starting price and order sizes in contracts. */
  market: MarketProfile;
}

const common = {
  quote: 'USDT',
  orderSizeMin: 1,
  leverageMin: '1',
  crossLeverageDefault: '10',
  makerFeeRate: '-0.0001',
  takerFeeRate: '0.00075',
  fundingInterval: 28800,
  fundingRate: '0.0001',
  fundingCapRatio: '0.75',
  fundingRateLimit: '0.02',
  orderPriceDeviate: '0.5',
  ordersLimit: 100,
} as const;

export const GATE_FUTURES_CONTRACTS: readonly GateContractSpec[] = [
  {
    ...common,
    name: 'BTC_USDT',
    base: 'BTC',
    quantoMultiplier: '0.0001',
    orderPriceRound: '0.1',
    markPriceRound: '0.01',
    orderSizeMax: 1000000,
    marketOrderSizeMax: '300000',
    leverageMax: '100',
    maintenanceRate: '0.005',
    fundingImpactValue: '60000',
    riskLimitBase: '1000000',
    riskLimitStep: '1000000',
    riskLimitMax: '8000000',
    createTime: 1609899548,
    market: { mid: '65000.0', minQty: '1', maxQty: '6000', levelGapTicks: 2, halfSpreadTicks: 1, volatilityTicks: 2 },
  },
  {
    ...common,
    name: 'ETH_USDT',
    base: 'ETH',
    quantoMultiplier: '0.01',
    orderPriceRound: '0.01',
    markPriceRound: '0.001',
    orderSizeMax: 1000000,
    marketOrderSizeMax: '300000',
    leverageMax: '100',
    maintenanceRate: '0.005',
    fundingImpactValue: '60000',
    riskLimitBase: '1000000',
    riskLimitStep: '1000000',
    riskLimitMax: '8000000',
    createTime: 1609899548,
    market: { mid: '3200.00', minQty: '1', maxQty: '1200', levelGapTicks: 2, halfSpreadTicks: 1, volatilityTicks: 2 },
  },
  {
    ...common,
    name: 'SOL_USDT',
    base: 'SOL',
    quantoMultiplier: '1',
    orderPriceRound: '0.001',
    markPriceRound: '0.001',
    orderSizeMax: 500000,
    marketOrderSizeMax: '100000',
    leverageMax: '50',
    maintenanceRate: '0.01',
    fundingImpactValue: '20000',
    riskLimitBase: '200000',
    riskLimitStep: '200000',
    riskLimitMax: '2000000',
    createTime: 1617235200,
    market: { mid: '150.000', minQty: '1', maxQty: '250', levelGapTicks: 2, halfSpreadTicks: 1, volatilityTicks: 2 },
  },
  {
    ...common,
    name: 'XRP_USDT',
    base: 'XRP',
    quantoMultiplier: '10',
    orderPriceRound: '0.0001',
    markPriceRound: '0.0001',
    orderSizeMax: 500000,
    marketOrderSizeMax: '100000',
    leverageMax: '50',
    maintenanceRate: '0.01',
    fundingImpactValue: '20000',
    riskLimitBase: '200000',
    riskLimitStep: '200000',
    riskLimitMax: '2000000',
    createTime: 1609899548,
    market: { mid: '0.5234', minQty: '1', maxQty: '6000', levelGapTicks: 1, halfSpreadTicks: 1, volatilityTicks: 1 },
  },
];

export const DEFAULT_GATE_FUTURES_CONTRACTS: readonly string[] = GATE_FUTURES_CONTRACTS.map((c) => c.name);

export function findContractSpec(name: string): GateContractSpec | undefined {
  return GATE_FUTURES_CONTRACTS.find((c) => c.name === name);
}

/**
 * Isolated leverage of a position whose leverage the user never set (the simulator's choice: the
 * venue keeps the last setting per account and contract; 10x isolated is a common default).
 */
export const GATE_FUTURES_DEFAULT_LEVERAGE = 10;

/** Starting futures balance of an account that brings none. */
export const GATE_FUTURES_DEFAULT_BALANCES: Readonly<Record<string, string>> = { USDT: '100000' };

/** What the margin ledger needs of a contract. */
export function perpTermsOf(spec: GateContractSpec): PerpTerms {
  return {
    symbol: spec.name,
    multiplier: spec.quantoMultiplier,
    maintenanceRate: spec.maintenanceRate,
    leverageMin: Number(spec.leverageMin),
    leverageMax: Number(spec.leverageMax),
    defaultLeverage: Math.min(GATE_FUTURES_DEFAULT_LEVERAGE, Number(spec.leverageMax)),
    crossLeverageDefault: Number(spec.crossLeverageDefault),
  };
}

/** Decimal places of a decimal string ("0.01" -> 2, "1" -> 0). */
export function decimalsOf(text: string): number {
  const i = text.indexOf('.');
  return i < 0 ? 0 : text.length - i - 1;
}
