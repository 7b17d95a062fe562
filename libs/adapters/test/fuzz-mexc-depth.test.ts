import { PushDataV3ApiWrapper } from '@cexgw/mexc-proto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BookFeed } from '../src/core/book-feed.js';
import { AdapterMetrics } from '../src/core/metrics.js';
import type { BookEvent } from '../src/core/types.js';
import type { ShardedWsClient } from '../src/core/ws-client.js';
import { MexcDepthSync } from '../src/mexc/spot/book-sync.js';
import { readDepthPush, type DepthPush } from '../src/mexc/spot/depth-reader.js';
import { int64 } from '../src/mexc/spot/int64.js';
import type { MexcSpotPublicRest } from '../src/mexc/spot/rest.js';
import { MexcFrameRouter } from '../src/mexc/spot/router.js';
import { badDecimal, bookProblems, bookScript, captureLogger, ReferenceBook, runs, type BookDelta, type LevelTuple } from './fuzz-support.js';

// Property-based fuzzing of MEXC's protobuf depth pushes, in process: the hand-written reader
// (depth-reader.ts) against the generated decoder on valid and corrupted frames (truncated,
// bytes flipped, inserted or removed, fields duplicated, wire types changed, varints padded),
// and the router + MexcDepthSync + BookFeed fed valid pushes mixed with garbage.

const BTC = { base: 'BTC', quote: 'USDT' };

/** What the generated decoder makes of a frame, in the reader's shape; undefined for another body. */
function generic(frame: Buffer): DepthPush | undefined {
  const push = PushDataV3ApiWrapper.decode(frame);
  const body = push.publicAggreDepths;
  if (push.body !== 'publicAggreDepths' || !body) return undefined;
  const levels = (items: ReadonlyArray<{ price?: string | null; quantity?: string | null }>) => items.map((l) => [l.price ?? '', l.quantity ?? ''] as [string, string]);
  return {
    symbol: push.symbol ?? '',
    sendTime: int64(push.sendTime),
    fromVersion: Number(body.fromVersion),
    toVersion: Number(body.toVersion),
    bids: levels(body.bids ?? []),
    asks: levels(body.asks ?? []),
  };
}

const encode = (object: object) => Buffer.from(PushDataV3ApiWrapper.encode(PushDataV3ApiWrapper.fromObject(object)).finish());

const level = fc.record({
  price: fc.oneof(
    fc.constantFrom('117145.49', '0.00001', '1'),
    fc.integer({ min: 1, max: 10 ** 9 }).map((n) => `${n / 100}`),
  ),
  quantity: fc.oneof(
    fc.constant('0'),
    fc.integer({ min: 1, max: 10 ** 9 }).map((n) => `${n / 10 ** 4}`),
  ),
});
/** Valid depth pushes as the venue writes them (plus optional fields it sometimes leaves out). */
const validPush = fc
  .record({
    symbol: fc.oneof(fc.constantFrom('BTCUSDT', 'ETHUSDT', 'ÄUSDT', 'X'), fc.stringMatching(/^[A-Z0-9]{1,12}$/)),
    channel: fc.option(fc.constant('spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT'), { nil: undefined }),
    symbolId: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
    createTime: fc.option(fc.integer({ min: 0, max: 2 ** 45 }).map(String), { nil: undefined }),
    sendTime: fc.integer({ min: 0, max: 2 ** 45 }).map(String),
    from: fc.integer({ min: 0, max: 2 ** 46 }),
    span: fc.nat(50),
    bids: fc.array(level, { maxLength: 6 }),
    asks: fc.array(level, { maxLength: 6 }),
    eventType: fc.option(fc.constant('spot@public.aggre.depth.v3.api.pb@100ms'), { nil: undefined }),
  })
  .map((p) =>
    encode({
      ...(p.channel === undefined ? {} : { channel: p.channel }),
      symbol: p.symbol,
      ...(p.symbolId === undefined ? {} : { symbolId: p.symbolId }),
      ...(p.createTime === undefined ? {} : { createTime: p.createTime }),
      sendTime: p.sendTime,
      publicAggreDepths: { bids: p.bids, asks: p.asks, ...(p.eventType === undefined ? {} : { eventType: p.eventType }), fromVersion: String(p.from), toVersion: String(p.from + p.span) },
    }),
  );

/** Offsets of the top-level fields of a valid frame: [start, end, tagLength]. */
function topLevelFields(frame: Buffer): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  let at = 0;
  const varint = () => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = frame[at++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
    }
  };
  while (at < frame.length) {
    const start = at;
    const tag = varint();
    const tagLength = at - start;
    const wt = tag & 7;
    if (wt === 0) varint();
    else if (wt === 2) {
      const length = varint();
      at += length;
    } else if (wt === 1) at += 8;
    else if (wt === 5) at += 4;
    out.push([start, at, tagLength]);
  }
  return out;
}

/** A valid frame corrupted: the corruptions a broken venue or connection could produce. */
const corrupted = validPush.chain((frame) => {
  const fields = topLevelFields(frame);
  const anyField = fc.constantFrom(...fields);
  return fc.oneof(
    fc.nat(frame.length).map((cut) => frame.subarray(0, cut)),
    fc.tuple(fc.nat(frame.length - 1), fc.integer({ min: 1, max: 255 })).map(([at, x]) => {
      const copy = Buffer.from(frame);
      copy[at]! ^= x;
      return copy;
    }),
    fc.tuple(fc.nat(frame.length - 1), fc.nat(7)).map(([at, bit]) => {
      const copy = Buffer.from(frame);
      copy[at]! ^= 1 << bit;
      return copy;
    }),
    fc.tuple(fc.nat(frame.length), fc.uint8Array({ minLength: 1, maxLength: 4 })).map(([at, bytes]) => Buffer.concat([frame.subarray(0, at), Buffer.from(bytes), frame.subarray(at)])),
    fc.tuple(fc.nat(frame.length - 1), fc.integer({ min: 1, max: 4 })).map(([at, n]) => Buffer.concat([frame.subarray(0, at), frame.subarray(at + n)])),
    // A top-level field twice (the body too), or moved to the end.
    anyField.map(([start, end]) => Buffer.concat([frame, frame.subarray(start, end)])),
    anyField.map(([start, end]) => Buffer.concat([frame.subarray(0, start), frame.subarray(end), frame.subarray(start, end)])),
    // A field's wire type changed (the payload left as it was).
    fc.tuple(anyField, fc.nat(7)).map(([[start], wt]) => {
      const copy = Buffer.from(frame);
      copy[start] = (copy[start]! & ~7) | wt; // the wire type is the low 3 bits of the tag's first byte
      return copy;
    }),
    // A tag padded to a longer (non-minimal) varint: 6 to 10 bytes.
    fc.tuple(anyField, fc.integer({ min: 1, max: 6 })).map(([[start, end, tagLength], extra]) => {
      const tag = Buffer.from(frame.subarray(start, start + tagLength));
      tag[tag.length - 1]! |= 0x80;
      const padding = Buffer.alloc(extra, 0x80);
      padding[extra - 1] = 0x00;
      return Buffer.concat([frame.subarray(0, start), tag, padding, frame.subarray(start + tagLength, end), frame.subarray(end)]);
    }),
    // Random bytes.
    fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a)),
  );
});

describe('readDepthPush, the hand-written reader, against the generated decoder', () => {
  it('reads every valid push exactly as the generated decoder does', () => {
    fc.assert(
      fc.property(validPush, (frame) => {
        const fast = readDepthPush(frame);
        expect(fast).toBeDefined();
        expect(fast).toEqual(generic(frame));
      }),
      runs(1000),
    );
  });

  it('never gives a different answer on a corrupted push (it may decline)', () => {
    fc.assert(
      fc.property(corrupted, (frame) => {
        let fast: DepthPush | undefined;
        try {
          fast = readDepthPush(frame);
        } catch (error) {
          throw new Error(`the reader threw ${(error as Error).message} on ${frame.toString('hex')}`, { cause: error });
        }
        if (fast === undefined) return;
        let slow: DepthPush | undefined;
        try {
          slow = generic(frame);
        } catch (error) {
          throw new Error(`the reader accepted a frame the decoder refuses (${(error as Error).message}): ${frame.toString('hex')}`, { cause: error });
        }
        if (!slow) throw new Error(`the reader read a depth push the decoder reads as another body: ${frame.toString('hex')}`);
        expect(fast, frame.toString('hex')).toEqual(slow);
      }),
      runs(20_000),
    );
  });
});

describe('MEXC depth pushes with garbage into the book', () => {
  type Kind = 'valid' | 'malformed' | 'stale';
  type Framed = { frame: Buffer; kind: Kind; why: string };
  const pushFrame = (d: BookDelta, symbol = 'BTCUSDT', body: Record<string, unknown> = {}) =>
    encode({
      symbol,
      sendTime: String(d.t),
      publicAggreDepths: {
        bids: d.bids.map(([price, quantity]) => ({ price, quantity })),
        asks: d.asks.map(([price, quantity]) => ({ price, quantity })),
        fromVersion: String(d.first),
        toVersion: String(d.last),
        ...body,
      },
    });

  function garbage(d: BookDelta): fc.Arbitrary<Framed> {
    const m = (why: string, frame: Buffer) => ({ frame, kind: 'malformed' as const, why });
    const valid = pushFrame(d);
    return fc.oneof(
      fc.integer({ min: 1, max: valid.length - 1 }).map((cut) => m(`truncated at ${cut}`, valid.subarray(0, cut))),
      fc.constant(m('empty frame', Buffer.alloc(0))),
      fc.constantFrom('{', '{"code":', '{x').map((t) => m('broken JSON', Buffer.from(t))),
      fc
        .tuple(badDecimal, fc.constantFrom('bids', 'asks'), fc.boolean())
        .map(([bad, side, price]) =>
          m(`${side} ${price ? 'price' : 'quantity'} ${JSON.stringify(bad)}`, pushFrame(d, 'BTCUSDT', { [side]: [price ? { price: bad, quantity: '1' } : { price: '1.5', quantity: bad }] })),
        ),
      fc
        .constantFrom('x', '-5', '1.5', '', '99999999999999999999', ' 12')
        .chain((bad) => fc.constantFrom('fromVersion', 'toVersion').map((k) => m(`${k} ${JSON.stringify(bad)}`, pushFrame(d, 'BTCUSDT', { [k]: bad })))),
      fc.constant(m('versions reversed', pushFrame({ ...d, first: d.last + 1 }))),
    );
  }

  it('keeps the book sound and equal to snapshot + valid pushes, counting every malformed frame', async () => {
    const sequences = bookScript
      .filter((s) => s.deltas.length > 0)
      .chain((script) => {
        const valid: Framed[] = script.deltas.map((d, i) => ({ frame: pushFrame(d), kind: 'valid', why: `push ${i}` }));
        const pick = fc.nat(script.deltas.length - 1);
        const extra = fc.oneof(
          { weight: 5, arbitrary: pick.chain((i) => garbage(script.deltas[i]!).map((g) => ({ g, slot: i }))) },
          { weight: 1, arbitrary: pick.map((i): { g: Framed; slot: number } => ({ g: { ...valid[i]!, kind: 'stale', why: `push ${i} again` }, slot: i + 1 })) },
        );
        return fc.tuple(fc.constant(script), fc.array(extra, { maxLength: 5 })).map(([s, extras]) => {
          const slots: Framed[][] = [...valid.map((v) => [v]), []];
          for (const e of extras) slots[e.slot]!.unshift(e.g);
          return { script: s, frames: slots.flat() };
        });
      });
    await fc.assert(
      fc.asyncProperty(sequences, async ({ script, frames }) => {
        const metrics = new AdapterMetrics();
        const log = captureLogger();
        let fetches = 0;
        const rest = {
          depth: async () => {
            fetches++;
            return { lastUpdateId: script.snapshot.id, bids: script.snapshot.bids, asks: script.snapshot.asks, timestamp: script.snapshot.t };
          },
        } as unknown as MexcSpotPublicRest;
        const ws = { subscribe() {}, unsubscribe() {}, resubscribe() {} } as unknown as ShardedWsClient;
        const sync = new MexcDepthSync(ws, rest, '100ms', metrics, log.logger);
        const router = new MexcFrameRouter({ depth: (push, us, levelsChecked) => sync.onPush(push, us, levelsChecked) }, metrics, log.logger);
        const feed = new BookFeed(BTC, (reason) => sync.resync('BTCUSDT', reason));
        const events: BookEvent[] = [];
        feed.addListener((event) => events.push(event));
        sync.start('BTCUSDT', feed);
        try {
          for (const { frame, kind, why } of frames) {
            const before = metrics.wsMessagesMalformed;
            try {
              router.handleFrame(frame, true, 1);
            } catch (error) {
              throw new Error(`${kind} frame (${why}) threw ${(error as Error).message}: ${frame.toString('hex')}`, { cause: error });
            }
            const counted = metrics.wsMessagesMalformed - before;
            if (counted !== (kind === 'malformed' ? 1 : 0)) throw new Error(`${kind} frame (${why}) counted ${counted} times: ${frame.toString('hex')}`);
          }
          for (let waited = 0; fetches === 0 && waited < 2_000; waited += 5) await new Promise((r) => setTimeout(r, 5));
          await new Promise((r) => setTimeout(r, 0));
          expect(fetches).toBeGreaterThan(0);
          expect(metrics.bookResyncs).toBe(0);
          expect(feed.book.isSynced).toBe(true);
          const ref = new ReferenceBook();
          ref.snapshot(script.snapshot.bids, script.snapshot.asks);
          for (const d of script.deltas) ref.apply(d.bids, d.asks);
          expect(bookProblems(feed.book)).toEqual([]);
          expect({ bids: feed.book.bids.levels(), asks: feed.book.asks.levels() }).toEqual(ref.levels());
          const replica = new ReferenceBook();
          for (const event of events) {
            if (event.type === 'snapshot') replica.snapshot(event.bids as LevelTuple[], event.asks as LevelTuple[]);
            else replica.apply(event.bids as LevelTuple[], event.asks as LevelTuple[]);
          }
          expect(replica.levels()).toEqual(ref.levels());
        } finally {
          sync.stop('BTCUSDT');
        }
      }),
      runs(60),
    );
  });
});

describe('regressions found by fuzzing the MEXC depth edge', () => {
  const push = { symbol: 'BTCUSDT', sendTime: '1754741322152', publicAggreDepths: { bids: [{ price: '1', quantity: '2' }], asks: [], fromVersion: '5', toVersion: '6' } };
  const frame = encode(push);
  const bodyAt = frame.indexOf(Buffer.from([0xca, 0x13])); // field 313, length-delimited

  it('declines a frame with the body twice (the generated decoder keeps only the second)', () => {
    const twice = Buffer.concat([frame, frame.subarray(bodyAt)]);
    expect(readDepthPush(twice)).toBeUndefined();
    expect(generic(twice)!.bids).toEqual([['1', '2']]);
  });

  it('checks each level as it reads it, declining one the book would refuse (the generic path counts it)', () => {
    for (const [price, quantity] of [
      ['-1', '2'],
      ['1', '1e3'],
      ['0', '2'],
      ['0.00', '2'],
      ['1.2.3', '2'],
      ['1', ' 2'],
      ['1', 'NaN'],
    ]) {
      const bad = encode({ ...push, publicAggreDepths: { ...push.publicAggreDepths, bids: [{ price, quantity }] } });
      expect(readDepthPush(bad), `${price} ${quantity}`).toBeUndefined();
      expect(generic(bad)!.bids).toEqual([[price, quantity]]);
    }
    const plain = encode({ ...push, publicAggreDepths: { ...push.publicAggreDepths, bids: [{ price: '.5', quantity: '0' }] } });
    expect(readDepthPush(plain)!.bids).toEqual([['.5', '0']]);
  });

  it('declines a known field with another wire type, a tag past 5 bytes, and text that is not UTF-8', () => {
    const symbolAsVarint = Buffer.from(frame);
    symbolAsVarint[0] = (3 << 3) | 0; // symbol (field 3) as a varint: the generated decoder reads it as a string anyway
    expect(readDepthPush(symbolAsVarint)).toBeUndefined();
    const paddedTag = Buffer.concat([frame.subarray(0, bodyAt), Buffer.from([0xca, 0x93, 0x80, 0x80, 0x80, 0x00]), frame.subarray(bodyAt + 2)]);
    expect(readDepthPush(paddedTag)).toBeUndefined();
    const badUtf8 = encode({ ...push, symbol: 'BTCUSDT' });
    badUtf8[badUtf8.indexOf('BTCUSDT') + 1] = 0xb3;
    expect(readDepthPush(badUtf8)).toBeUndefined();
  });

  it('counts a push whose versions are not plain digits on the generic path ("" read as 0, " 12" as 12)', () => {
    const metrics = new AdapterMetrics();
    const seen: DepthPush[] = [];
    const router = new MexcFrameRouter({ depth: (p) => seen.push(p) }, metrics, captureLogger().logger);
    for (const fromVersion of ['', ' 12', '1e3']) router.handleFrame(encode({ ...push, publicAggreDepths: { ...push.publicAggreDepths, fromVersion } }), true, 1);
    expect(seen.every((p) => Number.isNaN(p.fromVersion))).toBe(true);
    const ws = { subscribe() {}, unsubscribe() {}, resubscribe() {} } as unknown as ShardedWsClient;
    const sync = new MexcDepthSync(ws, { depth: () => new Promise(() => {}) } as unknown as MexcSpotPublicRest, '100ms', metrics, captureLogger().logger);
    sync.start('BTCUSDT', new BookFeed(BTC, () => {}));
    for (const p of seen) sync.onPush(p, 1);
    expect(metrics.wsMessagesMalformed).toBe(3);
    sync.stop('BTCUSDT');
  });

  it('a handler that throws is counted, never thrown into the socket', () => {
    const metrics = new AdapterMetrics();
    const router = new MexcFrameRouter(
      {
        depth: () => {
          throw new Error('boom');
        },
      },
      metrics,
      captureLogger().logger,
    );
    expect(() => router.handleFrame(frame, true, 1)).not.toThrow();
    expect(metrics.wsMessagesMalformed).toBe(1);
  });
});
