import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { StreamStats } from '@cexgw/grpc';
import { FillPipeline } from '../../services/trading/src/fill-pipeline.js';
import { serveFillStream } from '../../services/trading/src/fill-stream.js';
import type { JournaledFill, TradingJournal } from '../../services/trading/src/journal/journal.js';
import { BTC, ETH, fill, ScriptedPrivateExchange } from './scripted-private-exchange.js';
import { until } from './wait.js';

// The TradingJournal contract: what every store (SQLite, PostgreSQL) must do, run against each
// by its own test file. Dedupe, cursor order, persistence across a reopen, the idempotency
// records, recovery watermarks, and the StreamFills seam between journal replay and live fills.

export interface JournalStore {
  /** Opens the test's journal (the same one every time within a test), ready to write. */
  open(): Promise<TradingJournal>;
  /** Closes a journal from open() cleanly. */
  close(journal: TradingJournal): Promise<void>;
  /** Whether the fill with this cursor is committed, read on a connection of its own. */
  committed(cursor: number): Promise<boolean>;
}

/** A ServerWritableStream stand-in: records writes, reports a full buffer every `blockEvery` writes. */
class FakeCall extends EventEmitter {
  readonly written: Array<{ cursor: string; fill_id: string }> = [];
  errors: Array<{ code: number; details: string }> = [];
  constructor(public blockEvery = 0) {
    super();
    this.on('error', (error: { code: number; details: string }) => this.errors.push(error));
  }
  write(message: { cursor: string; fill_id: string }): boolean {
    this.written.push(message);
    if (this.blockEvery > 0 && this.written.length % this.blockEvery === 0) {
      setTimeout(() => this.emit('drain'), 1);
      return false;
    }
    return true;
  }
}

/** A journal whose reads are slow, so that live fills arrive while a replay is running. */
function slowReads(journal: TradingJournal, delayMs: number): TradingJournal {
  return new Proxy(journal, {
    get(target, prop, receiver) {
      if (prop === 'fillsAfter') {
        return async (cursor: number, limit: number) => {
          const rows = await target.fillsAfter(cursor, limit);
          await new Promise((r) => setTimeout(r, delayMs));
          return rows;
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const request = (clientOrderId: string) => ({
  symbol: BTC,
  side: 'buy' as const,
  type: 'limit' as const,
  quantity: '0.01',
  price: '65000',
  quoteQuantity: '',
  timeInForce: 'gtc' as const,
  postOnly: false,
  clientOrderId,
});

export function journalContract(storeName: string, store: () => JournalStore): void {
  describe(`TradingJournal contract: ${storeName}`, () => {
    it('stores a fill seen twice (websocket, then REST recovery) once, under increasing cursors', async () => {
      const journal = await store().open();
      const a = fill();
      const b = fill();
      const first = await journal.appendFills([a, b], 'stream');
      expect(first.map((f) => f.cursor)).toEqual([1, 2]);
      const again = await journal.appendFills([b, a, fill({ fillId: a.fillId, orderId: a.orderId })], 'recovery');
      expect(again).toEqual([]);
      const c = fill();
      expect((await journal.appendFills([a, c], 'recovery')).map((f) => [f.cursor, f.fillId])).toEqual([[3, c.fillId]]);
      expect((await journal.fillsAfter(0, 100)).map((f) => f.fillId)).toEqual([a.fillId, b.fillId, c.fillId]);
      expect(await journal.lastCursor()).toBe(3);
      await store().close(journal);
    });

    it('keeps both sides of a self-trade (one venue trade id, two of our orders)', async () => {
      const journal = await store().open();
      const buy = fill({ fillId: 'T-self', orderId: 'O-buy', side: 'buy' });
      const sell = fill({ fillId: 'T-self', orderId: 'O-sell', side: 'sell' });
      expect(await journal.appendFills([buy, sell], 'stream')).toHaveLength(2);
      await store().close(journal);
    });

    it('returns fills exactly as given, oldest cursor first, in pages', async () => {
      const journal = await store().open();
      const fills = Array.from({ length: 25 }, (_, i) => fill({ symbol: i % 2 ? ETH : BTC, isMaker: i % 3 === 0, price: '0.30000000000000004' }));
      await journal.appendFills(fills, 'stream');
      const page1 = await journal.fillsAfter(0, 10);
      const page2 = await journal.fillsAfter(page1.at(-1)!.cursor, 10);
      const page3 = await journal.fillsAfter(page2.at(-1)!.cursor, 10);
      const all = [...page1, ...page2, ...page3];
      expect(all.map((f) => f.cursor)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      expect(all.map(({ cursor, ...rest }) => rest)).toEqual(fills);
      await store().close(journal);
    });

    it('keeps fills, cursors and orders across a restart', async () => {
      const journal = await store().open();
      await journal.appendFills([fill(), fill()], 'stream');
      expect(await journal.insertOrder('keep-1', request('keep-1'), 1000)).toBe(true);
      expect(await journal.insertOrder('keep-1', request('keep-1'), 1001)).toBe(false);
      await journal.updateOrder('keep-1', { status: 'unknown', reason: 'timeout' }, 1002);
      await journal.setValue('k', 'v');
      await store().close(journal);

      const reopened = await store().open();
      expect(await reopened.lastCursor()).toBe(2);
      expect((await reopened.appendFills([fill()], 'stream'))[0]!.cursor).toBe(3);
      expect(await reopened.getOrder('keep-1')).toMatchObject({ clientOrderId: 'keep-1', status: 'unknown', reason: 'timeout', request: request('keep-1'), createdMs: 1000, updatedMs: 1002 });
      expect((await reopened.ordersWithStatus(['pending', 'unknown'])).map((o) => o.clientOrderId)).toEqual(['keep-1']);
      expect(await reopened.getValue('k')).toBe('v');
      expect((await reopened.activeSymbols()).map((s) => `${s.base}/${s.quote}`)).toEqual(['BTC/USDT']);
      await store().close(reopened);
    });

    it('keeps an order record through its life: pending, acknowledged with the venue state, forgotten', async () => {
      const journal = await store().open();
      expect(await journal.insertOrder('life-1', request('life-1'), 10)).toBe(true);
      expect(await journal.getOrder('life-1')).toMatchObject({ status: 'pending', venueOrderId: '', state: undefined, reason: '', createdMs: 10, updatedMs: 10 });
      const state = { ...request('life-1'), orderId: 'V-9', status: 'open' as const, filledQuantity: '0', filledQuoteQuantity: '0', averageFillPrice: '', createdMs: 11, updatedMs: 11, reason: '' };
      await journal.updateOrder('life-1', { status: 'acknowledged', venueOrderId: 'V-9', state }, 12);
      await journal.updateOrder('life-1', { reason: 'noted' }, 13); // fields not given stay as they are
      expect(await journal.getOrder('life-1')).toMatchObject({ status: 'acknowledged', venueOrderId: 'V-9', state, reason: 'noted', createdMs: 10, updatedMs: 13 });
      expect(await journal.insertOrder('life-2', request('life-2'), 20)).toBe(true);
      expect((await journal.ordersWithStatus(['pending'])).map((o) => o.clientOrderId)).toEqual(['life-2']);
      expect(await journal.ordersWithStatus([])).toEqual([]);
      await journal.deleteOrder('life-2');
      expect(await journal.getOrder('life-2')).toBeUndefined();
      expect(await journal.insertOrder('life-2', request('life-2'), 30)).toBe(true); // a forgotten id may be used again
      await journal.setValue('k', 'one');
      await journal.setValue('k', 'two');
      expect(await journal.getValue('k')).toBe('two');
      expect(await journal.getValue('missing')).toBeUndefined();
      await store().close(journal);
    });

    it('reports the newest fill time per symbol', async () => {
      const journal = await store().open();
      await journal.appendFills([fill({ symbol: BTC, timestampMs: 10 }), fill({ symbol: BTC, timestampMs: 30 }), fill({ symbol: ETH, timestampMs: 20 })], 'stream');
      expect(Object.fromEntries(await journal.lastFillTimes())).toEqual({ 'BTC/USDT': 30, 'ETH/USDT': 20 });
      await store().close(journal);
    });

    it('recovers fills lost in a stream gap even when the recovery after the reconnect failed and newer fills arrived since', async () => {
      // Found by the fault soak: the watermark used to be the newest journaled fill, so fills that
      // streamed in after the gap hid the gap from every later recovery.
      const journal = await store().open();
      const venue = new ScriptedPrivateExchange();
      let clock = 1_000_000;
      const pipeline = new FillPipeline({ journal, exchange: venue, recoveryMarginMs: 5_000, recoveryIntervalMs: 0, recoverySymbols: [BTC], now: () => clock });
      await pipeline.recover('start'); // watermark: 1_000_000
      const before = fill({ timestampMs: 1_001_000 });
      pipeline.onFill(before);
      await pipeline.flush();
      // The stream drops; two fills happen in the gap; the recovery at reconnect fails (venue 5xx).
      const lost = [fill({ timestampMs: 1_002_000 }), fill({ timestampMs: 1_003_000 })];
      venue.history = [before, ...lost];
      const fillsSince = venue.fillsSince.bind(venue);
      venue.fillsSince = async () => {
        throw new Error('503 service not available');
      };
      clock = 1_004_000;
      await pipeline.recover('stream reconnected');
      venue.fillsSince = fillsSince;
      // The stream is back; much later fills arrive on it, then the periodic recovery runs.
      clock = 1_200_000;
      const after = fill({ timestampMs: 1_199_000 });
      venue.history.push(after);
      pipeline.onFill(after);
      await pipeline.flush();
      await pipeline.recover('periodic');
      const journaled = (await journal.fillsAfter(0, 100)).map((f) => f.fillId);
      expect(journaled.sort()).toEqual([before, ...lost, after].map((f) => f.fillId).sort());
      // And a completed recovery moves the watermark: the next one asks from there, minus the margin.
      await pipeline.recover('periodic');
      expect(venue.fillsSinceArgs.at(-1)!.sinceMs).toBe(1_200_000 - 5_000);
      await store().close(journal);
    });

    it('recovers a symbol first traded long after start from the start, not from its first recovery', async () => {
      const journal = await store().open();
      const venue = new ScriptedPrivateExchange();
      let clock = 1_000_000;
      const pipeline = new FillPipeline({ journal, exchange: venue, recoveryMarginMs: 5_000, recoveryIntervalMs: 0, recoverySymbols: [], now: () => clock });
      await pipeline.recover('start'); // no symbol known yet
      // An hour later the first order is journaled and filled, the fill missed by the stream; the
      // first recovery that knows the symbol runs ten minutes after that.
      clock = 4_600_000;
      await journal.insertOrder(
        'late-1',
        { symbol: BTC, side: 'buy', type: 'limit', quantity: '0.001', price: '65000', quoteQuantity: '', timeInForce: 'gtc', postOnly: false, clientOrderId: 'late-1' },
        clock,
      );
      const missed = fill({ timestampMs: 4_700_000 });
      venue.history = [missed];
      clock = 5_200_000;
      await pipeline.recover('stream reconnected');
      expect(venue.fillsSinceArgs.at(-1)!.sinceMs).toBe(1_000_000 - 5_000);
      expect((await journal.fillsAfter(0, 10)).map((f) => f.fillId)).toEqual([missed.fillId]);
      await store().close(journal);
    });

    it('commits the fills that arrive while a commit is in flight together in the next one, in order (group commit)', async () => {
      const opened = await store().open();
      // Appends wait until released, like a commit waiting for a slow disk.
      const appends: number[] = [];
      let release: () => void = () => undefined;
      const journal = new Proxy(opened, {
        get(target, prop, receiver) {
          if (prop === 'appendFills') {
            return async (fills: Parameters<TradingJournal['appendFills']>[0], source: Parameters<TradingJournal['appendFills']>[1]) => {
              appends.push(fills.length);
              await new Promise<void>((resolve) => (release = resolve));
              return target.appendFills(fills, source);
            };
          }
          const value = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const pipeline = new FillPipeline({ journal, exchange: new ScriptedPrivateExchange(), recoveryMarginMs: 0, recoveryIntervalMs: 0, recoverySymbols: [] });
      const delivered: string[] = [];
      pipeline.subscribe({ deliver: (f) => delivered.push(f.fillId) });
      const fills = Array.from({ length: 7 }, () => fill());
      pipeline.onFill(fills[0]!); // its commit starts and waits
      await new Promise((r) => setTimeout(r, 5));
      for (const f of fills.slice(1, 4)) pipeline.onFill(f); // one frame
      await new Promise((r) => setTimeout(r, 5));
      for (const f of fills.slice(4)) pipeline.onFill(f); // another frame, still during the first commit
      await new Promise((r) => setTimeout(r, 5));
      expect(appends).toEqual([1]);
      release();
      await until('the next commit', () => appends.length === 2);
      expect(appends).toEqual([1, 6]); // both frames in one commit
      release();
      await pipeline.flush();
      expect(delivered).toEqual(fills.map((f) => f.fillId));
      expect((await opened.fillsAfter(0, 10)).map((f) => [f.cursor, f.fillId])).toEqual(fills.map((f, i) => [i + 1, f.fillId]));
      await store().close(opened);
    });

    it('StreamFills has no gap and no duplicate at the seam while fills keep arriving during the replay', async () => {
      const opened = await store().open();
      const journal = slowReads(opened, 5);
      const pipeline = new FillPipeline({ journal, exchange: new ScriptedPrivateExchange(), recoveryMarginMs: 0, recoveryIntervalMs: 0, recoverySymbols: [] });
      for (let i = 0; i < 1200; i++) pipeline.onFill(fill());
      await pipeline.flush();

      const call = new FakeCall(97);
      // A client that is slow while the journal is replayed (the replay waits for its drains), then
      // keeps up: how fast a live client must be is another test's (a group of fills committed
      // together arrives at once, and this client's queue holds 64).
      const serving = serveFillStream(call as never, 300, { journal, pipeline, capacity: 64, stats: new StreamStats() }).then(() => {
        call.blockEvery = 0;
      });
      // Live fills while the replay reads its pages (each read takes 5 ms); more than the
      // 64-fill buffer, so the replay must also survive dropping the buffer and re-reading.
      const feeding = (async () => {
        for (let i = 0; i < 400; i++) {
          pipeline.onFill(fill());
          if (i % 10 === 0) await new Promise((r) => setTimeout(r, 1));
        }
      })();
      await Promise.all([serving, feeding]);
      await pipeline.flush();
      for (let i = 0; i < 20; i++) pipeline.onFill(fill());
      await pipeline.flush();
      await new Promise((r) => setTimeout(r, 20)); // a duplicate would show by now

      const cursors = call.written.map((m) => Number(m.cursor));
      expect(cursors).toEqual(Array.from({ length: 1620 - 300 }, (_, i) => 301 + i));
      expect(call.errors).toEqual([]);
      await store().close(opened);
    });

    it('StreamFills streams only new fills when after_cursor is empty, and ends with OUT_OF_RANGE for a cursor it never issued', async () => {
      const journal = await store().open();
      const pipeline = new FillPipeline({ journal, exchange: new ScriptedPrivateExchange(), recoveryMarginMs: 0, recoveryIntervalMs: 0, recoverySymbols: [] });
      await pipeline.write([fill(), fill()], 'stream');
      const live = new FakeCall();
      await serveFillStream(live as never, undefined, { journal, pipeline, capacity: 64, stats: new StreamStats() });
      await pipeline.write([fill()], 'stream');
      expect(live.written.map((m) => m.cursor)).toEqual(['3']);

      const ahead = new FakeCall();
      await serveFillStream(ahead as never, 99, { journal, pipeline, capacity: 64, stats: new StreamStats() });
      expect(ahead.errors[0]).toMatchObject({ code: 11 });
      expect(ahead.errors[0]!.details).toContain('beyond');
      await store().close(journal);
    });

    it('streams a fill only after it is committed', async () => {
      const journal = await store().open();
      const pipeline = new FillPipeline({ journal, exchange: new ScriptedPrivateExchange(), recoveryMarginMs: 0, recoveryIntervalMs: 0, recoverySymbols: [] });
      const checks: Array<Promise<{ cursor: number; inJournal: boolean }>> = [];
      pipeline.subscribe({
        // Read on a connection of its own at the moment of delivery: the row must be committed already.
        deliver: (f: JournaledFill) =>
          void checks.push(
            store()
              .committed(f.cursor)
              .then((inJournal) => ({ cursor: f.cursor, inJournal })),
          ),
      });
      pipeline.onFill(fill());
      await pipeline.flush();
      expect(await Promise.all(checks)).toEqual([{ cursor: 1, inJournal: true }]);
      await store().close(journal);
    });
  });
}
