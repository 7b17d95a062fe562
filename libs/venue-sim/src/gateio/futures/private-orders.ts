import { BALANCE_SCALE, parseScaled, perpMath, pow10, tryParseScaled, type Account, type PlaceRequest, type Side, type TimeInForce } from '../../engine/index.js';
import { TEXT_RE } from '../common/account.js';
import type { GateContractSpec } from './catalogue.js';
import type { GateFuturesContext } from './context.js';
import { price as fmtPrice, priceScaleOf } from './format.js';
import {
  contractNotFound,
  invalidParam,
  invalidRequestBody,
  missingParam,
  orderFok,
  orderPocImmediate,
  positionEmpty,
  priceTooDeviated,
  reduceExceeded,
  sizeTooLarge,
  sizeTooSmall,
  tooManyOrders,
} from './rest-errors.js';

/**
 * POST /futures/usdt/orders, checked the way the venue does (single position mode) and turned
 * into an accounts request. Body: contract, size (signed contracts; a JSON integer or a numeric
 * string), price ("0" with tif ioc|fok = market), tif, reduce_only, close (with size 0: close the
 * whole position), text ("t-..."), iceberg (0 only).
 */

const TIFS: readonly string[] = ['gtc', 'ioc', 'poc', 'fok'];

function bool(b: Record<string, unknown>, name: string): boolean {
  const v = b[name];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw invalidParam(name, String(v));
  return v;
}

/** A whole number of contracts (integer-size contracts: a fraction is refused). */
function sizeField(b: Record<string, unknown>): bigint {
  const raw = b.size;
  if (raw === undefined || raw === null || raw === '') throw missingParam('size');
  const text = typeof raw === 'number' || typeof raw === 'string' ? String(raw).trim() : '';
  const v = /^-?\d+(\.\d+)?$/.test(text) ? tryParseScaled(text, 0) : undefined;
  if (v === undefined) throw invalidParam('size', String(raw));
  return v;
}

function priceField(spec: GateContractSpec, b: Record<string, unknown>): bigint {
  const raw = b.price;
  if (raw === undefined || raw === null || raw === '') throw missingParam('price');
  const text = typeof raw === 'number' || typeof raw === 'string' ? String(raw).trim() : '';
  const v = /^\d+(\.\d+)?$/.test(text) ? tryParseScaled(text, priceScaleOf(spec)) : undefined;
  // off the price tick (order_price_round) or not a price
  if (v === undefined) throw invalidParam('price', String(raw));
  return v;
}

export interface FuturesOrderPlan {
  spec: GateContractSpec;
  req: PlaceRequest;
}

export function futuresOrderRequest(ctx: GateFuturesContext, account: Account, body: unknown): FuturesOrderPlan {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidRequestBody();
  const b = body as Record<string, unknown>;
  if (b.contract === undefined || b.contract === null || b.contract === '') throw missingParam('contract');
  const spec = ctx.contracts.get(String(b.contract));
  if (!spec) throw contractNotFound(String(b.contract));
  const size = sizeField(b);
  const price = priceField(spec, b);
  const tif = b.tif === undefined || b.tif === null || b.tif === '' ? 'gtc' : String(b.tif);
  if (!TIFS.includes(tif)) throw invalidParam('tif', tif);
  const market = price === 0n;
  if (market && tif !== 'ioc' && tif !== 'fok') throw invalidParam('tif', tif);
  let text: string | undefined;
  if (b.text !== undefined && b.text !== null && b.text !== '') {
    text = String(b.text);
    if (!TEXT_RE.test(text)) throw invalidParam('text', text);
  }
  if (b.iceberg !== undefined && b.iceberg !== null && String(b.iceberg) !== '0') throw invalidParam('iceberg', String(b.iceberg));
  if (b.auto_size !== undefined && b.auto_size !== null && b.auto_size !== '') throw invalidParam('auto_size', String(b.auto_size));
  const close = bool(b, 'close');
  let reduceOnly = bool(b, 'reduce_only');
  const position = ctx.perp.position(account, spec.name).size;

  let side: Side;
  let quantity: bigint;
  if (close) {
    if (size !== 0n) throw invalidParam('size', String(b.size));
    if (position === 0n) throw positionEmpty();
    side = position > 0n ? 'sell' : 'buy';
    quantity = perpMath.abs(position);
    reduceOnly = true;
  } else {
    if (size === 0n) throw invalidParam('size', String(b.size));
    side = size > 0n ? 'buy' : 'sell';
    quantity = perpMath.abs(size);
    if (quantity < BigInt(spec.orderSizeMin)) throw sizeTooSmall();
    if (quantity > BigInt(spec.orderSizeMax) || (market && quantity > BigInt(spec.marketOrderSizeMax))) throw sizeTooLarge();
    if (reduceOnly) {
      if (position === 0n) throw reduceExceeded('empty position');
      if ((side === 'buy') === position > 0n) throw reduceExceeded('reduce-only order would increase position');
      if (quantity > perpMath.abs(position)) throw reduceExceeded('reduce-only order size exceeds position');
    }
  }
  if (ctx.accounts.openOrders(account, spec.name).length >= spec.ordersLimit) throw tooManyOrders();

  if (!market) {
    const mark = ctx.funding.markScaled(spec.name);
    const markS = perpMath.priceToS(mark.value, mark.scale);
    const gap = perpMath.abs(perpMath.priceToS(price, priceScaleOf(spec)) - markS);
    // order_price_deviate: the farthest a limit price may be from the mark, as a fraction of it
    const allowed = (markS * parseScaled(spec.orderPriceDeviate, BALANCE_SCALE)) / pow10(BALANCE_SCALE);
    if (gap > allowed) throw priceTooDeviated();
    if (tif === 'poc' && ctx.accounts.wouldTake(spec.name, side, price)) {
      const counter = ctx.engine.book(spec.name).bestPrice(side === 'buy' ? 'ask' : 'bid') as bigint;
      throw orderPocImmediate(fmtPrice(spec, price), fmtPrice(spec, counter));
    }
  }
  if (tif === 'fok' && ctx.accounts.fillable(spec.name, side, quantity, market ? undefined : price) < quantity) throw orderFok();

  const req: PlaceRequest = {
    symbol: spec.name,
    side,
    type: market ? 'market' : 'limit',
    timeInForce: tif as TimeInForce,
    price: market ? undefined : price,
    quantity,
    clientOrderId: text,
    reduceOnly,
    closePosition: close,
  };
  return { spec, req };
}
