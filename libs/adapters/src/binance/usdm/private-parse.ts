import { addDecimal, multiplyDecimal } from '../../core/decimal.js';
import { GatewayError } from '../../core/errors.js';
import type { ContractInfo } from '../../core/futures-exchange.js';
import type { FuturesBalance, MarginMode, Position } from '../../core/futures-private.js';
import type { Balance, Fill, OrderRequest, OrderState, OrderStatus, OrderType, TimeInForce } from '../../core/private-exchange.js';
import { BINANCE_USDM, read, stepsOf } from './parse.js';

// Binance USDⓈ-M wire <-> unified for the private side, read strictly (core/wire-read.ts). Field
// names: the @binance/derivatives-trading-usds-futures models (NewOrderResponse, QueryOrderResponse,
// PositionInformationV2ResponseInner, AccountTradeListResponseInner, OrderTradeUpdateO, ...);
// docs/venues/binance-usdm-wire.md.

const SIDES = ['BUY', 'SELL'] as const;
/** Order types the gateway places or meets (a liquidation is the venue's own order on our position). */
const TYPES = ['LIMIT', 'MARKET', 'LIQUIDATION', 'STOP', 'STOP_MARKET', 'TAKE_PROFIT', 'TAKE_PROFIT_MARKET', 'TRAILING_STOP_MARKET'] as const;
const TIFS = ['GTC', 'IOC', 'FOK', 'GTX', 'GTD', 'RPI'] as const;
const STATUS: Readonly<Record<string, OrderStatus>> = {
  NEW: 'open',
  PARTIALLY_FILLED: 'partially_filled',
  FILLED: 'filled',
  CANCELED: 'cancelled',
  REJECTED: 'rejected',
  EXPIRED: 'expired',
  EXPIRED_IN_MATCH: 'expired',
};
const STATUSES = Object.keys(STATUS);

/** The venue's order parameters for a request: post-only is the GTX time in force. */
export function venueOrderParams(request: OrderRequest): { type: string; timeInForce?: string; reduceOnly?: string } {
  const reduceOnly = request.reduceOnly ? 'true' : undefined;
  if (request.type === 'market') return { type: 'MARKET', reduceOnly };
  return { type: 'LIMIT', timeInForce: request.postOnly ? 'GTX' : request.timeInForce.toUpperCase(), reduceOnly };
}

function unifiedType(type: string, tif: (typeof TIFS)[number]): { type: OrderType; timeInForce: TimeInForce; postOnly: boolean } {
  if (type !== 'LIMIT') return { type: 'market', timeInForce: 'ioc', postOnly: false };
  if (tif === 'GTX') return { type: 'limit', timeInForce: 'gtc', postOnly: true };
  return { type: 'limit', timeInForce: tif === 'IOC' ? 'ioc' : tif === 'FOK' ? 'fok' : 'gtc', postOnly: false };
}

const unlessZero = (value: string): string => (value === '0' ? '' : value);

export type OrderAnswer = 'placed' | 'queried' | 'cancelled';

/**
 * An order answer: POST /fapi/v1/order (RESULT), DELETE /fapi/v1/order, GET /fapi/v1/order and
 * openOrders items. Only a query carries the filled quote (cumQuote) and creation time; a placement
 * or cancel answer that filled something is completed by a query (private.ts), so `cumQuote` is
 * read where the answer has it.
 */
export function orderFromWire(answer: unknown, contract: ContractInfo, kind: OrderAnswer): OrderState {
  const wire = read.object(answer, 'an order');
  const type = read.oneOf(wire.type, TYPES, 'an order type');
  const filled = read.unsigned(wire.executedQty, 'an executed quantity');
  const updatedMs = read.millis(wire.updateTime, 'an update time');
  const average = kind === 'queried' ? read.priceOrEmpty(wire.avgPrice, 'an average price') : '';
  return {
    orderId: read.id(wire.orderId, 'an order id'),
    clientOrderId: read.optionalText(wire.clientOrderId, 'a client order id'),
    symbol: contract.symbol,
    side: read.oneOf(wire.side, SIDES, 'an order side') === 'BUY' ? 'buy' : 'sell',
    ...unifiedType(type, read.oneOf(wire.timeInForce, TIFS, 'a time in force')),
    status: STATUS[read.oneOf(wire.status, STATUSES, 'an order status')]!,
    price: unlessZero(read.unsigned(wire.price, 'an order price')),
    quantity: read.unsigned(wire.origQty, 'an order quantity'),
    filledQuantity: filled,
    filledQuoteQuantity: kind === 'queried' ? read.unsigned(wire.cumQuote, 'a cumulative quote') : '0',
    averageFillPrice: average,
    createdMs: kind === 'queried' ? read.millis(wire.time, 'an order time') : updatedMs,
    updatedMs,
    reason: '',
    reduceOnly: read.boolean(wire.reduceOnly, 'the reduce-only flag'),
  };
}

/** A fee and its asset: the asset may be absent only when nothing was charged. */
function fee(amount: unknown, asset: unknown): { fee: string; feeAsset: string } {
  const charged = read.decimal(amount, 'a commission');
  return { fee: charged, feeAsset: charged === '0' ? read.optionalText(asset, 'a commission asset') : read.text(asset, 'a commission asset') };
}

/** A GET /fapi/v1/userTrades item (no client order id: see ClientOrderIds). */
export function fillFromUserTrade(answer: unknown, contract: ContractInfo): Fill {
  const wire = read.object(answer, 'a trade');
  return {
    fillId: read.id(wire.id, 'a trade id'),
    orderId: read.id(wire.orderId, 'an order id'),
    clientOrderId: '',
    symbol: contract.symbol,
    side: read.oneOf(wire.side, SIDES, 'a side') === 'BUY' ? 'buy' : 'sell',
    price: read.positive(wire.price, 'a trade price'),
    quantity: read.positive(wire.qty, 'a trade quantity'),
    ...fee(wire.commission, wire.commissionAsset),
    isMaker: read.boolean(wire.maker, 'the maker flag'),
    timestampMs: read.millis(wire.time, 'a trade time'),
  };
}

/** ORDER_TRADE_UPDATE's order (`o`): its state after the event. */
export function orderFromUpdate(o: Record<string, unknown>, contract: ContractInfo): OrderState {
  const filled = read.unsigned(o.z, 'a cumulative filled quantity');
  const average = read.priceOrEmpty(o.ap, 'an average price');
  return {
    orderId: read.id(o.i, 'an order id'),
    clientOrderId: read.optionalText(o.c, 'a client order id'),
    symbol: contract.symbol,
    side: read.oneOf(o.S, SIDES, 'a side') === 'BUY' ? 'buy' : 'sell',
    ...unifiedType(read.oneOf(o.o, TYPES, 'an order type'), read.oneOf(o.f, TIFS, 'a time in force')),
    status: STATUS[read.oneOf(o.X, STATUSES, 'an order status')]!,
    price: unlessZero(read.unsigned(o.p, 'an order price')),
    quantity: read.unsigned(o.q, 'an order quantity'),
    filledQuantity: filled,
    // The stream carries the average price, not the filled quote: their product.
    filledQuoteQuantity: average ? multiplyDecimal(average, filled) : '0',
    averageFillPrice: average,
    createdMs: read.millis(o.T, 'a trade time'),
    updatedMs: read.millis(o.T, 'a trade time'),
    reason: '',
    reduceOnly: read.boolean(o.R, 'the reduce-only flag'),
  };
}

/** The fill an ORDER_TRADE_UPDATE of execution type TRADE carries. */
export function fillFromUpdate(o: Record<string, unknown>, contract: ContractInfo): Fill | undefined {
  if (o.x !== 'TRADE') return undefined;
  return {
    fillId: read.id(o.t, 'a trade id'),
    orderId: read.id(o.i, 'an order id'),
    clientOrderId: read.optionalText(o.c, 'a client order id'),
    symbol: contract.symbol,
    side: read.oneOf(o.S, SIDES, 'a side') === 'BUY' ? 'buy' : 'sell',
    price: read.positive(o.L, 'a last filled price'),
    quantity: read.positive(o.l, 'a last filled quantity'),
    ...fee(o.n ?? '0', o.N),
    isMaker: read.boolean(o.m, 'the maker flag'),
    timestampMs: read.millis(o.T, 'a trade time'),
  };
}

/** GET /fapi/v2/positionRisk item (one-way mode: positionSide BOTH). Realised PnL is not reported per position: "". */
export function positionFromRisk(answer: unknown, contract: ContractInfo): Position {
  const wire = read.object(answer, 'a position');
  const amount = read.decimal(wire.positionAmt, 'a position amount');
  const base = amount.startsWith('-') ? amount.slice(1) : amount;
  const flat = base === '0';
  const isolated = read.oneOf(wire.marginType, ['isolated', 'cross', 'ISOLATED', 'CROSSED'], 'a margin type').toLowerCase() === 'isolated';
  return {
    symbol: contract.symbol,
    side: flat ? 'flat' : amount.startsWith('-') ? 'short' : 'long',
    contracts: stepsOf(base, contract),
    baseQuantity: base,
    entryPrice: flat ? '' : read.priceOrEmpty(wire.entryPrice, 'an entry price'),
    markPrice: read.priceOrEmpty(wire.markPrice, 'a mark price'),
    leverage: Number(read.id(wire.leverage, 'a leverage')),
    marginMode: isolated ? 'isolated' : 'cross',
    margin: isolated ? read.unsigned(wire.isolatedMargin, 'an isolated margin') : '',
    unrealisedPnl: read.decimal(wire.unRealizedProfit, 'an unrealised PnL'),
    realisedPnl: '',
    liquidationPrice: flat ? '' : read.priceOrEmpty(wire.liquidationPrice, 'a liquidation price'),
    updatedMs: read.millis(wire.updateTime, 'an update time'),
  };
}

/** GET /fapi/v3/account: the settle asset's line (USDT). */
export function futuresBalanceFromAccount(answer: unknown, asset: string): FuturesBalance {
  const account = read.object(answer, 'an account');
  const line = read
    .list(account.assets, 'assets')
    .map((item) => read.object(item, 'an asset'))
    .find((a) => a.asset === asset);
  if (!line) return { asset, total: '0', available: '0', positionMargin: '0', orderMargin: '0', unrealisedPnl: '0' };
  return {
    asset,
    total: read.decimal(line.walletBalance, 'a wallet balance'),
    available: read.decimal(line.availableBalance, 'an available balance'),
    positionMargin: read.unsigned(line.positionInitialMargin, 'a position margin'),
    orderMargin: read.unsigned(line.openOrderInitialMargin, 'an order margin'),
    unrealisedPnl: read.decimal(line.unrealizedProfit, 'an unrealised PnL'),
  };
}

/** The account as a spot-shaped balance: free = available, locked = position + order margin. */
export function balanceFromAccount(answer: unknown, asset: string): Balance {
  const account = futuresBalanceFromAccount(answer, asset);
  return { asset, free: account.available, locked: addDecimal(account.positionMargin, account.orderMargin) };
}

/** GET /fapi/v1/leverageBracket: the highest initial leverage of each symbol's first bracket. */
export function maxLeverages(answer: unknown): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of read.list(answer, 'leverage brackets')) {
    const wire = read.object(item, 'a symbol bracket');
    const first = read.object(read.list(wire.brackets, 'brackets')[0], 'a bracket');
    out.set(read.text(wire.symbol, 'a symbol'), Number(read.id(first.initialLeverage, 'an initial leverage')));
  }
  return out;
}

/** GET /fapi/v1/positionSide/dual: one-way mode only (as on Gate.io: hedge mode is refused). */
export function requireOneWayMode(answer: unknown): void {
  if (!read.boolean(read.object(answer, 'a position mode').dualSidePosition, 'dualSidePosition')) return;
  throw new GatewayError(
    'venue_rejected',
    `${BINANCE_USDM}: the account is in hedge mode (dualSidePosition), and the gateway trades one-way mode only. Switch it to one-way mode (POST /fapi/v1/positionSide/dual dualSidePosition=false, with no open positions or orders) and the service starts by itself`,
    { venue: BINANCE_USDM, venueCode: 'DUAL_SIDE_POSITION' },
  );
}

export const marginTypeOf = (mode: MarginMode): string => (mode === 'isolated' ? 'ISOLATED' : 'CROSSED');

/** The leverage POST /fapi/v1/leverage answers. */
export function leverageOf(answer: unknown): number {
  return Number(read.id(read.object(answer, 'a leverage answer').leverage, 'a leverage'));
}

/** What one user data event says: an order's new state and its fill, or the contracts whose position changed. */
export interface UsdmUserEvent {
  readonly order?: OrderState;
  readonly fill?: Fill;
  /** ACCOUNT_UPDATE: positions to re-read (their REST answers carry every field), and the wallet. */
  readonly positionsChanged?: string[];
  readonly walletChanged?: boolean;
}

/** A user data stream event, read; `contractOf` resolves a listed contract (undefined: not ours). */
export function readUsdmUserEvent(event: Record<string, unknown>, contractOf: (venueSymbol: string) => ContractInfo | undefined): UsdmUserEvent {
  if (event.e === 'ORDER_TRADE_UPDATE') {
    const o = read.object(event.o, 'an order update');
    const contract = contractOf(read.text(o.s, 'a symbol'));
    return contract ? { order: orderFromUpdate(o, contract), fill: fillFromUpdate(o, contract) } : {};
  }
  if (event.e === 'ACCOUNT_UPDATE') {
    const update = read.object(event.a, 'an account update');
    const symbols = read.list(update.P ?? [], 'positions').map((item) => read.text(read.object(item, 'a position').s, 'a symbol'));
    return { positionsChanged: symbols.filter((s) => contractOf(s) !== undefined), walletChanged: true };
  }
  return {};
}
