import type * as grpc from '@grpc/grpc-js';
import { BookReplica, normLevels, type StreamedUpdate } from './book-replica.js';
import type { Sim } from './processes.js';

// A StreamOrderBook client per (venue, symbol): rebuilds the book from the stream exactly as the
// API contract says, records when it receives reset snapshots (to time resynchronisations), and
// at the end is compared level by level with the simulator's own book.

export class BookWatcher {
  replica = new BookReplica();
  readonly resetTimes: number[] = [];
  lastMessageAt = Date.now();
  reconnects = 0;
  private stream: grpc.ClientReadableStream<StreamedUpdate> | undefined;
  private stopped = false;

  constructor(
    readonly venue: Sim['venue'],
    readonly venueSymbol: string,
    private readonly client: any,
    private readonly symbol: { base: string; quote: string },
  ) {}

  start(): void {
    if (this.stopped) return;
    // Each stream has its own sequence: a new stream means a new replica.
    this.replica = new BookReplica();
    const stream = this.client.StreamOrderBook({ symbol: this.symbol }) as grpc.ClientReadableStream<StreamedUpdate>;
    this.stream = stream;
    stream.on('data', (update: StreamedUpdate) => {
      this.lastMessageAt = Date.now();
      if (update.reset) this.resetTimes.push(this.lastMessageAt);
      this.replica.apply(update);
    });
    const ended = () => {
      if (this.stream !== stream || this.stopped) return;
      this.reconnects++;
      setTimeout(() => this.start(), 200);
    };
    stream.on('error', ended);
    stream.on('end', ended);
  }

  /** Time from `sinceMs` to the first reset snapshot after it, if one came. */
  resyncAfter(sinceMs: number): number | undefined {
    const at = this.resetTimes.find((t) => t >= sinceMs);
    return at === undefined ? undefined : at - sinceMs;
  }

  /** Differences between the replica and the venue's book ([] when equal). */
  async compare(sim: Sim, multiplier: string | undefined): Promise<string[]> {
    const gate = sim.venue === 'gateio_spot' || sim.venue === 'gateio_futures';
    const param = !gate ? 'symbol' : sim.venue === 'gateio_futures' ? 'contract' : 'currency_pair';
    // Gate's obu streams carry the top 50 levels; MEXC's and Binance's depth streams the whole book.
    const depth = gate ? 50 : 5000;
    const venue = await sim.control<{ bids: Array<[string, string]>; asks: Array<[string, string]> }>(`book?${param}=${this.venueSymbol}&depth=${depth}`);
    const problems = [...this.replica.violations];
    for (const side of ['bids', 'asks'] as const) {
      const expected = normLevels(venue[side].map(([p, q]) => [p, multiplier ? times(q, multiplier) : q] as [string, string]));
      const actual = this.replica.levels(side);
      if (JSON.stringify(expected) !== JSON.stringify(actual)) {
        const at = expected.findIndex((level, i) => JSON.stringify(level) !== JSON.stringify(actual[i]));
        problems.push(`${side} differ at level ${at}: venue ${JSON.stringify(expected[at])}, stream ${JSON.stringify(actual[at])} (${expected.length} vs ${actual.length} levels)`);
      }
    }
    return problems;
  }

  stop(): void {
    this.stopped = true;
    this.stream?.cancel();
  }
}

/** contracts x multiplier, exactly (decimal strings). */
function times(contracts: string, multiplier: string): string {
  const places = (multiplier.split('.')[1] ?? '').length;
  const units = BigInt(contracts) * BigInt(multiplier.replace('.', ''));
  const digits = units.toString().padStart(places + 1, '0');
  return places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
}
