import {
  AdapterMetrics,
  GatewayError,
  separatorSymbolMapper,
  symbolKey,
  type Balance,
  type Fill,
  type HealthReport,
  type OrderRef,
  type OrderRequest,
  type OrderState,
  type PrivateExchange,
  type PrivateListener,
  type Pair,
  type SymbolInfo,
} from '@cexgw/adapters';

// A scripted PrivateExchange for UNIT tests of the trading service only: it lets a test decide
// what a placement does (answer, time out, fail, answer late) and count venue calls. It is not
// a venue simulation; end-to-end tests run against libs/venue-sim.

export const BTC: Pair = { base: 'BTC', quote: 'USDT' };
export const ETH: Pair = { base: 'ETH', quote: 'USDT' };

export function symbolInfo(symbol: Pair, overrides: Partial<SymbolInfo> = {}): SymbolInfo {
  return {
    symbol,
    venueSymbol: `${symbol.base}_${symbol.quote}`,
    status: 'trading',
    priceTick: '0.01',
    quantityStep: '0.0001',
    pricePrecision: 2,
    quantityPrecision: 4,
    minQuantity: '0.0001',
    maxQuantity: '1000',
    minNotional: '5',
    maxNotional: '1000000',
    takerFeeRate: '0.002',
    ...overrides,
  };
}

export function stateFor(request: OrderRequest, orderId: string, status: OrderState['status'] = 'open', nowMs = Date.now()): OrderState {
  return {
    orderId,
    clientOrderId: request.clientOrderId,
    symbol: request.symbol,
    side: request.side,
    type: request.type,
    timeInForce: request.timeInForce,
    postOnly: request.postOnly,
    status,
    price: request.price,
    quantity: request.quantity,
    filledQuantity: '0',
    filledQuoteQuantity: '0',
    averageFillPrice: '',
    createdMs: nowMs,
    updatedMs: nowMs,
    reason: '',
  };
}

let fillSeq = 0;
export function fill(overrides: Partial<Fill> = {}): Fill {
  fillSeq++;
  return {
    fillId: `T${fillSeq}`,
    orderId: 'O1',
    clientOrderId: 'c1',
    symbol: BTC,
    side: 'buy',
    price: '65000.1',
    quantity: '0.001',
    fee: '0.013',
    feeAsset: 'USDT',
    isMaker: false,
    timestampMs: 1_700_000_000_000 + fillSeq,
    ...overrides,
  };
}

/** What placeOrder does for one request: resolve with a state, reject, or never answer. */
/** The scripted venue as the trading configuration looks it up: test_venue, with no options of its own. */
export const scriptedVenueModule = (venue: string) => ({ id: venue, options: {} });

export type PlaceScript = (request: OrderRequest, venue: ScriptedPrivateExchange) => Promise<OrderState>;

export class ScriptedPrivateExchange implements PrivateExchange {
  readonly venue = 'test_venue';
  /** Gate.io-like by default; a test sets false (and refuses symbol-less lists in `listOpen`) to play a MEXC-like venue. */
  listsAllOpenOrders = true;
  readonly metrics = new AdapterMetrics();
  readonly symbols = separatorSymbolMapper('_');
  listener: PrivateListener | undefined;
  infos: SymbolInfo[] = [symbolInfo(BTC), symbolInfo(ETH, { priceTick: '0.1', quantityStep: '0.001', minQuantity: '0.001', minNotional: '1' })];
  /** Orders the "venue" holds, by client order id. */
  readonly book = new Map<string, OrderState>();
  /** REST trade history returned by fillsSince. */
  history: Fill[] = [];
  balances: Balance[] = [
    { asset: 'USDT', free: '1000', locked: '0' },
    { asset: 'BTC', free: '0', locked: '0' },
  ];
  readonly calls = { start: 0, placeOrder: 0, getOrder: 0, cancelOrder: 0, listOpenOrders: 0, fillsSince: 0, getBalances: 0 };
  readonly fillsSinceArgs: Array<{ sinceMs: number; symbols: string[] }> = [];
  private nextId = 1;

  /** Default: the venue accepts and holds the order. */
  place: PlaceScript = async (request) => this.accept(request);
  /** Called before each listOpenOrders; a test throws from it to fail a listing. */
  listOpen: (symbol: Pair | undefined) => void = () => {};
  /** The symbol of each listOpenOrders call ("*" for none). */
  readonly openOrderListings: string[] = [];
  startError: Error | undefined;
  getBalancesError: Error | undefined;

  accept(request: OrderRequest): OrderState {
    const state = stateFor(request, String(this.nextId++));
    this.book.set(request.clientOrderId, state);
    return state;
  }

  async start(listener: PrivateListener): Promise<void> {
    this.calls.start++;
    if (this.startError) throw this.startError;
    this.listener = listener;
  }

  listSymbols(): readonly SymbolInfo[] {
    return this.infos;
  }

  symbolInfo(symbol: Pair): SymbolInfo {
    const info = this.infos.find((i) => symbolKey(i.symbol) === symbolKey(symbol));
    if (!info) throw new GatewayError('not_found', `${this.venue} does not list ${symbolKey(symbol)}`, { venue: this.venue });
    return info;
  }

  async placeOrder(request: OrderRequest): Promise<OrderState> {
    this.calls.placeOrder++;
    return this.place(request, this);
  }

  private find(ref: OrderRef): OrderState {
    const state = ref.clientOrderId ? this.book.get(ref.clientOrderId) : [...this.book.values()].find((s) => s.orderId === ref.orderId);
    if (!state) throw new GatewayError('not_found', 'order not found', { venue: this.venue, venueCode: 'ORDER_NOT_FOUND', venueMessage: 'Order not found' });
    return state;
  }

  async getOrder(ref: OrderRef): Promise<OrderState> {
    this.calls.getOrder++;
    return this.find(ref);
  }

  async cancelOrder(ref: OrderRef): Promise<OrderState> {
    this.calls.cancelOrder++;
    const state = this.find(ref);
    const cancelled = { ...state, status: 'cancelled' as const, updatedMs: state.updatedMs + 1 };
    this.book.set(state.clientOrderId, cancelled);
    return cancelled;
  }

  async listOpenOrders(symbol?: Pair): Promise<OrderState[]> {
    this.calls.listOpenOrders++;
    this.openOrderListings.push(symbol ? symbolKey(symbol) : '*');
    this.listOpen(symbol);
    return [...this.book.values()].filter((s) => (s.status === 'open' || s.status === 'partially_filled') && (!symbol || symbolKey(s.symbol) === symbolKey(symbol)));
  }

  async getBalances(): Promise<Balance[]> {
    this.calls.getBalances++;
    if (this.getBalancesError) throw this.getBalancesError;
    return this.balances;
  }

  async fillsSince(sinceMs: number, symbols: readonly Pair[]): Promise<Fill[]> {
    this.calls.fillsSince++;
    const keys = symbols.map(symbolKey);
    this.fillsSinceArgs.push({ sinceMs, symbols: keys });
    return this.history.filter((f) => f.timestampMs >= sinceMs && keys.includes(symbolKey(f.symbol))).sort((a, b) => a.timestampMs - b.timestampMs);
  }

  async health(): Promise<HealthReport> {
    return { restConnectivity: true, websocketConnectivity: true, authentication: true, exchangeSpecificFeatures: true, detail: '' };
  }

  async close(): Promise<void> {}
}
