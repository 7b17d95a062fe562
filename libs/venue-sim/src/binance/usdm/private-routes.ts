import { readBody } from '../../common/http.js';
import { rawQueryOf, type SimRequest } from '../../common/sim-http-server.js';
import { parseScaled, type Account, type PlaceRequest, type TimeInForce } from '../../engine/index.js';
import { BinanceRestError, invalidEnum, invalidSymbol, mandatoryParam, noSuchOrder, notFound } from '../common/rest-errors.js';
import { keyedAccount, verifySignedRequest, type SignedRequest } from '../common/signed-request.js';
import { decimalParam, findOrder, intParam, requireListed, str, type Params } from '../common/params.js';
import type { SignedRoutes } from '../common/http-server.js';
import { tradeHistoryPage, tradeHistoryQuery } from '../common/trade-history.js';
import { priceScaleOf, qtyScaleOf, type BinanceUsdmContractSpec } from './catalogue.js';
import type { BinanceUsdmContext } from './context.js';
import * as pf from './private-format.js';

/** USDⓈ-M SIGNED endpoints with their weights and whether they count as an order. */
const SIGNED: Readonly<Record<string, { weight: number; order?: boolean }>> = {
  'POST /fapi/v1/order': { weight: 1, order: true },
  'DELETE /fapi/v1/order': { weight: 1 },
  'GET /fapi/v1/order': { weight: 1 },
  'GET /fapi/v1/openOrders': { weight: 1 },
  'GET /fapi/v3/account': { weight: 5 },
  'GET /fapi/v3/balance': { weight: 5 },
  'GET /fapi/v2/positionRisk': { weight: 5 },
  'GET /fapi/v3/positionRisk': { weight: 5 },
  'GET /fapi/v1/userTrades': { weight: 5 },
  'POST /fapi/v1/leverage': { weight: 1 },
  'POST /fapi/v1/marginType': { weight: 1 },
  'GET /fapi/v1/positionSide/dual': { weight: 30 },
  'POST /fapi/v1/positionSide/dual': { weight: 1 },
  'GET /fapi/v1/leverageBracket': { weight: 1 },
  'GET /fapi/v1/symbolConfig': { weight: 5 },
};
/** USER_STREAM endpoints: the API key, no signature. */
const KEYED = new Set(['POST /fapi/v1/listenKey', 'PUT /fapi/v1/listenKey', 'DELETE /fapi/v1/listenKey']);

const WEEK_MS = 7 * 86_400_000;
/** The USDⓈ-M codes (the derivatives docs' error list). */
const refuse = (code: number, message: string): BinanceRestError => new BinanceRestError(400, code, message);

const requireSymbol = (ctx: BinanceUsdmContext, p: Params): BinanceUsdmContractSpec => requireListed(ctx.contracts, p);

/** A DECIMAL at the engine's scale: zero or less is -4003; off the tick or step, `offStep` (-4014 / -4023). */
const decimalAt = (p: Params, name: string, scale: number, offStep: () => BinanceRestError): bigint | undefined =>
  decimalParam(p, name, scale, { notPositive: () => refuse(-4003, 'Quantity less than or equal to zero.'), offStep });

/** Validates a new order by the venue's rules and turns it into an accounts request. */
function orderRequest(ctx: BinanceUsdmContext, account: Account, p: Params): { spec: BinanceUsdmContractSpec; req: PlaceRequest } {
  const spec = requireSymbol(ctx, p);
  if (ctx.hedgeMode.has(account) || (str(p, 'positionSide') ?? 'BOTH') !== 'BOTH') throw refuse(-4061, "Order's position side does not match user's setting.");
  const side = str(p, 'side');
  const type = str(p, 'type');
  if (side !== 'BUY' && side !== 'SELL') throw invalidEnum('side');
  if (type !== 'LIMIT' && type !== 'MARKET') throw invalidEnum('type');
  const clientOrderId = str(p, 'newClientOrderId');
  if (clientOrderId !== undefined && !/^[.A-Z:/a-z0-9_-]{1,36}$/.test(clientOrderId)) throw refuse(-4015, 'Client order id length should not be more than 36 chars');
  const previous = clientOrderId === undefined ? undefined : account.byClientOrderId.get(clientOrderId);
  if (previous && previous.status === 'open') throw refuse(-4116, 'ClientOrderId is duplicated.');
  const quantity = decimalAt(p, 'quantity', qtyScaleOf(spec), () => refuse(-4023, 'Quantity not increased by step size.'));
  if (quantity === undefined) throw mandatoryParam('quantity');
  const q = qtyScaleOf(spec);
  if (quantity < parseScaled(spec.minQty, q)) throw refuse(-4004, 'Quantity less than min quantity.');
  if (quantity > parseScaled(type === 'MARKET' ? spec.marketMaxQty : spec.maxQty, q)) throw refuse(-4005, 'Quantity greater than max quantity.');
  const buySide = side === 'BUY' ? 'buy' : 'sell';
  const reduceOnly = str(p, 'reduceOnly') === 'true';
  if (reduceOnly) {
    // It may only shrink the position: opposite side, no larger than it.
    const position = ctx.perp.position(account, spec.symbol).size;
    const shrinks = position !== 0n && position > 0n !== (buySide === 'buy') && quantity <= (position < 0n ? -position : position);
    if (!shrinks) throw refuse(-2022, 'ReduceOnly Order is rejected.');
  }
  const book = ctx.engine.book(spec.symbol);
  const minNotional = parseScaled(spec.minNotional, priceScaleOf(spec) + q);
  if (type === 'MARKET') {
    const best = book.bestPrice(buySide === 'buy' ? 'ask' : 'bid');
    if (best === undefined) throw refuse(-2020, 'Unable to fill.');
    if (!reduceOnly && best * quantity < minNotional) throw refuse(-4164, `Order's notional must be no smaller than ${spec.minNotional} (unless you choose reduce only).`);
    return { spec, req: { symbol: spec.symbol, side: buySide, type: 'market', timeInForce: 'ioc', quantity, clientOrderId, reduceOnly } };
  }
  const tifText = str(p, 'timeInForce');
  if (tifText === undefined) throw mandatoryParam('timeInForce');
  if (!['GTC', 'IOC', 'FOK', 'GTX'].includes(tifText)) throw invalidEnum('timeInForce');
  const price = decimalAt(p, 'price', priceScaleOf(spec), () => refuse(-4014, 'Price not increased by tick size.'));
  if (price === undefined) throw mandatoryParam('price');
  if (!reduceOnly && price * quantity < minNotional) throw refuse(-4164, `Order's notional must be no smaller than ${spec.minNotional} (unless you choose reduce only).`);
  if (tifText === 'GTX' && ctx.accounts.wouldTake(spec.symbol, buySide, price))
    throw refuse(-5022, 'Due to the order could not be executed as maker, the Post Only order will be rejected. The order will not be recorded in the order history');
  const tif: TimeInForce = tifText === 'GTX' ? 'poc' : (tifText.toLowerCase() as TimeInForce);
  return { spec, req: { symbol: spec.symbol, side: buySide, type: 'limit', timeInForce: tif, price, quantity, clientOrderId, reduceOnly } };
}

function handle(ctx: BinanceUsdmContext, route: string, { account, params: p }: SignedRequest): unknown {
  switch (route) {
    case 'POST /fapi/v1/order': {
      const { spec, req } = orderRequest(ctx, account, p);
      const out = ctx.accounts.place(account, req);
      if (!out.ok) throw out.error === 'insufficient_balance' ? refuse(-2019, 'Margin is insufficient.') : invalidSymbol();
      return pf.actionJson(spec, out.order);
    }
    case 'DELETE /fapi/v1/order': {
      const spec = requireSymbol(ctx, p);
      const order = findOrder(account, spec.symbol, p, () => refuse(-2011, 'Unknown order sent.'));
      if (!ctx.accounts.cancel(order)) throw refuse(-2011, 'Unknown order sent.');
      return pf.actionJson(spec, order);
    }
    case 'GET /fapi/v1/order': {
      const spec = requireSymbol(ctx, p);
      return pf.orderJson(spec, findOrder(account, spec.symbol, p, noSuchOrder));
    }
    case 'GET /fapi/v1/openOrders': {
      const symbol = str(p, 'symbol');
      if (symbol !== undefined && !ctx.contracts.has(symbol)) throw invalidSymbol();
      return ctx.accounts.openOrders(account, symbol).map((o) => pf.orderJson(ctx.contracts.get(o.symbol)!, o));
    }
    case 'GET /fapi/v3/account':
      return pf.accountJson(ctx, account);
    case 'GET /fapi/v3/balance':
      return [pf.balanceJson(ctx, account)];
    case 'GET /fapi/v2/positionRisk': {
      const symbol = str(p, 'symbol');
      if (symbol !== undefined && !ctx.contracts.has(symbol)) throw invalidSymbol();
      const specs = symbol === undefined ? [...ctx.contracts.values()] : [ctx.contracts.get(symbol)!];
      return specs.map((spec) => pf.positionRiskJson(ctx, spec, ctx.perp.position(account, spec.symbol)));
    }
    case 'GET /fapi/v3/positionRisk': {
      const symbol = str(p, 'symbol');
      if (symbol !== undefined && !ctx.contracts.has(symbol)) throw invalidSymbol();
      const specs = symbol === undefined ? [...ctx.contracts.values()] : [ctx.contracts.get(symbol)!];
      return specs
        .map((spec) => ({ spec, position: ctx.perp.position(account, spec.symbol) }))
        .filter(({ spec, position }) => position.size !== 0n || ctx.accounts.openOrders(account, spec.symbol).length > 0)
        .map(({ spec, position }) => pf.positionRiskV3Json(ctx, spec, position));
    }
    case 'GET /fapi/v1/userTrades': {
      const spec = requireSymbol(ctx, p);
      const q = tradeHistoryQuery(p);
      if (q.startTime !== undefined && q.endTime !== undefined && q.endTime - q.startTime > WEEK_MS) throw refuse(-1127, 'More than 7 days between startTime and endTime.');
      return tradeHistoryPage(account, spec.symbol, q).map((f) => pf.userTradeJson(spec, f));
    }
    case 'POST /fapi/v1/leverage': {
      const spec = requireSymbol(ctx, p);
      const leverage = intParam(p, 'leverage');
      if (leverage === undefined) throw mandatoryParam('leverage');
      if (leverage < 1 || leverage > spec.maxLeverage) throw refuse(-4028, `Leverage ${leverage} is not valid`);
      const position = ctx.perp.position(account, spec.symbol);
      // Cross positions keep cross (leverage 0 in the ledger) with the new leverage as their limit.
      const out = position.leverage === 0 ? ctx.perp.setLeverage(account, spec.symbol, 0, leverage, ctx.now()) : ctx.perp.setLeverage(account, spec.symbol, leverage, undefined, ctx.now());
      if (!out.ok) throw refuse(-2028, 'Leverage is smaller than permitted: insufficient margin balance.');
      return { leverage, maxNotionalValue: '50000000', symbol: spec.symbol };
    }
    case 'POST /fapi/v1/marginType': {
      const spec = requireSymbol(ctx, p);
      const type = str(p, 'marginType');
      if (type !== 'ISOLATED' && type !== 'CROSSED') throw invalidEnum('marginType');
      const position = ctx.perp.position(account, spec.symbol);
      const isolated = position.leverage !== 0;
      if (isolated === (type === 'ISOLATED')) throw refuse(-4046, 'No need to change margin type.');
      if (ctx.accounts.openOrders(account, spec.symbol).length > 0) throw refuse(-4047, 'Margin type cannot be changed if there exists open orders.');
      if (position.size !== 0n) throw refuse(-4048, 'Margin type cannot be changed if there exists position.');
      const leverage = ctx.perp.effectiveLeverage(position);
      const out = type === 'ISOLATED' ? ctx.perp.setLeverage(account, spec.symbol, leverage, undefined, ctx.now()) : ctx.perp.setLeverage(account, spec.symbol, 0, leverage, ctx.now());
      if (!out.ok) throw refuse(-2019, 'Margin is insufficient.');
      return { code: 200, msg: 'success' };
    }
    case 'GET /fapi/v1/positionSide/dual':
      return { dualSidePosition: ctx.hedgeMode.has(account) };
    case 'POST /fapi/v1/positionSide/dual': {
      const dual = str(p, 'dualSidePosition');
      if (dual !== 'true' && dual !== 'false') throw invalidEnum('dualSidePosition');
      if ((dual === 'true') === ctx.hedgeMode.has(account)) throw refuse(-4059, 'No need to change position side.');
      if (dual === 'true') ctx.hedgeMode.add(account);
      else ctx.hedgeMode.delete(account);
      return { code: 200, msg: 'success' };
    }
    case 'GET /fapi/v1/leverageBracket': {
      const symbol = str(p, 'symbol');
      const specs = symbol === undefined ? [...ctx.contracts.values()] : [requireSymbol(ctx, p)];
      return specs.map((spec) => ({
        symbol: spec.symbol,
        notionalCoef: 1,
        brackets: [{ bracket: 1, initialLeverage: spec.maxLeverage, notionalCap: 50_000_000, notionalFloor: 0, maintMarginRatio: Number(spec.maintenanceRate), cum: 0 }],
      }));
    }
    case 'GET /fapi/v1/symbolConfig': {
      const symbol = str(p, 'symbol');
      const specs = symbol === undefined ? [...ctx.contracts.values()] : [requireSymbol(ctx, p)];
      return specs.map((spec) => {
        const position = ctx.perp.position(account, spec.symbol);
        return {
          symbol: spec.symbol,
          marginType: position.leverage === 0 ? 'CROSSED' : 'ISOLATED',
          isAutoAddMargin: false,
          leverage: ctx.perp.effectiveLeverage(position),
          maxNotionalValue: '50000000',
        };
      });
    }
    default:
      throw notFound();
  }
}

/** The signed and keyed halves of the USDⓈ-M REST API, for the shared HTTP server. */
export function usdmSignedRoutes(ctx: BinanceUsdmContext): SignedRoutes {
  return async ({ req }: SimRequest, route: string) => {
    if (KEYED.has(route)) {
      const account = keyedAccount(ctx.accounts, req.headers);
      if (route.startsWith('POST')) return { body: { listenKey: ctx.listenKeys.open(account) }, weight: 1, order: false };
      if (route.startsWith('PUT')) {
        if (!ctx.listenKeys.keepAlive(account)) throw new BinanceRestError(400, -1125, 'This listenKey does not exist.');
        return { body: {}, weight: 1, order: false };
      }
      ctx.listenKeys.close(account);
      return { body: {}, weight: 1, order: false };
    }
    const spec = SIGNED[route];
    if (!spec) return undefined;
    const rawBody = req.method === 'GET' ? '' : await readBody(req);
    const signed = verifySignedRequest(ctx.accounts, ctx.now(), req.headers, rawQueryOf(req), rawBody);
    return { body: handle(ctx, route, signed), weight: spec.weight, order: spec.order === true };
  };
}
