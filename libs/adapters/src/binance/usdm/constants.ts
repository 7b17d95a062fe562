/** Live endpoints (USDⓈ-M futures). Only these lines differ between the simulator and the venue. */
export const BINANCE_USDM_REST_URL = 'https://fapi.binance.com';
/** Market streams; the adapter connects to `<this>/stream` (combined), and the user data stream to `<this>/ws/<listenKey>`. */
export const BINANCE_USDM_WS_URL = 'wss://fstream.binance.com';

/** GET /fapi/v1/depth limits: 5, 10, 20, 50, 100, 500 (default) or 1000. */
export const REST_DEPTH_LIMITS = [5, 10, 20, 50, 100, 500, 1000] as const;
export const REST_DEPTH_DEFAULT_LIMIT = 500;
/** The streamed book starts from the deepest snapshot, as the documented procedure asks. */
export const SNAPSHOT_DEPTH_LIMIT = 1000;
/** GET /fapi/v1/trades: default 500, max 1000. */
export const REST_TRADES_DEFAULT_LIMIT = 500;
export const REST_TRADES_MAX_LIMIT = 1000;
/** Funding every 8 hours unless GET /fapi/v1/fundingInfo names another interval for the symbol. */
export const DEFAULT_FUNDING_INTERVAL_HOURS = 8;

/** Weight of GET /fapi/v1/depth by limit. */
export function depthWeight(limit: number): number {
  if (limit <= 50) return 2;
  if (limit <= 100) return 5;
  if (limit <= 500) return 10;
  return 20;
}

/** The smallest documented depth limit holding `depth` levels. */
export function depthLimitFor(depth: number): number {
  return REST_DEPTH_LIMITS.find((limit) => limit >= depth) ?? REST_DEPTH_LIMITS[REST_DEPTH_LIMITS.length - 1]!;
}
