import type { BookEvent, Level, LevelChange } from '../../engine/index.js';
import { StreamFeed } from './stream-hub.js';

/** How a market prints one depth event from the engine's versions from..to and the changed levels. */
export type DepthEventFormat = (first: number, last: number, previousLast: number, bids: Level[], asks: Level[]) => unknown;

const bySide = (changes: Iterable<LevelChange>, side: 'bid' | 'ask'): Level[] => {
  const out: Level[] = [];
  for (const c of changes) if (c.side === side) out.push([c.price, c.quantity]);
  return out.sort((x, y) => (side === 'bid' ? (x[0] > y[0] ? -1 : 1) : x[0] < y[0] ? -1 : 1));
};

/**
 * `<symbol>@depth[@100ms]`: every level changed since the last push with its absolute quantity
 * ("0" = removed), over the engine versions first..last; the next push starts at last + 1 unless
 * skip_sequence drops one (a real gap for clients). The market prints the ids (spot: U/u as the
 * versions; USDⓈ-M: its own id space with pu).
 */
export class DepthFeed extends StreamFeed {
  private readonly pending = new Map<string, LevelChange>();
  private lastVersion: number;
  private skipNext = false;

  constructor(
    name: string,
    symbol: string,
    cadenceMs: number,
    private readonly version: () => number,
    private readonly format: DepthEventFormat,
    private readonly onPush?: (last: number) => void,
  ) {
    super(name, symbol, cadenceMs);
    this.lastVersion = version();
  }

  override onBookEvent(event: BookEvent): void {
    for (const c of event.changes) this.pending.set(`${c.side}|${c.price}`, c);
  }

  override armSkip(): boolean {
    this.skipNext = true;
    return true;
  }

  tick(): void {
    const version = this.version();
    if (version === this.lastVersion) return;
    const previous = this.lastVersion;
    this.lastVersion = version;
    const changes = [...this.pending.values()];
    this.pending.clear();
    if (this.skipNext) {
      this.skipNext = false;
      return;
    }
    const event = this.format(previous + 1, version, previous, bySide(changes, 'bid'), bySide(changes, 'ask'));
    this.onPush?.(version);
    this.broadcast(event);
  }
}
