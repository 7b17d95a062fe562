import type { GateioFuturesSim } from '../../src/index.js';
import { gateSigned, gateWsAuth, type SignedAnswer } from './signing.js';
import type { Frame, TestWsClient } from './ws-client.js';

type Key = { apiKey: string; apiSecret: string };

/** Signed calls to the futures simulator's /api/v4/futures/usdt endpoints (hand-rolled signing of the wire doc). */
export function futuresApi(sim: GateioFuturesSim, key: Key = { apiKey: sim.apiKey, apiSecret: sim.apiSecret }) {
  const signed = (method: string, path: string, query?: Record<string, string>, body?: unknown, opts: Parameters<typeof gateSigned>[6] = {}): Promise<SignedAnswer> =>
    gateSigned(sim.restBaseUrl, method, `/futures/usdt${path}`, query, body, key, opts);
  return {
    signed,
    order: (body: Record<string, unknown>, headers?: Record<string, string>) => signed('POST', '/orders', undefined, body, { headers }),
    position: async (contract: string): Promise<any> => (await signed('GET', `/positions/${contract}`)).body,
    account: async (): Promise<any> => (await signed('GET', '/accounts')).body,
    leverage: (contract: string, query: Record<string, string>) => signed('POST', `/positions/${contract}/leverage`, query),
    myTrades: async (query: Record<string, string>): Promise<any[]> => (await signed('GET', '/my_trades', query)).body,
  };
}

/** Subscribes an authenticated futures channel and waits for its ack. */
export async function subscribePrivate(ws: TestWsClient, channel: string, payload: unknown[], key: Key): Promise<Frame> {
  const time = Math.floor(Date.now() / 1000);
  const id = ws.send({ time, channel, event: 'subscribe', payload, auth: gateWsAuth(channel, 'subscribe', time, key) });
  return ws.waitFor((f) => f.id === id);
}

/** Sum of size x price over fills, and their total size (for a volume-weighted price). */
export function vwap(trades: { size: number | string; price: string }[]): { size: number; price: number } {
  let size = 0;
  let cost = 0;
  for (const t of trades) {
    size += Math.abs(Number(t.size));
    cost += Math.abs(Number(t.size)) * Number(t.price);
  }
  return { size, price: cost / size };
}
