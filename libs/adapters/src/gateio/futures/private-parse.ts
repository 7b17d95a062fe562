import { contractsToBaseQuantity } from '../../core/contracts.js';
import { addDecimal, canonicalSignedDecimal, compareDecimal, multiplyDecimal, subtractDecimal } from '../../core/decimal.js';
import { GatewayError } from '../../core/errors.js';
import type { ContractInfo } from '../../core/futures-exchange.js';
import type { FuturesBalance, Position } from '../../core/futures-private.js';
import type { Balance, Fill, OrderRequest, OrderState, OrderStatus, TimeInForce } from '../../core/private-exchange.js';
import { clientOrderIdFromText, textFromClientOrderId } from '../common/client-order-id.js';
import type { WireFuturesAccount, WireFuturesOrder, WireFuturesPosition, WireFuturesUserTrade } from './private-wire.js';

// Wire -> unified for Gate.io USDT futures trading. Sizes are signed contracts on the wire and
// unsigned base units (contracts x multiplier, exact) in the unified types; the side comes from
// the sign.

const SETTLE_ASSET = 'USDT';

function malformed(what: string, value: unknown): GatewayError {
  const shown = JSON.stringify(value) ?? String(value);
  return new GatewayError('malformed_response', `gateio_futures sent ${what} ${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}, which is not a number`, { venue: 'gateio_futures' });
}

/**
 * A venue number (sign allowed) in canonical form; "0" when absent. A value that is present but
 * not a plain number ("abc", "NaN", 1e999999999 left unexpanded) is an error, never "0": a
 * fill or order must not be recorded with an amount the venue did not send.
 */
function decimal(value: string | undefined, what = 'a number'): string {
  if (value === undefined || value === null || value === '') return '0';
  const canonical = typeof value === 'string' ? canonicalSignedDecimal(value) : undefined;
  if (canonical === undefined) throw malformed(what, value);
  return canonical;
}

/** An id the venue always sends (order id, trade id): a non-empty string after exact parsing. */
function id(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw malformed(what, value);
  return value;
}

function unsigned(value: string | undefined): string {
  const d = decimal(value);
  return d.startsWith('-') ? d.slice(1) : d;
}

/** A price the venue reports as "0" (or negative, or absent) when there is none: "". */
function positive(value: string | undefined): string {
  const d = decimal(value);
  return d === '0' || d.startsWith('-') ? '' : d;
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
  const orderId = id(wire.id, 'an order id');
  const size = decimal(wire.size, 'an order size');
  const contracts = unsigned(size);
  const left = wire.left === undefined ? (wire.status === 'finished' ? '0' : contracts) : unsigned(wire.left);
  const filledContracts = compareDecimal(left, contracts) >= 0 ? '0' : subtractDecimal(contracts, left);
  const filled = contractsToBaseQuantity(filledContracts, contract.contractMultiplier);
  const average = positive(wire.fill_price);
  const market = decimal(wire.price) === '0';
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
    price: market ? '' : decimal(wire.price),
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

export function fillFromWire(wire: WireFuturesUserTrade, contract: ContractInfo): Fill {
  const size = decimal(wire.size, 'a fill size');
  const price = decimal(wire.price, 'a fill price');
  if (size === '0') throw malformed('a fill size', wire.size);
  if (price === '0' || price.startsWith('-')) throw malformed('a fill price', wire.price);
  return {
    fillId: id(wire.id, 'a trade id'),
    orderId: id(wire.order_id, 'an order id'),
    clientOrderId: clientOrderIdFromText(wire.text),
    symbol: contract.symbol,
    side: size.startsWith('-') ? 'sell' : 'buy',
    price,
    quantity: contractsToBaseQuantity(unsigned(size), contract.contractMultiplier),
    fee: decimal(wire.fee, 'a fee'),
    feeAsset: SETTLE_ASSET,
    isMaker: wire.role === 'maker',
    timestampMs: millisOf(wire.create_time_ms) || millisOf(wire.create_time),
  };
}

export function positionFromWire(wire: WireFuturesPosition, contract: ContractInfo): Position {
  const size = decimal(wire.size);
  const contracts = unsigned(size);
  const cross = decimal(wire.leverage) === '0';
  const flat = contracts === '0';
  return {
    symbol: contract.symbol,
    side: flat ? 'flat' : size.startsWith('-') ? 'short' : 'long',
    contracts,
    baseQuantity: contractsToBaseQuantity(contracts, contract.contractMultiplier),
    entryPrice: flat ? '' : positive(wire.entry_price),
    markPrice: positive(wire.mark_price),
    leverage: Number(cross ? decimal(wire.cross_leverage_limit) : decimal(wire.leverage)),
    marginMode: cross ? 'cross' : 'isolated',
    margin: decimal(wire.margin),
    unrealisedPnl: decimal(wire.unrealised_pnl),
    realisedPnl: decimal(wire.realised_pnl),
    liquidationPrice: flat ? '' : positive(wire.liq_price),
    updatedMs: millisOf(wire.update_time),
  };
}

export function futuresBalanceFromAccount(wire: WireFuturesAccount): FuturesBalance {
  return {
    asset: wire.currency ?? SETTLE_ASSET,
    total: decimal(wire.total),
    available: decimal(wire.available),
    positionMargin: decimal(wire.position_margin),
    orderMargin: decimal(wire.order_margin),
    unrealisedPnl: decimal(wire.unrealised_pnl),
  };
}

/** The account as a spot-shaped balance: free = available, locked = position + order margin. */
export function balanceFromAccount(wire: WireFuturesAccount): Balance {
  return { asset: wire.currency ?? SETTLE_ASSET, free: decimal(wire.available), locked: addDecimal(decimal(wire.position_margin), decimal(wire.order_margin)) };
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
