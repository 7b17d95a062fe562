import { describe, expect, it } from 'vitest';
import { Accounts, BALANCE_SCALE, formatScaled, MatchingEngine, parseScaled, PerpLedger, perpMath, type PerpEvent } from '../src/engine/index.js';

const S = BALANCE_SCALE;
const px = (s: string) => parseScaled(s, S);
const money = (v: bigint) => formatScaled(v, S);

describe('perpetual contract arithmetic (exact, scale-24 money)', () => {
  const c = perpMath.contractMath('0.0001', 0, '0.005');

  it('averages the entry on growth, keeps it on reduce, restarts it on a flip', () => {
    const flat = { size: 0n, entry: 0n, margin: 0n };
    const a = perpMath.applyTrade(c, flat, 100n, px('65000'), 10);
    expect([a.size, money(a.entry), money(a.margin), a.pnl, a.closed]).toEqual([100n, '65000', '65', 0n, 0n]);
    const b = perpMath.applyTrade(c, a, 100n, px('66000'), 10);
    expect([b.size, money(b.entry), money(b.margin)]).toEqual([200n, '65500', '131']);
    const r = perpMath.applyTrade(c, b, -50n, px('67000'), 10);
    expect([r.size, money(r.entry), money(r.margin), money(r.pnl), r.closed]).toEqual([150n, '65500', '98.25', '7.5', 50n]);
    const f = perpMath.applyTrade(c, r, -200n, px('64000'), 10);
    expect([f.size, money(f.entry), money(f.margin), money(f.pnl), f.closed]).toEqual([-50n, '64000', '32', '-22.5', 150n]);
    const z = perpMath.applyTrade(c, f, 50n, px('63000'), 10);
    expect([z.size, z.entry, z.margin, money(z.pnl)]).toEqual([0n, 0n, 0n, '5']);
  });

  it('liquidation price: entry x (1 -/+ 1/leverage +/- maintenance) at the initial margin, lower with added margin', () => {
    expect(money(perpMath.liquidationPrice(c, { size: 100n, entry: px('65000'), margin: px('65') }))).toBe('58825');
    expect(money(perpMath.liquidationPrice(c, { size: -100n, entry: px('65000'), margin: px('65') }))).toBe('71175');
    expect(money(perpMath.liquidationPrice(c, { size: 100n, entry: px('65000'), margin: px('130') }))).toBe('52325');
    expect(perpMath.liquidationPrice(c, { size: 100n, entry: px('65000'), margin: px('6500') })).toBe(0n);
    expect(money(perpMath.unrealisedPnl(c, { size: -100n, entry: px('65000'), margin: 0n }, px('64000')))).toBe('10');
  });
});

describe('PerpLedger under the accounts', () => {
  function setup() {
    let now = 1_700_000_000_000;
    const engine = new MatchingEngine({ clock: () => now++ });
    engine.addInstrument({ symbol: 'BTC_USDT', priceScale: 1, qtyScale: 0, tickSize: 1n, lotSize: 1n });
    let ledger!: PerpLedger;
    const accounts = new Accounts(engine, {
      markets: [{ symbol: 'BTC_USDT', base: 'BTC', quote: 'USDT', makerFeeRate: '-0.0001', takerFeeRate: '0.00075' }],
      accounts: [
        { apiKey: 'a', apiSecret: 'a' },
        { apiKey: 'b', apiSecret: 'b' },
      ],
      defaultBalances: { USDT: '10000' },
      formatOrderId: (n) => String(n),
      ledger: () =>
        (ledger = new PerpLedger(
          'USDT',
          [{ symbol: 'BTC_USDT', multiplier: '0.0001', maintenanceRate: '0.005', leverageMin: 1, leverageMax: 100, defaultLeverage: 10, crossLeverageDefault: 10 }],
          () => 0,
        )),
    });
    const events: PerpEvent[] = [];
    ledger.onEvent((e) => events.push(e));
    return { engine, accounts, ledger, events, a: accounts.byApiKey('a')!, b: accounts.byApiKey('b')! };
  }
  const p = (s: string) => parseScaled(s, 1);

  it('holds order margin plus taker fee, books maker rebates and taker fees, realises PnL, mirrors available in the USDT balance', () => {
    const { accounts, ledger, a, b, events } = setup();
    const rest = accounts.place(a, { symbol: 'BTC_USDT', side: 'sell', type: 'limit', timeInForce: 'gtc', price: p('65000'), quantity: 100n });
    expect(rest.ok).toBe(true);
    // 100 x 0.0001 x 65000 = 650: margin 65 + taker fee 0.4875
    expect(money(ledger.orderMargin(a))).toBe('65.4875');
    expect(money(ledger.available(a))).toBe('9934.5125');
    accounts.place(b, { symbol: 'BTC_USDT', side: 'buy', type: 'market', timeInForce: 'ioc', quantity: 40n });
    expect(money(ledger.orderMargin(a))).toBe('39.2925');
    const pa = ledger.position(a, 'BTC_USDT');
    const pb = ledger.position(b, 'BTC_USDT');
    expect([pa.size, money(pa.margin), money(pa.realised.fee)]).toEqual([-40n, '26', '0.026']);
    expect([pb.size, money(pb.realised.fee)]).toEqual([40n, '-0.195']);
    expect(money(ledger.wallet(a).total)).toBe('10000.026');
    expect(money(ledger.available(a))).toBe(money(ledger.wallet(a).total - pa.margin - ledger.orderMargin(a)));
    expect(events.filter((e) => e.type === 'wallet').map((e) => [e.wallet.account.apiKey, e.type === 'wallet' && e.kind, e.type === 'wallet' && money(e.change)])).toEqual([
      ['a', 'fee', '0.026'],
      ['b', 'fee', '-0.195'],
    ]);
    expect(accounts.cancel((rest as { ok: true; order: any }).order)).toBe(true);
    expect(ledger.orderMargin(a)).toBe(0n);
  });

  it('funding: longs pay shorts at a positive rate; a take-over loses the whole margin and flattens the position', () => {
    const { accounts, ledger, a, b } = setup();
    accounts.place(a, { symbol: 'BTC_USDT', side: 'sell', type: 'limit', timeInForce: 'gtc', price: p('65000'), quantity: 100n });
    accounts.place(b, { symbol: 'BTC_USDT', side: 'buy', type: 'market', timeInForce: 'ioc', quantity: 100n });
    const before = { a: ledger.wallet(a).total, b: ledger.wallet(b).total };
    ledger.applyFunding('BTC_USDT', px('66000'), 100n, 6, 1);
    expect(money(ledger.wallet(b).total - before.b)).toBe('-0.066');
    expect(money(ledger.wallet(a).total - before.a)).toBe('0.066');
    const pb = ledger.position(b, 'BTC_USDT');
    expect(money(pb.realised.fund)).toBe('-0.066');
    const total = ledger.wallet(b).total;
    const taken = ledger.takeOver(pb, 2, 'x');
    expect([taken.size, money(taken.margin)]).toEqual([100n, '65']);
    expect([pb.size, pb.margin, money(total - ledger.wallet(b).total)]).toEqual([0n, 0n, '65']);
    expect(money(ledger.available(b))).toBe(money(ledger.wallet(b).total));
  });
});
