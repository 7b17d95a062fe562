import type { Fill, OrderRequest, OrderState, Pair } from '@cexgw/adapters';

// The trading service's durable memory, behind an interface so that a deployment that
// outgrows one machine can put PostgreSQL behind it (every method is asynchronous for that
// reason; the embedded SQLite implementation answers synchronously underneath).
//
// What it keeps:
//  - fills, each under a cursor: a strictly increasing integer assigned when the fill is first
//    written, never reused. A fill the venue reports twice (websocket, then REST recovery) is
//    stored once: the second append returns nothing for it.
//  - orders placed through the gateway, by client order id: the idempotency record.
//  - a few values (recovery watermarks).

/** Where a fill came from: the private websocket, or REST history after a gap. */
export type FillSource = 'stream' | 'recovery';

/** A fill as journaled: the venue's fill plus its cursor. */
export interface JournaledFill extends Fill {
  readonly cursor: number;
}

/**
 * Where an order stands from the gateway's point of view (not the venue's order status):
 *  - pending: recorded, being sent (or the process stopped while sending);
 *  - acknowledged: the venue answered with the order;
 *  - unknown: the send timed out or failed in a way that leaves the outcome open; resolved by
 *    asking the venue for the client order id, never by sending again;
 *  - failed: resolved as never placed (the venue has no such order well after the attempt).
 */
export type OrderRecordStatus = 'pending' | 'acknowledged' | 'unknown' | 'failed';

export interface OrderRecord {
  readonly clientOrderId: string;
  readonly venueOrderId: string;
  readonly symbol: Pair;
  readonly request: OrderRequest;
  /** The last state the venue reported, when it did. */
  readonly state: OrderState | undefined;
  readonly status: OrderRecordStatus;
  readonly reason: string;
  readonly createdMs: number;
  readonly updatedMs: number;
}

export interface OrderRecordUpdate {
  readonly status?: OrderRecordStatus;
  readonly venueOrderId?: string;
  readonly state?: OrderState;
  readonly reason?: string;
}

export interface TradingJournal {
  /**
   * Writes the fills not yet journaled, durably, in one transaction, and returns those (in
   * cursor order). Fills already present (same venue fill id, order and symbol) are skipped.
   */
  appendFills(fills: readonly Fill[], source: FillSource): Promise<JournaledFill[]>;
  /** Fills with a cursor greater than `cursor`, oldest first, at most `limit`. */
  fillsAfter(cursor: number, limit: number): Promise<JournaledFill[]>;
  /** The highest cursor ever assigned (0 before the first fill). */
  lastCursor(): Promise<number>;
  /** Latest venue timestamp of a journaled fill, per symbol key ("BTC/USDT"). */
  lastFillTimes(): Promise<Map<string, number>>;

  /** Records a new order as pending; false (and nothing written) when the id is already known. */
  insertOrder(clientOrderId: string, request: OrderRequest, nowMs: number): Promise<boolean>;
  getOrder(clientOrderId: string): Promise<OrderRecord | undefined>;
  updateOrder(clientOrderId: string, update: OrderRecordUpdate, nowMs: number): Promise<void>;
  /** Forgets an order the venue certainly never received (the id may then be used again). */
  deleteOrder(clientOrderId: string): Promise<void>;
  ordersWithStatus(statuses: readonly OrderRecordStatus[]): Promise<OrderRecord[]>;
  /** Symbols with journaled orders or fills. */
  activeSymbols(): Promise<Pair[]>;

  getValue(key: string): Promise<string | undefined>;
  setValue(key: string, value: string): Promise<void>;

  close(): Promise<void>;
}
