import type { ContractInfo } from './futures-exchange.js';
import type { PrivateExchange, PrivateListener } from './private-exchange.js';
import type { Pair } from './symbol.js';

// The trading side of a futures venue (USDT-settled perpetuals), on top of PrivateExchange:
// orders keep their base-unit quantities (contracts x multiplier, exact) so the journal, fill
// cursors and order streams work unchanged; positions, leverage and margin are added here.

export type MarginMode = 'isolated' | 'cross';
export type PositionSide = 'long' | 'short' | 'flat';

export interface Position {
  readonly symbol: Pair;
  readonly side: PositionSide;
  /** Absolute size in contracts, and the same in base units. */
  readonly contracts: string;
  readonly baseQuantity: string;
  readonly entryPrice: string;
  readonly markPrice: string;
  readonly leverage: number;
  readonly marginMode: MarginMode;
  readonly margin: string;
  readonly unrealisedPnl: string;
  readonly realisedPnl: string;
  /** "" when the venue reports none. */
  readonly liquidationPrice: string;
  readonly updatedMs: number;
}

export interface FuturesBalance {
  readonly asset: string;
  readonly total: string;
  readonly available: string;
  readonly positionMargin: string;
  readonly orderMargin: string;
  readonly unrealisedPnl: string;
}

export interface LeverageSetting {
  readonly symbol: Pair;
  readonly leverage: number;
  readonly marginMode: MarginMode;
}

export interface FuturesPrivateListener extends PrivateListener {
  /** A position changed (fill, leverage, funding, liquidation, mark refresh). */
  onPosition(position: Position): void;
}

export interface FuturesPrivateExchange extends PrivateExchange {
  start(listener: FuturesPrivateListener): Promise<void>;
  listContracts(): readonly ContractInfo[];
  contractInfo(symbol: Pair): ContractInfo;
  setLeverage(symbol: Pair, leverage: number, marginMode: MarginMode): Promise<LeverageSetting>;
  /** Open (non-flat) positions, or the position of one contract (flat included). */
  getPositions(symbol?: Pair): Promise<Position[]>;
  getFuturesBalance(): Promise<FuturesBalance>;
}

export function isFuturesPrivateExchange(exchange: PrivateExchange): exchange is FuturesPrivateExchange {
  return typeof (exchange as Partial<FuturesPrivateExchange>).setLeverage === 'function';
}
