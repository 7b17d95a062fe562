import { contractsToBaseQuantity } from '../../core/contracts.js';
import { addDecimal, compareDecimal, multiplyDecimal, subtractDecimal } from '../../core/decimal.js';
import { GatewayError } from '../../core/errors.js';
import type { ContractInfo } from '../../core/futures-exchange.js';
import type { FuturesBalance, Position } from '../../core/futures-private.js';
import type { Balance, Fill, OrderRequest, OrderState, OrderStatus, TimeInForce } from '../../core/private-exchange.js';
import { WireReader } from '../../core/wire-read.js';
import { clientOrderIdFromText, textFromClientOrderId } from '../common/client-order-id.js';
import type { WireAccountDetail, WireFuturesAccount, WireFuturesOrderPush, WireFuturesOrder, WireFuturesPosition, WireFuturesTradeHistoryItem, WireFuturesUserTrade } from './private-wire.js';

// Wire -> unified for Gate.io USDT futures trading. Sizes are signed contracts on the wire and
// unsigned base units (contracts x multiplier, exact) in the unified types; the side comes from
// the sign. Read strictly (core/wire-read.ts): a value the venue always sends that is missing or
// unreadable refuses the item, never becomes "0".

const SETTLE_ASSET = 'USDT';
const read = new WireReader('gateio_futures');

function unsigned(signed: string): string {
  return signed.startsWith('-') ? signed.slice(1) : signed;
}

/** Seconds (with a fraction) or milliseconds to ms: Gate mixes them across REST and websocket. */
export function millisOf(value: string | undefined): number {
  if (!value) return 0;
  const n = Number(value);
  if (!Number.isFinite(n)) return 0;
  const ms = n > 1e11 ? Math.floor(n) : Math.round(n * 1000);
  return Number.isSafeInteger(ms) && ms >= 0 ? ms : 0; // not a time: as if absent
}

function status(wire: WireFuturesOrder, filledContracts: string, leftContracts: string): OrderStatus {
  const anyFill = compareDecimal(filledContracts, '0') > 0;
  if (wire.status !== 'finished') return anyFill ? 'partially_filled' : 'open';
  if (wire.finish_as === 'filled' || compareDecimal(leftContracts, '0') === 0) return 'filled';
  if (wire.finish_as === 'ioc' || wire.finish_as === 'fok' || wire.finish_as === 'poc') return anyFill ? 'cancelled' : 'expired';
  return 'cancelled';
}

function timeInForce(tif: string | undefined): TimeInForce {
  return tif === 'ioc' || tif === 'fok' ? tif : 'gtc';
}

/** What a REST order and a futures.orders push item share; their times differ in name and unit. */
function orderOf(wire: WireFuturesOrder | WireFuturesOrderPush, contract: ContractInfo, times: { createdMs: number; updatedMs: number }): OrderState {
  const orderId = read.id(wire.id, 'an order id');
  const size = read.decimal(wire.size, 'an order size');
  const contracts = unsigned(size);
  const state = read.oneOf(wire.status, ORDER_STATUSES, 'an order status');
  const left = wire.left === undefined ? (state === 'finished' ? '0' : contracts) : unsigned(read.decimal(wire.left, "an order's size left"));
  const filledContracts = compareDecimal(left, contracts) >= 0 ? '0' : subtractDecimal(contracts, left);
  const filled = contractsToBaseQuantity(filledContracts, contract.contractMultiplier);
  const average = read.priceOrEmpty(wire.fill_price, 'a fill price');
  const price = read.decimal(wire.price, 'an order price');
  const market = price === '0';
  return {
    orderId,
    clientOrderId: clientOrderIdFromText(read.optionalText(wire.text, 'an order text')),
    symbol: contract.symbol,
    side: size.startsWith('-') ? 'sell' : 'buy',
    type: market ? 'market' : 'limit',
    timeInForce: timeInForce(wire.tif),
    postOnly: wire.tif === 'poc',
    status: status(wire, filledContracts, left),
    price: market ? '' : price,
    quantity: contractsToBaseQuantity(contracts, contract.contractMultiplier),
    filledQuantity: filled,
    filledQuoteQuantity: average ? multiplyDecimal(filled, average) : '0',
    averageFillPrice: average,
    createdMs: times.createdMs,
    updatedMs: times.updatedMs,
    reason: wire.finish_as && wire.finish_as !== 'filled' && wire.finish_as !== '_new' && wire.finish_as !== '_update' ? wire.finish_as : '',
    reduceOnly: wire.is_reduce_only === true,
  };
}

/** A REST order (gate-api FuturesOrder): times in seconds with a fraction. */
export function orderFromWire(wire: WireFuturesOrder, contract: ContractInfo): OrderState {
  const createdMs = millisOf(wire.create_time);
  return orderOf(wire, contract, { createdMs, updatedMs: millisOf(wire.update_time) || millisOf(wire.finish_time) || createdMs });
}

/** A futures.orders push item: create and finish times also in ms, update_time in ms. */
export function orderFromPush(wire: WireFuturesOrderPush, contract: ContractInfo): OrderState {
  const createdMs = millisOf(wire.create_time_ms) || millisOf(wire.create_time);
  return orderOf(wire, contract, { createdMs, updatedMs: millisOf(wire.update_time) || millisOf(wire.finish_time_ms) || millisOf(wire.finish_time) || createdMs });
}

const ORDER_STATUSES = ['open', 'finished'] as const;

/** Signed contracts of an order: + buy, - sell. */
function signedSize(contracts: string, side: 'buy' | 'sell'): string {
  return side === 'sell' ? `-${contracts}` : contracts;
}

/**
 * The POST /futures/usdt/orders body. `contracts` is the unsigned size, sent signed as a JSON
 * string: gate-api's FuturesOrder types `size` a string (decimal-size contracts), and the
 * official SDK sends it so with X-Gate-Size-Decimal: 1, which this adapter sends too.
 */
export function orderBody(request: OrderRequest, contract: ContractInfo, contracts: string): string {
  const size = signedSize(contracts, request.side);
  const market = request.type === 'market';
  const tif = request.postOnly ? 'poc' : market ? (request.timeInForce === 'fok' ? 'fok' : 'ioc') : request.timeInForce;
  const parts = [
    `"contract":${JSON.stringify(contract.venueSymbol)}`,
    `"size":${JSON.stringify(size)}`,
    `"price":${JSON.stringify(market ? '0' : request.price)}`,
    `"tif":${JSON.stringify(tif)}`,
    `"text":${JSON.stringify(textFromClientOrderId(request.clientOrderId, 'gateio_futures'))}`,
  ];
  if (request.reduceOnly) parts.push('"reduce_only":true');
  return `{${parts.join(',')}}`;
}

/** What a fill reads the same way in a push and in the trade history; only the id's name differs. */
function fillOf(fillId: string, wire: WireFuturesUserTrade | WireFuturesTradeHistoryItem, contract: ContractInfo, timestampMs: number): Fill {
  const size = read.decimal(wire.size, 'a fill size');
  if (size === '0') throw read.malformed('a fill size', wire.size, 'a non-zero size');
  return {
    fillId,
    orderId: read.id(wire.order_id, 'an order id'),
    clientOrderId: clientOrderIdFromText(wire.text),
    symbol: contract.symbol,
    side: size.startsWith('-') ? 'sell' : 'buy',
    price: read.positive(wire.price, 'a fill price'),
    quantity: contractsToBaseQuantity(unsigned(size), contract.contractMultiplier),
    fee: read.decimalOrZero(wire.fee, 'a fee'),
    feeAsset: SETTLE_ASSET,
    isMaker: read.oneOf(wire.role, ROLES, 'a trade role') === 'maker',
    timestampMs,
  };
}

const ROLES = ['maker', 'taker'] as const;

/** A futures.usertrades push item: the fill id is `id`. */
export function fillFromPush(wire: WireFuturesUserTrade, contract: ContractInfo): Fill {
  return fillOf(read.id(wire.id, 'a trade id'), wire, contract, millisOf(wire.create_time_ms) || millisOf(wire.create_time));
}

/**
 * A GET /my_trades_timerange item: the fill id is `trade_id` (gate-api MyFuturesTradeTimeRange;
 * only /my_trades names it `id`), and the time is seconds with a fraction.
 */
export function fillFromTradeHistory(wire: WireFuturesTradeHistoryItem, contract: ContractInfo): Fill {
  return fillOf(read.id(wire.trade_id, 'a trade id'), wire, contract, read.millisFromSeconds(wire.create_time, 'a fill time'));
}

/** GET /my_trades_timerange rows on contracts the catalogue knows (rows on others are not ours to journal). */
export function tradeHistoryFills(rows: readonly WireFuturesTradeHistoryItem[], contracts: ReadonlyMap<string, ContractInfo>): Fill[] {
  return rows.flatMap((row) => {
    const contract = contracts.get(row.contract);
    return contract ? [fillFromTradeHistory(row, contract)] : [];
  });
}

/** GET /orders rows on contracts the catalogue knows. */
export function ordersFromWire(rows: readonly WireFuturesOrder[], contracts: ReadonlyMap<string, ContractInfo>): OrderState[] {
  return rows.flatMap((row) => {
    const contract = contracts.get(row.contract);
    return contract ? [orderFromWire(row, contract)] : [];
  });
}

/** GET /positions rows that hold something, on contracts the catalogue knows. */
export function openPositionsFromWire(rows: readonly WireFuturesPosition[], contracts: ReadonlyMap<string, ContractInfo>): Position[] {
  return rows.flatMap((row) => {
    const contract = contracts.get(row.contract);
    const position = contract && positionFromWire(row, contract);
    return position && position.side !== 'flat' ? [position] : [];
  });
}

/** The account's user id (GET /account/detail), which the private channels want first in every payload. */
export function accountUserId(wire: WireAccountDetail): string {
  return read.id(wire.user_id, "the account's user id");
}

/**
 * The gateway trades single position mode only: in dual (hedge) mode Gate answers every order
 * and position call on the single-mode paths with POSITION_DUAL_MODE. `position_mode` (single,
 * dual, split) supersedes `in_dual_mode` where the venue sends it.
 */
export function requireSinglePositionMode(wire: WireFuturesAccount): void {
  const mode = wire.position_mode ?? (wire.in_dual_mode === true ? 'dual' : 'single');
  if (mode === 'single') return;
  throw new GatewayError(
    'venue_rejected',
    `gateio_futures: the account is in ${mode} position mode, and the gateway trades single position mode only. Switch the USDT futures account to single position mode (Gate: POST /futures/usdt/dual_mode?dual_mode=false, with no open positions or orders) and the service starts by itself`,
    { venue: 'gateio_futures', venueCode: 'POSITION_DUAL_MODE' },
  );
}

export function positionFromWire(wire: WireFuturesPosition, contract: ContractInfo): Position {
  const size = read.decimal(wire.size, 'a position size');
  const contracts = unsigned(size);
  const leverage = read.decimal(wire.leverage, 'a leverage');
  const cross = leverage === '0';
  const flat = contracts === '0';
  return {
    symbol: contract.symbol,
    side: flat ? 'flat' : size.startsWith('-') ? 'short' : 'long',
    contracts,
    baseQuantity: contractsToBaseQuantity(contracts, contract.contractMultiplier),
    entryPrice: flat ? '' : read.priceOrEmpty(wire.entry_price, 'an entry price'),
    markPrice: read.priceOrEmpty(wire.mark_price, 'a mark price'),
    leverage: Number(cross ? read.decimal(wire.cross_leverage_limit, 'a cross leverage limit') : leverage),
    marginMode: cross ? 'cross' : 'isolated',
    margin: read.decimalOrZero(wire.margin, 'a margin'),
    unrealisedPnl: read.decimalOrZero(wire.unrealised_pnl, 'an unrealised PnL'),
    realisedPnl: read.decimalOrZero(wire.realised_pnl, 'a realised PnL'),
    liquidationPrice: flat ? '' : read.priceOrEmpty(wire.liq_price, 'a liquidation price'),
    updatedMs: millisOf(wire.update_time),
  };
}

export function futuresBalanceFromAccount(wire: WireFuturesAccount): FuturesBalance {
  return {
    asset: wire.currency ?? SETTLE_ASSET,
    total: read.decimal(wire.total, 'an account total'),
    available: read.decimal(wire.available, 'an available balance'),
    positionMargin: read.decimalOrZero(wire.position_margin, 'a position margin'),
    orderMargin: read.decimalOrZero(wire.order_margin, 'an order margin'),
    unrealisedPnl: read.decimalOrZero(wire.unrealised_pnl, 'an unrealised PnL'),
  };
}

/** The account as a spot-shaped balance: free = available, locked = position + order margin. */
export function balanceFromAccount(wire: WireFuturesAccount): Balance {
  const account = futuresBalanceFromAccount(wire);
  return { asset: account.asset, free: account.available, locked: addDecimal(account.positionMargin, account.orderMargin) };
}

export { requireLeverageInRange } from '../../core/contracts.js';
