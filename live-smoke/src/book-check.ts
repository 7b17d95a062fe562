import { canonicalDecimal, compareDecimal, continuity, L2Book, type BookEvent, type Level, type OrderBookSnapshot, type PublicExchange, type Pair } from '@cexgw/adapters';
import type { Finding } from './report.js';

// The synchronised book against a fresh REST snapshot, compared the way that is honest for a
// moving market: a snapshot is a state at one update id, the stream's book at another. The
// snapshot is brought to the stream's id by the deltas the adapter applied since, exactly as the
// venues document joining a snapshot to their depth streams (an update covering [U, u] applies
// when U <= id + 1 <= u), and the two books are then compared level by level at the same id.

/** Deltas held to bring a snapshot forward; the oldest go first beyond this. */
const MAX_HELD_DELTAS = 100_000;
/** A REST snapshot that cannot be lined up with the stream is fetched again, this many times in all. */
const ATTEMPTS = 3;

type Delta = Extract<BookEvent, { type: 'delta' }>;

/** The adapter's book events for one symbol: counts, and the deltas since its last snapshot. */
export class BookRecorder {
  snapshots = 0;
  deltas = 0;
  lastUpdateId = -1;
  /** Update id and arrival time of the first snapshot. */
  firstUpdateId = -1;
  private firstSnapshotAt = 0;
  private held: Delta[] = [];
  private waiters: Array<{ id: number; resolve: (reached: boolean) => void }> = [];
  private readonly synced: Promise<void>;
  private markSynced!: () => void;

  constructor() {
    this.synced = new Promise((resolve) => (this.markSynced = resolve));
  }

  readonly listener = (event: BookEvent): void => {
    if (event.type === 'snapshot') {
      this.snapshots++;
      // A replay never crosses a resynchronisation: the book restarts from the venue's snapshot.
      this.held = [];
      this.lastUpdateId = event.updateId;
      if (this.snapshots === 1) {
        this.firstUpdateId = event.updateId;
        this.firstSnapshotAt = Date.now();
      }
      this.markSynced();
    } else {
      this.deltas++;
      this.held.push(event);
      if (this.held.length > MAX_HELD_DELTAS) this.held.splice(0, this.held.length - MAX_HELD_DELTAS);
      this.lastUpdateId = event.lastUpdateId;
    }
    if (this.waiters.length > 0) {
      const ready = this.waiters.filter((w) => this.lastUpdateId >= w.id);
      this.waiters = this.waiters.filter((w) => this.lastUpdateId < w.id);
      for (const waiter of ready) waiter.resolve(true);
    }
  };

  /** Resolves when the first snapshot has arrived. */
  firstSnapshot(): Promise<void> {
    return this.synced;
  }

  firstSnapshotAfterMs(sinceMs: number): number {
    return this.firstSnapshotAt - sinceMs;
  }

  /** Resolves true once the stream's book holds update id `id`, false after `timeoutMs`. */
  reached(id: number, timeoutMs: number): Promise<boolean> {
    if (this.lastUpdateId >= id) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = { id, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs).unref();
    });
  }

  /** Held deltas that end after `id`, oldest first. */
  deltasAfter(id: number): readonly Delta[] {
    return this.held.filter((delta) => delta.lastUpdateId > id);
  }
}

/** Where a side's known levels end: undefined when the side is the whole book. */
type Boundary = string | undefined;

/** The innermost of two boundaries of one side. */
function inner(side: 'bids' | 'asks', a: Boundary, b: Boundary): Boundary {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const c = compareDecimal(a, b);
  return side === 'bids' ? (c >= 0 ? a : b) : c <= 0 ? a : b;
}

function within(side: 'bids' | 'asks', levels: readonly Level[], boundary: Boundary): Level[] {
  if (boundary === undefined) return [...levels];
  return levels.filter(([price]) => (side === 'bids' ? compareDecimal(price, boundary) >= 0 : compareDecimal(price, boundary) <= 0));
}

const show = (level: Level | undefined) => (level ? `${level[1]} @ ${level[0]}` : 'no level');

/**
 * One side of two books over the price range both know; the problem found, if any, and how many
 * levels were compared.
 */
function compareSide(side: 'bids' | 'asks', rest: readonly Level[], restBoundary: Boundary, stream: readonly Level[], streamBoundary: Boundary): { compared: number; problem?: string } {
  const boundary = inner(side, restBoundary, streamBoundary);
  const a = within(side, rest, boundary);
  const b = within(side, stream, boundary);
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i]?.[0] !== b[i]?.[0] || a[i]?.[1] !== b[i]?.[1]) {
      return { compared: n, problem: `${side} differ at level ${i + 1}: REST ${show(a[i])}, stream ${show(b[i])} (${a.length} vs ${b.length} levels${boundary ? ` down to ${boundary}` : ''})` };
    }
  }
  return { compared: n };
}

export interface BookCompareSettings {
  /** Levels asked of REST. */
  readonly depth: number;
  /** Levels the stream's channel carries (0: the whole book). */
  readonly channelDepth: number;
  /** How long to wait for the stream to reach the snapshot's id. */
  readonly waitMs: number;
}

type Attempt = Finding | { readonly retry: string };

/** Compares the adapter's synchronised book with fresh REST snapshots until one lines up. */
export async function compareWithRest(market: PublicExchange, symbol: Pair, recorder: BookRecorder, settings: BookCompareSettings): Promise<Finding> {
  const why: string[] = [];
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const resets = recorder.snapshots;
    const rest = await market.getOrderBook(symbol, settings.depth);
    await recorder.reached(rest.updateId, settings.waitMs);
    // From here to the comparison nothing awaits: the book and the held deltas are one instant.
    const current = market.currentBook(symbol);
    const outcome: Attempt =
      current?.type !== 'snapshot'
        ? { retry: 'the stream has no synchronised book' }
        : recorder.snapshots !== resets
          ? { retry: 'the adapter resynchronised its book meanwhile' }
          : lineUp(rest, current, recorder, settings);
    if (!('retry' in outcome)) return outcome;
    why.push(`snapshot ${attempt} (id ${rest.updateId}): ${outcome.retry}`);
  }
  return { detail: `no REST snapshot lined up with the stream in ${ATTEMPTS} attempts`, problems: why };
}

function lineUp(rest: OrderBookSnapshot, current: Extract<BookEvent, { type: 'snapshot' }>, recorder: BookRecorder, settings: BookCompareSettings): Attempt {
  const restId = rest.updateId;
  const streamId = current.updateId;
  const book = new L2Book();
  book.applySnapshot(rest.bids, rest.asks, restId, rest.timestampMs);
  let how: string;
  if (restId > streamId) {
    // On a top-N channel a change below level N advances the venue's id without a push: a quiet
    // stream may stay behind the snapshot with the same top N.
    if (settings.channelDepth === 0) return { retry: `the stream stayed at id ${streamId}, behind the snapshot, for ${settings.waitMs} ms` };
    how = `REST snapshot at update id ${restId}, ahead of the stream's ${streamId} with no push for ${settings.waitMs} ms (a top-${settings.channelDepth} channel pushes no change below level ${settings.channelDepth}); compared as they stand`;
  } else {
    let applied = 0;
    for (const delta of recorder.deltasAfter(restId)) {
      const verdict = continuity(book.lastUpdateId, delta.firstUpdateId, delta.lastUpdateId);
      if (verdict === 'gap') return { retry: `older than the stream's held deltas, which resume at id ${delta.firstUpdateId}` };
      if (verdict === 'stale') continue;
      book.applyDelta(delta.bids, delta.asks, delta.lastUpdateId, delta.timestampMs);
      applied++;
    }
    if (book.lastUpdateId !== streamId) return { retry: `the held deltas reach id ${book.lastUpdateId}, not the book's ${streamId}` };
    how =
      applied === 0
        ? `REST snapshot and the stream's book at the same update id ${restId}`
        : `REST snapshot at update id ${restId} brought to the stream's ${streamId} by the ${applied === 1 ? 'delta' : `${applied} deltas`} in between (the venue's documented snapshot-and-deltas procedure)`;
  }
  const brought = { bids: book.bids.levels(), asks: book.asks.levels() };
  // Where each book's knowledge ends: a REST side as deep as asked may go on beyond its last
  // level; a top-N channel knows nothing below level N.
  const restBoundary = (side: 'bids' | 'asks'): Boundary => (rest[side].length >= settings.depth ? canonicalDecimal(rest[side].at(-1)![0]) : undefined);
  const streamBoundary = (side: 'bids' | 'asks'): Boundary => (settings.channelDepth > 0 ? current[side][settings.channelDepth - 1]?.[0] : undefined);
  const bids = compareSide('bids', brought.bids, restBoundary('bids'), current.bids, streamBoundary('bids'));
  const asks = compareSide('asks', brought.asks, restBoundary('asks'), current.asks, streamBoundary('asks'));
  const problems = [bids.problem, asks.problem].filter((p): p is string => p !== undefined);
  return {
    detail: `${how}: ${bids.compared} bid and ${asks.compared} ask levels ${problems.length === 0 ? 'equal' : 'compared'}`,
    problems,
  };
}
