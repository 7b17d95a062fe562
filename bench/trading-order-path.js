// The gateway's own cost of an order: PlaceOrder received over gRPC until the signed request
// leaves for the venue (validation, symbol rules, pre-trade limits, the idempotency record in the
// journal, signing, the HTTP pool): stamped by a server interceptor on arrival and by undici's
// diagnostics channel when the request's headers are written to the venue's socket. The venue
// is a loopback HTTP endpoint in this process answering in Gate.io's shape. Measured with the
// SQLite journal (the default) and with the PostgreSQL journal (a local server, fsync on: the
// pending record is on disk before the order leaves). Baselines in the same run: a gRPC unary
// round trip to the same server (Health/Check) and an HTTP POST of the same kind straight to the
// endpoint. Orders over Gate's websocket API (order_transport "ws") are measured in the same run
// on the same kind of endpoint (spot.login, then spot.order_place answered as Gate does: an ack,
// then the order): PlaceOrder received until the order arrives at the venue, beside the same
// figure over REST, as a ratio.
import diagnosticsChannel from 'node:diagnostics_channel';
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { Pool } from 'undici';
import { WebSocketServer } from 'ws';
import { createExchangeFactory, silentLogger } from '@cexgw/adapters';
import { loadCexgw, loadPackageDefinition } from '@cexgw/grpc';
import { gateioRestAuth } from '../libs/adapters/dist/gateio/common/auth.js';
import { startTradingApp } from '../services/trading/dist/app.js';
import { loadConfig } from '../services/trading/dist/config.js';
import { SqliteJournal } from '../services/trading/dist/journal/sqlite-journal.js';
import { benchJournalName, benchPostgres, pgFloors } from './postgres.js';
import { percentile } from './stats.js';

const TOKEN = 'bench-token-0123456789abcdef';
const nowUs = () => Number(process.hrtime.bigint()) / 1000;

const PAIR = {
  id: 'BTC_USDT',
  base: 'BTC',
  quote: 'USDT',
  fee: '0.2',
  min_base_amount: '0.00001',
  min_quote_amount: '3',
  max_base_amount: '1000',
  max_quote_amount: '5000000',
  amount_precision: 6,
  precision: 1,
  trade_status: 'tradable',
  sell_start: 0,
  buy_start: 0,
  delisting_time: 0,
};
/**
 * Gate.io allows 10 placements per second per market, and the gateway's limiter keeps to it: the
 * orders rotate over ten markets and leave at least 15 ms apart (each market at most ~7 per
 * second), so no order waits for a token (that would be policy, not cost).
 */
const BASES = ['BTC', 'ETH', 'SOL', 'XRP', 'DOGE', 'ADA', 'TRX', 'LTC', 'DOT', 'LINK'];
const PAIRS = BASES.map((base) => ({ ...PAIR, id: `${base}_USDT`, base }));
const ORDER_SPACING_MS = 15;

/** The venue's answer to an order: what it was sent, now open. */
function openOrder(order, id) {
  const now = Date.now();
  return { ...order, id: String(id), status: 'open', left: order.amount, filled_amount: '0', filled_total: '0', create_time_ms: now, update_time_ms: now, finish_as: 'open' };
}

/** Gate's websocket API on the endpoint: logins accepted, orders stamped on arrival and answered (an ack, then the order). */
function websocketApi(server, arrivals, nextOrderId) {
  const wss = new WebSocketServer({ server, path: '/ws/v4/', perMessageDeflate: false });
  wss.on('connection', (socket) =>
    socket.on('message', (data) => {
      const arrived = nowUs();
      const request = JSON.parse(data.toString());
      if (request.event !== 'api') return; // the private stream's subscriptions: not measured here
      const { req_id: reqId, req_param: order } = request.payload;
      const answer = (result, ack) => socket.send(JSON.stringify({ request_id: reqId, ...(ack ? { ack } : {}), header: { status: '200', channel: request.channel, event: 'api' }, data: { result } }));
      if (request.channel === 'spot.login') return answer({ api_key: request.payload.api_key, uid: '1' });
      arrivals.set(order.text, arrived);
      answer({ req_id: reqId, req_header: null, req_param: order }, true);
      answer(openOrder(order, nextOrderId()));
    }),
  );
  return wss;
}

/** A loopback venue endpoint: currency pairs and server time for start-up, orders (REST and websocket API) stamped on arrival. */
function venueEndpoint() {
  const arrivals = new Map();
  let orderId = 1;
  const server = createServer((request, response) => {
    const arrived = nowUs();
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const send = (value) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(value));
      };
      const path = request.url.split('?')[0];
      if (path === '/api/v4/spot/currency_pairs') return send(PAIRS);
      if (path === '/api/v4/spot/time') return send({ server_time: Date.now() });
      if (path === '/api/v4/spot/orders' && request.method === 'POST') {
        const order = JSON.parse(body);
        arrivals.set(order.text, arrived);
        return send(openOrder(order, orderId++));
      }
      send({});
    });
  });
  const wss = websocketApi(server, arrivals, () => orderId++);
  const close = () => {
    for (const client of wss.clients) client.terminate();
    wss.close();
    server.close();
  };
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server: { close }, arrivals, url: `http://127.0.0.1:${server.address().port}` })));
}

function summary(samples) {
  const sorted = Float64Array.from(samples).sort();
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

// 150 orders after 20 to warm up, spread over markets and time so that none waits for the
// gateway's rate limiter (see BASES).
export async function benchTradingOrderPath(count = 150, warmUp = 20) {
  const venue = await venueEndpoint();
  const sqlite = await orderPathWith(venue, { CEXGW_JOURNAL_PATH: join(mkdtempSync(join(tmpdir(), 'cexgw-bench-')), 'journal.sqlite') }, count, warmUp);
  const postgres = await benchPostgres();
  // A fresh venue endpoint: the same rate-limit budget as the SQLite run.
  const venue2 = postgres ? await venueEndpoint() : undefined;
  const pg = postgres ? await orderPathWith(venue2, { CEXGW_JOURNAL_URL: postgres.url, CEXGW_JOURNAL_NAME: benchJournalName(), CEXGW_LEASE_TTL_MS: '60000' }, count, warmUp) : undefined;
  venue2?.server.close();
  const floors = postgres ? await pgFloors(postgres.url, count, summary) : undefined;
  // Orders over Gate's websocket API, on a fresh endpoint (the same rate-limit budget), beside the SQLite run over REST.
  const venue3 = await venueEndpoint();
  const ws = await orderPathWith(venue3, { CEXGW_JOURNAL_PATH: join(mkdtempSync(join(tmpdir(), 'cexgw-bench-')), 'journal.sqlite') }, count, warmUp, 'ws');
  venue3.server.close();

  const { order, whole, rpc, http } = sqlite;
  console.log(`\nOrder path: PlaceOrder received -> signed request written to the venue socket (${count} orders, journal SQLite synchronous=normal${pg ? ', then PostgreSQL' : ''})`);
  console.log(`  ${'path'.padEnd(58)}${'p50 µs'.padStart(9)}${'p99 µs'.padStart(9)}`);
  const line = (name, s) => console.log(`  ${name.padEnd(58)}${s.p50.toFixed(0).padStart(9)}${s.p99.toFixed(0).padStart(9)}`);
  line('gateway: request received -> signed request leaves', order);
  line('client call -> request arrives at the venue (both hops)', whole);
  if (pg) {
    line('PostgreSQL journal: request received -> request leaves', pg.order);
    line('PostgreSQL journal: client call -> arrives at the venue', pg.whole);
  }
  const { stages } = sqlite;
  line('  of which: checks, idempotency read (journal), limits', stages.checks);
  line('  of which: journal pending insert (SQLite)', stages.insert);
  line('  of which: adapter: request built, rate limit, signed', stages.adapter);
  line('  of which: undici: request created -> headers written', stages.undici);
  line('  signing alone (Gate SHA-512 + HMAC-SHA512), in a loop', signingCost(2000));
  line('REST: request received -> order arrives at the venue', sqlite.arrival);
  line("Gate's websocket API: request received -> order arrives", ws.arrival);
  line("Gate's websocket API: client call -> order arrives", ws.whole);
  line('baseline: gRPC unary round trip (Health/Check)', rpc);
  line('baseline: HTTP POST to the same endpoint (send -> arrival)', http);
  if (floors) {
    line('baseline: PostgreSQL round trip (SELECT 1)', floors.roundTrip);
    line('baseline: PostgreSQL durable commit (INSERT, fsync)', floors.commit);
  }
  console.log('  targets:');
  console.log(`    ${order.p99 < 200 ? 'met ' : 'MISS'} order path p99 < 200 µs: ${order.p99.toFixed(0)} µs (transport floors: gRPC p99 ${rpc.p99.toFixed(0)} µs, HTTP p99 ${http.p99.toFixed(0)} µs)`);
  if (pg) {
    console.log(
      `    PostgreSQL journal: p50 ${pg.order.p50.toFixed(0)} µs, ${(pg.order.p50 / order.p50).toFixed(1)}x SQLite's: the idempotency look-up (a round trip, p50 ${floors.roundTrip.p50.toFixed(0)} µs) and the pending record's durable commit (p50 ${floors.commit.p50.toFixed(0)} µs) come before the order leaves`,
    );
  }
  const ratio = (p) => `${ws.arrival[p].toFixed(0)} µs = ${(ws.arrival[p] / sqlite.arrival[p]).toFixed(2)}x REST's ${sqlite.arrival[p].toFixed(0)} µs`;
  console.log(`    orders over Gate's websocket API (order_transport ws), request received -> arrival at the venue: p50 ${ratio('p50')}, p99 ${ratio('p99')}`);
  venue.server.close();
  return { order, whole, rpc, http, pg, ws: { arrival: ws.arrival, rest: sqlite.arrival } };
}

/** One run of `count` orders through a trading app on the given journal, orders over REST or Gate's websocket API. */
async function orderPathWith(venue, journalEnv, count, warmUp, transport = 'rest') {
  const config = loadConfig(
    {
      CEXGW_VENUE: 'gateio_spot',
      CEXGW_GATEIO_SPOT_REST_URL: `${venue.url}/api/v4`,
      // Over REST the websocket (private stream only) is left unreachable: nothing on it is measured.
      CEXGW_GATEIO_SPOT_WS_URL: transport === 'ws' ? `${venue.url.replace('http', 'ws')}/ws/v4/` : 'ws://127.0.0.1:9/ws/v4/',
      CEXGW_GATEIO_SPOT_ORDER_TRANSPORT: transport,
      CEXGW_GATEIO_SPOT_API_KEY: 'bench-key-0000000000',
      CEXGW_GATEIO_SPOT_API_SECRET: 'bench-secret-0000000000',
      CEXGW_CLIENT_TOKENS: TOKEN,
      CEXGW_GRPC_ADDRESS: '127.0.0.1:0',
      ...journalEnv,
      CEXGW_TRADING_MAX_NOTIONAL: '100000',
      CEXGW_FILL_RECOVERY_INTERVAL_MS: '0',
    },
    [],
  );
  const exchange = createExchangeFactory().createPrivate('gateio_spot', {
    restBaseUrl: config.venueConfig.restBaseUrl,
    wsUrl: config.venueConfig.wsUrl,
    credentials: config.credentials,
    options: config.venueConfig.options,
    logger: silentLogger,
  });
  // Stamps each PlaceOrder as the server receives it: the gateway's own path starts there.
  const received = new Map();
  const stamp = (method, call) =>
    new grpc.ServerInterceptingCall(call, {
      start: (next) =>
        next({
          onReceiveMessage: (message, nextMessage) => {
            if (method.path.endsWith('/PlaceOrder')) received.set(message.client_order_id, nowUs());
            nextMessage(message);
          },
        }),
    });
  const app = await startTradingApp({ config, exchange, logger: silentLogger, interceptors: [stamp] });
  await app.ready;
  const address = `127.0.0.1:${app.port}`;
  const trading = new (loadCexgw().Trading)(address, grpc.credentials.createInsecure());
  const health = new (grpc.loadPackageDefinition(loadPackageDefinition()).grpc.health.v1.Health)(address, grpc.credentials.createInsecure());
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${TOKEN}`);
  const place = (id, base) =>
    new Promise((resolve, reject) => {
      const request = { symbol: { base, quote: 'USDT' }, side: 'SIDE_BUY', type: 'ORDER_TYPE_LIMIT', quantity: '0.00123', price: '65000.1', client_order_id: id };
      trading.PlaceOrder(request, metadata, (error) => (error ? reject(error) : resolve()));
    });

  // Orders go one at a time, so the last order request created and written is the current order's.
  const isOrder = (request) => request.method === 'POST' && request.path.startsWith('/api/v4/spot/orders');
  let createdAt = 0;
  let leftAt = 0;
  const onCreate = ({ request }) => {
    if (isOrder(request)) createdAt = nowUs();
  };
  const onHeaders = ({ request }) => {
    if (isOrder(request)) leftAt = nowUs();
  };
  diagnosticsChannel.subscribe('undici:request:create', onCreate);
  diagnosticsChannel.subscribe('undici:client:sendHeaders', onHeaders);
  // The stages between: the journal's pending insert, and the hand-over to the venue adapter.
  const stages = stageClock(exchange);
  const orderPath = [];
  const endToEnd = [];
  const split = { checks: [], insert: [], adapter: [], undici: [] };
  const arrival = [];
  for (let i = 0; i < count + warmUp; i++) {
    const id = `bench${i}`;
    await new Promise((resolve) => setTimeout(resolve, ORDER_SPACING_MS));
    const sent = nowUs();
    await place(id, BASES[i % BASES.length]);
    if (i < warmUp) continue;
    const arrived = received.get(id);
    orderPath.push(leftAt - arrived);
    endToEnd.push(venue.arrivals.get(`t-${id}`) - sent);
    arrival.push(venue.arrivals.get(`t-${id}`) - arrived);
    if (stages.insertUs !== undefined) {
      split.insert.push(stages.insertUs);
      split.checks.push(stages.handedAt - arrived - stages.insertUs);
    }
    split.adapter.push(createdAt - stages.handedAt);
    split.undici.push(leftAt - createdAt);
  }
  stages.restore();

  diagnosticsChannel.unsubscribe('undici:request:create', onCreate);
  diagnosticsChannel.unsubscribe('undici:client:sendHeaders', onHeaders);
  const grpcRoundTrip = [];
  for (let i = 0; i < count; i++) {
    const sent = nowUs();
    await new Promise((resolve) => health.Check({ service: '' }, () => resolve()));
    grpcRoundTrip.push(nowUs() - sent);
  }

  const pool = new Pool(venue.url, { connections: 1 });
  const httpHop = [];
  for (let i = 0; i < count; i++) {
    const id = `http${i}`;
    const sent = nowUs();
    const response = await pool.request({ method: 'POST', path: '/api/v4/spot/orders', body: JSON.stringify({ text: `t-${id}`, amount: '1' }), headers: { 'content-type': 'application/json' } });
    await response.body.text();
    httpHop.push(venue.arrivals.get(`t-${id}`) - sent);
  }

  trading.close();
  health.close();
  await pool.close();
  await app.stop();
  return {
    order: summary(orderPath),
    whole: summary(endToEnd),
    arrival: summary(arrival),
    rpc: summary(grpcRoundTrip),
    http: summary(httpHop),
    stages: Object.fromEntries(Object.entries(split).map(([name, samples]) => [name, summary(samples)])),
  };
}

/**
 * Stamps the order path's inner stages for the order in flight: the SQLite journal's pending
 * insert (its duration) and the moment the order is handed to the venue adapter. Bench-only
 * wrappers around the real methods; `restore` puts the originals back.
 */
function stageClock(exchange) {
  const clock = { insertUs: undefined, handedAt: 0 };
  const insertOrder = SqliteJournal.prototype.insertOrder;
  SqliteJournal.prototype.insertOrder = async function (...args) {
    const started = nowUs();
    const inserted = await insertOrder.apply(this, args);
    clock.insertUs = nowUs() - started;
    return inserted;
  };
  const placeOrder = exchange.placeOrder;
  exchange.placeOrder = function (...args) {
    clock.handedAt = nowUs();
    return placeOrder.apply(this, args);
  };
  clock.restore = () => {
    SqliteJournal.prototype.insertOrder = insertOrder;
    exchange.placeOrder = placeOrder;
  };
  return clock;
}

/** Gate.io's REST signature alone (SHA-512 of the body, HMAC-SHA512), µs per order request. */
function signingCost(count) {
  const auth = gateioRestAuth({ apiKey: 'bench-key-0000000000', apiSecret: 'bench-secret-0000000000' }, { now: () => Date.now() });
  const body = JSON.stringify({ text: 't-bench', currency_pair: 'BTC_USDT', type: 'limit', account: 'spot', side: 'buy', amount: '0.00123', price: '65000.1', time_in_force: 'gtc' });
  const samples = [];
  for (let i = 0; i < count; i++) {
    const started = nowUs();
    auth.sign({ method: 'POST', path: '/api/v4/spot/orders', queryString: '', body });
    samples.push(nowUs() - started);
  }
  return summary(samples.slice(count / 10));
}
