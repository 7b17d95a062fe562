/**
 * Listeners grouped by key (one key per venue subscription). The venue subscription is opened
 * for the first listener of a key and closed after the last one leaves, so any number of
 * clients on one symbol share one venue subscription.
 */
export class Fanout<T> {
  private readonly byKey = new Map<string, Set<(value: T) => void>>();

  constructor(
    private readonly onFirst: (key: string) => void,
    private readonly onLast: (key: string) => void,
  ) {}

  add(key: string, listener: (value: T) => void): () => void {
    let listeners = this.byKey.get(key);
    if (!listeners) {
      listeners = new Set();
      this.byKey.set(key, listeners);
      listeners.add(listener);
      this.onFirst(key);
    } else {
      listeners.add(listener);
    }
    return () => this.remove(key, listener);
  }

  emit(key: string, value: T): void {
    const listeners = this.byKey.get(key);
    if (!listeners) return;
    for (const listener of listeners) listener(value);
  }

  listenerCount(key: string): number {
    return this.byKey.get(key)?.size ?? 0;
  }

  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  private remove(key: string, listener: (value: T) => void): void {
    const listeners = this.byKey.get(key);
    if (!listeners?.delete(listener) || listeners.size > 0) return;
    this.byKey.delete(key);
    this.onLast(key);
  }
}
