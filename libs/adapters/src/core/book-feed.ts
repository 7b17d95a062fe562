import { continuity, L2Book, type Continuity, type RawLevels } from './order-book.js';
import type { Pair } from './symbol.js';
import { nowMicros, type BookEvent } from './types.js';

export type BookListener = (event: BookEvent) => void;

/** How a delta fared: applied, already contained, a gap (resync), or unreadable (dropped). */
export type DeltaVerdict = Continuity | 'malformed';

/**
 * True when the reader that produced the levels (the Gate obu scanner, the MEXC depth reader)
 * checked each one while reading it, by the rules of malformedBookUpdate: then the feed does
 * not walk the levels a second time to check them again. Readers that cannot (JSON.parse, a
 * generated decoder) leave it false.
 */
export type LevelsChecked = boolean;

/** A plain non-negative decimal string ("12", "0.5", ".5", "1."): digits and at most one point. */
function isPlainDecimal(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  let digits = 0;
  let points = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && points === 0) points++;
    else return false;
  }
  return digits > 0;
}

/** Whether a plain decimal has a non-zero digit. */
function isNonZero(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 49 && c <= 57) return true;
  }
  return false;
}

function levelProblem(level: unknown): string | undefined {
  let price: unknown;
  let quantity: unknown;
  if (Array.isArray(level)) {
    if (level.length !== 2) return `a level of ${level.length} values`;
    [price, quantity] = level as unknown[];
  } else if (level !== null && typeof level === 'object') {
    ({ price, quantity } = level as { price?: unknown; quantity?: unknown });
  } else return `a level ${JSON.stringify(level)}`;
  if (!isPlainDecimal(price) || !isNonZero(price)) return `price ${JSON.stringify(price)}`;
  if (!isPlainDecimal(quantity)) return `quantity ${JSON.stringify(quantity)}`;
  return undefined;
}

function levelsProblem(levels: unknown): string | undefined {
  if (!Array.isArray(levels)) return `levels ${typeof levels}`;
  for (let i = 0; i < levels.length; i++) {
    const problem = levelProblem(levels[i]);
    if (problem) return problem;
  }
  return undefined;
}

const isId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * What makes a venue update unusable, or undefined when it is well formed: ids that are not
 * non-negative safe integers (or first > last), a timestamp that is not one, levels that are
 * not [price, quantity] pairs of plain decimals (no sign, exponent, spaces, NaN; price > 0).
 * Checked before anything is applied, so a bad update never half-changes a book.
 * `levelsChecked`: the venue reader already checked every level as it read it (see
 * LevelsChecked), so only the ids and the timestamp are left to check here.
 */
export function malformedBookUpdate(bids: unknown, asks: unknown, firstUpdateId: unknown, lastUpdateId: unknown, timestampMs: unknown, levelsChecked = false): string | undefined {
  if (!isId(firstUpdateId) || !isId(lastUpdateId) || firstUpdateId > lastUpdateId) return `update ids ${JSON.stringify(firstUpdateId)}..${JSON.stringify(lastUpdateId)}`;
  if (!isId(timestampMs)) return `timestamp ${JSON.stringify(timestampMs)}`;
  if (levelsChecked) return undefined;
  const problem = levelsProblem(bids) ?? levelsProblem(asks);
  return problem === undefined ? undefined : problem.length > 80 ? `${problem.slice(0, 80)}…` : problem;
}

/**
 * The synchronised book of one symbol and everyone listening to it. Venue code feeds it
 * snapshots and deltas in the venue's update ids; the feed enforces continuity, forwards what
 * applies, and asks the venue to resynchronise on a gap. A listener that joins a synced book
 * first receives a snapshot of it, so late joiners share the one venue subscription.
 */
export class BookFeed {
  readonly book = new L2Book();
  private readonly listeners = new Set<BookListener>();

  constructor(
    readonly symbol: Pair,
    /** Called when a gap makes the book unusable; the venue must fetch or request a snapshot. */
    private readonly onGap: (reason: string) => void,
  ) {}

  get listenerCount(): number {
    return this.listeners.size;
  }

  addListener(listener: BookListener): void {
    this.listeners.add(listener);
    if (this.book.isSynced) listener(this.snapshotEvent(nowMicros()));
  }

  /** Returns the number of listeners left. */
  removeListener(listener: BookListener): number {
    this.listeners.delete(listener);
    return this.listeners.size;
  }

  /**
   * Replaces the book. A malformed snapshot (see malformedBookUpdate) is not applied: the book is
   * dropped and a resync requested, since the venue's book has moved on without us. Returns
   * false then, so the caller can count the frame.
   */
  applySnapshot(bids: RawLevels, asks: RawLevels, updateId: number, timestampMs: number, receivedUs: number, levelsChecked: LevelsChecked = false): boolean {
    const problem = malformedBookUpdate(bids, asks, updateId, updateId, timestampMs, levelsChecked);
    if (problem !== undefined) {
      this.book.reset();
      this.onGap(`malformed snapshot: ${problem}`);
      return false;
    }
    this.book.applySnapshot(bids, asks, updateId, timestampMs);
    if (this.listeners.size > 0) this.emit(this.snapshotEvent(receivedUs));
    return true;
  }

  /**
   * Applies a delta covering venue ids [firstUpdateId, lastUpdateId]. Stale deltas are
   * ignored; a gap (or a delta before any snapshot) drops the book and triggers a resync. A
   * malformed delta is dropped whole ('malformed'): the book stays as it was, at its last id, so
   * if the delta carried real changes the next delta shows the gap.
   */
  applyDelta(bids: RawLevels, asks: RawLevels, firstUpdateId: number, lastUpdateId: number, timestampMs: number, receivedUs: number, levelsChecked: LevelsChecked = false): DeltaVerdict {
    if (malformedBookUpdate(bids, asks, firstUpdateId, lastUpdateId, timestampMs, levelsChecked) !== undefined) return 'malformed';
    if (!this.book.isSynced) return 'gap';
    const verdict = continuity(this.book.lastUpdateId, firstUpdateId, lastUpdateId);
    if (verdict === 'gap') {
      const reason = `update ids jumped from ${this.book.lastUpdateId} to ${firstUpdateId}..${lastUpdateId}`;
      this.book.reset();
      this.onGap(reason);
      return verdict;
    }
    if (verdict === 'stale') return verdict;
    const changed = this.book.applyDelta(bids, asks, lastUpdateId, timestampMs);
    if (this.listeners.size > 0) {
      this.emit({
        type: 'delta',
        symbol: this.symbol,
        bids: changed.bids,
        asks: changed.asks,
        firstUpdateId,
        lastUpdateId,
        timestampMs,
        receivedUs,
      });
    }
    return verdict;
  }

  /** The venue connection was lost: the book can no longer be trusted until the next snapshot. */
  invalidate(): void {
    this.book.reset();
  }

  snapshotEvent(receivedUs: number): BookEvent {
    return {
      type: 'snapshot',
      symbol: this.symbol,
      bids: this.book.bids.levels(),
      asks: this.book.asks.levels(),
      updateId: this.book.lastUpdateId,
      timestampMs: this.book.timestampMs,
      receivedUs,
    };
  }

  private emit(event: BookEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
