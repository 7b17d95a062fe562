import { describe, expect, it } from 'vitest';
import { buildGateSpotMarket } from '../src/index.js';

function run(seed: number, steps: number) {
  let now = 1_700_000_000_000;
  const m = buildGateSpotMarket({ seed, symbols: ['BTC_USDT', 'ETH_USDT'], flowPaused: true }, () => (now += 3));
  const trades: string[] = [];
  m.engine.onBookEvent((e) => {
    for (const t of e.trades) trades.push(`${t.id}:${t.symbol}:${t.price}:${t.quantity}:${t.takerSide}`);
  });
  m.driver.stepAll(steps);
  return { m, trades };
}

describe('synthetic flow', () => {
  it('is deterministic for a seed', () => {
    const a = run(42, 3000);
    const b = run(42, 3000);
    for (const s of ['BTC_USDT', 'ETH_USDT']) expect(a.m.engine.view(s)).toEqual(b.m.engine.view(s));
    expect(a.trades).toEqual(b.trades);
    expect(a.trades.length).toBeGreaterThan(100);
    const c = run(43, 3000);
    expect(c.m.engine.view('BTC_USDT')).not.toEqual(a.m.engine.view('BTC_USDT'));
  });

  it('changes the book on every step and keeps roughly 30-80 levels per side', () => {
    const { m } = run(7, 0);
    for (let i = 0; i < 20_000; i++) {
      const before = m.engine.updateId('BTC_USDT');
      m.driver.stepAll(1);
      expect(m.engine.updateId('BTC_USDT')).toBe(before + 1);
      if (i > 500 && i % 100 === 0) {
        const book = m.engine.book('BTC_USDT');
        for (const side of ['bid', 'ask'] as const) {
          expect(book.levelCount(side)).toBeGreaterThanOrEqual(25);
          expect(book.levelCount(side)).toBeLessThanOrEqual(85);
        }
        expect((book.bestPrice('bid') as bigint) < (book.bestPrice('ask') as bigint)).toBe(true);
      }
    }
  });

  it('drifts the mid price', () => {
    const { m } = run(11, 50_000);
    const book = m.engine.book('BTC_USDT');
    const mid = ((book.bestPrice('bid') as bigint) + (book.bestPrice('ask') as bigint)) / 2n;
    expect(mid).not.toBe(650000n);
  });
});
