import {
  exactContracts,
  type Balance,
  type FuturesBalance,
  type MarginMode,
  type OrderState,
  type OrderStatus,
  type OrderType,
  type Position,
  type PositionSide,
  type Side,
  type TimeInForce,
} from '@cexgw/adapters';
import type { BalanceMessage, FillMessage, FuturesBalanceMessage, FuturesOrderMessage, OrderMessage, PositionMessage } from '@cexgw/grpc';
import type { JournaledFill } from './journal/journal.js';

// Adapter types -> cexgw.v1 messages (plain objects in proto-loader's keepCase form).

const SIDE: Readonly<Record<Side, 'SIDE_BUY' | 'SIDE_SELL'>> = { buy: 'SIDE_BUY', sell: 'SIDE_SELL' };
const TYPE: Readonly<Record<OrderType, 'ORDER_TYPE_LIMIT' | 'ORDER_TYPE_MARKET'>> = { limit: 'ORDER_TYPE_LIMIT', market: 'ORDER_TYPE_MARKET' };
const TIF: Readonly<Record<TimeInForce, 'TIME_IN_FORCE_GTC' | 'TIME_IN_FORCE_IOC' | 'TIME_IN_FORCE_FOK'>> = {
  gtc: 'TIME_IN_FORCE_GTC',
  ioc: 'TIME_IN_FORCE_IOC',
  fok: 'TIME_IN_FORCE_FOK',
};
const STATUS: Readonly<Record<OrderStatus, NonNullable<OrderMessage['status']>>> = {
  pending: 'ORDER_STATUS_PENDING',
  open: 'ORDER_STATUS_OPEN',
  partially_filled: 'ORDER_STATUS_PARTIALLY_FILLED',
  filled: 'ORDER_STATUS_FILLED',
  cancelled: 'ORDER_STATUS_CANCELLED',
  rejected: 'ORDER_STATUS_REJECTED',
  expired: 'ORDER_STATUS_EXPIRED',
};

export function orderMessage(order: OrderState): OrderMessage {
  return {
    order_id: order.orderId,
    client_order_id: order.clientOrderId,
    symbol: { base: order.symbol.base, quote: order.symbol.quote },
    side: SIDE[order.side],
    type: TYPE[order.type],
    time_in_force: TIF[order.timeInForce] ?? 'TIME_IN_FORCE_UNSPECIFIED',
    post_only: order.postOnly,
    status: STATUS[order.status] ?? 'ORDER_STATUS_UNSPECIFIED',
    price: order.price,
    quantity: order.quantity,
    filled_quantity: order.filledQuantity,
    filled_quote_quantity: order.filledQuoteQuantity,
    average_fill_price: order.averageFillPrice,
    created_ms: order.createdMs,
    updated_ms: order.updatedMs,
    reason: order.reason,
  };
}

export function fillMessage(fill: JournaledFill): FillMessage {
  return {
    cursor: String(fill.cursor),
    fill_id: fill.fillId,
    order_id: fill.orderId,
    client_order_id: fill.clientOrderId,
    symbol: { base: fill.symbol.base, quote: fill.symbol.quote },
    side: SIDE[fill.side],
    price: fill.price,
    quantity: fill.quantity,
    fee: fill.fee,
    fee_asset: fill.feeAsset,
    is_maker: fill.isMaker,
    timestamp_ms: fill.timestampMs,
  };
}

export function balanceMessage(balance: Balance): BalanceMessage {
  return { asset: balance.asset, free: balance.free, locked: balance.locked };
}

const POSITION_SIDE: Readonly<Record<PositionSide, NonNullable<PositionMessage['side']>>> = {
  long: 'POSITION_SIDE_LONG',
  short: 'POSITION_SIDE_SHORT',
  flat: 'POSITION_SIDE_FLAT',
};
const MARGIN_MODE: Readonly<Record<MarginMode, 'MARGIN_MODE_ISOLATED' | 'MARGIN_MODE_CROSS'>> = { isolated: 'MARGIN_MODE_ISOLATED', cross: 'MARGIN_MODE_CROSS' };

export function marginModeMessage(mode: MarginMode): 'MARGIN_MODE_ISOLATED' | 'MARGIN_MODE_CROSS' {
  return MARGIN_MODE[mode];
}

/** A futures order: the order in base units, and the same sizes in contracts. */
export function futuresOrderMessage(order: OrderState, multiplier: string): FuturesOrderMessage {
  const contracts = (base: string) => (base ? (exactContracts(base, multiplier) ?? '') : '');
  return {
    order: orderMessage(order),
    contracts: contracts(order.quantity),
    base_quantity: order.quantity,
    filled_contracts: contracts(order.filledQuantity),
    reduce_only: order.reduceOnly === true,
  };
}

export function positionMessage(position: Position): PositionMessage {
  return {
    symbol: { base: position.symbol.base, quote: position.symbol.quote },
    side: POSITION_SIDE[position.side],
    contracts: position.contracts,
    base_quantity: position.baseQuantity,
    entry_price: position.entryPrice,
    mark_price: position.markPrice,
    leverage: position.leverage,
    margin_mode: MARGIN_MODE[position.marginMode],
    margin: position.margin,
    unrealised_pnl: position.unrealisedPnl,
    realised_pnl: position.realisedPnl,
    liquidation_price: position.liquidationPrice,
    updated_ms: position.updatedMs,
  };
}

export function futuresBalanceMessage(balance: FuturesBalance): FuturesBalanceMessage {
  return {
    asset: balance.asset,
    total: balance.total,
    available: balance.available,
    position_margin: balance.positionMargin,
    order_margin: balance.orderMargin,
    unrealised_pnl: balance.unrealisedPnl,
  };
}
