import { DepthHub, type DepthFormat } from '../common/depth-streams.js';
import { update } from '../common/ws-protocol.js';
import type { GatePairSpec } from './catalogue.js';
import type { GateSpotContext } from './context.js';
import * as fmt from './format.js';
import type { GateWsConnection } from './ws-connection.js';

/** Spot depth channels: spot.obu and spot.order_book_update, levels as [price, amount] strings. */
const SPOT_DEPTH: DepthFormat<GatePairSpec, GateWsConnection> = {
  market: 'spot',
  idOf: (spec) => spec.id,
  obuLevels: fmt.levels,
  sendOrderBookUpdate(stream, change, now) {
    const { t, firstU, u } = change;
    const b = fmt.levels(stream.spec, change.bids);
    const a = fmt.levels(stream.spec, change.asks);
    const frame = update(now, 'spot.order_book_update', { t, l: String(stream.level), e: 'depthUpdate', E: Math.floor(t / 1000), s: stream.id, U: firstU, u, b, a });
    for (const conn of stream.subscribers) conn.send(frame);
  },
  /** obu 50 levels / 20 ms, 400 / 100 ms; order_book_update "20ms" = 20 levels, "100ms" = 100. */
  venueCadenceMs: (kind, level) => (kind === 'obu' ? (level === 50 ? 20 : 100) : level === 20 ? 20 : 100),
};

export type SpotDepthHub = DepthHub<GatePairSpec, GateWsConnection>;

/** @param pushIntervalMs undefined = venue cadences; 0 = push on every book change. */
export function spotDepthHub(ctx: GateSpotContext, pushIntervalMs: number | undefined): SpotDepthHub {
  return new DepthHub(ctx, SPOT_DEPTH, pushIntervalMs);
}
