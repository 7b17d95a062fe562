/** Live endpoints (spot). Only these lines differ between the simulator and the venue. */
export const BINANCE_SPOT_REST_URL = 'https://api.binance.com';
/** Market streams; the adapter connects to `<this>/stream` (combined streams, subscribed live). */
export const BINANCE_SPOT_WS_URL = 'wss://stream.binance.com:9443';
/** The WebSocket API, where the user data stream is subscribed since the listenKey's retirement (2026-02-20). */
export const BINANCE_SPOT_WS_API_URL = 'wss://ws-api.binance.com:443/ws-api/v3';

/** GET /api/v3/depth: default 100, max 5000. */
export const REST_DEPTH_DEFAULT_LIMIT = 100;
export const REST_DEPTH_MAX_LIMIT = 5000;
/**
 * Levels of the snapshot a streamed book starts from. The docs' procedure asks for 5000 (weight
 * 250); 1000 (weight 50) lets a process resynchronise five times as many books per minute, and a
 * level beyond the first 1000 is learned as soon as it changes.
 */
export const SNAPSHOT_DEPTH_LIMIT = 1000;
/** GET /api/v3/trades: default 500, max 1000. */
export const REST_TRADES_DEFAULT_LIMIT = 500;
export const REST_TRADES_MAX_LIMIT = 1000;

/** Weight of GET /api/v3/depth by limit (rest-api.md, "Order book"). */
export function depthWeight(limit: number): number {
  if (limit <= 100) return 5;
  if (limit <= 500) return 25;
  if (limit <= 1000) return 50;
  return 250;
}
