import type { Position } from './futures-private.js';
import type { Logger } from './logger.js';

/**
 * Keeps positions current from the venue's REST answers, which carry every field exactly
 * (websocket position pushes often lack mark price and PnL, or carry them as binary floats).
 * A push only says "this contract changed": one re-read per contract runs at a time, and a
 * change seen during a read schedules exactly one more. Open positions are also re-read on a
 * timer so mark price, unrealised PnL and liquidation price move with the market.
 */
export class PositionRefresher {
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly open = new Set<string>();
  /** What was last emitted per contract, so an unchanged re-read is not pushed again. */
  private readonly last = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly read: (venueSymbol: string) => Promise<Position>,
    private readonly emit: (position: Position) => void,
    private readonly logger: Logger,
    private readonly pollMs: number,
  ) {}

  start(): void {
    if (this.pollMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      for (const venueSymbol of this.open) this.changed(venueSymbol);
    }, this.pollMs);
    this.timer.unref();
  }

  /** Records a position known from elsewhere (a full REST read), so the timer follows it. */
  seen(venueSymbol: string, position: Position): void {
    if (position.side === 'flat') this.open.delete(venueSymbol);
    else this.open.add(venueSymbol);
  }

  /** The venue says this contract's position changed: re-read it (coalesced). */
  changed(venueSymbol: string): void {
    if (this.running.has(venueSymbol)) {
      this.again.add(venueSymbol);
      return;
    }
    const run = this.refresh(venueSymbol).finally(() => {
      this.running.delete(venueSymbol);
      if (this.again.delete(venueSymbol)) this.changed(venueSymbol);
    });
    this.running.set(venueSymbol, run);
  }

  private async refresh(venueSymbol: string): Promise<void> {
    try {
      const position = await this.read(venueSymbol);
      this.seen(venueSymbol, position);
      const { updatedMs: _updated, ...fields } = position;
      const key = JSON.stringify(fields);
      if (this.last.get(venueSymbol) === key) return;
      this.last.set(venueSymbol, key);
      this.emit(position);
    } catch (error) {
      this.logger.warn({ contract: venueSymbol, err: (error as Error).message }, 'position re-read failed; the next change or poll retries');
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
