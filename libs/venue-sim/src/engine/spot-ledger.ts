import type { Account, AccountMarket, BalanceCause, ClientOrder, HoldPlan, HoldRefusal, Ledger, LedgerHooks, PlaceRequest } from './accounts.js';
import { pow10, rescale } from './decimal.js';
import { BALANCE_SCALE } from './scales.js';
import type { OrderBook } from './order-book.js';
import type { Trade } from './types.js';

const toBalanceScale = (v: bigint, scale: number): bigint => rescale(v, scale, BALANCE_SCALE);

/**
 * Spot balances: an order holds what it may pay (a buy its quote at the limit price, or what
 * walking the asks costs now for a market buy of a base quantity; a sell its base), a fill pays
 * from the hold and receives the other asset less the maker / taker fee, charged in the asset
 * received. Every balance change is an event.
 */
export class SpotLedger implements Ledger {
  constructor(private readonly hooks: LedgerHooks) {}

  plan(account: Account, req: PlaceRequest, m: AccountMarket, book: OrderBook): HoldPlan | HoldRefusal {
    const pq = m.priceScale + m.qtyScale;
    let asset: string;
    let amount: bigint;
    if (req.side === 'sell') {
      asset = m.base;
      amount = toBalanceScale(req.quantity ?? 0n, m.qtyScale);
    } else if (req.type === 'limit') {
      asset = m.quote;
      amount = toBalanceScale((req.price ?? 0n) * (req.quantity ?? 0n), pq);
    } else if (req.quoteQuantity !== undefined) {
      asset = m.quote;
      amount = toBalanceScale(req.quoteQuantity, pq);
    } else {
      // a market buy of a base quantity holds what walking the asks costs now
      let cost = 0n;
      let left = req.quantity ?? 0n;
      for (const [price, qty] of book.depth('ask')) {
        if (left <= 0n) break;
        const take = qty < left ? qty : left;
        cost += price * take;
        left -= take;
      }
      asset = m.quote;
      amount = toBalanceScale(cost, pq);
    }
    const held = account.balance(asset);
    if (held.free < amount) return { ok: false, error: 'insufficient_balance', asset, needed: amount, available: held.free };
    return { ok: true, asset, amount, feeAsset: req.side === 'buy' ? m.base : m.quote };
  }

  lock(order: ClientOrder, amount: bigint, now: number): void {
    const held = order.account.balance(order.lockAsset);
    held.free -= amount;
    held.locked += amount;
    order.locked = amount;
    this.changed(order.account, order.lockAsset, -amount, amount, 'order_place', order, now);
  }

  settle(order: ClientOrder, t: Trade, role: 'maker' | 'taker', m: AccountMarket): { fee: bigint } {
    const account = order.account;
    const pq = m.priceScale + m.qtyScale;
    const quoteBs = toBalanceScale(t.price * t.quantity, pq);
    const qtyBs = toBalanceScale(t.quantity, m.qtyScale);
    const rate = role === 'maker' ? m.maker : m.taker;
    let consume: bigint;
    let spent: bigint;
    let received: bigint;
    let payAsset: string;
    let recvAsset: string;
    if (order.side === 'buy') {
      consume = order.type === 'limit' && order.price !== undefined ? toBalanceScale(order.price * t.quantity, pq) : quoteBs;
      spent = quoteBs;
      received = qtyBs;
      payAsset = m.quote;
      recvAsset = m.base;
    } else {
      consume = qtyBs;
      spent = qtyBs;
      received = quoteBs;
      payAsset = m.base;
      recvAsset = m.quote;
    }
    if (consume > order.locked) consume = order.locked; // never release more than was held
    const fee = (received * rate.num) / pow10(rate.scale);
    const pay = account.balance(payAsset);
    pay.locked -= consume;
    pay.free += consume - spent;
    order.locked -= consume;
    const recv = account.balance(recvAsset);
    recv.free += received - fee;
    this.changed(account, payAsset, consume - spent, -consume, 'order_fill', order, t.timestamp);
    this.changed(account, recvAsset, received - fee, 0n, 'order_fill', order, t.timestamp);
    return { fee };
  }

  release(order: ClientOrder, cause: BalanceCause, now: number): void {
    const amount = order.locked;
    if (amount === 0n) return;
    const b = order.account.balance(order.lockAsset);
    b.locked -= amount;
    b.free += amount;
    order.locked = 0n;
    this.changed(order.account, order.lockAsset, amount, -amount, cause, order, now);
  }

  private changed(account: Account, asset: string, freeChange: bigint, lockedChange: bigint, cause: BalanceCause, order: ClientOrder | undefined, timestamp: number): void {
    if (freeChange === 0n && lockedChange === 0n) return;
    const balance = account.balance(asset);
    balance.version += 1;
    this.hooks.emit({ type: 'balance', account, asset, balance, freeChange, lockedChange, cause, order, timestamp });
  }
}
