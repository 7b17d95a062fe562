/** An OrderBookUpdate as the client receives it (proto-loader keepCase, longs as strings). */
export interface StreamedUpdate {
  kind: string;
  reset: boolean;
  sequence: string;
  first_update_id: string;
  last_update_id: string;
  bids: Array<{ price: string; quantity: string }>;
  asks: Array<{ price: string; quantity: string }>;
}

/**
 * What a client of StreamOrderBook holds: applies messages in order, exactly as the API
 * contract says, and checks the contract (contiguous sequence, snapshot first).
 */
export class BookReplica {
  readonly bids = new Map<string, string>();
  readonly asks = new Map<string, string>();
  lastSequence = 0;
  lastUpdateId = '';
  resets = 0;
  deltas = 0;
  readonly violations: string[] = [];

  apply(update: StreamedUpdate): void {
    const sequence = Number(update.sequence);
    if (sequence !== this.lastSequence + 1) this.violations.push(`sequence ${this.lastSequence} -> ${sequence}`);
    this.lastSequence = sequence;
    if (update.kind === 'ORDER_BOOK_UPDATE_KIND_SNAPSHOT') {
      if (!update.reset) this.violations.push(`snapshot at ${sequence} without reset`);
      this.bids.clear();
      this.asks.clear();
      this.resets++;
    } else if (this.resets === 0) {
      this.violations.push(`delta at ${sequence} before any snapshot`);
    } else {
      this.deltas++;
    }
    for (const { price, quantity } of update.bids) set(this.bids, price, quantity);
    for (const { price, quantity } of update.asks) set(this.asks, price, quantity);
    this.lastUpdateId = update.last_update_id;
  }

  /** Best first, as [price, quantity] with numeric-equal strings normalised. */
  levels(side: 'bids' | 'asks'): Array<[string, string]> {
    const entries = [...this[side].entries()].map(([p, q]) => [norm(p), norm(q)] as [string, string]);
    entries.sort((a, b) => (side === 'bids' ? Number(b[0]) - Number(a[0]) : Number(a[0]) - Number(b[0])));
    return entries;
  }
}

function set(side: Map<string, string>, price: string, quantity: string): void {
  if (Number(quantity) === 0) side.delete(norm(price));
  else side.set(norm(price), quantity);
}

/** Canonical decimal text for comparison ("1.500" -> "1.5"). */
export function norm(value: string): string {
  if (!value.includes('.')) return value.replace(/^0+(?=\d)/, '');
  return value
    .replace(/^0+(?=\d)/, '')
    .replace(/0+$/, '')
    .replace(/\.$/, '');
}

export function normLevels(levels: ReadonlyArray<readonly [string, string]>): Array<[string, string]> {
  return levels.map(([p, q]) => [norm(p), norm(q)]);
}
