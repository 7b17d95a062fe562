import { describe, expect, it, vi } from 'vitest';
import { BookFeed } from '../src/core/book-feed.js';
import { BookSide, continuity, L2Book } from '../src/core/order-book.js';
import type { BookEvent } from '../src/core/types.js';

const BTC = { base: 'BTC', quote: 'USDT' };

describe('BookSide', () => {
  it('keeps bids descending and asks ascending, removing on "0"', () => {
    const bids = new BookSide(true);
    for (const p of ['100', '101.5', '99', '100.25']) bids.set(p, '1');
    expect(bids.prices).toEqual(['101.5', '100.25', '100', '99']);
    bids.set('100', '0');
    bids.set('98', '0'); // removing an absent level is a no-op
    expect(bids.prices).toEqual(['101.5', '100.25', '99']);
    const asks = new BookSide(false);
    for (const p of ['100', '101.5', '99', '100.25']) asks.set(p, '2');
    expect(asks.levels(2)).toEqual([
      ['99', '2'],
      ['100', '2'],
    ]);
  });

  it('updates a quantity in place', () => {
    const side = new BookSide(false);
    side.set('1', '5');
    side.set('1', '7');
    expect(side.levels()).toEqual([['1', '7']]);
  });
});

describe('continuity', () => {
  it('classifies updates against the last applied id', () => {
    expect(continuity(10, 11, 15)).toBe('apply');
    expect(continuity(10, 8, 12)).toBe('apply'); // overlaps the snapshot (first delta after REST)
    expect(continuity(10, 5, 10)).toBe('stale');
    expect(continuity(10, 12, 15)).toBe('gap');
  });
});

describe('L2Book', () => {
  it('treats differently formatted equal prices as one level', () => {
    const book = new L2Book();
    book.applySnapshot([['0.4705000000', '16.47']], [], 1, 0);
    book.applyDelta([['0.4705', '0']], [], 2, 0);
    expect(book.bids.size).toBe(0);
  });
});

describe('L2Book kept to a channel depth', () => {
  it('drops a level pushed below the top N and reports it deleted, so no stale level stays', () => {
    const book = new L2Book();
    book.maxLevels = 2;
    book.applySnapshot(
      [
        ['100', '1'],
        ['99', '1'],
        ['98', '1'],
      ],
      [['101', '1']],
      10,
      0,
    );
    expect(book.bids.levels()).toEqual([
      ['100', '1'],
      ['99', '1'],
    ]);
    const changed = book.applyDelta([['100.5', '2']], [], 11, 0);
    expect(book.bids.levels()).toEqual([
      ['100.5', '2'],
      ['100', '1'],
    ]);
    expect(changed.bids).toEqual([
      ['100.5', '2'],
      ['99', '0'],
    ]);
  });
});

describe('BookFeed', () => {
  function feedWithEvents() {
    const onGap = vi.fn();
    const feed = new BookFeed(BTC, onGap);
    const events: BookEvent[] = [];
    feed.addListener((e) => events.push(e));
    return { feed, events, onGap };
  }

  it('emits the snapshot, then contiguous deltas', () => {
    const { feed, events } = feedWithEvents();
    feed.applySnapshot([['100', '1']], [['101', '1']], 10, 1, 0);
    expect(feed.applyDelta([['100', '2']], [], 11, 12, 2, 0)).toBe('apply');
    expect(events.map((e) => e.type)).toEqual(['snapshot', 'delta']);
    expect(feed.book.bids.levels()).toEqual([['100', '2']]);
  });

  it('drops the book and asks for a resync on a gap, ignoring deltas until the next snapshot', () => {
    const { feed, events, onGap } = feedWithEvents();
    feed.applySnapshot([['100', '1']], [], 10, 1, 0);
    expect(feed.applyDelta([['100', '2']], [], 12, 13, 2, 0)).toBe('gap');
    expect(onGap).toHaveBeenCalledOnce();
    expect(feed.book.isSynced).toBe(false);
    expect(feed.applyDelta([['100', '3']], [], 14, 14, 3, 0)).toBe('gap');
    expect(onGap).toHaveBeenCalledOnce(); // no resync storm while one is pending
    expect(events).toHaveLength(1);
  });

  it('ignores stale deltas', () => {
    const { feed, events } = feedWithEvents();
    feed.applySnapshot([['100', '1']], [], 10, 1, 0);
    expect(feed.applyDelta([['100', '5']], [], 9, 10, 2, 0)).toBe('stale');
    expect(feed.book.bids.levels()).toEqual([['100', '1']]);
    expect(events).toHaveLength(1);
  });

  it('gives a late listener the current book as a snapshot', () => {
    const { feed } = feedWithEvents();
    feed.applySnapshot([['100', '1']], [['101', '2']], 10, 1, 0);
    feed.applyDelta([['99', '3']], [], 11, 11, 2, 0);
    const late: BookEvent[] = [];
    feed.addListener((e) => late.push(e));
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({
      type: 'snapshot',
      updateId: 11,
      bids: [
        ['100', '1'],
        ['99', '3'],
      ],
      asks: [['101', '2']],
    });
  });
});

describe('BookSide exact ordering beyond double precision', () => {
  it('keeps distinct prices that round to the same double apart, in order', () => {
    const asks = new BookSide(false);
    asks.set('0.10000000000000001', '1');
    asks.set('0.1', '2');
    asks.set('0.10000000000000002', '3');
    expect(asks.levels()).toEqual([
      ['0.1', '2'],
      ['0.10000000000000001', '1'],
      ['0.10000000000000002', '3'],
    ]);
    asks.set('0.10000000000000001', '0');
    expect(asks.prices).toEqual(['0.1', '0.10000000000000002']);
  });
});
