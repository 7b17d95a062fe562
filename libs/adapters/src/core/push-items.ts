import type { Logger } from './logger.js';
import type { AdapterMetrics } from './metrics.js';

/** Where an unreadable push item is counted and logged. */
export interface PushContext {
  readonly metrics: AdapterMetrics;
  readonly logger: Logger;
}

/**
 * Delivers each readable item of a push, in order. An item that does not read (its
 * reader throws) is counted as malformed and logged, and the other items of the push are still
 * delivered: one bad item must not hide a fill beside it, nor be delivered half-read.
 * `read` returns undefined for an item that is readable but not ours (an unknown symbol).
 */
export function deliverPushItems<W, T>(items: unknown, channel: string, read: (wire: W) => T | undefined, deliver: (value: T) => void, context: PushContext): void {
  if (!Array.isArray(items)) {
    context.metrics.wsMessagesMalformed++;
    context.logger.warn({ channel }, 'push without a list of items dropped');
    return;
  }
  for (const item of items as W[]) {
    let value: T | undefined;
    try {
      value = read(item);
    } catch (error) {
      context.metrics.wsMessagesMalformed++;
      context.logger.warn({ channel, err: (error as Error).message }, 'malformed push item dropped');
      continue;
    }
    if (value !== undefined) deliver(value);
  }
}
