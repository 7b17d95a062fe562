import { parseScaled } from './decimal.js';
import { BALANCE_SCALE } from './scales.js';
import type { MatchingEngine } from './matching-engine.js';
import type { OrderBook } from './order-book.js';
import type { BookEvent, Side, Trade } from './types.js';

/**
 * Trading accounts on top of the matching engine, venue-neutral: API key pairs, per-asset
 * balances (free / locked, exact), client orders placed into the same engine as the synthetic
 * flow (so they rest, get filled by flow or by other accounts, partially fill, cancel), and a
 * per-account fill history. How money moves (what an order holds, what a fill pays and receives,
 * fees) is the job of a Ledger: spot balances by default (spotLedger.ts), margin and positions
 * for perpetual futures (perpLedger.ts). Venues render all of it in their own wire format and
 * subscribe to the events to drive their private websocket channels.
 */

export { BALANCE_SCALE } from './scales.js';

/** A tradable instrument as the accounts see it. `symbol` is the engine (= venue) symbol. */
export interface MarketTerms {
  symbol: string;
  base: string;
  quote: string;
  /** Fee rates as fractions ("0.002" = 0.2 %; negative = a rebate). */
  makerFeeRate: string;
  takerFeeRate: string;
}

export interface AccountSpec {
  apiKey: string;
  apiSecret: string;
  /** Initial balances, e.g. {"USDT": "100000", "BTC": "2"}; default: the simulator's defaults. */
  balances?: Record<string, string>;
}

export interface Balance {
  /** Available (scale BALANCE_SCALE). */
  free: bigint;
  /** Held by open orders (scale BALANCE_SCALE). */
  locked: bigint;
  /** Bumped on every change (Gate prints it as `update_id`). */
  version: number;
}

export type TimeInForce = 'gtc' | 'ioc' | 'fok' | 'poc';
export type OrderStatus = 'open' | 'filled' | 'cancelled';
/** Why an order stopped: Gate's finish_as vocabulary, which is the most detailed of the venues. */
export type FinishReason =
  | 'open'
  | 'filled'
  | 'cancelled'
  | 'ioc'
  | 'fok'
  | 'poc'
  | 'depth_not_enough'
  /** Derivatives: cancelled because the position was liquidated / because it could only have grown the position / because the position closed. */
  | 'liquidated'
  | 'reduce_only'
  | 'position_closed';

export interface ClientOrder {
  /** Venue order id (formatted by the venue). */
  id: string;
  /** Placement sequence, simulator-wide. */
  n: number;
  account: Account;
  symbol: string;
  side: Side;
  type: 'limit' | 'market';
  timeInForce: TimeInForce;
  /** Limit price (price scale). */
  price?: bigint;
  /** Base quantity (quantity scale); undefined for a market buy by quote amount. */
  quantity?: bigint;
  /** Market buy by quote amount (scale priceScale + qtyScale). */
  quoteQuantity?: bigint;
  clientOrderId?: string;
  status: OrderStatus;
  finish: FinishReason;
  /** Filled base (quantity scale). */
  filledQty: bigint;
  /** Filled quote, sum of price x quantity (scale priceScale + qtyScale). */
  filledQuote: bigint;
  /** Fees charged so far (BALANCE_SCALE), in `feeAsset` (the asset the order receives). */
  fee: bigint;
  feeAsset: string;
  /** Asset held for this order and how much of it is still held (BALANCE_SCALE). */
  lockAsset: string;
  locked: bigint;
  createTime: number;
  updateTime: number;
  /** Best opposite price when the order arrived (venues print it for market orders). */
  refPrice?: bigint;
  /** Engine id while resting (and after, for the record). */
  engineOrderId?: number;
  fills: Fill[];
  /** Derivatives: may only reduce a position. */
  reduceOnly?: boolean;
  /** Derivatives: closes the whole position (its size was taken from the position). */
  closePosition?: boolean;
  /** Made by the venue itself (e.g. a liquidation), never through the book. */
  venueOrder?: boolean;
  /** Bumped on every change of the order (new, each fill, finish). */
  version: number;
}

export interface Fill {
  /** Simulator-wide fill sequence. */
  seq: number;
  /** Engine trade id (the public trade id); both sides of a trade share it. */
  tradeId: number;
  /** Per-market trade sequence. */
  marketSeq: number;
  account: Account;
  order: ClientOrder;
  symbol: string;
  /** Side of the account's order. */
  side: Side;
  role: 'maker' | 'taker';
  price: bigint;
  quantity: bigint;
  /** price x quantity (scale priceScale + qtyScale). */
  quote: bigint;
  /** BALANCE_SCALE, in feeAsset. */
  fee: bigint;
  feeAsset: string;
  feeRate: string;
  timestamp: number;
  micros: number;
  /** The other side of the trade belongs to the same account. */
  selfTrade: boolean;
  /** Derivatives: how much of an existing position this fill closed (quantity scale, unsigned). */
  closedQty?: bigint;
}

export type BalanceCause = 'order_place' | 'order_fill' | 'order_cancel' | 'order_release';

export type AccountEvent =
  | { type: 'order'; order: ClientOrder; change: 'new' | 'fill' | 'finish'; fill?: Fill }
  | { type: 'fill'; fill: Fill }
  | {
      type: 'balance';
      account: Account;
      asset: string;
      balance: Balance;
      freeChange: bigint;
      lockedChange: bigint;
      cause: BalanceCause;
      order?: ClientOrder;
      timestamp: number;
    };

export interface PlaceRequest {
  symbol: string;
  side: Side;
  type: 'limit' | 'market';
  timeInForce: TimeInForce;
  price?: bigint;
  quantity?: bigint;
  quoteQuantity?: bigint;
  clientOrderId?: string;
  reduceOnly?: boolean;
  closePosition?: boolean;
}

export type PlaceOutcome =
  { ok: true; order: ClientOrder } | { ok: false; error: 'insufficient_balance'; asset: string; needed: bigint; available: bigint } | { ok: false; error: 'unknown_symbol' | 'invalid' };

export class Account {
  readonly balances = new Map<string, Balance>();
  /** Every order by venue id. */
  readonly orders = new Map<string, ClientOrder>();
  /** Open orders by venue id, in placement order. */
  readonly open = new Map<string, ClientOrder>();
  /** The latest order carrying each client order id. */
  readonly byClientOrderId = new Map<string, ClientOrder>();
  /** Every fill, oldest first. */
  readonly fills: Fill[] = [];

  constructor(
    readonly index: number,
    readonly uid: number,
    readonly apiKey: string,
    readonly apiSecret: string,
  ) {}

  /** The balance of an asset (a zero entry is created on first use). */
  balance(asset: string): Balance {
    let b = this.balances.get(asset);
    if (!b) this.balances.set(asset, (b = { free: 0n, locked: 0n, version: 0 }));
    return b;
  }

  /** Engine owner tag of this account's orders (the synthetic flow never cancels owned orders). */
  get ownerTag(): string {
    return `acct:${this.index}`;
  }
}

/** A fee rate as a fraction num / 10^scale (negative = a rebate). */
export interface Rate {
  text: string;
  num: bigint;
  scale: number;
}

/** A market with its parsed fee rates and the engine's scales. */
export interface AccountMarket extends MarketTerms {
  maker: Rate;
  taker: Rate;
  priceScale: number;
  qtyScale: number;
  lotSize: bigint;
}

/** What a new order holds: `amount` (BALANCE_SCALE) of `asset`; its fees are charged in `feeAsset`. */
export interface HoldPlan {
  ok: true;
  asset: string;
  amount: bigint;
  feeAsset: string;
}

export type HoldRefusal = { ok: false; error: 'insufficient_balance'; asset: string; needed: bigint; available: bigint };

/** How an account's money moves as its orders are placed, filled and finished. */
export interface Ledger {
  /** What a new order must hold, or why the account cannot afford it. */
  plan(account: Account, req: PlaceRequest, market: AccountMarket, book: OrderBook): HoldPlan | HoldRefusal;
  /** Takes the planned hold for an order just created (sets order.locked). */
  lock(order: ClientOrder, amount: bigint, now: number): void;
  /** Books one trade on one side of an order (before the order's totals move): what it costs in fees. */
  settle(order: ClientOrder, trade: Trade, role: 'maker' | 'taker', market: AccountMarket): { fee: bigint; closedQty?: bigint };
  /** Gives back all the order still holds. */
  release(order: ClientOrder, cause: BalanceCause, now: number): void;
}

/** What a ledger may do to the accounts: emit their events. */
export interface LedgerHooks {
  emit(e: AccountEvent): void;
}

export interface AccountsOptions {
  markets: MarketTerms[];
  accounts: AccountSpec[];
  /** Balances of an account whose spec has none. */
  defaultBalances: Record<string, string>;
  /** Venue order id of the n-th order placed in the simulator. */
  formatOrderId: (n: number) => string;
  /** User id of the first account (later ones count up). */
  firstUid?: number;
  /** How money moves: spot balances (SpotLedger) or perpetual margin (PerpLedger). */
  ledger: (hooks: LedgerHooks) => Ledger;
}

function parseRate(text: string): Rate {
  const m = /^-?\d+(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`bad fee rate ${text}`);
  const scale = m[1]?.length ?? 0;
  return { text, num: parseScaled(text, scale), scale };
}

export class Accounts {
  readonly list: Account[] = [];
  readonly ledger: Ledger;
  private readonly byKey = new Map<string, Account>();
  private readonly markets = new Map<string, AccountMarket>();
  /** Client orders by engine order id (kept after they finish). */
  private readonly byEngineId = new Map<number, ClientOrder>();
  private readonly listeners: ((e: AccountEvent) => void)[] = [];
  private readonly detach: () => void;
  /** The account order being matched right now (its engine id is known only afterwards). */
  private pendingTaker: ClientOrder | undefined;
  private orderSeq = 0;
  private fillSeq = 0;
  private readonly formatOrderId: (n: number) => string;

  constructor(
    private readonly engine: MatchingEngine,
    options: AccountsOptions,
  ) {
    this.formatOrderId = options.formatOrderId;
    for (const m of options.markets) {
      const inst = engine.instrument(m.symbol);
      this.markets.set(m.symbol, {
        ...m,
        maker: parseRate(m.makerFeeRate),
        taker: parseRate(m.takerFeeRate),
        priceScale: inst.priceScale,
        qtyScale: inst.qtyScale,
        lotSize: inst.lotSize,
      });
    }
    let uid = options.firstUid ?? 10_000_001;
    for (const spec of options.accounts) {
      if (this.byKey.has(spec.apiKey)) throw new Error(`duplicate API key ${spec.apiKey}`);
      const account = new Account(this.list.length, uid++, spec.apiKey, spec.apiSecret);
      for (const [asset, amount] of Object.entries(spec.balances ?? options.defaultBalances)) {
        account.balance(asset).free = parseScaled(amount, BALANCE_SCALE);
      }
      this.list.push(account);
      this.byKey.set(spec.apiKey, account);
    }
    const hooks: LedgerHooks = { emit: (e) => this.emit(e) };
    this.ledger = options.ledger(hooks);
    this.detach = engine.onBookEvent((e) => this.onBookEvent(e));
  }

  close(): void {
    this.detach();
  }

  byApiKey(key: string): Account | undefined {
    return this.byKey.get(key);
  }

  /** The account order an engine order id belongs to, if any. */
  orderByEngineId(id: number): ClientOrder | undefined {
    return this.byEngineId.get(id);
  }

  market(symbol: string): Readonly<AccountMarket> | undefined {
    return this.markets.get(symbol);
  }

  onEvent(listener: (e: AccountEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Base the book could give a buyer (asks) or seller (bids) within `limit`, up to `wanted`. */
  fillable(symbol: string, side: Side, wanted: bigint, limit?: bigint): bigint {
    const book = this.engine.book(symbol);
    let sum = 0n;
    for (const [price, qty] of book.depth(side === 'buy' ? 'ask' : 'bid')) {
      if (limit !== undefined && (side === 'buy' ? price > limit : price < limit)) break;
      sum += qty;
      if (sum >= wanted) return wanted;
    }
    return sum;
  }

  /** Whether a limit order at `price` would take liquidity right now. */
  wouldTake(symbol: string, side: Side, price: bigint): boolean {
    const book = this.engine.book(symbol);
    const best = book.bestPrice(side === 'buy' ? 'ask' : 'bid');
    return best !== undefined && (side === 'buy' ? best <= price : best >= price);
  }

  /** Places an order: the ledger checks and takes its hold, it is matched, a GTC order rests what it leaves. */
  place(account: Account, req: PlaceRequest): PlaceOutcome {
    const m = this.markets.get(req.symbol);
    if (!m) return { ok: false, error: 'unknown_symbol' };
    if (req.type === 'limit') {
      if (req.price === undefined || req.quantity === undefined || req.price <= 0n || req.quantity <= 0n) return { ok: false, error: 'invalid' };
    } else if (req.side === 'buy' && req.quoteQuantity !== undefined) {
      if (req.quoteQuantity <= 0n) return { ok: false, error: 'invalid' };
    } else if (req.quantity === undefined || req.quantity <= 0n) {
      return { ok: false, error: 'invalid' };
    }
    const book = this.engine.book(req.symbol);
    const plan = this.ledger.plan(account, req, m, book);
    if (!plan.ok) return plan;

    const now = this.engine.now();
    const n = ++this.orderSeq;
    const order: ClientOrder = {
      id: this.formatOrderId(n),
      n,
      account,
      symbol: req.symbol,
      side: req.side,
      type: req.type,
      timeInForce: req.type === 'market' && req.timeInForce === 'gtc' ? 'ioc' : req.timeInForce,
      price: req.price,
      quantity: req.quoteQuantity !== undefined && req.side === 'buy' && req.type === 'market' ? undefined : req.quantity,
      quoteQuantity: req.type === 'market' && req.side === 'buy' ? req.quoteQuantity : undefined,
      clientOrderId: req.clientOrderId,
      status: 'open',
      finish: 'open',
      filledQty: 0n,
      filledQuote: 0n,
      fee: 0n,
      feeAsset: plan.feeAsset,
      lockAsset: plan.asset,
      locked: 0n,
      createTime: now,
      updateTime: now,
      refPrice: book.bestPrice(req.side === 'buy' ? 'ask' : 'bid'),
      fills: [],
      reduceOnly: req.reduceOnly,
      closePosition: req.closePosition,
      version: 1,
    };
    account.orders.set(order.id, order);
    account.open.set(order.id, order);
    if (order.clientOrderId !== undefined) account.byClientOrderId.set(order.clientOrderId, order);

    this.ledger.lock(order, plan.amount, now);
    this.emit({ type: 'order', order, change: 'new' });

    if (order.timeInForce === 'poc' && order.price !== undefined && this.wouldTake(order.symbol, order.side, order.price)) {
      this.finishOrder(order, 'poc', 'order_cancel');
      return { ok: true, order };
    }

    this.pendingTaker = order;
    let result;
    try {
      result = this.engine.submit(req.symbol, {
        side: req.side,
        type: req.type,
        price: req.price,
        quantity: order.quantity ?? 0n,
        quoteBudget: order.quoteQuantity,
        timeInForce: order.timeInForce === 'poc' ? 'gtc' : order.timeInForce,
        owner: account.ownerTag,
      });
    } finally {
      this.pendingTaker = undefined;
    }
    order.engineOrderId = result.orderId;
    this.byEngineId.set(result.orderId, order);
    if (result.status === 'rejected') {
      this.finishOrder(order, 'cancelled', 'order_cancel');
      return { ok: true, order };
    }
    for (const t of result.trades) this.settle(order, t, 'taker', this.byEngineId.get(t.makerOrderId)?.account === account);
    if (order.status !== 'open') return { ok: true, order };
    if (result.status === 'resting' || result.status === 'partially_filled_resting') return { ok: true, order };

    // what an IOC / FOK / market order leaves is cancelled
    let reason: FinishReason;
    if (order.type === 'market') {
      if (order.quoteQuantity !== undefined && order.filledQty > 0n) {
        const left = order.quoteQuantity - order.filledQuote;
        const nextAsk = book.bestPrice('ask');
        reason = nextAsk !== undefined && left < nextAsk * m.lotSize ? 'filled' : 'depth_not_enough';
      } else {
        reason = 'depth_not_enough';
      }
    } else {
      reason = order.timeInForce === 'fok' ? 'fok' : 'ioc';
    }
    this.finishOrder(order, reason, reason === 'filled' ? 'order_release' : 'order_cancel');
    return { ok: true, order };
  }

  /** Cancels an open order (`reason` says why, "cancelled" by default); false when it is not open. */
  cancel(order: ClientOrder, reason: FinishReason = 'cancelled'): boolean {
    if (order.status !== 'open') return false;
    if (order.engineOrderId !== undefined) this.engine.cancel(order.symbol, order.engineOrderId);
    this.finishOrder(order, reason, 'order_cancel');
    return true;
  }

  /**
   * Records an order the venue made and settled itself, outside the book (a liquidation taking a
   * position over): finished and filled at once, with no fill record. Its id comes from the same
   * sequence as every other order.
   */
  recordVenueOrder(account: Account, req: { symbol: string; side: Side; quantity: bigint; price: bigint; clientOrderId?: string }): ClientOrder {
    const m = this.markets.get(req.symbol);
    if (!m) throw new Error(`unknown symbol ${req.symbol}`);
    const now = this.engine.now();
    const n = ++this.orderSeq;
    const order: ClientOrder = {
      id: this.formatOrderId(n),
      n,
      account,
      symbol: req.symbol,
      side: req.side,
      type: 'limit',
      timeInForce: 'ioc',
      price: req.price,
      quantity: req.quantity,
      clientOrderId: req.clientOrderId,
      status: 'filled',
      finish: 'filled',
      filledQty: req.quantity,
      filledQuote: req.price * req.quantity,
      fee: 0n,
      feeAsset: m.quote,
      lockAsset: m.quote,
      locked: 0n,
      createTime: now,
      updateTime: now,
      fills: [],
      reduceOnly: true,
      venueOrder: true,
      version: 1,
    };
    account.orders.set(order.id, order);
    this.emit({ type: 'order', order, change: 'finish' });
    return order;
  }

  /** Every account's orders and fills are kept; this is the account's open orders of one symbol (or all). */
  openOrders(account: Account, symbol?: string): ClientOrder[] {
    return [...account.open.values()].filter((o) => symbol === undefined || o.symbol === symbol);
  }

  private onBookEvent(e: BookEvent): void {
    for (const t of e.trades) {
      const maker = this.byEngineId.get(t.makerOrderId);
      if (maker && maker.status === 'open') {
        const taker = this.byEngineId.get(t.takerOrderId) ?? this.pendingTaker;
        this.settle(maker, t, 'maker', taker?.account === maker.account);
      }
    }
  }

  /** Books one trade on one side: the ledger moves the money, then the order's totals, the fill record, events. */
  private settle(order: ClientOrder, t: Trade, role: 'maker' | 'taker', selfTrade: boolean): void {
    const m = this.markets.get(order.symbol) as AccountMarket;
    const account = order.account;
    const { fee, closedQty } = this.ledger.settle(order, t, role, m);
    const quote = t.price * t.quantity;
    order.filledQty += t.quantity;
    order.filledQuote += quote;
    order.fee += fee;
    order.updateTime = t.timestamp;
    order.version += 1;
    const fill: Fill = {
      seq: ++this.fillSeq,
      tradeId: t.id,
      marketSeq: t.seq,
      account,
      order,
      symbol: order.symbol,
      side: order.side,
      role,
      price: t.price,
      quantity: t.quantity,
      quote,
      fee,
      feeAsset: order.feeAsset,
      feeRate: (role === 'maker' ? m.maker : m.taker).text,
      timestamp: t.timestamp,
      micros: t.micros,
      selfTrade,
    };
    if (closedQty !== undefined) fill.closedQty = closedQty;
    order.fills.push(fill);
    account.fills.push(fill);

    const done = order.quantity !== undefined && order.filledQty >= order.quantity;
    if (done) {
      order.status = 'filled';
      order.finish = 'filled';
      account.open.delete(order.id);
      // e.g. a filled limit buy that paid less than its limit: the rest of its hold goes back
      if (order.locked > 0n) this.ledger.release(order, 'order_release', t.timestamp);
    }
    this.emit({ type: 'fill', fill });
    this.emit({ type: 'order', order, change: done ? 'finish' : 'fill', fill });
  }

  private finishOrder(order: ClientOrder, reason: FinishReason, cause: BalanceCause): void {
    const now = this.engine.now();
    order.account.open.delete(order.id);
    order.status = reason === 'filled' ? 'filled' : 'cancelled';
    order.finish = reason;
    order.updateTime = now;
    order.version += 1;
    this.ledger.release(order, cause, now);
    this.emit({ type: 'order', order, change: 'finish' });
  }

  private emit(e: AccountEvent): void {
    for (const l of [...this.listeners]) l(e);
  }
}
