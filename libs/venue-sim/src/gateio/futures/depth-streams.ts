import { DepthHub, type DepthFormat } from '../common/depth-streams.js';
import { update } from '../common/ws-protocol.js';
import type { GateContractSpec } from './catalogue.js';
import type { GateFuturesContext } from './context.js';
import * as fmt from './format.js';
import type { GateFuturesWsConnection } from './ws-connection.js';

/**
 * Futures depth channels: futures.obu levels are [price, size] strings; futures.order_book_update
 * levels are {p, s} objects with s an integer (a string for X-Gate-Size-Decimal connections), so
 * its frame is rendered once per size style among the subscribers.
 */
const FUTURES_DEPTH: DepthFormat<GateContractSpec, GateFuturesWsConnection> = {
  market: 'futures',
  idOf: (spec) => spec.name,
  obuLevels: fmt.arrayLevels,
  sendOrderBookUpdate(stream, change, now) {
    const { t, firstU, u } = change;
    const frames = new Map<boolean, string>();
    for (const conn of stream.subscribers) {
      const d = conn.decimalSizes;
      let frame = frames.get(d);
      if (frame === undefined) {
        frame = update(now, 'futures.order_book_update', {
          t,
          s: stream.id,
          U: firstU,
          u,
          b: fmt.objectLevels(stream.spec, change.bids, d),
          a: fmt.objectLevels(stream.spec, change.asks, d),
          l: String(stream.level),
        });
        frames.set(d, frame);
      }
      conn.send(frame);
    }
  },
  /** obu: 50 levels / 20 ms, 400 / 100 ms; order_book_update: the requested interval. */
  venueCadenceMs: (kind, level, intervalMs) => (kind === 'obu' ? (level === 50 ? 20 : 100) : intervalMs),
};

export type FuturesDepthHub = DepthHub<GateContractSpec, GateFuturesWsConnection>;

/** @param pushIntervalMs undefined = venue cadences; 0 = push on every book change. */
export function futuresDepthHub(ctx: GateFuturesContext, pushIntervalMs: number | undefined): FuturesDepthHub {
  return new DepthHub(ctx, FUTURES_DEPTH, pushIntervalMs);
}
