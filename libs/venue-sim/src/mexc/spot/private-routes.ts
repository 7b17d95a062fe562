import { parseScaled, type Account, type ClientOrder, type PlaceRequest, type TimeInForce } from '../../engine/index.js';
import type { MexcSymbolSpec } from './catalogue.js';
import type { MexcSpotContext } from './context.js';
import type { SignedRequest } from './private-auth.js';
import * as pf from './private-format.js';
import {
  aboveMaximum,
  belowMinimum,
  duplicateClientOrderId,
  insufficientPosition,
  invalidSymbol,
  listenKeyNotFound,
  noValidTradePrice,
  notFound,
  orderDoesNotExist,
  orderIdRequired,
  paramError,
  paramMissing,
  unknownOrderSent,
} from './rest-errors.js';

/** MEXC spot v3 SIGNED endpoints (already verified by privateAuth). Throws MexcRestError. */

export const SIGNED_PATHS = new Set([
  'POST /api/v3/order',
  'POST /api/v3/order/test',
  'DELETE /api/v3/order',
  'GET /api/v3/order',
  'GET /api/v3/openOrders',
  'DELETE /api/v3/openOrders',
  'GET /api/v3/allOrders',
  'GET /api/v3/account',
  'GET /api/v3/myTrades',
  'GET /api/v3/tradeFee',
  'GET /api/v3/capital/config/getall',
  'POST /api/v3/userDataStream',
  'PUT /api/v3/userDataStream',
  'DELETE /api/v3/userDataStream',
  'GET /api/v3/userDataStream',
]);

const ALL_ORDERS_DEFAULT_LIMIT = 500;
const ALL_ORDERS_MAX_LIMIT = 1000;
const MY_TRADES_DEFAULT_LIMIT = 100;
const MY_TRADES_MAX_LIMIT = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

type Params = Map<string, string>;

function str(p: Params, name: string): string | undefined {
  const v = p.get(name);
  return v === undefined || v === '' ? undefined : v;
}

function requireSymbol(ctx: MexcSpotContext, p: Params): MexcSymbolSpec {
  const spec = ctx.symbols.get(str(p, 'symbol') ?? '');
  if (!spec) throw invalidSymbol();
  return spec;
}

function decimal(p: Params, name: string, scale: number): bigint | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  let out: bigint;
  try {
    out = parseScaled(v, scale);
  } catch {
    throw paramError();
  }
  if (out <= 0n) throw paramError();
  return out;
}

function intParam(p: Params, name: string, min: number): number | undefined {
  const v = str(p, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw paramError();
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < min) throw paramError();
  return n;
}

const TIF_OF: Record<pf.MexcOrderType, TimeInForce> = { LIMIT: 'gtc', LIMIT_MAKER: 'poc', IMMEDIATE_OR_CANCEL: 'ioc', FILL_OR_KILL: 'fok', MARKET: 'ioc' };

/** Validates a new order and turns it into an accounts request (the venue's checks, in its codes). */
function orderRequest(ctx: MexcSpotContext, account: Account, p: Params): { spec: MexcSymbolSpec; req: PlaceRequest } {
  const spec = requireSymbol(ctx, p);
  const sideText = str(p, 'side');
  const typeText = str(p, 'type');
  if (sideText === undefined || typeText === undefined) throw paramMissing();
  if (sideText !== 'BUY' && sideText !== 'SELL') throw paramError();
  if (!(pf.MEXC_ORDER_TYPES as readonly string[]).includes(typeText)) throw paramError();
  const type = typeText as pf.MexcOrderType;
  const side = sideText === 'BUY' ? 'buy' : 'sell';
  const pq = spec.quoteAssetPrecision + spec.baseAssetPrecision;
  const quantity = decimal(p, 'quantity', spec.baseAssetPrecision);
  const quoteQty = decimal(p, 'quoteOrderQty', spec.quoteAssetPrecision);
  const clientOrderId = str(p, 'newClientOrderId');
  if (clientOrderId !== undefined && account.byClientOrderId.has(clientOrderId)) throw duplicateClientOrderId();
  const minQty = parseScaled(spec.baseSizePrecision, spec.baseAssetPrecision);

  if (type !== 'MARKET') {
    const price = decimal(p, 'price', spec.quoteAssetPrecision);
    if (price === undefined || quantity === undefined) throw paramMissing();
    if (minQty > 0n && quantity < minQty) throw belowMinimum(spec.baseSizePrecision, spec.baseAsset);
    const value = price * quantity;
    if (value < parseScaled(spec.quoteAmountPrecision, pq)) throw belowMinimum(spec.quoteAmountPrecision, spec.quoteAsset);
    if (value > parseScaled(spec.maxQuoteAmount, pq)) throw aboveMaximum(spec.maxQuoteAmount, spec.quoteAsset);
    return { spec, req: { symbol: spec.symbol, side, type: 'limit', timeInForce: TIF_OF[type], price, quantity, clientOrderId } };
  }

  const book = ctx.engine.book(spec.symbol);
  const best = book.bestPrice(side === 'buy' ? 'ask' : 'bid');
  if (best === undefined) throw noValidTradePrice();
  const minMarket = parseScaled(spec.quoteAmountPrecisionMarket, pq);
  const maxMarket = parseScaled(spec.maxQuoteAmountMarket, pq);
  if (side === 'buy' && quoteQty !== undefined && quantity === undefined) {
    const budget = quoteQty * 10n ** BigInt(spec.baseAssetPrecision);
    if (budget < minMarket) throw belowMinimum(spec.quoteAmountPrecisionMarket, spec.quoteAsset);
    if (budget > maxMarket) throw aboveMaximum(spec.maxQuoteAmountMarket, spec.quoteAsset);
    return { spec, req: { symbol: spec.symbol, side, type: 'market', timeInForce: 'ioc', quoteQuantity: budget, clientOrderId } };
  }
  if (quantity === undefined) throw paramMissing();
  if (minQty > 0n && quantity < minQty) throw belowMinimum(spec.baseSizePrecision, spec.baseAsset);
  if (best * quantity < minMarket) throw belowMinimum(spec.quoteAmountPrecisionMarket, spec.quoteAsset);
  if (best * quantity > maxMarket) throw aboveMaximum(spec.maxQuoteAmountMarket, spec.quoteAsset);
  return { spec, req: { symbol: spec.symbol, side, type: 'market', timeInForce: 'ioc', quantity, clientOrderId } };
}

/** The order named by orderId or origClientOrderId, among this account's orders of the symbol. */
function findOrder(account: Account, spec: MexcSymbolSpec, p: Params, notFoundError: () => Error): ClientOrder {
  const id = str(p, 'orderId');
  const cid = str(p, 'origClientOrderId');
  if (id === undefined && cid === undefined) throw orderIdRequired();
  const order = id !== undefined ? account.orders.get(id) : account.byClientOrderId.get(cid as string);
  if (!order || order.symbol !== spec.symbol) throw notFoundError();
  return order;
}

function capitalConfig(ctx: MexcSpotContext): unknown[] {
  const assets = new Set<string>();
  for (const s of ctx.symbols.values()) {
    assets.add(s.baseAsset);
    assets.add(s.quoteAsset);
  }
  return [...assets].map((coin) => ({
    coin,
    name: coin,
    networkList: [
      {
        coin,
        depositDesc: null,
        depositEnable: true,
        minConfirm: 0,
        name: coin,
        network: coin,
        withdrawEnable: true,
        withdrawFee: '0',
        withdrawIntegerMultiple: null,
        withdrawMax: '1000000',
        withdrawMin: '0',
        sameAddress: false,
        contract: '',
        withdrawTips: null,
        depositTips: null,
        netWork: coin,
      },
    ],
  }));
}

/** Dispatches one verified signed request. */
export function handleSignedRequest(ctx: MexcSpotContext, route: string, signed: SignedRequest): unknown {
  const { account, params: p } = signed;
  switch (route) {
    case 'POST /api/v3/order':
    case 'POST /api/v3/order/test': {
      const { spec, req } = orderRequest(ctx, account, p);
      if (route.endsWith('/test')) return {};
      const out = ctx.accounts.place(account, req);
      if (!out.ok) {
        if (out.error === 'insufficient_balance') throw insufficientPosition();
        throw out.error === 'unknown_symbol' ? invalidSymbol() : paramError();
      }
      return pf.newOrderAck(spec, out.order);
    }
    case 'DELETE /api/v3/order': {
      const spec = requireSymbol(ctx, p);
      const order = findOrder(account, spec, p, unknownOrderSent);
      if (!ctx.accounts.cancel(order)) throw unknownOrderSent();
      return pf.cancelJson(spec, order, str(p, 'newClientOrderId'));
    }
    case 'GET /api/v3/order': {
      const spec = requireSymbol(ctx, p);
      return pf.orderJson(spec, findOrder(account, spec, p, orderDoesNotExist));
    }
    case 'GET /api/v3/openOrders': {
      const symbol = str(p, 'symbol');
      if (symbol !== undefined && !ctx.symbols.has(symbol)) throw invalidSymbol();
      return ctx.accounts.openOrders(account, symbol).map((o) => pf.orderJson(ctx.symbols.get(o.symbol) as MexcSymbolSpec, o));
    }
    case 'DELETE /api/v3/openOrders': {
      const list = (str(p, 'symbol') ?? '').split(',').filter(Boolean);
      if (list.length === 0) throw invalidSymbol();
      const specs = list.map((s) => {
        const spec = ctx.symbols.get(s);
        if (!spec) throw invalidSymbol();
        return spec;
      });
      const out: unknown[] = [];
      for (const spec of specs) {
        for (const o of ctx.accounts.openOrders(account, spec.symbol)) {
          if (ctx.accounts.cancel(o)) out.push({ ...pf.cancelJson(spec, o), orderListId: -1 });
        }
      }
      return out;
    }
    case 'GET /api/v3/allOrders': {
      const spec = requireSymbol(ctx, p);
      const limit = Math.min(intParam(p, 'limit', 1) ?? ALL_ORDERS_DEFAULT_LIMIT, ALL_ORDERS_MAX_LIMIT);
      const end = intParam(p, 'endTime', 0) ?? ctx.now();
      const start = intParam(p, 'startTime', 0) ?? end - DAY_MS;
      const list = [...account.orders.values()].filter((o) => o.symbol === spec.symbol && o.createTime >= start && o.createTime <= end);
      return list.slice(Math.max(0, list.length - limit)).map((o) => pf.orderJson(spec, o));
    }
    case 'GET /api/v3/account': {
      const balances = [...account.balances.entries()].filter(([, b]) => b.free + b.locked > 0n).map(([asset, b]) => pf.balanceJson(asset, b));
      return { canTrade: true, canWithdraw: true, canDeposit: true, updateTime: null, accountType: 'SPOT', balances, permissions: ['SPOT'] };
    }
    case 'GET /api/v3/myTrades': {
      const spec = requireSymbol(ctx, p);
      const limit = Math.min(intParam(p, 'limit', 1) ?? MY_TRADES_DEFAULT_LIMIT, MY_TRADES_MAX_LIMIT);
      const orderId = str(p, 'orderId');
      const start = intParam(p, 'startTime', 0);
      const end = intParam(p, 'endTime', 0);
      const list = account.fills.filter(
        (f) => f.symbol === spec.symbol && (orderId === undefined || f.order.id === orderId) && (start === undefined || f.timestamp >= start) && (end === undefined || f.timestamp <= end),
      );
      // oldest first: from startTime the first `limit`, otherwise the latest `limit`
      const page = start !== undefined ? list.slice(0, limit) : list.slice(Math.max(0, list.length - limit));
      return page.map((f) => pf.myTradeJson(spec, f));
    }
    case 'GET /api/v3/tradeFee': {
      const spec = requireSymbol(ctx, p);
      return { data: { makerCommission: Number(spec.makerCommission), takerCommission: Number(spec.takerCommission) }, code: 0, msg: 'success', timestamp: ctx.now() };
    }
    case 'GET /api/v3/capital/config/getall':
      return capitalConfig(ctx);
    case 'POST /api/v3/userDataStream':
      return { listenKey: ctx.listenKeys.create(account) };
    case 'GET /api/v3/userDataStream':
      return { listenKey: ctx.listenKeys.keysOf(account) };
    case 'PUT /api/v3/userDataStream':
    case 'DELETE /api/v3/userDataStream': {
      const key = str(p, 'listenKey');
      if (key === undefined) throw paramMissing();
      const ok = route.startsWith('PUT') ? ctx.listenKeys.keepAlive(account, key) : ctx.listenKeys.close(account, key);
      if (!ok) throw listenKeyNotFound();
      return { listenKey: key };
    }
    default:
      throw notFound();
  }
}
