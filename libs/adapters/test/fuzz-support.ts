import fc from 'fast-check';
import type { Logger } from '../src/core/logger.js';
import type { L2Book } from '../src/core/order-book.js';

// Shared by the venue-edge fuzz tests (fuzz-*.test.ts): a logger that keeps what it is given,
// a reference book, generators of valid book sequences (snapshot + contiguous deltas) and of
// the malformed values venues could send instead.

export const SEED = 20_261_126;

/**
 * fc.assert options: the fixed seed, bounded runs, and a time limit so that a failure whose
 * shrinking explodes still reports (with the seed and path to replay it) instead of hanging.
 * FUZZ_SHRINK=0 reports the first counterexample unshrunk.
 */
export function runs(numRuns: number): fc.Parameters<unknown> {
  return { seed: SEED, numRuns, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true, endOnFailure: process.env.FUZZ_SHRINK === '0' };
}

export interface LogLine {
  readonly level: string;
  readonly msg: string | undefined;
  readonly fields: object;
}

/** A pino-shaped logger that records every line (child bindings included) for inspection. */
export function captureLogger(): { logger: Logger; lines: LogLine[]; text(): string } {
  const lines: LogLine[] = [];
  const make = (bindings: object): Logger => {
    const at = (level: string) => (fields: object, msg?: string) => lines.push({ level, msg, fields: { ...bindings, ...fields } });
    return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (more) => make({ ...bindings, ...more }) };
  };
  return { logger: make({}), lines, text: () => lines.map((line) => `${line.level} ${line.msg ?? ''} ${safeJson(line.fields)}`).join('\n') };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

// --- decimals ----------------------------------------------------------------------------------

/** The canonical form the book must hold: no leading zeros, no trailing fraction zeros, no sign or exponent. */
export const CANONICAL = /^(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

/** Canonical form of a plain decimal string (the reference's own, independent of core/decimal.ts). */
export function canonical(value: string): string {
  let [int = '', frac = ''] = value.split('.');
  int = int.replace(/^0+/, '') || '0';
  frac = frac.replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

/** Prices with trailing zeros or a bare leading point, as venues sometimes print them. */
function spelled(ticks: number, scale: number): fc.Arbitrary<string> {
  const digits = String(ticks).padStart(scale + 1, '0');
  const plain = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return fc.constantFrom(plain, `${plain}${scale === 0 ? '.' : ''}0`, `${plain}${scale === 0 ? '.' : ''}000`);
}

/** Bid prices below 100, ask prices above 100: a valid book is never crossed. */
export const bidPrice = fc.integer({ min: 1, max: 99_999 }).chain((ticks) => spelled(ticks, 3));
export const askPrice = fc.integer({ min: 100_001, max: 199_999 }).chain((ticks) => spelled(ticks, 3));
/** Positive quantities, some very long (30 digits), some with many decimals. */
export const quantity = fc.oneof(
  fc.integer({ min: 1, max: 10_000_000 }).chain((n) => spelled(n, 4)),
  fc.bigInt({ min: 1n, max: 10n ** 30n }).map(String),
  fc.tuple(fc.nat(1000), fc.integer({ min: 1, max: 99_999_999 })).map(([i, f]) => `${i}.${String(f).padStart(18, '0')}`),
);

/** Strings that are not plain non-negative decimals: what a broken venue could put in a level. */
export const BAD_DECIMALS = [
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '-0.5',
  '1e5',
  '1E-3',
  '0x10',
  '+1',
  '',
  ' ',
  '  1',
  '1 ',
  '1,5',
  '١٢',
  '１２',
  '1.2.3',
  '.',
  '💯',
  'null',
  'undefined',
  '1\u200b',
  '\u00a01',
];
export const badDecimal: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...BAD_DECIMALS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }).filter((s) => !/^(?:\d+(?:\.\d*)?|\.\d+)$/.test(s)) },
);
/** Not a level's value at all. */
export const notAString: fc.Arbitrary<unknown> = fc.constantFrom(null, 1, -1, 1.5, true, [], {}, ['1']);

// --- valid book sequences ----------------------------------------------------------------------

export type LevelTuple = [string, string];

export interface BookDelta {
  readonly bids: LevelTuple[];
  readonly asks: LevelTuple[];
  readonly first: number;
  readonly last: number;
  readonly t: number;
}

export interface BookScript {
  readonly snapshot: { readonly bids: LevelTuple[]; readonly asks: LevelTuple[]; readonly id: number; readonly t: number };
  readonly deltas: BookDelta[];
}

const levelsOf = (price: fc.Arbitrary<string>, qty: fc.Arbitrary<string>, max: number) => fc.array(fc.tuple(price, qty), { maxLength: max });

/** A snapshot and deltas whose ids continue it exactly; deltas remove levels ("0") as well as set them. */
export const bookScript: fc.Arbitrary<BookScript> = fc
  .record({
    id: fc.integer({ min: 0, max: 2 ** 45 }),
    t: fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
    bids: levelsOf(bidPrice, quantity, 8),
    asks: levelsOf(askPrice, quantity, 8),
    steps: fc.array(
      fc.record({
        span: fc.integer({ min: 1, max: 5 }),
        bids: levelsOf(bidPrice, fc.oneof(quantity, fc.constantFrom('0', '0.000')), 4),
        asks: levelsOf(askPrice, fc.oneof(quantity, fc.constantFrom('0', '0.000')), 4),
      }),
      { maxLength: 12 },
    ),
  })
  .map(({ id, t, bids, asks, steps }) => {
    let last = id;
    const deltas = steps.map((step, i) => {
      const first = last + 1;
      last = first + step.span - 1;
      return { bids: step.bids, asks: step.asks, first, last, t: t + i + 1 };
    });
    return { snapshot: { bids, asks, id, t }, deltas };
  });

/** The reference book: canonical price -> canonical quantity per side, built from valid messages only. */
export class ReferenceBook {
  readonly bids = new Map<string, string>();
  readonly asks = new Map<string, string>();

  snapshot(bids: readonly LevelTuple[], asks: readonly LevelTuple[]): void {
    this.bids.clear();
    this.asks.clear();
    this.apply(bids, asks);
  }

  apply(bids: readonly LevelTuple[], asks: readonly LevelTuple[]): void {
    for (const [side, levels] of [
      [this.bids, bids],
      [this.asks, asks],
    ] as const) {
      for (const [price, qty] of levels) {
        const p = canonical(price);
        const q = canonical(qty);
        if (q === '0') side.delete(p);
        else side.set(p, q);
      }
    }
  }

  /** Levels best first, as L2Book gives them. */
  levels(): { bids: LevelTuple[]; asks: LevelTuple[] } {
    const order = (side: Map<string, string>, descending: boolean) => [...side.entries()].sort(([a], [b]) => (descending ? -1 : 1) * compare(a, b)).map(([p, q]) => [p, q] as LevelTuple);
    return { bids: order(this.bids, true), asks: order(this.asks, false) };
  }
}

/** Exact comparison of canonical decimals (by scaled bigint: independent of the book's own code). */
function compare(a: string, b: string): number {
  const scale = Math.max(a.split('.')[1]?.length ?? 0, b.split('.')[1]?.length ?? 0);
  const units = (x: string) => {
    const [i, f = ''] = x.split('.');
    return BigInt(i! + f.padEnd(scale, '0'));
  };
  const d = units(a) - units(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** What every book must satisfy whatever it was fed: sorted, canonical, positive, never crossed. */
export function bookProblems(book: L2Book): string[] {
  const problems: string[] = [];
  const bids = book.bids.levels();
  const asks = book.asks.levels();
  for (const [name, levels, descending] of [
    ['bids', bids, true],
    ['asks', asks, false],
  ] as const) {
    levels.forEach(([price, qty], i) => {
      if (typeof price !== 'string' || !CANONICAL.test(price) || price === '0') problems.push(`${name}[${i}] price ${JSON.stringify(price)}`);
      if (typeof qty !== 'string' || !CANONICAL.test(qty) || qty === '0') problems.push(`${name}[${i}] quantity ${JSON.stringify(qty)}`);
      if (i > 0 && CANONICAL.test(price) && CANONICAL.test(levels[i - 1]![0])) {
        const c = compare(levels[i - 1]![0], price);
        if (descending ? c <= 0 : c >= 0) problems.push(`${name} out of order at ${i}`);
      }
    });
  }
  if (bids.length > 0 && asks.length > 0 && CANONICAL.test(bids[0]![0]) && CANONICAL.test(asks[0]![0]) && compare(bids[0]![0], asks[0]![0]) >= 0) {
    problems.push(`crossed: best bid ${bids[0]![0]} >= best ask ${asks[0]![0]}`);
  }
  if (book.isSynced && !Number.isSafeInteger(book.lastUpdateId)) problems.push(`last update id ${String(book.lastUpdateId)}`);
  return problems;
}
