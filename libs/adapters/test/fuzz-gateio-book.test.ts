import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BookFeed } from '../src/core/book-feed.js';
import { AdapterMetrics } from '../src/core/metrics.js';
import type { BookEvent } from '../src/core/types.js';
import type { ShardedWsClient } from '../src/core/ws-client.js';
import { obuLevelsToBase } from '../src/gateio/futures/parse.js';
import { LegacyBookSync } from '../src/gateio/spot/book-legacy.js';
import { ObuBookSync } from '../src/gateio/common/book-obu.js';
import { scanObuPush } from '../src/gateio/common/obu-scanner.js';
import type { GateioSpotPublicRest } from '../src/gateio/spot/rest.js';
import { GateioFrameRouter } from '../src/gateio/common/router.js';
import { badDecimal, bookProblems, bookScript, canonical, CANONICAL, captureLogger, notAString, ReferenceBook, runs, type BookDelta, type BookScript, type LevelTuple } from './fuzz-support.js';

// Property-based fuzzing of the Gate.io book edge, in process: spot.obu and futures.obu frames
// through the router (the obu scanner fast path, the JSON.parse path) into ObuBookSync and a
// BookFeed, and spot.order_book_update through LegacyBookSync (REST snapshot + deltas). Valid
// sequences are mixed with garbage: bad JSON, truncated and flipped text, missing fields, bad
// decimals, bad ids, duplicates and gaps. Properties: nothing throws out of the frame handler;
// every malformed frame is counted once; the book stays canonical, positive and uncrossed, and
// equals the book built from the valid messages alone unless a resync was requested; a client
// replaying the emitted events holds the same book; the scanner and JSON.parse agree.

const BTC = { base: 'BTC', quote: 'USDT' };
const MULTIPLIER = '0.0001';

type Kind = 'valid' | 'malformed' | 'stale' | 'gap' | 'foreign';
interface Frame {
  readonly text: string;
  readonly kind: Kind;
  readonly why: string;
}

/** Compact JSON with the keys in a chosen order (the venue's order varies). */
function ordered(entries: Array<[string, unknown]>, rotate: number): string {
  const n = entries.length;
  const rotated = n === 0 ? entries : [...entries.slice(rotate % n), ...entries.slice(0, rotate % n)];
  return `{${rotated.map(([k, v]) => `${JSON.stringify(k)}:${raw(v)}`).join(',')}}`;
}
/** A value already rendered as JSON text (RawJson) or any JSON value. */
class RawJson {
  constructor(readonly text: string) {}
}
const raw = (v: unknown): string => (v instanceof RawJson ? v.text : v === undefined ? 'null' : JSON.stringify(v));

interface Shape {
  readonly rotate: number;
  readonly envelopeRotate: number;
  readonly withEvent: boolean;
  readonly omitEmpty: boolean;
}
const shape: fc.Arbitrary<Shape> = fc.record({ rotate: fc.nat(8), envelopeRotate: fc.nat(4), withEvent: fc.boolean(), omitEmpty: fc.boolean() });

function envelope(channel: string, result: string, s: Shape, timeMs = 1_747_054_612_925): string {
  const entries: Array<[string, unknown]> = [
    ['channel', channel],
    ['result', new RawJson(result)],
    ['time_ms', timeMs],
  ];
  if (s.withEvent) entries.push(['event', 'update']);
  return ordered(entries, s.envelopeRotate);
}

function obuResult(fields: { t: unknown; s: unknown; U?: unknown; u: unknown; full?: unknown; b?: unknown; a?: unknown }, sh: Shape): string {
  const entries: Array<[string, unknown]> = [];
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    if (sh.omitEmpty && Array.isArray(v) && v.length === 0) continue;
    entries.push([k, v]);
  }
  return ordered(entries, sh.rotate);
}

const STREAM = 'ob.BTC_USDT.50';

function snapshotFrame(channel: string, script: BookScript, sh: Shape, levels = (p: LevelTuple[]) => p): string {
  const { snapshot } = script;
  return envelope(channel, obuResult({ t: snapshot.t, full: true, s: STREAM, u: snapshot.id, b: levels(snapshot.bids), a: levels(snapshot.asks) }, sh), sh);
}

function deltaFrame(channel: string, d: BookDelta, sh: Shape, override: Record<string, unknown> = {}): string {
  return envelope(channel, obuResult({ t: d.t, s: STREAM, U: d.first, u: d.last, b: d.bids, a: d.asks, ...override }, sh), sh);
}

/** Garbage built from a valid delta (so that, wrongly accepted, it would be applied right there). */
function garbage(channel: string, d: BookDelta, sh: Shape): fc.Arbitrary<Frame> {
  const text = deltaFrame(channel, d, sh);
  const m = (why: string, t: string): Frame => ({ text: t, kind: 'malformed', why });
  const withLevel = (value: unknown, at: 0 | 1) => [[at === 0 ? value : '1.5', at === 1 ? value : '2']];
  return fc.oneof(
    // Text that is not JSON: truncated, a character flipped or removed, other bytes.
    fc.integer({ min: 1, max: Math.max(1, text.length - 1) }).map((cut) => m(`truncated at ${cut}`, text.slice(0, cut))),
    fc
      .tuple(fc.nat(text.length - 1), fc.constantFrom('"', '{', '}', '[', ']', ',', ':', 'x', '\u0000', '\n', '\\', '-', '.'))
      .map(([at, c]) => `${text.slice(0, at)}${c}${text.slice(at + 1)}`)
      .filter(notJson)
      .map((t) => m('a character flipped', t)),
    fc
      .nat(text.length - 1)
      .map((at) => `${text.slice(0, at)}${text.slice(at + 1)}`)
      .filter(notJson)
      .map((t) => m('a character dropped', t)),
    fc
      .string({ maxLength: 30 })
      .filter(notJson)
      .map((t) => m('not JSON', t)),
    fc.constantFrom('null', '[]', '1', '"x"', '{}', `{"channel":1,"result":{}}`, `{"result":{"s":"${STREAM}"}}`).map((t) => m('not a push', t)),
    // JSON of the wrong shape.
    fc.constantFrom<unknown>('x', 1, [], true, {}).map((r) => m('result of the wrong type', envelope(channel, raw(r), sh))),
    fc.constantFrom('s', 'u', 'U').map((k) => m(`no ${k}`, deltaFrame(channel, d, sh, { [k]: undefined }))),
    fc.constantFrom<unknown>(null, 12, true, {}, ['ob']).map((s) => m('s not a string', deltaFrame(channel, d, sh, { s }))),
    fc
      .constantFrom<unknown>(-1, 1.5, '7', 2 ** 53 + 2, 1e300, true, null, -0.5)
      .chain((bad) => fc.constantFrom('U', 'u', 't').map((k) => m(`${k} = ${JSON.stringify(bad)}`, deltaFrame(channel, d, sh, { [k]: bad })))),
    fc.constant(m('U after u', deltaFrame(channel, d, sh, { U: d.last + 1, u: d.last }))),
    fc.constantFrom<unknown>('true', 1, 'yes').map((full) => m(`full = ${JSON.stringify(full)}`, deltaFrame(channel, d, sh, { full, U: undefined }))),
    fc
      .constantFrom<unknown>('x', 1, {}, [1, 2], [['1']], [['1', '2', '3']], [null], ['12'])
      .chain((side) => fc.constantFrom('b', 'a').map((k) => m(`${k} = ${JSON.stringify(side)}`, deltaFrame(channel, d, sh, { [k]: side })))),
    // Levels with values that are not plain positive decimals.
    fc
      .tuple(badDecimal, fc.constantFrom<0 | 1>(0, 1), fc.constantFrom('b', 'a'))
      .map(([bad, at, k]) => m(`level ${at === 0 ? 'price' : 'size'} ${JSON.stringify(bad)}`, deltaFrame(channel, d, sh, { [k]: withLevel(bad, at) }))),
    fc.tuple(notAString, fc.constantFrom<0 | 1>(0, 1)).map(([bad, at]) => m(`level value ${JSON.stringify(bad)}`, deltaFrame(channel, d, sh, { b: withLevel(bad, at) }))),
    fc.constantFrom('0', '0.000', '00').map((zero) => m(`price ${zero}`, deltaFrame(channel, d, sh, { b: [[zero, '1']] }))),
  );
}

function notJson(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

/** A valid sequence with garbage, duplicates, gaps and foreign frames mixed in. */
function mixedSequence(channel: string, levels: (p: LevelTuple[]) => LevelTuple[] = (p) => p) {
  return fc
    .tuple(
      bookScript.filter((s) => s.deltas.length > 0),
      shape,
    )
    .chain(([script, sh]) => {
      const valid: Frame[] = [
        { text: snapshotFrame(channel, script, sh, levels), kind: 'valid', why: 'snapshot' },
        ...script.deltas.map((d, i) => ({ text: deltaFrame(channel, { ...d, bids: levels(d.bids), asks: levels(d.asks) }, sh), kind: 'valid' as const, why: `delta ${i}` })),
      ];
      const pick = fc.nat(script.deltas.length - 1);
      const extra: fc.Arbitrary<{ frame: Frame; before?: number; after?: number }> = fc.oneof(
        { weight: 6, arbitrary: pick.chain((i) => garbage(channel, script.deltas[i]!, sh).map((frame) => ({ frame, before: i + 1 }))) },
        { weight: 1, arbitrary: pick.map((i) => ({ frame: { text: valid[i + 1]!.text, kind: 'stale' as const, why: `delta ${i} again` }, after: i + 1 })) },
        {
          weight: 1,
          arbitrary: fc.tuple(pick, fc.integer({ min: 1, max: 1000 })).map(([i, skip]) => {
            const d = script.deltas[i]!;
            return { frame: { text: deltaFrame(channel, { ...d, first: d.first + skip, last: d.last + skip }, sh), kind: 'gap' as const, why: `ids skip ${skip}` }, before: i + 1 };
          }),
        },
        {
          weight: 1,
          arbitrary: pick.map((i) => ({ frame: { text: deltaFrame(channel, script.deltas[i]!, sh, { s: 'ob.ETH_USDT.50' }), kind: 'foreign' as const, why: 'another symbol' }, before: i + 1 })),
        },
      );
      return fc.tuple(fc.constant(script), fc.constant(valid), fc.array(extra, { maxLength: 6 })).map(([s, v, extras]) => {
        // Each extra goes right before (or after) the valid frame it was made from.
        const frames = [...v.map((f) => [f])];
        for (const e of extras) {
          if (e.before !== undefined) frames[e.before]!.unshift(e.frame);
          else frames[e.after!]!.push(e.frame);
        }
        return { script: s, frames: frames.flat() };
      });
    });
}

function obuHarness(channel: 'spot.obu' | 'futures.obu', fastPath = true) {
  const metrics = new AdapterMetrics();
  const log = captureLogger();
  let resyncs = 0;
  const ws = { subscribe() {}, unsubscribe() {}, resubscribe: () => resyncs++ } as unknown as ShardedWsClient;
  const convert = channel === 'futures.obu' ? (_stream: string, levels: LevelTuple[]) => obuLevelsToBase(levels, MULTIPLIER) : undefined;
  const sync = new ObuBookSync(ws, 50, metrics, log.logger, channel, convert);
  const router = new GateioFrameRouter(metrics, log.logger);
  if (fastPath) router.onFast((text, us) => sync.tryFastPath(text, us));
  router.on(channel, (result, _frame, us) => sync.onUpdate(result, us));
  const feed = new BookFeed(BTC, (reason) => sync.resync('BTC_USDT', reason));
  const events: BookEvent[] = [];
  feed.addListener((event) => events.push(event));
  sync.start('BTC_USDT', feed);
  return { metrics, log, router, feed, events, resyncs: () => resyncs };
}

/** A client that applies the emitted events in order. */
function replay(events: readonly BookEvent[]): ReferenceBook {
  const replica = new ReferenceBook();
  for (const event of events) {
    if (event.type === 'snapshot') replica.snapshot(event.bids as LevelTuple[], event.asks as LevelTuple[]);
    else replica.apply(event.bids as LevelTuple[], event.asks as LevelTuple[]);
  }
  return replica;
}

function eventProblems(events: readonly BookEvent[]): string[] {
  const problems: string[] = [];
  events.forEach((event, i) => {
    for (const [price, qty] of [...event.bids, ...event.asks]) {
      if (!CANONICAL.test(price) || price === '0' || !CANONICAL.test(qty)) problems.push(`event ${i} level ${JSON.stringify([price, qty])}`);
    }
    const ids = event.type === 'snapshot' ? [event.updateId] : [event.firstUpdateId, event.lastUpdateId];
    if (!ids.every((id) => Number.isSafeInteger(id) && id >= 0)) problems.push(`event ${i} ids ${JSON.stringify(ids)}`);
    if (!Number.isSafeInteger(event.timestampMs) || event.timestampMs < 0) problems.push(`event ${i} timestamp ${JSON.stringify(event.timestampMs)}`);
  });
  return problems;
}

/** Feeds frames one by one: no throw, malformed ones counted exactly once, others not at all. */
function feedFrames(h: ReturnType<typeof obuHarness>, frames: readonly Frame[]): void {
  for (const frame of frames) {
    const before = h.metrics.wsMessagesMalformed;
    try {
      h.router.route(frame.text, 1);
    } catch (error) {
      throw new Error(`${frame.kind} frame (${frame.why}) threw ${(error as Error).message}: ${frame.text.slice(0, 200)}`, { cause: error });
    }
    const counted = h.metrics.wsMessagesMalformed - before;
    const expected = frame.kind === 'malformed' ? 1 : 0;
    if (counted !== expected) throw new Error(`${frame.kind} frame (${frame.why}) counted ${counted} times as malformed: ${frame.text.slice(0, 300)}`);
  }
}

function expectSound(h: ReturnType<typeof obuHarness>, reference: ReferenceBook, resynced: boolean): void {
  expect(bookProblems(h.feed.book)).toEqual([]);
  expect(eventProblems(h.events)).toEqual([]);
  if (h.feed.book.isSynced) expect(replay(h.events).levels()).toEqual({ bids: h.feed.book.bids.levels(), asks: h.feed.book.asks.levels() });
  if (!resynced) {
    expect({ bids: h.feed.book.bids.levels(), asks: h.feed.book.asks.levels() }).toEqual(reference.levels());
  }
}

describe.each(['spot.obu', 'futures.obu'] as const)('fuzzing %s frames into the book', (channel) => {
  // futures.obu sizes are contracts: whole numbers, converted to base units exactly.
  const contracts = (levels: LevelTuple[]): LevelTuple[] => levels.map(([p, q]) => [p, q.includes('.') ? q.replace(/\..*$/, '') || '0' : q]);
  const toBase = (levels: LevelTuple[]): LevelTuple[] => levels.map(([p, q]) => [p, canonical(q === '0' ? '0' : multiply(q, MULTIPLIER))]);
  const levels = channel === 'futures.obu' ? contracts : (p: LevelTuple[]) => p;
  const reference = (script: BookScript) => {
    const ref = new ReferenceBook();
    const conv = channel === 'futures.obu' ? (p: LevelTuple[]) => toBase(contracts(p)) : (p: LevelTuple[]) => p;
    ref.snapshot(conv(script.snapshot.bids), conv(script.snapshot.asks));
    for (const d of script.deltas) ref.apply(conv(d.bids), conv(d.asks));
    return ref;
  };

  it('keeps the book sound under garbage, and equal to the valid messages unless it resynchronised', () => {
    fc.assert(
      fc.property(mixedSequence(channel, levels), ({ script, frames }) => {
        const h = obuHarness(channel);
        feedFrames(h, frames);
        // Garbage is dropped (and counted); only a real gap in the ids costs a resync.
        const disruptive = frames.some((f) => f.kind === 'gap');
        const resynced = h.resyncs() > 0 || !h.feed.book.isSynced;
        if (!disruptive) expect(resynced).toBe(false);
        if (resynced) expect(h.metrics.bookResyncs).toBeGreaterThan(0);
        expectSound(h, reference(script), resynced);
      }),
      runs(400),
    );
  });

  it('logs a malformed frame as at most 200 characters of it, never more', () => {
    fc.assert(
      fc.property(mixedSequence(channel, levels), ({ frames }) => {
        const h = obuHarness(channel);
        feedFrames(h, frames);
        for (const line of h.log.lines) expect(JSON.stringify(line.fields).length).toBeLessThan(1200);
      }),
      runs(100),
    );
  });
});

/** Exact product of two plain decimals (test-side, by bigint). */
function multiply(a: string, b: string): string {
  const parse = (x: string) => {
    const [i, f = ''] = x.split('.');
    return { units: BigInt(i! + f || '0'), scale: f.length };
  };
  const x = parse(a);
  const y = parse(b);
  const units = (x.units * y.units).toString().padStart(x.scale + y.scale + 1, '0');
  const scale = x.scale + y.scale;
  return scale === 0 ? units : `${units.slice(0, -scale)}.${units.slice(-scale)}`;
}

describe('the obu scanner against JSON.parse', () => {
  const frames = fc
    .tuple(
      bookScript.filter((s) => s.deltas.length > 0),
      shape,
      fc.constantFrom('spot.obu', 'futures.obu'),
    )
    .chain(([script, sh, channel]) => fc.constantFrom(snapshotFrame(channel, script, sh), ...script.deltas.map((d) => deltaFrame(channel, d, sh))).map((text) => ({ text, channel })));
  const same = (fast: unknown, parsed: any) => {
    // "full": false and an absent "full" mean the same; the scanner leaves it out.
    const { full, ...rest } = parsed;
    return expect(fast).toEqual(full === true ? { full, ...rest } : rest);
  };

  it('reads every valid frame exactly as JSON.parse does', () => {
    fc.assert(
      fc.property(frames, ({ text, channel }) => {
        const fast = scanObuPush(text, `"channel":"${channel}"`);
        expect(fast).toBeDefined();
        same(fast, JSON.parse(text).result);
      }),
      runs(500),
    );
  });

  const chars = fc.oneof(fc.string({ minLength: 1, maxLength: 3 }), fc.constantFrom('\n', '\u0000', '\u001f', '\\', '"', '}', ']', ',', '0', '-', 'e', '.'));
  const mutatedOf = (base: typeof frames) =>
    base.chain(({ text, channel }) =>
      fc
        .oneof(
          fc.nat(text.length).map((cut) => text.slice(0, cut)),
          fc.tuple(fc.nat(text.length - 1), chars).map(([at, c]) => `${text.slice(0, at)}${c}${text.slice(at + 1)}`),
          fc.tuple(fc.nat(text.length), chars).map(([at, c]) => `${text.slice(0, at)}${c}${text.slice(at)}`),
          fc.nat(text.length - 1).map((at) => `${text.slice(0, at)}${text.slice(at + 1)}`),
          fc.constantFrom(`${text}x`, `${text} `, `${text}}`, `x${text}`, text.replace(/:(\d)/, ':0$1'), text.replace(/"t":\d+/, '"t":-1')),
        )
        .map((t) => ({ text: t, channel })),
    );
  const mutated = mutatedOf(frames);

  /** A control character inside a string is what JSON.parse refuses and the scanner leaves to the book (which refuses the level). */
  const controlInString = (text: string) => /"[^"]*[\u0000-\u001f][^"]*"/.test(text);

  it('never accepts a frame JSON.parse refuses (but for a control character in a string), and agrees whenever both accept', () => {
    fc.assert(
      fc.property(mutated, ({ text, channel }) => {
        const fast = scanObuPush(text, `"channel":"${channel}"`);
        if (fast === undefined) return;
        let parsed: any;
        try {
          parsed = JSON.parse(text);
        } catch {
          if (controlInString(text)) return;
          throw new Error(`the scanner accepted what JSON.parse refuses: ${text}`);
        }
        if (parsed?.channel !== channel) throw new Error(`the scanner accepted a frame of channel ${JSON.stringify(parsed?.channel)}: ${text}`);
        same(fast, parsed.result);
      }),
      runs(3000),
    );
  });

  it('the fast path and the JSON.parse path give the same outcome for any frame: book, events, malformed count', () => {
    const cases = fc
      .tuple(
        bookScript.filter((s) => s.deltas.length > 0),
        shape,
        fc.constantFrom('spot.obu' as const, 'futures.obu' as const),
      )
      .chain(([script, sh, channel]) =>
        fc
          .constantFrom(...script.deltas.map((d) => deltaFrame(channel, { ...d, first: script.snapshot.id + 1 }, sh)))
          .chain((text) => mutatedOf(fc.constant({ text, channel })))
          .map(({ text }) => ({ script, sh, channel, text })),
      );
    fc.assert(
      fc.property(cases, ({ script, sh, channel, text }) => {
        const outcome = (fastPath: boolean) => {
          const h = obuHarness(channel, fastPath);
          h.router.route(snapshotFrame(channel, script, sh), 1);
          h.router.route(text, 1);
          return {
            bids: h.feed.book.bids.levels(),
            asks: h.feed.book.asks.levels(),
            id: h.feed.book.lastUpdateId,
            malformed: h.metrics.wsMessagesMalformed,
            events: h.events.length,
            resyncs: h.resyncs(),
          };
        };
        expect(outcome(true), text).toEqual(outcome(false));
      }),
      runs(1500),
    );
  });
});

describe('fuzzing spot.order_book_update with its REST snapshot', () => {
  const CHANNEL = 'spot.order_book_update';

  function legacyFrame(d: BookDelta, sh: Shape, override: Record<string, unknown> = {}): string {
    return envelope(CHANNEL, obuResult({ t: d.t, s: 'BTC_USDT', U: d.first, u: d.last, b: d.bids, a: d.asks, ...override }, sh), sh);
  }

  it('keeps the book sound and equal to snapshot + valid deltas unless it refetched', async () => {
    const sequences = fc
      .tuple(
        bookScript.filter((s) => s.deltas.length > 0),
        shape,
      )
      .chain(([script, sh]) => {
        const valid: Frame[] = script.deltas.map((d, i) => ({ text: legacyFrame(d, sh), kind: 'valid', why: `delta ${i}` }));
        const pick = fc.nat(script.deltas.length - 1);
        const extra = fc.oneof(
          { weight: 5, arbitrary: pick.chain((i) => garbageLegacy(script.deltas[i]!, sh).map((frame) => ({ frame, slot: i }))) },
          { weight: 1, arbitrary: pick.map((i) => ({ frame: { ...valid[i]!, kind: 'stale' as const, why: `delta ${i} again` }, slot: i + 1 })) },
        );
        return fc.tuple(fc.constant(script), fc.constant(valid), fc.array(extra, { maxLength: 5 })).map(([s, v, extras]) => {
          const frames = v.map((f) => [f]);
          frames.push([]);
          for (const e of extras) frames[e.slot]!.unshift(e.frame);
          return { script: s, frames: frames.flat() };
        });
      });
    function garbageLegacy(d: BookDelta, sh: Shape): fc.Arbitrary<Frame> {
      const m = (why: string, t: string): Frame => ({ text: t, kind: 'malformed', why });
      return fc.oneof(
        fc.tuple(badDecimal, fc.constantFrom('b', 'a')).map(([bad, k]) => m(`level ${JSON.stringify(bad)}`, legacyFrame(d, sh, { [k]: [['1.5', bad]] }))),
        fc.constantFrom<unknown>(-1, 1.5, '7', 2 ** 53 + 2, null).map((bad) => m(`u = ${JSON.stringify(bad)}`, legacyFrame(d, sh, { u: bad }))),
        fc.constantFrom<unknown>('x', [['1']], [[1, 2]]).map((side) => m(`b = ${JSON.stringify(side)}`, legacyFrame(d, sh, { b: side }))),
        fc.constant(m('no U', legacyFrame(d, sh, { U: undefined }))),
      );
    }
    await fc.assert(
      fc.asyncProperty(sequences, async ({ script, frames }) => {
        const metrics = new AdapterMetrics();
        const log = captureLogger();
        let fetches = 0;
        const rest = {
          orderBook: async () => {
            fetches++;
            return { id: script.snapshot.id, current: script.snapshot.t, update: script.snapshot.t, bids: script.snapshot.bids, asks: script.snapshot.asks };
          },
        } as unknown as GateioSpotPublicRest;
        const ws = { subscribe() {}, unsubscribe() {}, resubscribe() {} } as unknown as ShardedWsClient;
        const sync = new LegacyBookSync(ws, rest, '100ms', metrics, log.logger);
        const router = new GateioFrameRouter(metrics, log.logger);
        router.on(CHANNEL, (result, _frame, us) => sync.onUpdate(result, us));
        const feed = new BookFeed(BTC, (reason) => sync.resync('BTC_USDT', reason));
        const events: BookEvent[] = [];
        feed.addListener((event) => events.push(event));
        sync.start('BTC_USDT', feed);
        try {
          for (const frame of frames) {
            const before = metrics.wsMessagesMalformed;
            router.route(frame.text, 1);
            const counted = metrics.wsMessagesMalformed - before;
            if (counted !== (frame.kind === 'malformed' ? 1 : 0)) throw new Error(`${frame.kind} frame (${frame.why}) counted ${counted} times: ${frame.text}`);
          }
          // The snapshot is fetched once the first push is buffered (after a 20 ms poll).
          for (let waited = 0; fetches === 0 && waited < 2_000; waited += 5) await new Promise((r) => setTimeout(r, 5));
          await new Promise((r) => setTimeout(r, 0));
          expect(fetches).toBeGreaterThan(0);
          const resynced = metrics.bookResyncs > 0 || !feed.book.isSynced;
          expect(resynced).toBe(false); // garbage is dropped and counted, and costs no refetch
          const ref = new ReferenceBook();
          ref.snapshot(script.snapshot.bids, script.snapshot.asks);
          for (const d of script.deltas) ref.apply(d.bids, d.asks);
          expect(bookProblems(feed.book)).toEqual([]);
          expect(eventProblems(events)).toEqual([]);
          if (!resynced) expect({ bids: feed.book.bids.levels(), asks: feed.book.asks.levels() }).toEqual(ref.levels());
        } finally {
          sync.stop('BTC_USDT');
        }
      }),
      runs(60),
    );
  });
});

describe('regressions found by fuzzing the Gate.io book edge', () => {
  const push = (result: object) => JSON.stringify({ channel: 'spot.obu', result, time_ms: 1 });
  const synced = (channel: 'spot.obu' | 'futures.obu' = 'spot.obu') => {
    const h = obuHarness(channel);
    h.router.route(JSON.stringify({ channel, result: { t: 1, full: true, s: STREAM, u: 10, b: [['1', '1']], a: [['2', '1']] } }), 1);
    return h;
  };
  const levels = (h: ReturnType<typeof obuHarness>) => ({ bids: h.feed.book.bids.levels(), asks: h.feed.book.asks.levels(), id: h.feed.book.lastUpdateId });

  it('the scanner no longer loops forever on a frame cut inside a number', () => {
    expect(scanObuPush('{"channel":"spot.obu","result":{"t":12')).toBeUndefined();
    expect(scanObuPush('{"channel":"spot.obu","result":{"t":1,"s":"ob.X_Y.50","u":2')).toBeUndefined();
  });

  it('the scanner leaves a broken envelope, a leading zero or a control character to JSON.parse', () => {
    const good = '{"channel":"spot.obu","result":{"t":1,"s":"ob.X_Y.50","U":2,"u":2,"b":[["1","2"]]},"time_ms":3}';
    expect(scanObuPush(good)).toEqual({ t: 1, s: 'ob.X_Y.50', U: 2, u: 2, b: [['1', '2']] });
    expect(scanObuPush(good.slice(0, -13))).toBeUndefined(); // cut after the result
    expect(scanObuPush(good.slice(1))).toBeUndefined(); // no opening brace
    expect(scanObuPush(`${good}x`)).toBeUndefined();
    expect(scanObuPush(good.replace('"u":2', '"u":02'))).toBeUndefined();
    expect(scanObuPush(good.replace('"ob.X_Y.50"', '"ob.X_Y\n.50"'))).toBeUndefined(); // a control character in "s"
    // Levels are checked as they are read: one the book would refuse goes to JSON.parse and the feed's check.
    for (const level of ['["-1","2"]', '["1","1e3"]', '["0","2"]', '["0.0","2"]', '["1..2","2"]', '["","2"]', '["1"," 2"]', '["1.","2."]']) {
      const text = good.replace('["1","2"]', level);
      if (level === '["1.","2."]') expect(scanObuPush(text)?.b).toEqual([['1.', '2.']]);
      else expect(scanObuPush(text), level).toBeUndefined();
    }
    // In a level it is the book that refuses it, as it refuses the frame JSON.parse refuses.
    const h = obuHarness('spot.obu');
    h.router.route(JSON.stringify({ channel: 'spot.obu', result: { t: 1, full: true, s: STREAM, u: 10 } }), 1);
    h.router.route(push({ t: 2, s: STREAM, U: 11, u: 11, b: [['1', '2']] }).replace('"2"]]', '"2\n"]]'), 1);
    expect(h.metrics.wsMessagesMalformed).toBe(1);
    expect(h.feed.book.lastUpdateId).toBe(10);
  });

  it('drops and counts a delta with "full": "true" instead of replacing the book with it', () => {
    const h = synced();
    h.router.route(push({ t: 2, full: 'true', s: STREAM, u: 11, b: [['1.5', '1']] }), 1);
    expect(h.metrics.wsMessagesMalformed).toBe(1);
    expect(levels(h)).toEqual({ bids: [['1', '1']], asks: [['2', '1']], id: 10 });
  });

  it.each([
    ['NaN', [['1.5', 'NaN']]],
    ['negative', [['1.5', '-1']]],
    ['exponent', [['1e5', '1']]],
    ['zero price', [['0', '1']]],
    ['three values', [['1.5', '1', '2']]],
  ])('drops and counts a delta with a %s level, leaving the book as it was (fast path and JSON path)', (_what, bad) => {
    const h = synced();
    h.router.route(push({ t: 2, s: STREAM, U: 11, u: 11, b: bad }), 1); // compact: the scanner's path
    h.router.route(JSON.stringify({ channel: 'spot.obu', result: { t: 2, s: STREAM, U: 11, u: 11, b: bad } }, null, 1), 1); // pretty: JSON.parse
    expect(h.metrics.wsMessagesMalformed).toBe(2);
    expect(levels(h)).toEqual({ bids: [['1', '1']], asks: [['2', '1']], id: 10 });
    h.router.route(push({ t: 3, s: STREAM, U: 11, u: 11, b: [['1.5', '2']] }), 1); // the real delta still applies
    expect(levels(h).bids).toEqual([
      ['1.5', '2'],
      ['1', '1'],
    ]);
  });

  it('futures.obu: a signed or unreadable size is refused, not converted (and never throws)', () => {
    const h = synced('futures.obu');
    for (const size of ['-5', 'abc', '1e3']) h.router.route(JSON.stringify({ channel: 'futures.obu', result: { t: 2, s: STREAM, U: 11, u: 11, b: [['1.5', size]] } }), 1);
    h.router.route(JSON.stringify({ channel: 'futures.obu', result: { t: 2, s: STREAM, U: 11, u: 11, a: [['3', '2', '1']] } }), 1);
    expect(h.metrics.wsMessagesMalformed).toBe(4);
    expect(levels(h)).toEqual({ bids: [['1', '0.0001']], asks: [['2', '0.0001']], id: 10 });
  });

  it('spot.order_book_update: a malformed push is counted and never buffered for the snapshot', () => {
    const metrics = new AdapterMetrics();
    const ws = { subscribe() {}, unsubscribe() {}, resubscribe() {} } as unknown as ShardedWsClient;
    const rest = { orderBook: () => new Promise(() => {}) } as unknown as GateioSpotPublicRest;
    const sync = new LegacyBookSync(ws, rest, '100ms', metrics, captureLogger().logger);
    const feed = new BookFeed(BTC, () => {});
    sync.start('BTC_USDT', feed);
    sync.onUpdate({ t: 1, s: 'BTC_USDT', U: 5, u: 5, b: [['1.5', 'NaN']] }, 1);
    sync.onUpdate({ t: 1, s: 'BTC_USDT', U: 5, u: '6' }, 1);
    expect(metrics.wsMessagesMalformed).toBe(2);
    sync.stop('BTC_USDT');
  });
});
