/** RPCs answered, by method and outcome ("ok" or the gateway error class); a Map increment per call. */
export class CallCounters {
  private readonly counts = new Map<string, number>();

  count(method: string, outcome: string): void {
    const key = `${method}:${outcome}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** [method, outcome, count] for every pair seen. */
  *entries(): IterableIterator<[string, string, number]> {
    for (const [key, count] of this.counts) {
      const colon = key.indexOf(':');
      yield [key.slice(0, colon), key.slice(colon + 1), count];
    }
  }

  /** As the Diagnostics map: "<method>:<outcome>" -> count. */
  toRecord(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
