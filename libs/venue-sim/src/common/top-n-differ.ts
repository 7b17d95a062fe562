import { askBetter, bidBetter, diffLevels, type Level, type LevelChange, type MatchingEngine } from '../engine/index.js';

/** What changed in a symbol's top-N view since the last push: levels to send and the id range. */
export interface TopNChange {
  readonly firstU: number;
  readonly u: number;
  readonly bids: Level[];
  readonly asks: Level[];
  readonly t: number;
}

/**
 * The diff behind every depth-limited book channel (Gate.io spot.obu, futures.obu, the
 * order_book_update channels): each push diffs the current top-N view against the last view
 * sent, so levels that leave the top N go out as deletions and levels that enter go out as
 * additions; U of a push is always the previous push's u + 1, which is what clients check.
 *
 * A push also carries every level inside the view's range that changed during U..u, even when
 * it ended where it started (added, then removed again). A client that applies a push over a
 * REST snapshot taken in the middle of U..u (the documented order_book_update procedure) would
 * otherwise keep a level the snapshot saw and the venue has since removed.
 */
export class TopNDiffer {
  private bids: Level[];
  private asks: Level[];
  /** u of the last view sent (or dropped by skip_sequence). */
  private lastU: number;
  private checkedU: number;
  private skipNext = false;
  private readonly touchedBids = new Set<bigint>();
  private readonly touchedAsks = new Set<bigint>();

  constructor(
    private readonly engine: MatchingEngine,
    private readonly symbol: string,
    private readonly level: number,
  ) {
    const view = engine.view(symbol, level);
    this.bids = view.bids;
    this.asks = view.asks;
    this.lastU = view.updateId;
    this.checkedU = view.updateId;
  }

  /** The last view sent, for a full snapshot that the next delta continues from. */
  get view(): { bids: Level[]; asks: Level[]; u: number } {
    return { bids: this.bids, asks: this.asks, u: this.lastU };
  }

  /** The next change is computed and then dropped: a real gap for the clients. */
  armSkip(): void {
    this.skipNext = true;
  }

  /** Levels one book event of the symbol changed (before the next push). */
  note(changes: readonly LevelChange[]): void {
    for (const change of changes) (change.side === 'bid' ? this.touchedBids : this.touchedAsks).add(change.price);
  }

  /** The changes since the last push; undefined when the top-N view is unchanged or the push is skipped. */
  next(): TopNChange | undefined {
    const u = this.engine.updateId(this.symbol);
    if (u === this.checkedU) return undefined;
    this.checkedU = u;
    const book = this.engine.book(this.symbol);
    const bids = book.depth('bid', this.level);
    const asks = book.depth('ask', this.level);
    const db = withTouched(diffLevels(this.bids, bids, bidBetter), bids, this.touchedBids, this.level, bidBetter);
    const da = withTouched(diffLevels(this.asks, asks, askBetter), asks, this.touchedAsks, this.level, askBetter);
    if (db.length === 0 && da.length === 0) return undefined;
    const firstU = this.lastU + 1;
    this.bids = bids;
    this.asks = asks;
    this.lastU = u;
    if (this.skipNext) {
      this.skipNext = false;
      return undefined;
    }
    return { firstU, u, bids: db, asks: da, t: this.engine.lastChangeTime(this.symbol) };
  }
}

/**
 * The diff plus the touched levels it lacks that lie within the view's range (all of them while
 * the view holds fewer than `level` levels), at their state now: in the view, or deleted.
 * Sorted best first, as the diff is. Clears `touched`.
 */
function withTouched(diff: Level[], view: readonly Level[], touched: Set<bigint>, level: number, better: (a: bigint, b: bigint) => boolean): Level[] {
  if (touched.size === 0) return diff;
  const inDiff = new Set(diff.map((l) => l[0]));
  const worst = view.length >= level ? view[view.length - 1]![0] : undefined;
  const extra: Level[] = [];
  for (const price of touched) {
    if (inDiff.has(price) || (worst !== undefined && better(worst, price))) continue;
    extra.push(view.find((l) => l[0] === price) ?? [price, 0n]);
  }
  touched.clear();
  if (extra.length === 0) return diff;
  return [...diff, ...extra].sort((a, b) => (a[0] === b[0] ? 0 : better(a[0], b[0]) ? -1 : 1));
}
