import { BALANCE_SCALE, tryParseScaled, type Account, type ClientOrder, type Fill } from '../../engine/index.js';
import { accountDetailJson } from '../common/account.js';
import type { GateContractSpec } from './catalogue.js';
import type { GateFuturesContext } from './context.js';
import { futuresOrderRequest } from './private-orders.js';
import { accountJson, money, myTradeJson, orderJson, positionJson } from './private-format.js';
import { positionView, positionViews } from './private-views.js';
import {
  contractNotFound,
  insufficientAvailable,
  invalidParam,
  leverageTooHigh,
  leverageTooLow,
  missingParam,
  notFound,
  orderNotFound,
  positionCrossMargin,
  positionEmpty,
  removeTooMuch,
} from './rest-errors.js';
import { parseBool, parseInt, parseJsonBody } from '../common/query-params.js';

/**
 * Gate APIv4 authenticated USDT futures endpoints (relative to /api/v4), after signature checks.
 * Single position mode. `decimal`: the request carried X-Gate-Size-Decimal: 1.
 */

const ORDER_PATH = /^\/futures\/usdt\/orders\/([^/]+)$/;
const POSITION_PATH = /^\/futures\/usdt\/positions\/([^/]+)$/;
const POSITION_OP_PATH = /^\/futures\/usdt\/positions\/([^/]+)\/(leverage|margin)$/;
/** A cancelled order that never filled cannot be fetched 10 minutes after; a text reaches an order 60 s after it finished. */
const UNFILLED_CANCEL_VISIBLE_MS = 10 * 60_000;
const TEXT_AFTER_FINISH_MS = 60_000;

export function isPrivateRoute(method: string, path: string): boolean {
  switch (`${method} ${path}`) {
    case 'GET /futures/usdt/accounts':
    case 'POST /futures/usdt/orders':
    case 'GET /futures/usdt/orders':
    case 'DELETE /futures/usdt/orders':
    case 'GET /futures/usdt/my_trades':
    case 'GET /futures/usdt/my_trades_timerange':
    case 'GET /futures/usdt/positions':
    case 'POST /futures/usdt/dual_mode':
    case 'GET /account/detail':
      return true;
  }
  if ((method === 'GET' || method === 'DELETE') && ORDER_PATH.test(path)) return true;
  if (method === 'GET' && POSITION_PATH.test(path)) return true;
  return method === 'POST' && POSITION_OP_PATH.test(path);
}

export interface PrivateAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Query = URLSearchParams;

const ok = (body: unknown, headers?: Record<string, string>): PrivateAnswer => ({ status: 200, body, headers });

function contractOf(ctx: GateFuturesContext, name: string | null, required: boolean): GateContractSpec | undefined {
  if (name === null || name === '') {
    if (required) throw missingParam('contract');
    return undefined;
  }
  const spec = ctx.contracts.get(name);
  if (!spec) throw contractNotFound(name);
  return spec;
}

const unfilledCancelGone = (o: ClientOrder, now: number): boolean => o.status === 'cancelled' && o.filledQty === 0n && now - o.updateTime > UNFILLED_CANCEL_VISIBLE_MS;

/** The order an {order_id} names: its numeric id, or its text while open and 60 s after it finished. */
function findOrder(account: Account, idOrText: string, now: number): ClientOrder {
  if (idOrText.startsWith('t-')) {
    const o = account.byClientOrderId.get(idOrText);
    if (!o || (o.status !== 'open' && now - o.updateTime > TEXT_AFTER_FINISH_MS)) throw orderNotFound();
    return o;
  }
  const o = account.orders.get(idOrText);
  if (!o || unfilledCancelGone(o, now)) throw orderNotFound();
  return o;
}

/** limit / offset paging with the venue's X-Pagination-* headers. */
function page<T>(q: Query, list: T[], maxLimit: number): { items: T[]; headers: Record<string, string> } {
  const limit = parseInt(q, 'limit', 1, maxLimit) ?? 100;
  const offset = parseInt(q, 'offset', 0) ?? 0;
  return { items: list.slice(offset, offset + limit), headers: { 'X-Pagination-Limit': String(limit), 'X-Pagination-Offset': String(offset) } };
}

const specOf = (ctx: GateFuturesContext, symbol: string): GateContractSpec => ctx.contracts.get(symbol) as GateContractSpec;

function listOrders(ctx: GateFuturesContext, account: Account, q: Query, decimal: boolean): PrivateAnswer {
  const status = q.get('status');
  if (status === null || status === '') throw missingParam('status');
  if (status !== 'open' && status !== 'finished') throw invalidParam('status', status);
  const spec = contractOf(ctx, q.get('contract'), false);
  const lastId = parseInt(q, 'last_id', 0);
  const now = ctx.now();
  let list: ClientOrder[];
  if (status === 'open') {
    list = ctx.accounts.openOrders(account, spec?.name);
  } else {
    list = [...account.orders.values()].filter((o) => o.status !== 'open' && (spec === undefined || o.symbol === spec.name) && !unfilledCancelGone(o, now)).reverse();
  }
  if (lastId !== undefined) list = list.filter((o) => Number(o.id) < lastId);
  const { items, headers } = page(q, list, 1000);
  return ok(
    items.map((o) => orderJson(specOf(ctx, o.symbol), o, decimal)),
    headers,
  );
}

function myTrades(ctx: GateFuturesContext, account: Account, q: Query, decimal: boolean, timerange: boolean): PrivateAnswer {
  const spec = contractOf(ctx, q.get('contract'), false);
  let fills: Fill[] = account.fills.filter((f) => spec === undefined || f.symbol === spec.name);
  if (timerange) {
    const from = parseInt(q, 'from', 0);
    const to = parseInt(q, 'to', 0);
    fills = fills.filter((f) => (from === undefined || f.timestamp >= from * 1000) && (to === undefined || f.timestamp < (to + 1) * 1000));
  } else {
    const order = q.get('order');
    if (order !== null && order !== '') fills = fills.filter((f) => f.order.id === order);
    const lastId = parseInt(q, 'last_id', 0);
    if (lastId !== undefined) fills = fills.filter((f) => f.tradeId < lastId);
  }
  const { items, headers } = page(q, fills.slice().reverse(), 1000);
  return ok(
    items.map((f) => myTradeJson(specOf(ctx, f.symbol), f, decimal, timerange)),
    headers,
  );
}

/** POST .../leverage?leverage=N[&cross_leverage_limit=M]: N = 0 is cross margin with limit M. */
function setLeverage(ctx: GateFuturesContext, account: Account, spec: GateContractSpec, q: Query, decimal: boolean): PrivateAnswer {
  const text = q.get('leverage');
  if (text === null || text === '') throw missingParam('leverage');
  const leverage = parseInt(q, 'leverage', 0) as number;
  const crossText = q.get('cross_leverage_limit');
  const cross = crossText === null || crossText === '' ? undefined : (parseInt(q, 'cross_leverage_limit', 0) as number);
  const checked = leverage === 0 ? cross : leverage;
  if (checked !== undefined) {
    if (checked > Number(spec.leverageMax)) throw leverageTooHigh();
    if (checked < Math.max(1, Number(spec.leverageMin))) throw leverageTooLow();
  }
  const out = ctx.perp.setLeverage(account, spec.name, leverage, leverage === 0 ? cross : undefined, ctx.now());
  if (!out.ok) throw insufficientAvailable(money(out.needed), money(out.available));
  return ok(positionJson(positionView(ctx, out.position), decimal));
}

/** POST .../margin?change=X: adds (X > 0) or removes isolated margin. */
function changeMargin(ctx: GateFuturesContext, account: Account, spec: GateContractSpec, q: Query, decimal: boolean): PrivateAnswer {
  const text = q.get('change');
  if (text === null || text === '') throw missingParam('change');
  const change = /^-?\d+(\.\d+)?$/.test(text) ? tryParseScaled(text, BALANCE_SCALE) : undefined;
  if (change === undefined || change === 0n) throw invalidParam('change', text);
  const out = ctx.perp.changeMargin(account, spec.name, change, ctx.now());
  if (!out.ok) {
    switch (out.error) {
      case 'cross_margin':
        throw positionCrossMargin();
      case 'empty':
        throw positionEmpty();
      case 'remove_too_much':
        throw removeTooMuch();
      case 'insufficient_available':
        throw insufficientAvailable(money(change), money(ctx.perp.available(account)));
    }
  }
  return ok(positionJson(positionView(ctx, out.position), decimal));
}

/** Dispatches an authenticated request (path relative to /api/v4). */
export function handlePrivate(ctx: GateFuturesContext, account: Account, method: string, path: string, q: Query, rawBody: string, decimal: boolean): PrivateAnswer {
  switch (`${method} ${path}`) {
    case 'GET /futures/usdt/accounts':
      return ok(accountJson(account, ctx.perp, positionViews(ctx, account), ctx.dualMode.has(account)));
    case 'POST /futures/usdt/dual_mode': {
      // FuturesApi.setDualMode: ?dual_mode=true|false, answers the account.
      const dual = parseBool(q, 'dual_mode');
      if (dual === undefined) throw missingParam('dual_mode');
      if (dual) ctx.dualMode.add(account);
      else ctx.dualMode.delete(account);
      return ok(accountJson(account, ctx.perp, positionViews(ctx, account), dual));
    }
    case 'POST /futures/usdt/orders': {
      const { spec, req } = futuresOrderRequest(ctx, account, parseJsonBody(rawBody));
      const out = ctx.accounts.place(account, req);
      if (!out.ok) {
        if (out.error === 'insufficient_balance') throw insufficientAvailable(money(out.needed), money(out.available));
        throw invalidParam('size', String(req.quantity));
      }
      return { status: 201, body: orderJson(spec, out.order, decimal) };
    }
    case 'GET /futures/usdt/orders':
      return listOrders(ctx, account, q, decimal);
    case 'DELETE /futures/usdt/orders': {
      const spec = contractOf(ctx, q.get('contract'), true) as GateContractSpec;
      const side = q.get('side');
      if (side !== null && side !== '' && side !== 'bid' && side !== 'ask') throw invalidParam('side', side);
      const cancelled: unknown[] = [];
      for (const o of ctx.accounts.openOrders(account, spec.name)) {
        if ((side === 'bid' && o.side !== 'buy') || (side === 'ask' && o.side !== 'sell')) continue;
        if (ctx.accounts.cancel(o)) cancelled.push(orderJson(spec, o, decimal));
      }
      return ok(cancelled);
    }
    case 'GET /futures/usdt/my_trades':
      return myTrades(ctx, account, q, decimal, false);
    case 'GET /futures/usdt/my_trades_timerange':
      return myTrades(ctx, account, q, decimal, true);
    case 'GET /futures/usdt/positions': {
      const holding = parseBool(q, 'holding') ?? false;
      const views = positionViews(ctx, account).filter((v) => !holding || v.position.size !== 0n);
      const { items, headers } = page(q, views, 1000);
      return ok(
        items.map((v) => positionJson(v, decimal)),
        headers,
      );
    }
    case 'GET /account/detail':
      return ok(accountDetailJson(account.uid));
  }
  const order = ORDER_PATH.exec(path);
  if (order) {
    const o = findOrder(account, decodeURIComponent(order[1] as string), ctx.now());
    if (method === 'DELETE' && !ctx.accounts.cancel(o)) throw orderNotFound();
    return ok(orderJson(specOf(ctx, o.symbol), o, decimal));
  }
  const op = POSITION_OP_PATH.exec(path);
  if (op) {
    const spec = contractOf(ctx, decodeURIComponent(op[1] as string), true) as GateContractSpec;
    return op[2] === 'leverage' ? setLeverage(ctx, account, spec, q, decimal) : changeMargin(ctx, account, spec, q, decimal);
  }
  const pos = POSITION_PATH.exec(path);
  if (pos) {
    const spec = contractOf(ctx, decodeURIComponent(pos[1] as string), true) as GateContractSpec;
    return ok(positionJson(positionView(ctx, ctx.perp.position(account, spec.name)), decimal));
  }
  throw notFound();
}
