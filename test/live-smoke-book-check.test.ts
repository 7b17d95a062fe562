import { describe, expect, it } from 'vitest';
import { BookFeed, type Level, type OrderBookSnapshot, type PublicExchange } from '@cexgw/adapters';
import { BookRecorder, compareWithRest } from '../live-smoke/src/book-check.js';

// The live smoke suite's book comparison on books built by the adapters' own BookFeed: a REST
// snapshot is brought to the stream's update id by the deltas in between and compared level by
// level; a snapshot that cannot be lined up is fetched again; a top-N channel that stays behind a
// snapshot (deeper changes only) is compared as it stands; a wrong level fails.

const BTC = { base: 'BTC', quote: 'USDT' };

/** The stream's book (BookFeed, as the adapters keep it) and the REST snapshots a venue answers in turn (the last one from then on). */
function venue(snapshots: OrderBookSnapshot[]) {
  const feed = new BookFeed(BTC, () => {});
  const recorder = new BookRecorder();
  feed.addListener(recorder.listener);
  const market = {
    getOrderBook: async () => (snapshots.length > 1 ? snapshots.shift()! : snapshots[0]!),
    currentBook: () => (feed.book.isSynced ? feed.snapshotEvent(0) : undefined),
  } as unknown as PublicExchange;
  return { feed, recorder, market };
}

const rest = (updateId: number, bids: Level[], asks: Level[]): OrderBookSnapshot => ({ symbol: BTC, bids, asks, updateId, timestampMs: 1 });
const settings = { depth: 100, channelDepth: 0, waitMs: 20 };

describe('live smoke book comparison', () => {
  it('brings a REST snapshot to the stream id by the deltas in between, and finds the books equal', async () => {
    const { feed, recorder, market } = venue([
      rest(
        11,
        [
          ['100', '1'],
          ['99', '2'],
        ],
        [['101', '1']],
      ),
    ]);
    feed.applySnapshot([['100', '1']], [['101', '3']], 10, 1, 0);
    feed.applyDelta([['99', '2']], [['101', '1']], 11, 11, 1, 0);
    feed.applyDelta(
      [
        ['100', '0'],
        ['98', '5'],
      ],
      [['102', '4']],
      12,
      13,
      1,
      0,
    );
    const found = await compareWithRest(market, BTC, recorder, settings);
    expect(found.problems).toEqual([]);
    expect(found.detail).toBe("REST snapshot at update id 11 brought to the stream's 13 by the delta in between (the venue's documented snapshot-and-deltas procedure): 2 bid and 2 ask levels equal");
  });

  it('names the first level where the stream and the venue disagree', async () => {
    const { feed, recorder, market } = venue([
      rest(
        10,
        [
          ['100', '1'],
          ['99', '2'],
        ],
        [['101', '1']],
      ),
    ]);
    feed.applySnapshot(
      [
        ['100', '1'],
        ['99', '3'],
      ],
      [['101', '1']],
      10,
      1,
      0,
    );
    const found = await compareWithRest(market, BTC, recorder, settings);
    expect(found.detail).toMatch(/^REST snapshot and the stream's book at the same update id 10: 2 bid and 1 ask levels compared$/);
    expect(found.problems).toEqual(['bids differ at level 2: REST 2 @ 99, stream 3 @ 99 (2 vs 2 levels)']);
  });

  it('fetches again a snapshot older than the deltas it holds, and compares the one that lines up', async () => {
    const { feed, recorder, market } = venue([rest(5, [['100', '1']], [['101', '1']]), rest(12, [['100', '2']], [['101', '1']])]);
    feed.applySnapshot([['100', '1']], [['101', '1']], 10, 1, 0);
    feed.applyDelta([['100', '2']], [], 11, 12, 1, 0);
    const found = await compareWithRest(market, BTC, recorder, settings);
    expect(found.problems).toEqual([]);
    expect(found.detail).toMatch(/^REST snapshot and the stream's book at the same update id 12/);
  });

  it('compares a top-N stream that stays behind a snapshot as it stands, and the same stream one level wrong fails', async () => {
    const topN = { ...settings, depth: 2, channelDepth: 2 };
    const even = venue([
      rest(
        20,
        [
          ['100', '1'],
          ['99', '1'],
        ],
        [
          ['101', '1'],
          ['102', '1'],
        ],
      ),
    ]);
    even.feed.applySnapshot(
      [
        ['100', '1'],
        ['99', '1'],
      ],
      [
        ['101', '1'],
        ['102', '1'],
      ],
      17,
      1,
      0,
    );
    const found = await compareWithRest(even.market, BTC, even.recorder, topN);
    expect(found.problems).toEqual([]);
    expect(found.detail).toMatch(/^REST snapshot at update id 20, ahead of the stream's 17 with no push for 20 ms \(a top-2 channel/);

    const wrong = venue([
      rest(
        20,
        [
          ['100', '1'],
          ['99', '1'],
        ],
        [
          ['101', '1'],
          ['102', '1'],
        ],
      ),
    ]);
    wrong.feed.applySnapshot(
      [
        ['100', '1'],
        ['99', '1'],
      ],
      [
        ['101', '2'],
        ['102', '1'],
      ],
      17,
      1,
      0,
    );
    expect((await compareWithRest(wrong.market, BTC, wrong.recorder, topN)).problems).toEqual(['asks differ at level 1: REST 1 @ 101, stream 2 @ 101 (2 vs 2 levels down to 102)']);
  });

  it('fails when no snapshot can be lined up: a full-depth stream that never reaches the venue', async () => {
    const { feed, recorder, market } = venue([rest(30, [['100', '1']], [['101', '1']])]);
    feed.applySnapshot([['100', '1']], [['101', '1']], 10, 1, 0);
    const found = await compareWithRest(market, BTC, recorder, settings);
    expect(found.detail).toBe('no REST snapshot lined up with the stream in 3 attempts');
    expect(found.problems).toHaveLength(3);
    expect(found.problems![0]).toBe('snapshot 1 (id 30): the stream stayed at id 10, behind the snapshot, for 20 ms');
  });
});
