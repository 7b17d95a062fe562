import { contractsToBaseQuantity } from '../../core/contracts.js';
import { addDecimal, compareDecimal, multiplyDecimal, subtractDecimal } from '../../core/decimal.js';
import { GatewayError } from '../../core/errors.js';
import type { ContractInfo } from '../../core/futures-exchange.js';
import type { FuturesBalance, Position } from '../../core/futures-private.js';
import type { Balance, Fill, OrderRequest, OrderState, OrderStatus, TimeInForce } from '../../core/private-exchange.js';
import { WireReader } from '../../core/wire-read.js';
import { clientOrderIdFromText, textFromClientOrderId } from '../common/client-order-id.js';
import type { WireFuturesAccount, WireFuturesOrder, WireFuturesPosition, WireFuturesTradeHistoryItem, WireFuturesUserTrade } from './private-wire.js';

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

export function orderFromWire(wire: WireFuturesOrder, contract: ContractInfo): OrderState {
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
  const finishedMs = millisOf(wire.finish_time_ms) || millisOf(wire.finish_time);
  return {
    orderId,
    clientOrderId: clientOrderIdFromText(wire.text),
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
    createdMs: millisOf(wire.create_time_ms) || millisOf(wire.create_time),
    updatedMs: millisOf(wire.update_time) || finishedMs || millisOf(wire.create_time_ms) || millisOf(wire.create_time),
    reason: wire.finish_as && wire.finish_as !== 'filled' && wire.finish_as !== '_new' && wire.finish_as !== '_update' ? wire.finish_as : '',
    reduceOnly: wire.is_reduce_only === true,
  };
}

const ORDER_STATUSES = ['open', 'finished'] as const;

/** Signed contracts of an order: + buy, - sell. */
function signedSize(contracts: string, side: 'buy' | 'sell'): string {
  return side === 'sell' ? `-${contracts}` : contracts;
}

/**
 * The POST /futures/usdt/orders body. `contracts` is the unsigned size; sent as a JSON integer
 * when whole (every client of the live venue does), as a string otherwise (the decimal-size form).
 */
export function orderBody(request: OrderRequest, contract: ContractInfo, contracts: string): string {
  const size = signedSize(contracts, request.side);
  const market = request.type === 'market';
  const tif = request.postOnly ? 'poc' : market ? (request.timeInForce === 'fok' ? 'fok' : 'ioc') : request.timeInForce;
  const sizeJson = /^-?\d+$/.test(size) ? size : JSON.stringify(size);
  const parts = [
    `"contract":${JSON.stringify(contract.venueSymbol)}`,
    `"size":${sizeJson}`,
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

export function requireLeverageInRange(leverage: number, contract: ContractInfo, venue: string): void {
  if (!Number.isInteger(leverage) || leverage < contract.minLeverage || leverage > contract.maxLeverage) {
    throw new GatewayError(
      'invalid_argument',
      `leverage ${leverage} is outside ${contract.symbol.base}/${contract.symbol.quote}'s range on ${venue}: ${contract.minLeverage} to ${contract.maxLeverage}`,
      { venue },
    );
  }
}
