import { parseScaled, pow10, type Account, type PlaceRequest, type TimeInForce } from '../../engine/index.js';
import { verifySignedRequest, type SignedRequest } from '../common/signed-request.js';
import { decimalParam, findOrder, intParam, requireListed, str, type Params } from '../common/params.js';
import { badCombination, cancelRejected, filterFailure, invalidEnum, invalidParam, invalidSymbol, mandatoryParam, newOrderRejected, noSuchOrder, notFound } from '../common/rest-errors.js';
import { readBody } from '../../common/http.js';
import { rawQueryOf, type SimRequest } from '../../common/sim-http-server.js';
import type { BinanceSpotSymbolSpec } from './catalogue.js';
import type { BinanceSpotContext } from './context.js';
import { priceScale, qtyScale } from './format.js';
import * as pf from './private-format.js';
import type { SignedRoutes } from '../common/http-server.js';
import { tradeHistoryPage, tradeHistoryQuery } from '../common/trade-history.js';

/** Binance spot SIGNED endpoints (rest-api.md) with their weights and whether they count as an order. */
const SIGNED: Readonly<Record<string, { weight: number; order?: boolean }>> = {
  'POST /api/v3/order': { weight: 1, order: true },
  'POST /api/v3/order/test': { weight: 1 },
  'DELETE /api/v3/order': { weight: 1 },
  'GET /api/v3/order': { weight: 4 },
  'GET /api/v3/openOrders': { weight: 6 },
  'DELETE /api/v3/openOrders': { weight: 1 },
  'GET /api/v3/allOrders': { weight: 20 },
  'GET /api/v3/account': { weight: 20 },
  'GET /api/v3/myTrades': { weight: 20 },
  'GET /api/v3/account/commission': { weight: 20 },
};

const DAY_MS = 86_400_000;

const requireSymbol = (ctx: BinanceSpotContext, p: Params): BinanceSpotSymbolSpec => requireListed(ctx.symbols, p);

/** A DECIMAL parameter at the engine's scale: zero or less, or off the filter's step, is -1013 `filter`. */
const decimalAt = (p: Params, name: string, scale: number, filter: string): bigint | undefined =>
  decimalParam(p, name, scale, { notPositive: () => filterFailure(filter), offStep: () => filterFailure(filter) });

function checkLot(spec: BinanceSpotSymbolSpec, quantity: bigint): void {
  const q = qtyScale(spec);
  if (quantity < parseScaled(spec.minQty, q) || quantity > parseScaled(spec.maxQty, q)) throw filterFailure('LOT_SIZE');
}

function checkNotional(spec: BinanceSpotSymbolSpec, value: bigint): void {
  const scale = priceScale(spec) + qtyScale(spec);
  if (value < parseScaled(spec.minNotional, scale) || value > parseScaled(spec.maxNotional, scale)) throw filterFailure('NOTIONAL');
}

/** Validates a new order by the venue's rules and codes, and turns it into an accounts request. */
function orderRequest(ctx: BinanceSpotContext, account: Account, p: Params): { spec: BinanceSpotSymbolSpec; req: PlaceRequest } {
  const spec = requireSymbol(ctx, p);
  const side = str(p, 'side');
  const type = str(p, 'type');
  if (side !== 'BUY' && side !== 'SELL') throw invalidEnum('side');
  if (type !== 'LIMIT' && type !== 'MARKET' && type !== 'LIMIT_MAKER') throw invalidEnum('type');
  const clientOrderId = str(p, 'newClientOrderId');
  if (clientOrderId !== undefined && !/^[.A-Z:/a-z0-9_-]{1,36}$/.test(clientOrderId))
    throw invalidParam("Illegal characters found in parameter 'newClientOrderId'; legal range is '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'.");
  // "A unique id among open orders": a finished order's id may be used again.
  const previous = clientOrderId === undefined ? undefined : account.byClientOrderId.get(clientOrderId);
  if (previous && previous.status === 'open') throw newOrderRejected('Duplicate order sent.');
  const quantity = decimalAt(p, 'quantity', qtyScale(spec), 'LOT_SIZE');
  const buySide = side === 'BUY' ? 'buy' : 'sell';
  if (type !== 'MARKET') {
    const tifText = type === 'LIMIT' ? str(p, 'timeInForce') : undefined;
    if (type === 'LIMIT' && tifText === undefined) throw mandatoryParam('timeInForce');
    if (tifText !== undefined && tifText !== 'GTC' && tifText !== 'IOC' && tifText !== 'FOK') throw invalidEnum('timeInForce');
    const price = decimalAt(p, 'price', priceScale(spec), 'PRICE_FILTER');
    if (price === undefined) throw mandatoryParam('price');
    if (quantity === undefined) throw mandatoryParam('quantity');
    checkLot(spec, quantity);
    checkNotional(spec, price * quantity);
    if (type === 'LIMIT_MAKER' && ctx.accounts.wouldTake(spec.symbol, buySide, price)) throw newOrderRejected('Order would immediately match and take.');
    const tif: TimeInForce = type === 'LIMIT_MAKER' ? 'poc' : (tifText!.toLowerCase() as TimeInForce);
    return { spec, req: { symbol: spec.symbol, side: buySide, type: 'limit', timeInForce: tif, price, quantity, clientOrderId } };
  }
  const quoteQty = decimalAt(p, 'quoteOrderQty', priceScale(spec), 'NOTIONAL');
  if ((quantity === undefined) === (quoteQty === undefined)) throw badCombination('Mandatory parameter: quantity or quoteOrderQty, exactly one.');
  const best = ctx.engine.book(spec.symbol).bestPrice(buySide === 'buy' ? 'ask' : 'bid');
  if (best === undefined) throw newOrderRejected('Order book liquidity is less than symbol minimum quantity.');
  if (quoteQty !== undefined) {
    if (buySide !== 'buy') throw newOrderRejected('Quote order qty market orders are not support for this symbol.');
    const budget = quoteQty * pow10(qtyScale(spec));
    checkNotional(spec, budget);
    return { spec, req: { symbol: spec.symbol, side: buySide, type: 'market', timeInForce: 'ioc', quoteQuantity: budget, clientOrderId } };
  }
  checkLot(spec, quantity!);
  checkNotional(spec, best * quantity!);
  return { spec, req: { symbol: spec.symbol, side: buySide, type: 'market', timeInForce: 'ioc', quantity, clientOrderId } };
}

function handle(ctx: BinanceSpotContext, route: string, { account, params: p }: SignedRequest): unknown {
  switch (route) {
    case 'POST /api/v3/order':
    case 'POST /api/v3/order/test': {
      const { spec, req } = orderRequest(ctx, account, p);
      if (route.endsWith('/test')) return {};
      const out = ctx.accounts.place(account, req);
      if (!out.ok) throw out.error === 'insufficient_balance' ? newOrderRejected('Account has insufficient balance for requested action.') : invalidSymbol();
      const respType = str(p, 'newOrderRespType') ?? 'FULL';
      if (respType === 'ACK') return pf.newOrderAck(spec, out.order);
      if (respType === 'RESULT') return pf.newOrderResult(spec, out.order);
      return { ...pf.newOrderResult(spec, out.order), fills: out.order.fills.map((f) => pf.placementFill(spec, f)) };
    }
    case 'DELETE /api/v3/order': {
      const spec = requireSymbol(ctx, p);
      const order = findOrder(account, spec.symbol, p, cancelRejected);
      if (!ctx.accounts.cancel(order)) throw cancelRejected();
      return pf.cancelJson(spec, order, str(p, 'newClientOrderId') ?? `sim${order.n}cancel`);
    }
    case 'GET /api/v3/order': {
      const spec = requireSymbol(ctx, p);
      return pf.orderJson(spec, findOrder(account, spec.symbol, p, noSuchOrder));
    }
    case 'GET /api/v3/openOrders': {
      const symbol = str(p, 'symbol');
      if (symbol !== undefined && !ctx.symbols.has(symbol)) throw invalidSymbol();
      return ctx.accounts.openOrders(account, symbol).map((o) => pf.orderJson(ctx.symbols.get(o.symbol)!, o));
    }
    case 'DELETE /api/v3/openOrders': {
      const spec = requireSymbol(ctx, p);
      const open = ctx.accounts.openOrders(account, spec.symbol);
      if (open.length === 0) throw cancelRejected();
      return open.filter((o) => ctx.accounts.cancel(o)).map((o) => pf.cancelJson(spec, o, `sim${o.n}cancel`));
    }
    case 'GET /api/v3/allOrders': {
      const spec = requireSymbol(ctx, p);
      const limit = Math.min(intParam(p, 'limit') ?? 500, 1000);
      const start = intParam(p, 'startTime');
      const end = intParam(p, 'endTime');
      const list = [...account.orders.values()].filter((o) => o.symbol === spec.symbol && (start === undefined || o.createTime >= start) && (end === undefined || o.createTime <= end));
      return (start !== undefined ? list.slice(0, limit) : list.slice(Math.max(0, list.length - limit))).map((o) => pf.orderJson(spec, o));
    }
    case 'GET /api/v3/account': {
      const omitZero = str(p, 'omitZeroBalances') === 'true';
      const balances = [...account.balances.entries()].filter(([, b]) => !omitZero || b.free + b.locked > 0n).map(([asset, b]) => pf.balanceJson(asset, b));
      const maker = ctx.accounts.market([...ctx.symbols.keys()][0]!)?.maker.text ?? '0';
      const taker = ctx.accounts.market([...ctx.symbols.keys()][0]!)?.taker.text ?? '0';
      return {
        makerCommission: 10,
        takerCommission: 10,
        buyerCommission: 0,
        sellerCommission: 0,
        commissionRates: { maker, taker, buyer: '0.00000000', seller: '0.00000000' },
        canTrade: true,
        canWithdraw: true,
        canDeposit: true,
        brokered: false,
        requireSelfTradePrevention: false,
        preventSor: false,
        updateTime: ctx.now(),
        accountType: 'SPOT',
        balances,
        permissions: ['SPOT'],
        uid: account.uid,
      };
    }
    case 'GET /api/v3/myTrades': {
      const spec = requireSymbol(ctx, p);
      const q = tradeHistoryQuery(p);
      if (q.fromId !== undefined && (q.startTime !== undefined || q.endTime !== undefined)) throw badCombination('Combination of optional parameters invalid.');
      if (q.startTime !== undefined && q.endTime !== undefined && q.endTime - q.startTime > DAY_MS) throw invalidParam('The time between startTime and endTime cannot be longer than 24 hours.');
      return tradeHistoryPage(account, spec.symbol, q).map((f) => pf.myTradeJson(spec, f));
    }
    case 'GET /api/v3/account/commission': {
      const spec = requireSymbol(ctx, p);
      const m = ctx.accounts.market(spec.symbol)!;
      const rates = { maker: m.maker.text, taker: m.taker.text, buyer: '0', seller: '0' };
      return {
        symbol: spec.symbol,
        standardCommission: rates,
        specialCommission: { maker: '0', taker: '0', buyer: '0', seller: '0' },
        taxCommission: { maker: '0', taker: '0', buyer: '0', seller: '0' },
        discount: { enabledForAccount: false, enabledForSymbol: false, discountAsset: 'BNB', discount: '0.75000000' },
      };
    }
    default:
      throw notFound();
  }
}

/** The signed half of the spot REST API, for the shared HTTP server. */
export function spotSignedRoutes(ctx: BinanceSpotContext): SignedRoutes {
  return async ({ req }: SimRequest, route: string) => {
    const spec = SIGNED[route];
    if (!spec) return undefined;
    const rawBody = req.method === 'GET' ? '' : await readBody(req);
    const signed = verifySignedRequest(ctx.accounts, ctx.now(), req.headers, rawQueryOf(req), rawBody);
    return { body: handle(ctx, route, signed), weight: spec.weight, order: spec.order === true };
  };
}
