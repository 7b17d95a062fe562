import { randomBytes } from 'node:crypto';
import { GatewayError, silentLogger, symbolKey, type ErrorKind, type Logger, type OrderRef, type OrderRequest, type OrderState, type PrivateExchange, type Pair } from '@cexgw/adapters';
import type { OrderRecord, TradingJournal } from './journal/journal.js';
import type { KillSwitch } from './kill-switch.js';
import { knownSymbols } from './known-symbols.js';
import { checkPreTradeLimits, type PreTradeLimits } from './limits.js';
import { checkSymbolRules } from './order-checks.js';

// Placement with idempotency by client order id. The rules, in order of precedence:
//  - one client order id = at most one order at the venue, whatever happens: retries,
//    concurrent duplicates, timeouts, restarts of this process;
//  - an order is recorded (pending) BEFORE it is sent, so a crash mid-send leaves a record;
//  - a repeated PlaceOrder with a journaled id never sends: it answers with the known order,
//    asking the venue (getOrder by client order id) when the outcome was not known;
//  - a send that failed in a way that leaves its outcome open (timeout, connection lost after
//    sending, 5xx, unreadable answer) is marked unknown and resolved by asking the venue, in
//    the request path, in the background, and from the venue's own order pushes. Never by
//    sending again;
//  - a send the venue certainly refused (bad request, balance, rate limit, auth), or one that
//    never left (its websocket was down), is forgotten, so the same id may be used again:
//    nothing exists at the venue under it.

/** Error kinds after which the venue certainly did not place the order. */
const NOT_PLACED: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'invalid_argument',
  'not_found',
  'insufficient_balance',
  'unauthenticated',
  'permission_denied',
  'rate_limited',
  'venue_rejected',
  'unimplemented',
]);

export function certainlyNotPlaced(error: unknown): boolean {
  return error instanceof GatewayError && (NOT_PLACED.has(error.kind) || error.notSent);
}

/** The venue part of a private exchange the order manager uses. */
export type OrderVenue = Pick<PrivateExchange, 'venue' | 'symbolInfo' | 'placeOrder' | 'getOrder' | 'cancelOrder' | 'listOpenOrders' | 'listsAllOpenOrders'>;

export interface OrderManagerOptions {
  readonly exchange: OrderVenue;
  readonly journal: TradingJournal;
  readonly killSwitch: KillSwitch;
  readonly limits: PreTradeLimits;
  /** How long a placement may take before its outcome is treated as unknown. */
  readonly placeTimeoutMs: number;
  /** How long after an attempt a "no such order" from the venue means "never placed". */
  readonly resolveGraceMs: number;
  /**
   * Until this time (ms), a new order's client order id is first looked up at the venue and
   * adopted if found, instead of sent. Set after an unclean stop of a journal that does not
   * fsync every commit: its last records may be lost, and a client retrying such an id must not
   * place it a second time.
   */
  readonly verifyNewIdsUntilMs?: number;
  /** Swept by the kill switch even before an order of theirs is journaled (the fill recovery symbols). */
  readonly configuredSymbols?: readonly Pair[];
  readonly logger?: Logger;
  readonly now?: () => number;
}

/** A gateway-generated client order id: 22 characters, fits every venue's limit. */
export function generateClientOrderId(): string {
  return `gw-${randomBytes(12).toString('base64url').slice(0, 16)}`.replace(/[^A-Za-z0-9_-]/g, '_');
}

interface InFlight {
  readonly request: OrderRequest;
  readonly promise: Promise<OrderState>;
}

export class OrderManager {
  private readonly exchange: OrderVenue;
  private readonly journal: TradingJournal;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly inFlight = new Map<string, InFlight>();
  private draining = false;
  /** Venue placement calls made (tests and diagnostics). */
  placements = 0;

  constructor(private readonly options: OrderManagerOptions) {
    this.exchange = options.exchange;
    this.journal = options.journal;
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? Date.now;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Places `order` at most once per client order id (see the rules above). */
  place(order: OrderRequest): Promise<OrderState> {
    const id = order.clientOrderId;
    const running = this.inFlight.get(id);
    if (running) {
      assertSameRequest(running.request, order);
      return running.promise;
    }
    if (this.draining) {
      return Promise.reject(new GatewayError('venue_unavailable', 'the trading service is shutting down; retry against a running instance', { retryable: true }));
    }
    const promise = this.placeOnce(order);
    this.inFlight.set(id, { request: order, promise });
    const done = () => {
      if (this.inFlight.get(id)?.promise === promise) this.inFlight.delete(id);
    };
    promise.then(done, done);
    return promise;
  }

  private async placeOnce(order: OrderRequest): Promise<OrderState> {
    const known = await this.journal.getOrder(order.clientOrderId);
    if (known) {
      assertSameRequest(known.request, order);
      return this.answerKnown(known);
    }
    this.options.killSwitch.assertOpen();
    const info = this.exchange.symbolInfo(order.symbol); // NOT_FOUND for a symbol the venue does not list
    checkSymbolRules(order, info, this.exchange.venue);
    checkPreTradeLimits(order, this.options.limits);
    const adopted = await this.adoptIfAtVenue(order);
    if (adopted) return adopted;
    if (!(await this.journal.insertOrder(order.clientOrderId, order, this.now()))) {
      // Another writer of this journal recorded the id between our read and our insert.
      const raced = await this.journal.getOrder(order.clientOrderId);
      if (!raced) throw new GatewayError('internal', `journal lost order ${order.clientOrderId}`);
      assertSameRequest(raced.request, order);
      return this.answerKnown(raced);
    }
    return this.send(order);
  }

  /** In the window after an unclean stop: the venue's order under this id, journaled, if it has one. */
  private async adoptIfAtVenue(order: OrderRequest): Promise<OrderState | undefined> {
    if (this.now() >= (this.options.verifyNewIdsUntilMs ?? 0)) return undefined;
    let state: OrderState;
    try {
      state = await this.exchange.getOrder({ symbol: order.symbol, clientOrderId: order.clientOrderId });
    } catch (error) {
      if (error instanceof GatewayError && error.kind === 'not_found') return undefined;
      throw error; // cannot tell whether it exists: refuse rather than risk a second order
    }
    if (await this.journal.insertOrder(order.clientOrderId, order, this.now())) await this.acknowledge(order.clientOrderId, state);
    this.logger.warn({ clientOrderId: order.clientOrderId, orderId: state.orderId }, 'order already at the venue (journal record lost in an unclean stop): not sent again');
    return state;
  }

  private async send(order: OrderRequest): Promise<OrderState> {
    const id = order.clientOrderId;
    this.placements++;
    const attempt = this.exchange.placeOrder(order);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new GatewayError('timeout', `${this.exchange.venue} did not answer the placement within ${this.options.placeTimeoutMs} ms`, { venue: this.exchange.venue })),
        this.options.placeTimeoutMs,
      );
    });
    try {
      const state = await Promise.race([attempt, timeout]);
      await this.acknowledge(id, state);
      return state;
    } catch (error) {
      if (certainlyNotPlaced(error)) {
        await this.journal.deleteOrder(id);
        throw error;
      }
      const reason = error instanceof Error ? error.message : String(error);
      await this.journal.updateOrder(id, { status: 'unknown', reason }, this.now());
      this.logger.warn({ clientOrderId: id, symbol: symbolKey(order.symbol), err: reason }, 'placement outcome unknown; resolving by client order id');
      // The venue may still answer after our deadline: its answer then resolves the record.
      attempt.then(
        (state) => void this.resolveLate(id, state).catch(() => {}),
        (late: unknown) => {
          if (certainlyNotPlaced(late)) {
            void this.journal.updateOrder(id, { status: 'failed', reason: `venue refused: ${(late as Error).message}` }, this.now()).catch(() => {});
          }
        },
      );
      const resolved = await this.tryResolve(id);
      if (resolved) return resolved;
      throw outcomeUnknown(order, error);
    } finally {
      clearTimeout(timer);
    }
  }

  private async acknowledge(id: string, state: OrderState): Promise<void> {
    await this.journal.updateOrder(id, { status: 'acknowledged', venueOrderId: state.orderId, state, reason: '' }, this.now());
  }

  private async resolveLate(id: string, state: OrderState): Promise<void> {
    const record = await this.journal.getOrder(id);
    if (record && record.status !== 'acknowledged') await this.acknowledge(id, state);
  }

  /** One attempt to learn an unknown order's fate from the venue; undefined when still unknown. */
  private async tryResolve(id: string): Promise<OrderState | undefined> {
    const record = await this.journal.getOrder(id);
    if (!record) return undefined;
    try {
      return await this.resolve(record);
    } catch {
      return undefined;
    }
  }

  /** The answer for an id already journaled: the known order, asking the venue when needed. */
  private async answerKnown(record: OrderRecord): Promise<OrderState> {
    if (record.status === 'acknowledged' && record.state) return record.state;
    if (record.status === 'failed') return failedState(record);
    return this.resolve(record);
  }

  /**
   * Resolves a pending/unknown record by asking the venue for the client order id: found ->
   * acknowledged; not found long enough after the attempt -> failed (never placed); not found
   * yet -> UNAVAILABLE (retry later with the same id).
   */
  private async resolve(record: OrderRecord): Promise<OrderState> {
    const id = record.clientOrderId;
    try {
      const state = await this.exchange.getOrder({ symbol: record.symbol, clientOrderId: id });
      await this.acknowledge(id, state);
      this.logger.info({ clientOrderId: id, orderId: state.orderId, status: state.status }, 'order outcome resolved: placed');
      return state;
    } catch (error) {
      if (!(error instanceof GatewayError) || error.kind !== 'not_found') throw error;
      const ageMs = this.now() - record.updatedMs;
      if (ageMs < this.options.resolveGraceMs) {
        throw new GatewayError(
          'venue_unavailable',
          `the outcome of order ${id} is not known yet: ${this.exchange.venue} does not show it ${Math.round(ageMs / 1000)} s after the attempt. ` +
            'Retry PlaceOrder with the same client_order_id in a few seconds (a new id could place a second order)',
          { venue: this.exchange.venue, retryable: true },
        );
      }
      const reason = `never placed: ${this.exchange.venue} has no order with client_order_id ${id} ${Math.round(ageMs / 1000)} s after the attempt`;
      await this.journal.updateOrder(id, { status: 'failed', reason }, this.now());
      this.logger.info({ clientOrderId: id }, 'order outcome resolved: never placed');
      return failedState({ ...record, status: 'failed', reason });
    }
  }

  /** Background pass: resolves journaled orders left pending (crash) or unknown (timeout). */
  async resolveOpenRecords(): Promise<void> {
    const records = await this.journal.ordersWithStatus(['pending', 'unknown']);
    for (const record of records) {
      if (this.inFlight.has(record.clientOrderId)) continue;
      try {
        await this.resolve(record);
      } catch (error) {
        this.logger.debug({ clientOrderId: record.clientOrderId, err: (error as Error).message }, 'order outcome still unknown');
      }
    }
  }

  /** An order push from the venue: keeps the journal's last known state, and resolves unknowns. */
  async onOrderUpdate(state: OrderState): Promise<void> {
    if (!state.clientOrderId) return;
    const record = await this.journal.getOrder(state.clientOrderId);
    if (!record || symbolKey(record.symbol) !== symbolKey(state.symbol)) return;
    if (record.status === 'acknowledged' && record.state && record.state.updatedMs > state.updatedMs) return;
    await this.journal.updateOrder(state.clientOrderId, { status: 'acknowledged', venueOrderId: state.orderId, state, reason: '' }, this.now());
  }

  /** GetOrder: the venue's answer, which also resolves a journaled unknown. */
  async getOrder(ref: OrderRef): Promise<OrderState> {
    const state = await this.exchange.getOrder(ref);
    void this.onOrderUpdate(state).catch(() => {});
    return state;
  }

  /** CancelOrder: waits for an in-flight placement of the same id first, so the cancel finds it. */
  async cancelOrder(ref: OrderRef): Promise<OrderState> {
    const running = ref.clientOrderId ? this.inFlight.get(ref.clientOrderId) : undefined;
    if (running) await running.promise.catch(() => undefined);
    const state = await this.exchange.cancelOrder(ref);
    void this.onOrderUpdate(state).catch(() => {});
    return state;
  }

  /**
   * Cancels every open order on the venue (kill switch): asks for the open orders of every symbol
   * the journal or the configuration knows, one symbol at a time (MEXC lists thousands and
   * answers per symbol only), and where the venue can list the whole account in one call, that
   * list too, so an order placed elsewhere on another symbol is cancelled as well. A listing or
   * cancel that fails is logged and counted in `failed` (the caller sweeps again); it never
   * stops the other symbols.
   */
  async cancelAllOpenOrders(): Promise<{ symbols: number; cancelled: number; failed: number }> {
    const symbols = (await knownSymbols(this.journal, this.options.configuredSymbols ?? [])).filter((symbol) => this.listedAtVenue(symbol));
    const listings: Array<{ scope: string; list: () => Promise<OrderState[]> }> = symbols.map((symbol) => ({ scope: symbolKey(symbol), list: () => this.exchange.listOpenOrders(symbol) }));
    if (this.exchange.listsAllOpenOrders) listings.push({ scope: 'every symbol', list: () => this.exchange.listOpenOrders() });
    let failed = 0;
    const open = new Map<string, OrderState>();
    const listed = await Promise.allSettled(listings.map((listing) => listing.list()));
    listed.forEach((result, i) => {
      if (result.status === 'fulfilled') {
        for (const order of result.value) open.set(`${symbolKey(order.symbol)} ${order.orderId}`, order);
        return;
      }
      failed++;
      this.logger.error({ symbol: listings[i]!.scope, err: (result.reason as Error).message }, 'kill switch: listing open orders failed');
    });
    const orders = [...open.values()];
    const cancels = await Promise.allSettled(orders.map((order) => this.exchange.cancelOrder({ symbol: order.symbol, orderId: order.orderId })));
    let cancelled = 0;
    cancels.forEach((result, i) => {
      if (result.status === 'fulfilled') return void cancelled++;
      failed++;
      this.logger.error({ orderId: orders[i]!.orderId, symbol: symbolKey(orders[i]!.symbol), err: (result.reason as Error).message }, 'kill switch: cancel failed');
    });
    return { symbols: symbols.length, cancelled, failed };
  }

  /** False for a symbol the venue no longer lists: it holds no open order to cancel. */
  private listedAtVenue(symbol: Pair): boolean {
    try {
      this.exchange.symbolInfo(symbol);
      return true;
    } catch {
      return false;
    }
  }

  /** Placements in flight settle (or `timeoutMs` passes). */
  async settled(timeoutMs: number): Promise<void> {
    const pending = [...this.inFlight.values()].map((entry) => entry.promise.catch(() => undefined));
    if (pending.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(pending), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  /** Refuses new placements (shutdown); in-flight ones finish. */
  drain(): void {
    this.draining = true;
  }
}

/** Rejects a reused client order id whose request differs from the first one. */
function assertSameRequest(first: OrderRequest, again: OrderRequest): void {
  const fields: Array<keyof OrderRequest> = ['side', 'type', 'quantity', 'price', 'quoteQuantity', 'timeInForce', 'postOnly'];
  const differs = symbolKey(first.symbol) !== symbolKey(again.symbol) || fields.some((field) => first[field] !== again[field]) || Boolean(first.reduceOnly) !== Boolean(again.reduceOnly);
  if (!differs) return;
  throw new GatewayError(
    'invalid_argument',
    `client_order_id ${first.clientOrderId} was already used for a different order (${describe(first)}); this request (${describe(again)}) was not sent. Use a new client_order_id for a new order`,
  );
}

function describe(order: OrderRequest): string {
  const size = order.quantity ? `${order.quantity} ${symbolKey(order.symbol)}` : `${order.quoteQuantity} ${order.symbol.quote} of ${symbolKey(order.symbol)}`;
  const price = order.price ? ` @ ${order.price}` : '';
  return `${order.type} ${order.side} ${size}${price} ${order.timeInForce}${order.postOnly ? ' post-only' : ''}${order.reduceOnly ? ' reduce-only' : ''}`;
}

function outcomeUnknown(order: OrderRequest, cause: unknown): GatewayError {
  const original = cause instanceof GatewayError ? cause : undefined;
  const kind: ErrorKind = original?.kind === 'timeout' ? 'timeout' : 'venue_unavailable';
  return new GatewayError(
    kind,
    `placing order ${order.clientOrderId} failed with an unknown outcome (${original?.message ?? String(cause)}): it may or may not be live at the venue. ` +
      'Retry PlaceOrder with the same client_order_id to learn its outcome; do not use a new id',
    { venue: original?.venue, venueCode: original?.venueCode, venueMessage: original?.venueMessage, retryable: true, cause },
  );
}

/** The answer for an order resolved as never placed: REJECTED, with the reason. */
function failedState(record: OrderRecord): OrderState {
  const request = record.request;
  return {
    orderId: '',
    clientOrderId: record.clientOrderId,
    symbol: record.symbol,
    side: request.side,
    type: request.type,
    timeInForce: request.timeInForce,
    postOnly: request.postOnly,
    status: 'rejected',
    price: request.price,
    quantity: request.quantity,
    filledQuantity: '0',
    filledQuoteQuantity: '0',
    averageFillPrice: '',
    createdMs: record.createdMs,
    updatedMs: record.updatedMs,
    reason: record.reason,
  };
}
