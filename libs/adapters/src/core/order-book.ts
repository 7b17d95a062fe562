import { canonicalDecimal, compareDecimal } from './decimal.js';
import type { Level } from './types.js';

/** One price level; updated in place, so only a new price allocates. */
interface LevelEntry {
  readonly price: string;
  /** The price as a double, for a fast first comparison. */
  readonly key: number;
  quantity: string;
}

/**
 * One side of an L2 book as one sorted array of level entries, best at index 0. Binary search
 * compares the doubles first and falls back to exact decimal comparison only when two distinct
 * decimals round to the same double, so ordering stays exact at any precision. Prices and
 * quantities are stored in canonical form so equal values compare equal.
 */
export class BookSide {
  private readonly entries: LevelEntry[] = [];

  /** `descending` for bids (best = highest), ascending for asks. */
  constructor(private readonly descending: boolean) {}

  get size(): number {
    return this.entries.length;
  }

  /** Removes the levels beyond the best `depth`, returning them as deletions ("0"). */
  trimTo(depth: number): Level[] {
    if (this.entries.length <= depth) return [];
    return this.entries.splice(depth).map((entry): Level => [entry.price, '0']);
  }

  /** Prices best first (diagnostics and tests). */
  get prices(): string[] {
    return this.entries.map((entry) => entry.price);
  }

  clear(): void {
    this.entries.length = 0;
  }

  /** Sets a level; quantity "0" removes it. Both arguments must be canonical. */
  set(price: string, quantity: string): void {
    const entries = this.entries;
    const key = +price;
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const entry = entries[mid]!;
      const c = entry.key < key ? -1 : entry.key > key ? 1 : entry.price === price ? 0 : compareDecimal(entry.price, price);
      if (c === 0) {
        if (quantity === '0') entries.splice(mid, 1);
        else entry.quantity = quantity;
        return;
      }
      if (this.descending ? c > 0 : c < 0) lo = mid + 1;
      else hi = mid;
    }
    if (quantity === '0') return;
    const entry: LevelEntry = { price, key, quantity };
    if (lo === entries.length) entries.push(entry);
    else entries.splice(lo, 0, entry);
  }

  /** The best `depth` levels (all when depth is 0). */
  levels(depth = 0): Level[] {
    const n = depth > 0 ? Math.min(depth, this.entries.length) : this.entries.length;
    const out = new Array<Level>(n);
    for (let i = 0; i < n; i++) {
      const entry = this.entries[i]!;
      out[i] = [entry.price, entry.quantity];
    }
    return out;
  }
}

/** Where an update stands against the book's last applied update id. */
export type Continuity = 'apply' | 'stale' | 'gap';

/**
 * The rule shared by the venues' documented procedures: an update covering ids
 * [first, last] applies when first <= lastApplied + 1 <= last; it is stale (already
 * contained in the book) when last <= lastApplied; anything else leaves a hole.
 */
export function continuity(lastApplied: number, first: number, last: number): Continuity {
  if (last <= lastApplied) return 'stale';
  if (first > lastApplied + 1) return 'gap';
  return 'apply';
}

/** A level as venues send it: a [price, quantity] pair (JSON venues) or an object (protobuf). */
export type RawLevel = readonly [string, string] | { readonly price: string; readonly quantity: string };
export type RawLevels = ReadonlyArray<RawLevel>;

/** An L2 order book with the id of the last update it contains. */
export class L2Book {
  readonly bids = new BookSide(true);
  readonly asks = new BookSide(false);
  /** Venue update id of the last applied snapshot or delta; -1 before any snapshot. */
  lastUpdateId = -1;
  timestampMs = 0;
  /**
   * Levels kept per side (0: all). A depth-limited channel only maintains its top N: a level
   * pushed out below them is never updated again, so it is dropped here rather than left stale.
   */
  maxLevels = 0;

  get isSynced(): boolean {
    return this.lastUpdateId >= 0;
  }

  reset(): void {
    this.bids.clear();
    this.asks.clear();
    this.lastUpdateId = -1;
  }

  /**
   * Replaces the book with raw venue levels ([price, quantity] strings, any order), and
   * returns the canonical levels best first.
   */
  applySnapshot(bids: RawLevels, asks: RawLevels, updateId: number, timestampMs: number): void {
    this.bids.clear();
    this.asks.clear();
    applyLevels(this.bids, bids);
    applyLevels(this.asks, asks);
    if (this.maxLevels > 0) {
      this.bids.trimTo(this.maxLevels);
      this.asks.trimTo(this.maxLevels);
    }
    this.lastUpdateId = updateId;
    this.timestampMs = timestampMs;
  }

  /**
   * Applies raw venue delta levels and returns them canonicalised, ready to forward. The
   * caller has checked continuity; "0" quantities remove levels.
   */
  applyDelta(bids: RawLevels, asks: RawLevels, lastUpdateId: number, timestampMs: number): { bids: Level[]; asks: Level[] } {
    let outBids = applyLevels(this.bids, bids);
    let outAsks = applyLevels(this.asks, asks);
    if (this.maxLevels > 0) {
      // Levels that fell below the top N go out as deletions, so clients drop them too.
      if (this.bids.size > this.maxLevels) outBids = outBids.concat(this.bids.trimTo(this.maxLevels));
      if (this.asks.size > this.maxLevels) outAsks = outAsks.concat(this.asks.trimTo(this.maxLevels));
    }
    this.lastUpdateId = lastUpdateId;
    this.timestampMs = timestampMs;
    return { bids: outBids, asks: outAsks };
  }
}

/** Sets raw levels on a side and returns them canonical, ready to forward. */
function applyLevels(side: BookSide, levels: RawLevels): Level[] {
  const out = new Array<Level>(levels.length);
  if (levels.length === 0) return out;
  // One shape per message: decide once, then run a monomorphic loop.
  if (Array.isArray(levels[0])) {
    const pairs = levels as ReadonlyArray<readonly [string, string]>;
    for (let i = 0; i < pairs.length; i++) {
      const level = pairs[i]!;
      const price = canonicalDecimal(level[0]);
      const quantity = canonicalDecimal(level[1]);
      side.set(price, quantity);
      out[i] = price === level[0] && quantity === level[1] ? level : [price, quantity];
    }
  } else {
    const objects = levels as ReadonlyArray<{ readonly price: string; readonly quantity: string }>;
    for (let i = 0; i < objects.length; i++) {
      const level = objects[i]!;
      const price = canonicalDecimal(level.price);
      const quantity = canonicalDecimal(level.quantity);
      side.set(price, quantity);
      out[i] = [price, quantity];
    }
  }
  return out;
}
