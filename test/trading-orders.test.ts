import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatewayError, type OrderRequest, type OrderState } from '@cexgw/adapters';
import { SqliteJournal } from '../services/trading/src/journal/sqlite-journal.js';
import { KillSwitch } from '../services/trading/src/kill-switch.js';
import { NO_LIMITS } from '../services/trading/src/limits.js';
import { generateClientOrderId, OrderManager, type OrderManagerOptions } from '../services/trading/src/order-manager.js';
import { BTC, ETH, ScriptedPrivateExchange, stateFor, symbolInfo } from './support/scripted-private-exchange.js';

// Idempotent placement by client order id. A scripted venue double decides what each
// placement does (answer, time out, fail) and counts the calls that would reach the venue.

let dir: string;
let journal: SqliteJournal;
let venue: ScriptedPrivateExchange;
let clock: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cexgw-orders-'));
  journal = new SqliteJournal({ path: join(dir, 'journal.sqlite') });
  venue = new ScriptedPrivateExchange();
  clock = 1_000_000;
});
afterEach(async () => {
  await journal.close();
  rmSync(dir, { recursive: true, force: true });
});

function manager(overrides: Partial<OrderManagerOptions> = {}): OrderManager {
  return new OrderManager({
    exchange: venue,
    journal,
    killSwitch: new KillSwitch({ engagedAtStart: false, file: undefined, pollMs: 1000 }),
    limits: NO_LIMITS,
    placeTimeoutMs: 50,
    resolveGraceMs: 10_000,
    now: () => clock,
    ...overrides,
  });
}

const order = (clientOrderId: string, fields: Partial<OrderRequest> = {}): OrderRequest => ({
  symbol: BTC,
  side: 'buy',
  type: 'limit',
  quantity: '0.01',
  price: '65000',
  quoteQuantity: '',
  timeInForce: 'gtc',
  postOnly: false,
  clientOrderId,
  ...fields,
});

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error('expected a rejection');
}

const never = () => new Promise<OrderState>(() => {});

describe('idempotent PlaceOrder', () => {
  it('answers a repeated client order id with the known order and never sends again', async () => {
    const orders = manager();
    const first = await orders.place(order('dup-1'));
    const second = await orders.place(order('dup-1'));
    expect(second).toEqual(first);
    expect(venue.calls.placeOrder).toBe(1);
    expect(await journal.getOrder('dup-1')).toMatchObject({ status: 'acknowledged', venueOrderId: first.orderId });
  });

  it('makes one venue call for concurrent duplicates', async () => {
    let release!: () => void;
    venue.place = (request, v) => new Promise((resolve) => (release = () => resolve(v.accept(request))));
    const orders = manager({ placeTimeoutMs: 5_000 });
    const attempts = Array.from({ length: 8 }, () => orders.place(order('race-1')));
    await new Promise((r) => setTimeout(r, 20));
    release();
    const results = await Promise.all(attempts);
    expect(venue.calls.placeOrder).toBe(1);
    expect(new Set(results.map((r) => r.orderId)).size).toBe(1);
  });

  it('refuses a reused id with a different request, sending nothing', async () => {
    const orders = manager();
    await orders.place(order('reuse-1'));
    const error = await rejection(orders.place(order('reuse-1', { price: '64000' })));
    expect(error.kind).toBe('invalid_argument');
    expect(error.message).toContain(
      'client_order_id reuse-1 was already used for a different order (limit buy 0.01 BTC/USDT @ 65000 gtc); this request (limit buy 0.01 BTC/USDT @ 64000 gtc) was not sent',
    );
    expect(venue.calls.placeOrder).toBe(1);
  });

  it('marks a timed-out placement unknown and resolves it by client order id, never by resending', async () => {
    // The venue receives the order but its answer never comes back.
    venue.place = (request, v) => {
      v.accept(request);
      return never();
    };
    const orders = manager();
    const placed = await orders.place(order('slow-1'));
    // Resolved within the same call: the timeout marked it unknown, getOrder found it.
    expect(placed).toMatchObject({ clientOrderId: 'slow-1', status: 'open' });
    expect(venue.calls.placeOrder).toBe(1);
    expect(venue.calls.getOrder).toBe(1);
    expect(await journal.getOrder('slow-1')).toMatchObject({ status: 'acknowledged' });
    await orders.place(order('slow-1'));
    expect(venue.calls.placeOrder).toBe(1);
  });

  it('keeps an order unknown while the venue does not show it, then resolves it as never placed after the grace period', async () => {
    venue.place = never; // the request is lost on the way: the venue never sees it
    const orders = manager();
    const first = await rejection(orders.place(order('lost-1')));
    expect(first.kind).toBe('timeout');
    expect(first.message).toContain('may or may not be live');
    expect(first.message).toContain('Retry PlaceOrder with the same client_order_id');
    expect(await journal.getOrder('lost-1')).toMatchObject({ status: 'unknown' });

    clock += 5_000;
    const retry = await rejection(orders.place(order('lost-1')));
    expect(retry.kind).toBe('venue_unavailable');
    expect(retry.message).toContain('not known yet');

    clock += 10_000;
    const resolved = await orders.place(order('lost-1'));
    expect(resolved).toMatchObject({ status: 'rejected', orderId: '', clientOrderId: 'lost-1' });
    expect(resolved.reason).toContain('never placed');
    expect(await journal.getOrder('lost-1')).toMatchObject({ status: 'failed' });
    expect(venue.calls.placeOrder).toBe(1);
  });

  it('treats a failure with an open outcome (5xx, connection reset) like a timeout', async () => {
    venue.place = async (request, v) => {
      v.accept(request);
      throw new GatewayError('venue_unavailable', 'HTTP 502', { venue: 'test_venue', httpStatus: 502 });
    };
    const orders = manager();
    const placed = await orders.place(order('five-1'));
    expect(placed.status).toBe('open');
    expect(venue.calls.placeOrder).toBe(1);
  });

  it('forgets a placement the venue certainly refused, so the same id may be sent again', async () => {
    let refuse = true;
    venue.place = async (request, v) => {
      if (refuse) throw new GatewayError('insufficient_balance', 'balance not enough', { venue: 'test_venue', venueCode: 'BALANCE_NOT_ENOUGH' });
      return v.accept(request);
    };
    const orders = manager();
    const error = await rejection(orders.place(order('poor-1')));
    expect(error).toMatchObject({ kind: 'insufficient_balance', venueCode: 'BALANCE_NOT_ENOUGH' });
    expect(await journal.getOrder('poor-1')).toBeUndefined();
    refuse = false;
    expect((await orders.place(order('poor-1'))).status).toBe('open');
    expect(venue.calls.placeOrder).toBe(2);
  });

  it('forgets a placement that never left (its websocket was down), answering UNAVAILABLE, so the same id may be sent again', async () => {
    let down = true;
    venue.place = async (request, v) => {
      if (down) throw new GatewayError('venue_unavailable', 'the websocket order API is down; spot.order_place was not sent', { venue: 'test_venue', notSent: true });
      return v.accept(request);
    };
    const orders = manager();
    const error = await rejection(orders.place(order('down-1')));
    expect(error).toMatchObject({ kind: 'venue_unavailable', notSent: true });
    expect(error.message).toMatch(/websocket order API is down/);
    expect(await journal.getOrder('down-1')).toBeUndefined();
    expect(venue.calls.getOrder).toBe(0); // nothing to resolve: it was never sent
    down = false;
    expect((await orders.place(order('down-1'))).status).toBe('open');
  });

  it("takes the venue's late answer after a timeout", async () => {
    let answer!: () => void;
    venue.place = (request, v) => new Promise((resolve) => (answer = () => resolve(v.accept(request))));
    const orders = manager();
    await rejection(orders.place(order('late-1')));
    expect(await journal.getOrder('late-1')).toMatchObject({ status: 'unknown' });
    answer();
    await new Promise((r) => setTimeout(r, 10));
    expect(await journal.getOrder('late-1')).toMatchObject({ status: 'acknowledged' });
    expect((await orders.place(order('late-1'))).status).toBe('open');
    expect(venue.calls.placeOrder).toBe(1);
  });

  it('resolves orders left pending by a crash when the process starts again', async () => {
    // A previous process recorded the order and crashed while sending; the venue has it.
    await journal.insertOrder('crash-1', order('crash-1'), clock);
    venue.book.set('crash-1', stateFor(order('crash-1'), '77'));
    const orders = manager();
    await orders.resolveOpenRecords();
    expect(await journal.getOrder('crash-1')).toMatchObject({ status: 'acknowledged', venueOrderId: '77' });
    expect(await orders.place(order('crash-1'))).toMatchObject({ orderId: '77' });
    expect(venue.calls.placeOrder).toBe(0);
  });

  it("resolves an unknown order from the venue's own order push", async () => {
    venue.place = never;
    const orders = manager();
    await rejection(orders.place(order('push-1')));
    await orders.onOrderUpdate(stateFor(order('push-1'), '88', 'partially_filled'));
    expect(await journal.getOrder('push-1')).toMatchObject({ status: 'acknowledged', venueOrderId: '88' });
    expect(await orders.place(order('push-1'))).toMatchObject({ orderId: '88', status: 'partially_filled' });
  });

  it('returns a known order while the kill switch is engaged, and refuses new ones', async () => {
    const killSwitch = new KillSwitch({ engagedAtStart: false, file: undefined, pollMs: 1000 });
    const orders = manager({ killSwitch });
    await orders.place(order('ks-1'));
    killSwitch.engageBySignal();
    expect((await orders.place(order('ks-1'))).clientOrderId).toBe('ks-1');
    const refused = await rejection(orders.place(order('ks-2')));
    expect(refused.kind).toBe('permission_denied');
    expect(refused.message).toContain('kill switch engaged');
    expect(venue.calls.placeOrder).toBe(1);
  });

  it('refuses new placements while draining, and lets in-flight ones finish', async () => {
    let release!: () => void;
    venue.place = (request, v) => new Promise((resolve) => (release = () => resolve(v.accept(request))));
    const orders = manager({ placeTimeoutMs: 5_000 });
    const inFlight = orders.place(order('drain-1'));
    await new Promise((r) => setTimeout(r, 5));
    orders.drain();
    expect((await rejection(orders.place(order('drain-2')))).kind).toBe('venue_unavailable');
    const settled = orders.settled(1_000);
    release();
    await settled;
    expect((await inFlight).status).toBe('open');
  });

  it('cancels after an in-flight placement of the same id lands', async () => {
    let release!: () => void;
    venue.place = (request, v) => new Promise((resolve) => (release = () => resolve(v.accept(request))));
    const orders = manager({ placeTimeoutMs: 5_000 });
    const placing = orders.place(order('cx-1'));
    await new Promise((r) => setTimeout(r, 5));
    const cancelling = orders.cancelOrder({ symbol: BTC, clientOrderId: 'cx-1' });
    release();
    await placing;
    expect((await cancelling).status).toBe('cancelled');
  });

  it('after an unclean stop, adopts an order the venue already has instead of sending it again', async () => {
    // The journal lost the record (machine crash under synchronous=NORMAL); the venue has the order.
    venue.book.set('lost-record-1', stateFor(order('lost-record-1'), '99'));
    const orders = manager({ verifyNewIdsUntilMs: clock + 60_000 });
    expect(await orders.place(order('lost-record-1'))).toMatchObject({ orderId: '99' });
    expect(venue.calls.placeOrder).toBe(0);
    expect(await journal.getOrder('lost-record-1')).toMatchObject({ status: 'acknowledged', venueOrderId: '99' });
    // Unknown to the venue: sent as usual.
    expect((await orders.place(order('fresh-1'))).status).toBe('open');
    expect(venue.calls.placeOrder).toBe(1);
    // Past the window: no lookup first.
    clock += 60_001;
    const lookups = venue.calls.getOrder;
    await orders.place(order('fresh-2'));
    expect(venue.calls.getOrder).toBe(lookups);
  });

  it('generates ids that fit every venue (1-28 characters of [A-Za-z0-9_-])', () => {
    const ids = new Set(Array.from({ length: 1000 }, generateClientOrderId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,28}$/);
  });
});

describe('kill switch sweep (cancelAllOpenOrders)', () => {
  const SOL = { base: 'SOL', quote: 'USDT' };
  const XRP = { base: 'XRP', quote: 'USDT' };

  /** A venue like live MEXC: thousands of trading symbols, open orders listed per symbol only. */
  function perSymbolVenue(listed: number): void {
    venue.infos = [...venue.infos, symbolInfo(SOL), symbolInfo(XRP)];
    for (let i = 0; i < listed; i++) venue.infos.push(symbolInfo({ base: `C${i}`, quote: 'USDT' }));
    venue.listsAllOpenOrders = false;
    venue.listOpen = (symbol) => {
      if (!symbol && venue.infos.length > 50) throw new GatewayError('invalid_argument', 'lists open orders per symbol: give a symbol');
    };
  }

  const openAtVenue = () =>
    [...venue.book.values()]
      .filter((o) => o.status === 'open')
      .map((o) => o.clientOrderId)
      .sort();

  it('on a venue with thousands of symbols, asks symbol by symbol for the journaled and configured ones, and cancels everything', async () => {
    perSymbolVenue(3_000);
    const orders = manager({ configuredSymbols: [SOL, BTC] });
    await orders.place(order('sweep-btc'));
    await orders.place(order('sweep-eth', { symbol: ETH, quantity: '0.01', price: '3000.1' }));
    venue.accept(order('elsewhere-sol', { symbol: SOL })); // placed by another client: only the configuration knows SOL
    expect(await orders.cancelAllOpenOrders()).toEqual({ symbols: 3, cancelled: 3, failed: 0 });
    expect(openAtVenue()).toEqual([]);
    expect(venue.openOrderListings.sort()).toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT']);
  });

  it("sweeps the other symbols when one symbol's listing fails, and reports the failure so the sweep runs again", async () => {
    perSymbolVenue(100);
    const orders = manager({ configuredSymbols: [SOL] });
    await orders.place(order('ok-btc'));
    venue.accept(order('ok-sol', { symbol: SOL }));
    await orders.place(order('stuck-eth', { symbol: ETH, quantity: '0.01', price: '3000.1' }));
    venue.listOpen = (symbol) => {
      if (symbol?.base === 'ETH') throw new GatewayError('venue_unavailable', 'HTTP 503');
    };
    expect(await orders.cancelAllOpenOrders()).toEqual({ symbols: 3, cancelled: 2, failed: 1 });
    expect(openAtVenue()).toEqual(['stuck-eth']);
    venue.listOpen = () => {};
    expect(await orders.cancelAllOpenOrders()).toEqual({ symbols: 3, cancelled: 1, failed: 0 });
    expect(openAtVenue()).toEqual([]);
  });

  it('counts a cancel the venue refuses as failed and still cancels the rest', async () => {
    const orders = manager();
    await orders.place(order('c-1'));
    await orders.place(order('c-2', { price: '65000.5' }));
    const cancel = venue.cancelOrder.bind(venue);
    venue.cancelOrder = async (ref) => {
      if (ref.orderId === '1') throw new GatewayError('venue_unavailable', 'HTTP 502');
      return cancel(ref);
    };
    expect(await orders.cancelAllOpenOrders()).toMatchObject({ cancelled: 1, failed: 1 });
    expect(openAtVenue()).toEqual(['c-1']);
  });

  it('on a venue that lists the whole account in one call, also cancels orders on symbols the gateway never saw, each once', async () => {
    venue.infos = [...venue.infos, symbolInfo(XRP)];
    const orders = manager();
    await orders.place(order('all-btc'));
    venue.accept(order('elsewhere-xrp', { symbol: XRP }));
    expect(await orders.cancelAllOpenOrders()).toEqual({ symbols: 1, cancelled: 2, failed: 0 });
    expect(openAtVenue()).toEqual([]);
    expect(venue.calls.cancelOrder).toBe(2);
    expect(venue.openOrderListings.sort()).toEqual(['*', 'BTC/USDT']);
  });

  it('skips a configured symbol the venue no longer lists', async () => {
    const orders = manager({ configuredSymbols: [{ base: 'GONE', quote: 'USDT' }] });
    await orders.place(order('live-btc'));
    expect(await orders.cancelAllOpenOrders()).toEqual({ symbols: 1, cancelled: 1, failed: 0 });
    expect(venue.openOrderListings).not.toContain('GONE/USDT');
  });
});
