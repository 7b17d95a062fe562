import * as grpc from '@grpc/grpc-js';
import { isServiceError, unary, type TradingClients } from './clients.js';
import type { Sim } from './processes.js';

// The team's own orders during the soak: small limit orders at the top of the book that the
// venue's flow and explicit crosses fill, cancelled when stale; on futures, positions opened and
// closed with market orders. Every placement has a client order id; one whose outcome is not
// known (timeout, service killed mid-call, venue down) is retried with the SAME id until the
// gateway gives a definite answer, which is what makes a retry safe.
//
// Every answer is accounted per operation. A refusal is either planned (the faults cause it: a
// rate limit from the injected 429s; or the market moved first: a stale order filled before its
// cancel) or it is a defect of the gateway or of the soak itself (a malformed request), which
// fails the run: a soak that is refused quietly stops exercising what it claims to.

export interface OperationCoverage {
  attempts: number;
  ok: number;
  /** Open outcome (service down, timeout): sent again with the same id. */
  retried: number;
  planned: number;
  unplanned: number;
}

export interface OrderStats {
  placed: number;
  refused: number;
  retried: number;
  cancelled: number;
  /** Placements still without a definite answer at the end (should be 0). */
  unresolved: number;
  /** Refusals by gRPC status and the venue's code, e.g. "ClosePosition RESOURCE_EXHAUSTED TOO_MANY_REQUESTS". */
  refusedBy: Map<string, number>;
  /** The refusals the soak did not plan for, by the same key, with the first message seen. */
  unplannedBy: Map<string, { count: number; message: string }>;
  /** Per RPC: what was attempted and how it ended. */
  operations: Map<string, OperationCoverage>;
}

/** Retry with the same id: the call may or may not have placed the order. */
const OUTCOME_OPEN = new Set([grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED, grpc.status.CANCELLED, grpc.status.UNKNOWN, grpc.status.INTERNAL]);

/**
 * The shortest client order id limit of the venues (Gate.io's `text`: 28 characters after its
 * "t-"). Ids are built to fit it; one that did not would be refused as INVALID_ARGUMENT.
 */
export const MAX_CLIENT_ORDER_ID = 28;

const VENUE_TAGS: Readonly<Record<string, string>> = { mexc_spot: 'mx', gateio_spot: 'gs', gateio_futures: 'gf', binance_spot: 'bs', binance_usdm: 'bu' };

/** Refusals the soak causes on purpose, by RPC. Anything else is unplanned. */
function plannedRefusal(method: string, error: grpc.ServiceError): boolean {
  if (error.code === grpc.status.RESOURCE_EXHAUSTED) return true; // the injected 429s
  // A stale order the flow or a cross filled (or that was cancelled by a retried call) before this cancel.
  if (method === 'CancelOrder') return error.code === grpc.status.NOT_FOUND || error.code === grpc.status.FAILED_PRECONDITION;
  return false;
}

export abstract class OrderDriver {
  readonly stats: OrderStats = { placed: 0, refused: 0, retried: 0, cancelled: 0, unresolved: 0, refusedBy: new Map(), unplannedBy: new Map(), operations: new Map() };
  protected sequence = 0;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly unresolved: Array<{ service: 'trading' | 'futures'; method: string; request: object }> = [];
  private busy = false;
  private readonly tag: string;

  constructor(
    readonly name: string,
    protected readonly sim: Sim,
    protected readonly clients: () => TradingClients,
    private readonly intervalMs: number,
  ) {
    this.tag = VENUE_TAGS[name] ?? name;
  }

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

  /** A new client order id such as "soak-gf-close-123": unique in the run, within every venue's limit. */
  protected nextId(kind: string): string {
    const id = `soak-${this.tag}-${kind}-${++this.sequence}`;
    if (id.length > MAX_CLIENT_ORDER_ID) throw new Error(`soak client order id ${id} is longer than ${MAX_CLIENT_ORDER_ID} characters`);
    return id;
  }

  private operation(method: string): OperationCoverage {
    let entry = this.stats.operations.get(method);
    if (!entry) this.stats.operations.set(method, (entry = { attempts: 0, ok: 0, retried: 0, planned: 0, unplanned: 0 }));
    return entry;
  }

  /** Counts a definite refusal, planned or not. */
  private refused(method: string, error: unknown): void {
    const op = this.operation(method);
    this.stats.refused++;
    const why = isServiceError(error) ? `${method} ${grpc.status[error.code]} ${String(error.metadata?.get('cexgw-venue-code')[0] ?? '')}`.trim() : `${method} ${String(error)}`;
    this.stats.refusedBy.set(why, (this.stats.refusedBy.get(why) ?? 0) + 1);
    if (isServiceError(error) && plannedRefusal(method, error)) {
      op.planned++;
      return;
    }
    op.unplanned++;
    const known = this.stats.unplannedBy.get(why);
    if (known) known.count++;
    else this.stats.unplannedBy.set(why, { count: 1, message: isServiceError(error) ? error.details : String(error) });
  }

  /** One call, accounted: its answer, or none (refused, or an open outcome: service down, timeout). */
  private async attempt(service: 'trading' | 'futures', method: string, request: object): Promise<{ answer?: any; open: boolean }> {
    const op = this.operation(method);
    op.attempts++;
    try {
      const clients = this.clients();
      const answer = await unary(clients[service], method, request, clients.metadata(), 4_000);
      op.ok++;
      return { answer, open: false };
    } catch (error) {
      if (isServiceError(error) && OUTCOME_OPEN.has(error.code)) {
        op.retried++;
        return { open: true };
      }
      this.refused(method, error);
      return { open: false };
    }
  }

  /** A call that places nothing (a cancel, a query): not sent again when the service was down. */
  protected async call(service: 'trading' | 'futures', method: string, request: object): Promise<any | undefined> {
    return (await this.attempt(service, method, request)).answer;
  }

  /**
   * Sends a placement once. An open outcome (timeout, service down, venue 5xx) parks the request
   * to be sent again, with the same id, on later steps until the answer is definite.
   */
  protected async placeOnce(service: 'trading' | 'futures', method: string, request: object): Promise<any | undefined> {
    const { answer, open } = await this.attempt(service, method, request);
    if (answer) this.stats.placed++;
    if (open) {
      this.stats.retried++;
      this.unresolved.push({ service, method, request });
    }
    return answer;
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
    const id = this.nextId('limit');
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
      if (await this.call('trading', 'CancelOrder', { symbol: { base: 'BTC', quote: 'USDT' }, client_order_id: old })) this.stats.cancelled++;
    }
  }
}

/**
 * Futures: open a small long or short with a market order, close it on the next step. Whether
 * there is a position to close is asked (GetPositions), not assumed: an open whose answer was
 * lost may land later, on a retry with its id, and net against the next one.
 */
export class FuturesOrderDriver extends OrderDriver {
  private holding = false;

  constructor(
    name: string,
    sim: Sim,
    clients: () => TradingClients,
    intervalMs: number,
    /** Position sizes in contracts, taken in turn (each worth at least the venue's minimum order). */
    private readonly sizes: readonly string[] = ['1', '2', '3'],
  ) {
    super(name, sim, clients, intervalMs);
  }

  protected async step(): Promise<void> {
    const symbol = { base: 'BTC', quote: 'USDT' };
    if (this.holding) {
      const answer = await this.call('futures', 'GetPositions', { symbol });
      if (!answer) return; // service down: ask again on the next step
      const open = (answer.positions ?? []).some((p: { side: string }) => p.side === 'POSITION_SIDE_LONG' || p.side === 'POSITION_SIDE_SHORT');
      // Placed or definitely refused: either way, flat for us.
      if (open) await this.placeOnce('futures', 'ClosePosition', { symbol, client_order_id: this.nextId('close') });
      this.holding = false;
      return;
    }
    const contracts = this.sizes[this.sequence % this.sizes.length]!;
    const opened = await this.placeOnce('futures', 'PlaceFuturesOrder', {
      symbol,
      side: this.sequence % 4 < 2 ? 'SIDE_BUY' : 'SIDE_SELL',
      type: 'ORDER_TYPE_MARKET',
      contracts,
      client_order_id: this.nextId('open'),
    });
    if (opened) this.holding = true;
  }
}
