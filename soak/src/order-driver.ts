import * as grpc from '@grpc/grpc-js';
import { isServiceError, unary, type TradingClients } from './clients.js';
import type { Sim } from './processes.js';

// The team's own orders during the soak: small limit orders at the top of the book that the
// venue's flow and explicit crosses fill, cancelled when stale; on futures, positions opened and
// closed with market orders. Every placement has a client order id; one whose outcome is not
// known (timeout, service killed mid-call, venue down) is retried with the SAME id until the
// gateway gives a definite answer, which is what makes a retry safe.

export interface OrderStats {
  placed: number;
  refused: number;
  retried: number;
  cancelled: number;
  /** Placements still without a definite answer at the end (should be 0). */
  unresolved: number;
  /** Refusals by gRPC status and the venue's code, e.g. "FAILED_PRECONDITION REDUCE_EXCEEDED". */
  refusedBy: Map<string, number>;
}

/** Retry with the same id: the call may or may not have placed the order. */
const OUTCOME_OPEN = new Set([grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED, grpc.status.CANCELLED, grpc.status.UNKNOWN, grpc.status.INTERNAL]);

export abstract class OrderDriver {
  readonly stats: OrderStats = { placed: 0, refused: 0, retried: 0, cancelled: 0, unresolved: 0, refusedBy: new Map() };
  protected sequence = 0;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly unresolved: Array<{ service: 'trading' | 'futures'; method: string; request: object }> = [];
  private busy = false;

  constructor(
    readonly name: string,
    protected readonly sim: Sim,
    protected readonly clients: () => TradingClients,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.running = true;
    this.timer = setInterval(() => {
      if (this.busy || !this.running) return;
      this.busy = true;
      this.retryUnresolved()
        .then(() => this.step())
        .catch(() => undefined)
        .finally(() => (this.busy = false));
    }, this.intervalMs);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.timer);
    while (this.busy) await new Promise((r) => setTimeout(r, 20));
  }

  protected abstract step(): Promise<void>;

  protected nextId(prefix: string): string {
    return `${prefix}-${++this.sequence}`;
  }

  /**
   * Sends a placement once. An open outcome (timeout, service down, venue 5xx) parks the request
   * to be sent again, with the same id, on later steps until the answer is definite.
   */
  protected async placeOnce(service: 'trading' | 'futures', method: string, request: object): Promise<any | undefined> {
    try {
      const clients = this.clients();
      const answer = await unary(clients[service], method, request, clients.metadata(), 4_000);
      this.stats.placed++;
      return answer;
    } catch (error) {
      if (isServiceError(error) && OUTCOME_OPEN.has(error.code)) {
        this.stats.retried++;
        this.unresolved.push({ service, method, request });
        return undefined;
      }
      this.stats.refused++; // definite: never placed (bad input, margin, rate limit, ...)
      const why = isServiceError(error) ? `${method} ${grpc.status[error.code]} ${String(error.metadata?.get('cexgw-venue-code')[0] ?? '')}`.trim() : `${method} ${String(error)}`;
      this.stats.refusedBy.set(why, (this.stats.refusedBy.get(why) ?? 0) + 1);
      return undefined;
    }
  }

  /** One more attempt for every parked placement (each may park itself again). */
  protected async retryUnresolved(): Promise<void> {
    const parked = this.unresolved.splice(0);
    for (const { service, method, request } of parked) await this.placeOnce(service, method, request);
  }

  /** At the end: keep retrying until every placement has a definite answer (or `timeoutMs`). */
  async resolveAll(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (this.unresolved.length > 0 && Date.now() < deadline) {
      await this.retryUnresolved();
      if (this.unresolved.length > 0) await new Promise((r) => setTimeout(r, 1_000));
    }
    this.stats.unresolved = this.unresolved.length;
    return this.unresolved.length;
  }
}

/** Spot: join the top of the book with 0.001 BTC, cross part of it, cancel what is left later. */
export class SpotOrderDriver extends OrderDriver {
  private readonly open: Array<{ id: string; at: number }> = [];

  constructor(
    name: string,
    sim: Sim,
    clients: () => TradingClients,
    intervalMs: number,
    private readonly venueSymbol: string,
    private readonly bookParam: 'symbol' | 'currency_pair',
  ) {
    super(name, sim, clients, intervalMs);
  }

  protected async step(): Promise<void> {
    const book = await this.sim.control<{ bids: Array<[string, string]>; asks: Array<[string, string]> }>(`book?${this.bookParam}=${this.venueSymbol}&depth=1`);
    const buy = this.sequence % 2 === 0;
    const level = buy ? book.bids[0] : book.asks[0];
    if (!level) return;
    const id = this.nextId(`soak-${this.name}`);
    const placed = await this.placeOnce('trading', 'PlaceOrder', {
      symbol: { base: 'BTC', quote: 'USDT' },
      side: buy ? 'SIDE_BUY' : 'SIDE_SELL',
      type: 'ORDER_TYPE_LIMIT',
      quantity: '0.001',
      price: level[0],
      client_order_id: id,
    });
    if (!placed) return;
    this.open.push({ id, at: Date.now() });
    await this.sim.control('cross', { symbol: this.venueSymbol, side: buy ? 'sell' : 'buy', quantity: '0.002' }).catch(() => undefined);
    const stale = Date.now() - 3_000;
    while (this.open.length > 0 && this.open[0]!.at < stale) {
      const { id: old } = this.open.shift()!;
      const clients = this.clients();
      await unary(clients.trading, 'CancelOrder', { symbol: { base: 'BTC', quote: 'USDT' }, client_order_id: old }, clients.metadata(), 4_000)
        .then(() => this.stats.cancelled++)
        .catch(() => undefined); // filled meanwhile, or the service is down: both fine
    }
  }
}

/** Futures: open a small long or short with a market order, close it on the next step. */
export class FuturesOrderDriver extends OrderDriver {
  private holding = false;

  protected async step(): Promise<void> {
    const symbol = { base: 'BTC', quote: 'USDT' };
    if (this.holding) {
      // Placed or definitely refused (nothing left to close): either way, flat for us.
      await this.placeOnce('futures', 'ClosePosition', { symbol, client_order_id: this.nextId(`soak-${this.name}-close`) });
      this.holding = false;
      return;
    }
    const contracts = String(1 + (this.sequence % 3));
    const opened = await this.placeOnce('futures', 'PlaceFuturesOrder', {
      symbol,
      side: this.sequence % 4 < 2 ? 'SIDE_BUY' : 'SIDE_SELL',
      type: 'ORDER_TYPE_MARKET',
      contracts,
      client_order_id: this.nextId(`soak-${this.name}-open`),
    });
    if (opened) this.holding = true;
  }
}
