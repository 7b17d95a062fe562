import { describe, expect, it } from 'vitest';
import { Accounts, BALANCE_SCALE, MatchingEngine, Prng, SpotLedger, SyntheticFlow, formatScaled, parseScaled, type AccountEvent } from '../src/engine/index.js';

/** X: price scale 2, quantity scale 3; quote Q, base B; maker 0.001, taker 0.002. */
function setup(balances: Record<string, string> = { Q: '10000', B: '10' }) {
  let now = 1_700_000_000_000;
  const engine = new MatchingEngine({ clock: () => now++ });
  engine.addInstrument({ symbol: 'X', priceScale: 2, qtyScale: 3, tickSize: 1n, lotSize: 1n });
  const accounts = new Accounts(engine, {
    markets: [{ symbol: 'X', base: 'B', quote: 'Q', makerFeeRate: '0.001', takerFeeRate: '0.002' }],
    accounts: [
      { apiKey: 'k1', apiSecret: 's1' },
      { apiKey: 'k2', apiSecret: 's2' },
    ],
    defaultBalances: balances,
    formatOrderId: (n) => `O${n}`,
    ledger: (hooks) => new SpotLedger(hooks),
  });
  const events: AccountEvent[] = [];
  accounts.onEvent((e) => events.push(e));
  const a = accounts.byApiKey('k1')!;
  const b = accounts.byApiKey('k2')!;
  const bal = (acct: typeof a, asset: string) => {
    const x = acct.balance(asset);
    return { free: formatScaled(x.free, BALANCE_SCALE), locked: formatScaled(x.locked, BALANCE_SCALE) };
  };
  return { engine, accounts, events, a, b, bal };
}
const p = (s: string) => parseScaled(s, 2);
const q = (s: string) => parseScaled(s, 3);

describe('accounts', () => {
  it("locks a limit buy's quote and gives it back exactly on cancel", () => {
    const { accounts, a, bal, engine } = setup();
    const out = accounts.place(a, { symbol: 'X', side: 'buy', type: 'limit', timeInForce: 'gtc', price: p('10.05'), quantity: q('2.5') });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(bal(a, 'Q')).toEqual({ free: '9974.875', locked: '25.125' });
    expect(engine.view('X').bids).toEqual([[p('10.05'), q('2.5')]]);
    expect(accounts.cancel(out.order)).toBe(true);
    expect(accounts.cancel(out.order)).toBe(false);
    expect(bal(a, 'Q')).toEqual({ free: '10000', locked: '0' });
    expect(out.order).toMatchObject({ status: 'cancelled', finish: 'cancelled' });
    expect(engine.view('X').bids).toEqual([]);
  });

  it('refuses an order the free balance cannot cover', () => {
    const { accounts, a } = setup({ Q: '1', B: '0' });
    expect(accounts.place(a, { symbol: 'X', side: 'buy', type: 'limit', timeInForce: 'gtc', price: p('10'), quantity: q('1') })).toMatchObject({
      ok: false,
      error: 'insufficient_balance',
      asset: 'Q',
    });
    expect(accounts.place(a, { symbol: 'X', side: 'sell', type: 'limit', timeInForce: 'gtc', price: p('10'), quantity: q('1') })).toMatchObject({
      ok: false,
      error: 'insufficient_balance',
      asset: 'B',
    });
    expect(a.orders.size).toBe(0);
  });

  it('partial maker fill by an outside order, then cancel: balances, maker fee in the received asset', () => {
    const { accounts, a, bal, engine, events } = setup();
    const out = accounts.place(a, { symbol: 'X', side: 'sell', type: 'limit', timeInForce: 'gtc', price: p('20.00'), quantity: q('3') });
    if (!out.ok) throw new Error('place failed');
    expect(bal(a, 'B')).toEqual({ free: '7', locked: '3' });
    // an outside taker (no owner) buys 1.25 at 20
    engine.submit('X', { side: 'buy', type: 'limit', price: p('20.00'), quantity: q('1.25'), timeInForce: 'ioc' });
    expect(out.order.filledQty).toBe(q('1.25'));
    expect(out.order.status).toBe('open');
    // received 25 Q, maker fee 0.1 % = 0.025 Q
    expect(bal(a, 'Q')).toEqual({ free: '10024.975', locked: '0' });
    expect(bal(a, 'B')).toEqual({ free: '7', locked: '1.75' });
    expect(a.fills).toHaveLength(1);
    expect(a.fills[0]).toMatchObject({ role: 'maker', side: 'sell', feeAsset: 'Q', fee: parseScaled('0.025', BALANCE_SCALE) });
    accounts.cancel(out.order);
    expect(bal(a, 'B')).toEqual({ free: '8.75', locked: '0' });
    expect(out.order).toMatchObject({ status: 'cancelled', finish: 'cancelled' });
    const orderEvents = events.filter((e) => e.type === 'order').map((e) => (e as { change: string }).change);
    expect(orderEvents).toEqual(['new', 'fill', 'finish']);
    expect(events.filter((e) => e.type === 'fill')).toHaveLength(1);
  });

  it("a crossing limit buy pays the maker's better price, releases the rest and pays the taker fee in base", () => {
    const { accounts, a, b, bal } = setup();
    accounts.place(b, { symbol: 'X', side: 'sell', type: 'limit', timeInForce: 'gtc', price: p('9.50'), quantity: q('1') });
    const out = accounts.place(a, { symbol: 'X', side: 'buy', type: 'limit', timeInForce: 'gtc', price: p('10.00'), quantity: q('1') });
    if (!out.ok) throw new Error('place failed');
    expect(out.order).toMatchObject({ status: 'filled', finish: 'filled', locked: 0n });
    // paid 9.50, fee 0.2 % of 1 B = 0.002 B
    expect(bal(a, 'Q')).toEqual({ free: '9990.5', locked: '0' });
    expect(bal(a, 'B')).toEqual({ free: '10.998', locked: '0' });
    // the maker (b) received 9.50 Q less 0.1 %
    expect(bal(b, 'Q')).toEqual({ free: '10009.4905', locked: '0' });
    expect(bal(b, 'B')).toEqual({ free: '9', locked: '0' });
    expect(a.fills[0]).toMatchObject({ role: 'taker', selfTrade: false });
  });

  it('market buy by quote amount spends at most the budget, whole lots only', () => {
    const { accounts, a, b, bal } = setup();
    accounts.place(b, { symbol: 'X', side: 'sell', type: 'limit', timeInForce: 'gtc', price: p('10.00'), quantity: q('1') });
    accounts.place(b, { symbol: 'X', side: 'sell', type: 'limit', timeInForce: 'gtc', price: p('11.00'), quantity: q('5') });
    // 15 Q: 1 @ 10 = 10, then 5 / 11 = 0.454 @ 11 = 4.994
    const out = accounts.place(a, { symbol: 'X', side: 'buy', type: 'market', timeInForce: 'ioc', quoteQuantity: parseScaled('15', 5) });
    if (!out.ok) throw new Error('place failed');
    expect(out.order.filledQty).toBe(q('1.454'));
    expect(out.order.filledQuote).toBe(parseScaled('14.994', 5));
    expect(out.order).toMatchObject({ status: 'filled', finish: 'filled' });
    expect(bal(a, 'Q')).toEqual({ free: '9985.006', locked: '0' });
    expect(bal(a, 'B')).toEqual({ free: '11.451092', locked: '0' }); // 1.454 less 0.2 %
  });

  it('market buy by base quantity against a thin book: fills what there is, the rest is depth_not_enough', () => {
    const { accounts, a, b, bal } = setup();
    accounts.place(b, { symbol: 'X', side: 'sell', type: 'limit', timeInForce: 'gtc', price: p('10.00'), quantity: q('1') });
    const out = accounts.place(a, { symbol: 'X', side: 'buy', type: 'market', timeInForce: 'ioc', quantity: q('2') });
    if (!out.ok) throw new Error('place failed');
    expect(out.order).toMatchObject({ status: 'cancelled', finish: 'depth_not_enough', filledQty: q('1'), locked: 0n });
    expect(bal(a, 'Q')).toEqual({ free: '9990', locked: '0' });
  });

  it('post-only that would take and FOK that cannot fill end cancelled without touching the book', () => {
    const { accounts, a, b, bal, engine } = setup();
    accounts.place(b, { symbol: 'X', side: 'sell', type: 'limit', timeInForce: 'gtc', price: p('10.00'), quantity: q('1') });
    const u = engine.updateId('X');
    const poc = accounts.place(a, { symbol: 'X', side: 'buy', type: 'limit', timeInForce: 'poc', price: p('10.00'), quantity: q('1') });
    const fok = accounts.place(a, { symbol: 'X', side: 'buy', type: 'limit', timeInForce: 'fok', price: p('10.00'), quantity: q('2') });
    expect(poc.ok && poc.order.finish).toBe('poc');
    expect(fok.ok && fok.order.finish).toBe('fok');
    expect(engine.updateId('X')).toBe(u);
    expect(bal(a, 'Q')).toEqual({ free: '10000', locked: '0' });
  });

  it('marks self-trades on both sides', () => {
    const { accounts, a } = setup();
    accounts.place(a, { symbol: 'X', side: 'sell', type: 'limit', timeInForce: 'gtc', price: p('10.00'), quantity: q('1') });
    accounts.place(a, { symbol: 'X', side: 'buy', type: 'limit', timeInForce: 'ioc', price: p('10.00'), quantity: q('1') });
    expect(a.fills.map((f) => [f.role, f.selfTrade])).toEqual([
      ['maker', true],
      ['taker', true],
    ]);
  });

  it("the synthetic flow never cancels an account's order, even at the bottom of the book", () => {
    const { accounts, a, engine } = setup({ Q: '1000000', B: '10' });
    const flow = new SyntheticFlow(engine, 'X', new Prng(7), { midPrice: p('100.00'), minQuantity: q('0.1'), maxQuantity: q('2'), maxLevels: 40, minLevels: 20, targetLevels: 30 });
    flow.seed();
    const deep = accounts.place(a, { symbol: 'X', side: 'buy', type: 'limit', timeInForce: 'gtc', price: p('1.00'), quantity: q('1') });
    if (!deep.ok) throw new Error('place failed');
    for (let i = 0; i < 3000; i++) flow.step();
    expect(deep.order.status).toBe('open');
    expect(engine.book('X').get(deep.order.engineOrderId!)).toBeDefined();
  });
});
