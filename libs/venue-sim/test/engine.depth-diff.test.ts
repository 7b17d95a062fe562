import { describe, expect, it } from 'vitest';
import { applyLevels, askBetter, bidBetter, diffLevels, Prng, type Level } from '../src/engine/index.js';

function randomSide(prng: Prng, descending: boolean): Level[] {
  const prices = new Set<bigint>();
  const n = prng.int(0, 40);
  while (prices.size < n) prices.add(BigInt(prng.int(100, 200)));
  const sorted = [...prices].sort((a, b) => (descending ? Number(b - a) : Number(a - b)));
  return sorted.map((p) => [p, BigInt(prng.int(1, 5))] as const);
}

describe('depth diff', () => {
  it('turns any top-N view into any other', () => {
    const prng = new Prng(99);
    for (let i = 0; i < 500; i++) {
      for (const [desc, better] of [
        [true, bidBetter],
        [false, askBetter],
      ] as const) {
        const before = randomSide(prng, desc).slice(0, 20);
        const after = randomSide(prng, desc).slice(0, 20);
        const diff = diffLevels(before, after, better);
        expect(applyLevels(before, diff, better)).toEqual(after);
        // nothing is sent for unchanged levels
        for (const [p, q] of diff) expect(before.some(([bp, bq]) => bp === p && bq === q)).toBe(false);
      }
    }
  });

  it('deletes levels that fall out of the top N with quantity 0', () => {
    const before: Level[] = [
      [105n, 1n],
      [104n, 1n],
      [103n, 1n],
    ];
    const after: Level[] = [
      [106n, 2n],
      [105n, 1n],
      [104n, 1n],
    ];
    expect(diffLevels(before, after, bidBetter)).toEqual([
      [106n, 2n],
      [103n, 0n],
    ]);
  });
});
