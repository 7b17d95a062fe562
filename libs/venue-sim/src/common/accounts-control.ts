import { BALANCE_SCALE, formatScaled, parseScaled, type Account, type Accounts, type ClientOrder, type Fill, type MatchingEngine } from '../engine/index.js';
import type { ControlResponse } from './control-response.js';

/**
 * The /__sim/ routes about trading accounts, venue-neutral: an account's balances and open
 * orders, every order and every fill the venue made for it (for no-loss, no-double tests), and a synthetic marketable
 * order that fills resting client orders deterministically.
 */
export interface AccountsControl {
  accounts: Accounts;
  engine: MatchingEngine;
  hasSymbol(symbol: string): boolean;
  /** The trade id the venue prints for a fill (REST history, websocket). */
  venueTradeId(fill: Fill): string;
  /** Venue-specific parts of GET /__sim/account (e.g. a futures wallet and positions). */
  describeAccount?(account: Account): Record<string, unknown>;
}

const bad = (message: string): ControlResponse => ({ status: 400, body: { error: message } });

function scales(ctl: AccountsControl, symbol: string) {
  const i = ctl.engine.instrument(symbol);
  return { p: i.priceScale, q: i.qtyScale };
}

function renderOrder(ctl: AccountsControl, o: ClientOrder): Record<string, unknown> {
  const s = scales(ctl, o.symbol);
  return {
    id: o.id,
    clientOrderId: o.clientOrderId ?? null,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    timeInForce: o.timeInForce,
    price: o.price === undefined ? null : formatScaled(o.price, s.p),
    quantity: o.quantity === undefined ? null : formatScaled(o.quantity, s.q),
    quoteQuantity: o.quoteQuantity === undefined ? null : formatScaled(o.quoteQuantity, s.p + s.q),
    filled: formatScaled(o.filledQty, s.q),
    filledQuote: formatScaled(o.filledQuote, s.p + s.q),
    status: o.status,
    finish: o.finish,
    locked: formatScaled(o.locked, BALANCE_SCALE),
    createTime: o.createTime,
    updateTime: o.updateTime,
  };
}

export function renderFill(ctl: AccountsControl, f: Fill): Record<string, unknown> {
  const s = scales(ctl, f.symbol);
  return {
    seq: f.seq,
    tradeId: f.tradeId,
    venueTradeId: ctl.venueTradeId(f),
    orderId: f.order.id,
    clientOrderId: f.order.clientOrderId ?? null,
    symbol: f.symbol,
    side: f.side,
    role: f.role,
    price: formatScaled(f.price, s.p),
    quantity: formatScaled(f.quantity, s.q),
    quote: formatScaled(f.quote, s.p + s.q),
    fee: formatScaled(f.fee, BALANCE_SCALE),
    feeAsset: f.feeAsset,
    feeRate: f.feeRate,
    time: f.timestamp,
    selfTrade: f.selfTrade,
  };
}

export function handleAccountsControl(ctl: AccountsControl, route: string, query: URLSearchParams, body: unknown): ControlResponse | undefined {
  switch (route) {
    case 'GET /__sim/account':
    case 'GET /__sim/orders':
    case 'GET /__sim/fills': {
      const key = query.get('apiKey') ?? '';
      const account = ctl.accounts.byApiKey(key);
      if (!account) return { status: 404, body: { error: `no account with apiKey ${JSON.stringify(key)}` } };
      if (route === 'GET /__sim/fills') return { status: 200, body: { apiKey: key, fills: account.fills.map((f) => renderFill(ctl, f)) } };
      // Every order the account ever placed, open or finished (no-duplicate checks by client order id).
      if (route === 'GET /__sim/orders') return { status: 200, body: { apiKey: key, orders: [...account.orders.values()].map((o) => renderOrder(ctl, o)) } };
      const balances: Record<string, { free: string; locked: string }> = {};
      for (const [asset, b] of account.balances) balances[asset] = { free: formatScaled(b.free, BALANCE_SCALE), locked: formatScaled(b.locked, BALANCE_SCALE) };
      return {
        status: 200,
        body: {
          apiKey: key,
          uid: account.uid,
          balances,
          openOrders: [...account.open.values()].map((o) => renderOrder(ctl, o)),
          orders: account.orders.size,
          fills: account.fills.length,
          ...ctl.describeAccount?.(account),
        },
      };
    }
    case 'POST /__sim/cross': {
      if (typeof body !== 'object' || body === null) return bad('body must be a JSON object');
      const b = body as Record<string, unknown>;
      const symbol = typeof b.symbol === 'string' ? b.symbol : '';
      if (!ctl.hasSymbol(symbol)) return bad(`unknown symbol ${JSON.stringify(symbol)}`);
      if (b.side !== 'buy' && b.side !== 'sell') return bad('side must be "buy" or "sell"');
      const s = scales(ctl, symbol);
      let quantity: bigint;
      try {
        quantity = parseScaled(String(b.quantity ?? ''), s.q);
      } catch {
        return bad(`quantity must be a decimal with at most ${s.q} decimals`);
      }
      if (quantity <= 0n) return bad('quantity must be positive');
      // `times`: that many crosses one after the other (many fills in one call).
      const times = b.times === undefined ? 1 : Number(b.times);
      if (!Number.isInteger(times) || times < 1 || times > 100_000) return bad('times must be an integer from 1 to 100000');
      let filled = 0n;
      const trades: unknown[] = [];
      for (let i = 0; i < times; i++) {
        const result = ctl.engine.submit(symbol, { side: b.side, type: 'market', quantity, timeInForce: 'ioc' });
        filled += result.filled;
        for (const t of result.trades)
          trades.push({ id: t.id, price: formatScaled(t.price, s.p), quantity: formatScaled(t.quantity, s.q), makerOrderId: ctl.accounts.orderByEngineId(t.makerOrderId)?.id ?? null });
      }
      return { status: 200, body: { symbol, side: b.side, filled: formatScaled(filled, s.q), trades } };
    }
    default:
      return undefined;
  }
}
