/**
 * A sorted array of distinct bigint prices. Bids are kept descending and asks ascending, so
 * index 0 is always the best price. Books here hold at most a few hundred levels, where a
 * binary-searched array beats any tree.
 */
export class SortedPrices {
  private readonly items: bigint[] = [];

  /** @param descending true for bids (best = highest). */
  constructor(private readonly descending: boolean) {}

  get length(): number {
    return this.items.length;
  }

  at(index: number): bigint | undefined {
    return this.items[index];
  }

  /** First `n` prices from the best. */
  head(n: number): bigint[] {
    return this.items.slice(0, n);
  }

  all(): readonly bigint[] {
    return this.items;
  }

  /** True when a is strictly better than b on this side. */
  better(a: bigint, b: bigint): boolean {
    return this.descending ? a > b : a < b;
  }

  /** Index where `price` sits or would be inserted. */
  private search(price: bigint): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.items[mid] as bigint;
      if (v === price) return mid;
      if (this.better(v, price)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(price: bigint): void {
    const i = this.search(price);
    if (this.items[i] === price) return;
    this.items.splice(i, 0, price);
  }

  remove(price: bigint): void {
    const i = this.search(price);
    if (this.items[i] === price) this.items.splice(i, 1);
  }
}
