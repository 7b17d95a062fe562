import { LatencyWindow } from '@cexgw/adapters';

/** Figures of one logical stream (e.g. "orderbook:BTC/USDT") across all its subscribers. */
export class StreamStats {
  subscribers = 0;
  /** Messages handed to subscribers (one per subscriber per message). */
  messages = 0;
  /** Subscribers that fell behind: book backlogs dropped (resync), streams ended, updates conflated. */
  slowConsumerEvents = 0;
  /** Lag from venue receipt (or journal commit, for fills) to the write, microseconds; only where measured. */
  readonly latencyUs = new LatencyWindow(2048);
  readonly queues = new Set<{ readonly depth: number }>();

  maxQueueDepth(): number {
    let max = 0;
    for (const queue of this.queues) if (queue.depth > max) max = queue.depth;
    return max;
  }

  avgQueueDepth(): number {
    if (this.queues.size === 0) return 0;
    let total = 0;
    for (const queue of this.queues) total += queue.depth;
    return total / this.queues.size;
  }
}

/** A stream name split into its kind and symbol: "orderbook:BTC/USDT" -> orderbook, BTC/USDT; "fills" -> fills, "". */
export function streamKind(name: string): { kind: string; symbol: string } {
  const colon = name.indexOf(':');
  return colon < 0 ? { kind: name, symbol: '' } : { kind: name.slice(0, colon), symbol: name.slice(colon + 1) };
}

export class StreamStatsRegistry {
  private readonly streams = new Map<string, StreamStats>();

  get(name: string): StreamStats {
    let stats = this.streams.get(name);
    if (!stats) this.streams.set(name, (stats = new StreamStats()));
    return stats;
  }

  entries(): IterableIterator<[string, StreamStats]> {
    return this.streams.entries();
  }
}
