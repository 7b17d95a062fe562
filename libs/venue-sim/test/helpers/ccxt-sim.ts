import type { MexcSpotSim } from '../../src/index.js';
import { getJson, postJson } from './ws-client.js';

/** Points ccxt's own mexc classes at the simulator: only base URLs differ from the live venue. */
export function pointMexcAt(ex: any, sim: MexcSpotSim): void {
  ex.urls.api.spot.public = sim.restBaseUrl;
  ex.urls.api.spot.private = sim.restBaseUrl;
  ex.urls.api.contract.public = `${sim.restBaseUrl}/api/v1/contract`;
  if (ex.urls.api.ws) ex.urls.api.ws.spot = sim.wsUrl;
}

/**
 * A price where nothing rests, `ticks` above the best ask (a sell there rests at the front of its
 * level), and the base quantity resting below it in millionths. `bookQuery` names the pair in the
 * venue's own parameter, e.g. "currency_pair=BTC_USDT" or "symbol=BTCUSDT".
 */
export async function freeAskLevel(controlUrl: string, bookQuery: string, priceDecimals: number, ticks: number): Promise<{ price: string; aheadMicros: bigint }> {
  const depth = await getJson(`${controlUrl}/book?${bookQuery}&depth=500`);
  const scale = 10 ** priceDecimals;
  const ticksOf = (p: string) => Math.round(Number(p) * scale);
  let free = ticksOf(depth.asks[0][0]) + ticks;
  while (depth.asks.some(([p]: [string]) => ticksOf(p) === free)) free += 1;
  let aheadMicros = 0n;
  for (const [p, q] of depth.asks) if (ticksOf(p) < free) aheadMicros += BigInt(Math.round(Number(q) * 1e6));
  return { price: (free / scale).toFixed(priceDecimals), aheadMicros };
}

/** Runs `check` with the venue clock skewed by `ms`, clearing the fault afterwards even when it fails. */
export async function withClockSkew(controlUrl: string, ms: number, check: () => Promise<void>): Promise<void> {
  await postJson(`${controlUrl}/faults`, { kind: 'clock_skew', ms });
  try {
    await check();
  } finally {
    await postJson(`${controlUrl}/faults`, { kind: 'clear' });
  }
}

/** Gives a second ccxt client the markets another already loaded (so it signs without loading them itself). */
export function shareMarkets(from: any, to: any): void {
  to.markets = from.markets;
  to.markets_by_id = from.markets_by_id;
}

/** Places a market buy of `cost` in quote and returns its fills (ccxt's view) and the balance before it. */
export async function marketBuyByCost(ex: any, symbol: string, cost: number): Promise<{ before: any; status: string; trades: any[]; bought: number; fees: number }> {
  const before = await ex.fetchBalance();
  const ob = await ex.fetchOrderBook(symbol, 5);
  const created = await ex.createOrder(symbol, 'market', 'buy', cost, ob.asks[0][0]);
  const status = (await ex.fetchOrder(created.id, symbol)).status;
  const trades = (await ex.fetchMyTrades(symbol)).filter((t: any) => t.order === created.id);
  const bought = trades.reduce((s: number, t: any) => s + t.amount, 0);
  const fees = trades.reduce((s: number, t: any) => s + t.fee.cost, 0);
  return { before, status, trades, bought, fees };
}
