import { askBetter, bidBetter, diffLevels, type Level, type MatchingEngine } from "../engine/index.js";

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
 */
export class TopNDiffer {
  private bids: Level[];
  private asks: Level[];
  /** u of the last view sent (or dropped by skip_sequence). */
  private lastU: number;
  private checkedU: number;
  private skipNext = false;

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

  /** The changes since the last push; undefined when the top-N view is unchanged or the push is skipped. */
  next(): TopNChange | undefined {
    const u = this.engine.updateId(this.symbol);
    if (u === this.checkedU) return undefined;
    this.checkedU = u;
    const book = this.engine.book(this.symbol);
    const bids = book.depth("bid", this.level);
    const asks = book.depth("ask", this.level);
    const db = diffLevels(this.bids, bids, bidBetter);
    const da = diffLevels(this.asks, asks, askBetter);
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
