import { formatScaled, parseScaled, type Account, type ClientOrder, type PlaceRequest, type TimeInForce } from '../../engine/index.js';
import type { GatePairSpec } from './catalogue.js';
import type { GateSpotContext } from './context.js';
import { accountDetailJson, TEXT_RE } from '../common/account.js';
import * as pf from './private-format.js';
import {
  balanceNotEnough,
  clientIdNotFound,
  fokNotFill,
  invalidCurrencyPair,
  invalidParam,
  invalidPrecision,
  invalidRequestBody,
  missingParam,
  noLiquidity,
  notFound,
  orderNotFound,
  orderTooLarge,
  orderTooSmall,
  pocFillImmediately,
} from '../common/rest-errors.js';
import { parseInt, parseJsonBody } from '../common/query-params.js';

/** Gate APIv4 authenticated spot endpoints (relative to /api/v4), after signature checks. */

const ORDER_PATH = /^\/spot\/orders\/([^/]+)$/;

/** Whether METHOD path (relative to /api/v4) is an authenticated endpoint. */
export function isPrivateRoute(method: string, path: string): boolean {
  switch (`${method} ${path}`) {
    case 'GET /spot/accounts':
    case 'POST /spot/orders':
    case 'GET /spot/orders':
    case 'DELETE /spot/orders':
    case 'GET /spot/open_orders':
    case 'GET /spot/my_trades':
    case 'GET /spot/fee':
    case 'GET /account/detail':
      return true;
  }
  return (method === 'GET' || method === 'DELETE') && ORDER_PATH.test(path);
}

export interface PrivateAnswer {
  status: number;
  body: unknown;
}

type Query = URLSearchParams;

const ok = (body: unknown): PrivateAnswer => ({ status: 200, body });

function pairOf(ctx: GateSpotContext, id: string | null | undefined, required: boolean): GatePairSpec | undefined {
  if (id === null || id === undefined || id === '') {
    if (required) throw missingParam('currency_pair');
    return undefined;
  }
  const spec = ctx.pairs.get(id);
  if (!spec) throw invalidCurrencyPair(id);
  return spec;
}

function decimalField(body: Record<string, unknown>, name: string, scale: number): bigint {
  const raw = body[name];
  if (raw === undefined || raw === null || raw === '') throw missingParam(name);
  const text = String(raw);
  if (!/^\d+(\.\d+)?$/.test(text)) throw invalidParam(name, text);
  let v: bigint;
  try {
    v = parseScaled(text, scale);
  } catch {
    throw invalidPrecision(name, text);
  }
  if (v <= 0n) throw invalidParam(name, text);
  return v;
}

const TIFS: readonly string[] = ['gtc', 'ioc', 'poc', 'fok'];

/** Validates POST /spot/orders the way the venue does and turns it into an accounts request. */
function orderRequest(ctx: GateSpotContext, body: unknown): { spec: GatePairSpec; req: PlaceRequest } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidRequestBody();
  const b = body as Record<string, unknown>;
  const spec = pairOf(ctx, typeof b.currency_pair === 'string' ? b.currency_pair : b.currency_pair === undefined ? undefined : String(b.currency_pair), true) as GatePairSpec;
  let text: string | undefined;
  if (b.text !== undefined && b.text !== null && b.text !== '') {
    text = String(b.text);
    if (!TEXT_RE.test(text)) throw invalidParam('text', text);
  }
  const type = b.type === undefined ? 'limit' : String(b.type);
  if (type !== 'limit' && type !== 'market') throw invalidParam('type', type);
  const account = b.account === undefined || b.account === '' ? 'spot' : String(b.account);
  if (account !== 'spot' && account !== 'unified') throw invalidParam('account', account);
  if (b.side === undefined || b.side === '') throw missingParam('side');
  const side = String(b.side);
  if (side !== 'buy' && side !== 'sell') throw invalidParam('side', side);
  const tifText = b.time_in_force === undefined || b.time_in_force === '' ? undefined : String(b.time_in_force);
  if (tifText !== undefined && !TIFS.includes(tifText)) throw invalidParam('time_in_force', tifText);
  const pq = spec.precision + spec.amountPrecision;
  const minBase = parseScaled(spec.minBaseAmount, spec.amountPrecision);
  const minQuote = parseScaled(spec.minQuoteAmount, pq);
  const book = ctx.engine.book(spec.id);

  if (type === 'limit') {
    const amount = decimalField(b, 'amount', spec.amountPrecision);
    const price = decimalField(b, 'price', spec.precision);
    if (amount < minBase) throw orderTooSmall(String(b.amount), spec.minBaseAmount, spec.base);
    if (price * amount < minQuote) throw orderTooSmall(formatTotal(spec, price * amount), spec.minQuoteAmount, spec.quote);
    if (spec.maxBaseAmount !== undefined && amount > parseScaled(spec.maxBaseAmount, spec.amountPrecision)) throw orderTooLarge(String(b.amount), spec.maxBaseAmount, spec.base);
    if (price * amount > parseScaled(spec.maxQuoteAmount, pq)) throw orderTooLarge(formatTotal(spec, price * amount), spec.maxQuoteAmount, spec.quote);
    const tif = (tifText ?? 'gtc') as TimeInForce;
    if (tif === 'poc' && ctx.accounts.wouldTake(spec.id, side, price)) throw pocFillImmediately();
    if (tif === 'fok' && ctx.accounts.fillable(spec.id, side, amount, price) < amount) throw fokNotFill();
    return { spec, req: { symbol: spec.id, side, type: 'limit', timeInForce: tif, price, quantity: amount, clientOrderId: text } };
  }

  // market: buy amounts are in quote, sell amounts in base; only ioc and fok apply
  if (tifText === 'poc') throw invalidParam('time_in_force', tifText);
  const tif: TimeInForce = tifText === 'fok' ? 'fok' : 'ioc';
  if (book.bestPrice(side === 'buy' ? 'ask' : 'bid') === undefined) throw noLiquidity();
  if (side === 'buy') {
    const quote = decimalField(b, 'amount', pq);
    if (quote < minQuote) throw orderTooSmall(String(b.amount), spec.minQuoteAmount, spec.quote);
    if (quote > parseScaled(spec.maxQuoteAmount, pq)) throw orderTooLarge(String(b.amount), spec.maxQuoteAmount, spec.quote);
    return { spec, req: { symbol: spec.id, side, type: 'market', timeInForce: tif, quoteQuantity: quote, clientOrderId: text } };
  }
  const amount = decimalField(b, 'amount', spec.amountPrecision);
  if (amount < minBase) throw orderTooSmall(String(b.amount), spec.minBaseAmount, spec.base);
  if (tif === 'fok' && ctx.accounts.fillable(spec.id, side, amount) < amount) throw fokNotFill();
  return { spec, req: { symbol: spec.id, side, type: 'market', timeInForce: tif, quantity: amount, clientOrderId: text } };
}

const formatTotal = (spec: GatePairSpec, v: bigint): string => formatScaled(v, spec.precision + spec.amountPrecision);

/**
 * The order an {order_id} path segment names: a numeric id, or the user's text ("t-...") which
 * only reaches open orders (the latest one carrying it).
 */
function findOrder(account: Account, idOrText: string, spec: GatePairSpec | undefined): ClientOrder {
  if (idOrText.startsWith('t-')) {
    const o = account.byClientOrderId.get(idOrText);
    if (!o || o.status !== 'open' || (spec !== undefined && o.symbol !== spec.id)) throw clientIdNotFound(idOrText);
    return o;
  }
  const o = account.orders.get(idOrText);
  if (!o || (spec !== undefined && o.symbol !== spec.id)) throw orderNotFound();
  return o;
}

const specOf = (ctx: GateSpotContext, o: ClientOrder) => ctx.pairs.get(o.symbol) as GatePairSpec;

/** Dispatches an authenticated request (path relative to /api/v4). */
export function handlePrivate(ctx: GateSpotContext, account: Account, method: string, path: string, q: Query, rawBody: string): PrivateAnswer {
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /spot/accounts': {
      const currency = q.get('currency');
      if (currency !== null && currency !== '') return ok([pf.spotAccountJson(currency, account.balance(currency))]);
      return ok([...account.balances.entries()].filter(([, b]) => b.free + b.locked > 0n || b.version > 0).map(([c, b]) => pf.spotAccountJson(c, b)));
    }
    case 'POST /spot/orders': {
      const { spec, req } = orderRequest(ctx, parseJsonBody(rawBody));
      const out = ctx.accounts.place(account, req);
      if (!out.ok) {
        if (out.error === 'insufficient_balance') throw balanceNotEnough();
        throw invalidParam('amount', '');
      }
      return { status: 201, body: pf.orderJson(spec, out.order) };
    }
    case 'GET /spot/orders': {
      const status = q.get('status');
      if (status === null || status === '') throw missingParam('status');
      if (status !== 'open' && status !== 'finished') throw invalidParam('status', status);
      const spec = pairOf(ctx, q.get('currency_pair'), status === 'open');
      const limit = parseInt(q, 'limit', 1, status === 'open' ? 100 : 1000) ?? 100;
      const page = parseInt(q, 'page', 1) ?? 1;
      const side = q.get('side');
      if (status === 'open') {
        return ok(
          ctx.accounts
            .openOrders(account, spec?.id)
            .slice((page - 1) * limit, page * limit)
            .map((o) => pf.orderJson(specOf(ctx, o), o)),
        );
      }
      const to = parseInt(q, 'to', 0) ?? Math.floor(ctx.now() / 1000);
      const from = parseInt(q, 'from', 0) ?? 0;
      const finished = [...account.orders.values()]
        .filter((o) => o.status !== 'open' && (spec === undefined || o.symbol === spec.id) && (side === null || side === '' || o.side === side))
        .filter((o) => Math.floor(o.updateTime / 1000) >= from && Math.floor(o.updateTime / 1000) <= to)
        .reverse();
      return ok(finished.slice((page - 1) * limit, page * limit).map((o) => pf.orderJson(specOf(ctx, o), o)));
    }
    case 'DELETE /spot/orders': {
      const spec = pairOf(ctx, q.get('currency_pair'), false);
      const side = q.get('side');
      const out: unknown[] = [];
      for (const o of ctx.accounts.openOrders(account, spec?.id)) {
        if (side !== null && side !== '' && o.side !== side) continue;
        if (ctx.accounts.cancel(o)) out.push(pf.orderCancelJson(specOf(ctx, o), o));
      }
      return ok(out);
    }
    case 'GET /spot/open_orders': {
      const limit = parseInt(q, 'limit', 1, 100) ?? 100;
      const page = parseInt(q, 'page', 1) ?? 1;
      const byPair = new Map<string, ClientOrder[]>();
      for (const o of account.open.values()) {
        let list = byPair.get(o.symbol);
        if (!list) byPair.set(o.symbol, (list = []));
        list.push(o);
      }
      return ok(
        [...byPair.entries()].map(([pair, list]) => {
          const orders = list.slice((page - 1) * limit, page * limit);
          return { currency_pair: pair, total: orders.length, orders: orders.map((o) => pf.orderJson(specOf(ctx, o), o)) };
        }),
      );
    }
    case 'GET /spot/my_trades': {
      const spec = pairOf(ctx, q.get('currency_pair'), false);
      const orderId = q.get('order_id');
      if (orderId !== null && orderId !== '' && spec === undefined) throw missingParam('currency_pair');
      const limit = parseInt(q, 'limit', 1, 1000) ?? 100;
      const page = parseInt(q, 'page', 1) ?? 1;
      const nowSec = Math.floor(ctx.now() / 1000);
      const fromArg = parseInt(q, 'from', 0);
      const toArg = parseInt(q, 'to', 0);
      // The documented rules: one bound alone means 7 days from (or to) it, a range over 30 days
      // is refused, and pages end at limit x (page - 1) = 1000.
      const week = 7 * 24 * 3600;
      const to = toArg ?? (fromArg !== undefined ? fromArg + week : nowSec);
      const from = fromArg ?? to - week;
      if (to - from > 30 * 24 * 3600) throw invalidParam('to', String(toArg));
      if (limit * (page - 1) > 1000) throw invalidParam('page', String(page));
      const list = account.fills
        .filter((f) => (spec === undefined || f.symbol === spec.id) && (orderId === null || orderId === '' || f.order.id === orderId))
        .filter((f) => Math.floor(f.timestamp / 1000) >= from && Math.floor(f.timestamp / 1000) <= to)
        .reverse();
      return ok(list.slice((page - 1) * limit, page * limit).map((f) => pf.myTradeJson(specOf(ctx, f.order), f)));
    }
    case 'GET /spot/fee': {
      const spec = pairOf(ctx, q.get('currency_pair'), false);
      const m = ctx.accounts.market(spec?.id ?? ([...ctx.pairs.keys()][0] as string));
      return ok({
        user_id: account.uid,
        taker_fee: m?.takerFeeRate ?? '0.002',
        maker_fee: m?.makerFeeRate ?? '0.002',
        gt_discount: false,
        gt_taker_fee: '0',
        gt_maker_fee: '0',
        loan_fee: '0.18',
        point_type: '1',
        currency_pair: spec?.id ?? '',
        debit_fee: 3,
      });
    }
    case 'GET /account/detail':
      return ok(accountDetailJson(account.uid));
  }
  const m = ORDER_PATH.exec(path);
  if (m && (method === 'GET' || method === 'DELETE')) {
    const idOrText = decodeURIComponent(m[1] as string);
    const spec = pairOf(ctx, q.get('currency_pair'), false);
    const order = findOrder(account, idOrText, spec);
    if (method === 'DELETE') {
      if (!ctx.accounts.cancel(order)) throw orderNotFound();
    }
    return ok(pf.orderJson(specOf(ctx, order), order));
  }
  throw notFound();
}
