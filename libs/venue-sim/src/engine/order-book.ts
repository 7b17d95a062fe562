import { SortedPrices } from './sorted-prices.js';
import type { BookSide, Level, RestingOrder, Side } from './types.js';

/** Orders resting at one price, oldest first (time priority). */
class PriceLevel {
  readonly orders: RestingOrder[] = [];
  total = 0n;
  constructor(readonly price: bigint) {}
}

/**
 * A limit order book for one instrument: price levels per side, FIFO queues inside a level.
 * It only stores orders; matching lives in MatchingEngine.
 */
export class OrderBook {
  private readonly bidPrices = new SortedPrices(true);
  private readonly askPrices = new SortedPrices(false);
  private readonly bidLevels = new Map<bigint, PriceLevel>();
  private readonly askLevels = new Map<bigint, PriceLevel>();
  private readonly byId = new Map<number, RestingOrder>();

  private prices(side: BookSide): SortedPrices {
    return side === 'bid' ? this.bidPrices : this.askPrices;
  }

  private levels(side: BookSide): Map<bigint, PriceLevel> {
    return side === 'bid' ? this.bidLevels : this.askLevels;
  }

  static sideOf(orderSide: Side): BookSide {
    return orderSide === 'buy' ? 'bid' : 'ask';
  }

  levelCount(side: BookSide): number {
    return this.prices(side).length;
  }

  orderCount(): number {
    return this.byId.size;
  }

  get(orderId: number): RestingOrder | undefined {
    return this.byId.get(orderId);
  }

  bestPrice(side: BookSide): bigint | undefined {
    return this.prices(side).at(0);
  }

  /** Price at depth index (0 = best). */
  priceAt(side: BookSide, index: number): bigint | undefined {
    return this.prices(side).at(index);
  }

  /** Worst (deepest) price on a side. */
  worstPrice(side: BookSide): bigint | undefined {
    const p = this.prices(side);
    return p.at(p.length - 1);
  }

  levelQuantity(side: BookSide, price: bigint): bigint {
    return this.levels(side).get(price)?.total ?? 0n;
  }

  /** Oldest live order at a price, if any. */
  firstOrderAt(side: BookSide, price: bigint): RestingOrder | undefined {
    return this.levels(side).get(price)?.orders[0];
  }

  /** Orders at a price, oldest first (a copy). */
  ordersAt(side: BookSide, price: bigint): RestingOrder[] {
    return [...(this.levels(side).get(price)?.orders ?? [])];
  }

  /** Top `n` aggregated levels from the best (all when n is omitted). */
  depth(side: BookSide, n?: number): Level[] {
    const prices = this.prices(side);
    const levels = this.levels(side);
    const count = n === undefined ? prices.length : Math.min(n, prices.length);
    const out = new Array<Level>(count);
    for (let i = 0; i < count; i++) {
      const price = prices.at(i) as bigint;
      out[i] = [price, (levels.get(price) as PriceLevel).total];
    }
    return out;
  }

  /** Appends a resting order at the back of its level. Returns the level's new total. */
  add(order: RestingOrder): bigint {
    const side = OrderBook.sideOf(order.side);
    const levels = this.levels(side);
    let level = levels.get(order.price);
    if (!level) {
      level = new PriceLevel(order.price);
      levels.set(order.price, level);
      this.prices(side).insert(order.price);
    }
    level.orders.push(order);
    level.total += order.remaining;
    this.byId.set(order.id, order);
    return level.total;
  }

  /**
   * Takes `quantity` from an order (a fill or a partial cancel). Removes the order when it
   * reaches zero and the level when it empties. Returns the level's new total.
   */
  reduce(orderId: number, quantity: bigint): bigint {
    const order = this.byId.get(orderId);
    if (!order) throw new Error(`unknown order ${orderId}`);
    if (quantity <= 0n || quantity > order.remaining) throw new Error(`bad reduce ${quantity} of ${order.remaining}`);
    const side = OrderBook.sideOf(order.side);
    const levels = this.levels(side);
    const level = levels.get(order.price) as PriceLevel;
    order.remaining -= quantity;
    level.total -= quantity;
    if (order.remaining === 0n) {
      this.byId.delete(orderId);
      const i = level.orders.indexOf(order);
      if (i >= 0) level.orders.splice(i, 1);
    }
    if (level.orders.length === 0) {
      levels.delete(order.price);
      this.prices(side).remove(order.price);
      return 0n;
    }
    return level.total;
  }

  /** Removes an order entirely. Returns the level's new total, or undefined if unknown. */
  remove(orderId: number): bigint | undefined {
    const order = this.byId.get(orderId);
    if (!order) return undefined;
    return this.reduce(orderId, order.remaining);
  }
}
