import { startGateioSpotSim, type GateioSpotSim } from '@cexgw/venue-sim';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { GatewayError } from '../src/core/errors.js';
import { AdapterMetrics } from '../src/core/metrics.js';
import type { PrivateExchange } from '../src/core/private-exchange.js';
import { endpointLimits } from '../src/core/rate-limiter.js';
import { ServerClock } from '../src/core/server-clock.js';
import { silentLogger } from '../src/core/logger.js';
import { GateioWsApi } from '../src/gateio/common/ws-api.js';
import { spotWsOrderCalls, type SpotOrderCalls } from '../src/gateio/spot/order-calls.js';
import { GATEIO_SPOT_PRIVATE_RATE_LIMITS } from '../src/gateio/spot/rate-limits.js';
import type { WireSpotOrder } from '../src/gateio/spot/private-wire.js';
import { createExchangeFactory } from '../src/venues.js';
import { contractOrder, ignoreEvents } from './contracts/contract-orders.js';

// The websocket order transport's failure modes, against the simulated Gate.io spot venue: a
// request that never left is refused as not sent (the order manager may then reuse its id), a
// refused login says UNAUTHENTICATED at once, an answer lost with its socket leaves the outcome
// open (resolved by client order id), and reads and cancels go over REST while the socket is down.

const BTC = { base: 'BTC', quote: 'USDT' };
const credentials = (sim: GateioSpotSim, secret = sim.apiSecret) => ({ apiKey: sim.apiKey, apiSecret: secret });

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GatewayError);
    return error as GatewayError;
  }
  throw new Error('expected a rejection');
}

async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('Gate.io websocket order API', () => {
  let sim: GateioSpotSim;
  const control = (path: string, body?: object) =>
    fetch(`${sim.controlUrl}/${path}`, body ? { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : undefined).then((r) => r.json());
  const privateAdapter = (secret?: string) =>
    createExchangeFactory().createPrivate('gateio_spot', { restBaseUrl: sim.restBaseUrl, wsUrl: sim.wsUrl, credentials: credentials(sim, secret), options: { order_transport: 'ws' } });

  beforeAll(async () => {
    sim = await startGateioSpotSim({ seed: 5, symbols: ['BTC_USDT'], flowRatePerSec: 0 });
  });
  afterAll(async () => sim?.close());

  it('refuses a request as not sent while the socket is not logged in, and sends reads and cancels over REST instead', async () => {
    const metrics = new AdapterMetrics();
    const api = new GateioWsApi({ venue: 'gateio_spot', url: sim.wsUrl, market: 'spot', credentials: credentials(sim), clock: new ServerClock(async () => Date.now()), metrics, logger: silentLogger });
    const refused = await rejection(api.request('spot.order_place', '{}'));
    expect(refused).toMatchObject({ kind: 'venue_unavailable', notSent: true });
    expect(refused.message).toBe('gateio_spot: the websocket order API is down (not connected yet); spot.order_place was not sent');

    const overRest: string[] = [];
    const rest: SpotOrderCalls = {
      placeOrder: () => Promise.reject(new Error('a placement must never fall back to REST')),
      cancelOrder: async (orderId) => (overRest.push(`cancel ${orderId}`), { id: orderId } as WireSpotOrder),
      getOrder: async (orderId) => (overRest.push(`get ${orderId}`), { id: orderId } as WireSpotOrder),
    };
    // Order entry counts against the REST call's limits whatever carries it (Gate limits the account).
    const limits = endpointLimits(GATEIO_SPOT_PRIVATE_RATE_LIMITS);
    const acquired: string[] = [];
    const counted = {
      ...limits,
      acquire: (method: string, path: string, scope?: string) => (acquired.push(`${limits.endpointOf(method, path)} ${scope ?? ''}`.trim()), limits.acquire(method, path, scope)),
    };
    const calls = spotWsOrderCalls(api, rest, counted);
    expect((await rejection(calls.placeOrder({ currency_pair: 'BTC_USDT' }))).notSent).toBe(true);
    await calls.getOrder('t-a', 'BTC_USDT');
    await calls.cancelOrder('t-a', 'BTC_USDT');
    expect(overRest).toEqual(['get t-a', 'cancel t-a']);
    expect(acquired).toEqual(['POST /spot/orders BTC_USDT', 'GET /spot/orders/{order_id}', 'DELETE /spot/orders/{order_id}']);
    expect(metrics.errorCounts.get('ws_api_rest_fallback')).toBe(2);
    api.close();
  });

  it('says UNAUTHENTICATED with the venue label when the login is refused, without waiting out the start-up', async () => {
    const adapter = privateAdapter(`${sim.apiSecret}x`) as PrivateExchange & { start(l: unknown): Promise<void> };
    // REST refuses the same secret, so the adapter's start fails there; the login's answer is what matters here.
    await adapter.start(ignoreEvents).catch(() => undefined);
    await until('the login refused', async () => {
      const error = await rejection(adapter.placeOrder(contractOrder({ price: '1000', clientOrderId: 'ws-bad-key' }))).catch(() => undefined);
      return error?.kind === 'unauthenticated';
    });
    const error = await rejection(adapter.placeOrder(contractOrder({ price: '1000', clientOrderId: 'ws-bad-key' })));
    expect(error).toMatchObject({ kind: 'unauthenticated', venueCode: 'INVALID_SIGNATURE', notSent: true });
    await adapter.close();
  });

  it('the simulator answers as Gate does: "Not login" before a login, and a login signed over "{}" (gatews, ccxt) as over ""', async () => {
    const socket = new WebSocket(sim.wsUrl);
    const answers: Array<{ request_id: string; header: { status: string }; data: { result?: { uid?: string }; errs?: { label: string; message: string } } }> = [];
    socket.on('message', (data: Buffer) => answers.push(JSON.parse(data.toString('utf8'))));
    await new Promise((resolve) => socket.once('open', resolve));
    const time = Math.floor(Date.now() / 1000);
    const send = (channel: string, payload: object) => socket.send(JSON.stringify({ time, channel, event: 'api', payload }));
    send('spot.order_status', { req_id: 'r1', req_param: { order_id: '1', currency_pair: 'BTC_USDT' } });
    const signature = createHmac('sha512', sim.apiSecret).update(`api\nspot.login\n{}\n${time}`).digest('hex');
    send('spot.login', { req_id: 'r2', api_key: sim.apiKey, signature, timestamp: String(time) });
    send('spot.order_status', { req_id: 'r3', req_param: { order_id: '1', currency_pair: 'BTC_USDT' } });
    await until('three answers', () => answers.length >= 3);
    socket.close();
    expect(answers[0]).toMatchObject({ request_id: 'r1', header: { status: '400' }, data: { errs: { label: 'AUTHENTICATION_FAILED', message: 'Not login' } } });
    expect(answers[1]).toMatchObject({ request_id: 'r2', header: { status: '200' } });
    expect(answers[1]!.data.result?.uid).toBeTruthy();
    expect(answers[2]).toMatchObject({ request_id: 'r3', header: { status: '404' }, data: { errs: { label: 'ORDER_NOT_FOUND' } } });
  });

  it('leaves the outcome open when the socket is lost before the answer, and the order is found by its client order id', async () => {
    const adapter = privateAdapter();
    await adapter.start(ignoreEvents);
    const book = (await control('book?currency_pair=BTC_USDT&depth=1')) as { bids: Array<[string, string]> };
    const price = (Number(book.bids[0]![0]) * 0.9).toFixed(1);
    await control('faults', { kind: 'drop_answers', count: 1 });
    const placing = rejection(adapter.placeOrder(contractOrder({ price, clientOrderId: 'ws-lost' })));
    await until('the order at the venue', async () => {
      const { orders } = (await control(`orders?apiKey=${sim.apiKey}`)) as { orders: Array<{ clientOrderId: string | null }> };
      return orders.some((o) => o.clientOrderId === 't-ws-lost');
    });
    await control('faults', { kind: 'drop_sockets' });
    const lost = await placing;
    expect(lost).toMatchObject({ kind: 'venue_unavailable', notSent: false });
    expect(lost.message).toMatch(/connection was lost .* before spot.order_place was answered; its outcome is unknown/);
    await until('logged in again', () => adapter.health().then((h) => h.websocketConnectivity === true));
    const found = await adapter.getOrder({ symbol: BTC, clientOrderId: 'ws-lost' });
    expect(found).toMatchObject({ clientOrderId: 'ws-lost', status: 'open' });
    await adapter.cancelOrder({ symbol: BTC, orderId: found.orderId });
    await adapter.close();
  });
});
