import { LatencyWindow } from '@cexgw/adapters';

/** Figures of one logical stream (e.g. "orderbook:BTC/USDT") across all its subscribers. */
export class StreamStats {
  subscribers = 0;
  messages = 0;
  slowConsumerEvents = 0;
  readonly latencyUs = new LatencyWindow(2048);
  readonly queues = new Set<{ readonly depth: number }>();

  maxQueueDepth(): number {
    let max = 0;
    for (const queue of this.queues) if (queue.depth > max) max = queue.depth;
    return max;
  }
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
