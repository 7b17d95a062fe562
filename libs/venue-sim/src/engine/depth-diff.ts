import type { Level } from './types.js';

/**
 * Difference between two top-N views of one book side, as the levels a client must set to turn
 * `before` into `after`: changed or new levels carry their new quantity, levels that vanished
 * (traded away, cancelled, or pushed below the top N) carry 0n. Both inputs are ordered from the
 * best price; `better(a, b)` says whether price a sorts before price b on this side.
 */
export function diffLevels(before: readonly Level[], after: readonly Level[], better: (a: bigint, b: bigint) => boolean): Level[] {
  const out: Level[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const b = before[i];
    const a = after[j];
    if (b && a && b[0] === a[0]) {
      if (b[1] !== a[1]) out.push(a);
      i++;
      j++;
    } else if (a && (!b || better(a[0], b[0]))) {
      out.push(a);
      j++;
    } else if (b) {
      out.push([b[0], 0n]);
      i++;
    }
  }
  return out;
}

export const bidBetter = (a: bigint, b: bigint): boolean => a > b;
export const askBetter = (a: bigint, b: bigint): boolean => a < b;

/**
 * Applies a diff (absolute quantities, 0n = delete) to a side and keeps it sorted and cut to
 * `limit` levels. Used by tests and by clients that mirror the simulator.
 */
export function applyLevels(side: readonly Level[], changes: readonly Level[], better: (a: bigint, b: bigint) => boolean, limit?: number): Level[] {
  const map = new Map<bigint, bigint>();
  for (const [p, q] of side) map.set(p, q);
  for (const [p, q] of changes) {
    if (q === 0n) map.delete(p);
    else map.set(p, q);
  }
  const out: Level[] = [...map.entries()].map(([p, q]) => [p, q] as const);
  out.sort((x, y) => (better(x[0], y[0]) ? -1 : better(y[0], x[0]) ? 1 : 0));
  return limit === undefined ? out : out.slice(0, limit);
}
