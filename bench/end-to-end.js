// End to end on loopback: the simulator pushes book updates, the market-data service (its own
// process) turns them into gRPC deltas, a gRPC client times each one from the simulator's send
// to its arrival. Baseline in the same run: a plain websocket client on the same simulator
// stream (the transport floor, no gateway hop). Also: time to SERVING, and RSS at 50 symbols.
import { fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import WebSocket from 'ws';
import { loadCexgw, loadPackageDefinition } from '@cexgw/grpc';
import { percentile } from './stats.js';

const root = fileURLToPath(new URL('..', import.meta.url));
/** As the launchers run the services (scripts/start.js, Dockerfile): a small young generation. */
const SERVICE_NODE_OPTIONS = '--max-semi-space-size=1';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** CLOCK_MONOTONIC in µs: comparable with the simulator process's stamps. */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** Starts the simulator as its own process; `pushes` collects (update id -> send µs). */
async function startSim(options) {
  const child = fork(fileURLToPath(new URL('./sim-process.js', import.meta.url)), [JSON.stringify(options)], { stdio: 'inherit' });
  const pushes = new Map();
  const ready = await new Promise((resolve) => {
    child.on('message', (message) => {
      if (message.ready) resolve(message.ready);
      const list = message.pushes;
      if (list) for (let i = 0; i < list.length; i += 2) pushes.set(list[i], list[i + 1]);
    });
  });
  return {
    ...ready,
    pushes,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.send('stop');
      }),
  };
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startService(sim) {
  const address = `127.0.0.1:${await freePort()}`;
  const started = performance.now();
  const child = spawn(process.execPath, ['services/market-data/dist/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_OPTIONS: process.env.NODE_OPTIONS ?? SERVICE_NODE_OPTIONS,
      CEXGW_VENUE: 'gateio_spot',
      CEXGW_GRPC_ADDRESS: address,
      CEXGW_GATEIO_SPOT_REST_URL: sim.restBaseUrl,
      CEXGW_GATEIO_SPOT_WS_URL: sim.wsUrl,
      LOG_LEVEL: 'warn',
    },
    stdio: 'inherit',
  });
  const health = new (grpc.loadPackageDefinition(loadPackageDefinition()).grpc.health.v1.Health)(address, grpc.credentials.createInsecure(), {
    'grpc.initial_reconnect_backoff_ms': 10,
    'grpc.max_reconnect_backoff_ms': 50,
  });
  for (;;) {
    const status = await new Promise((resolve) => health.Check({ service: '' }, { deadline: Date.now() + 500 }, (e, r) => resolve(e ? undefined : r.status)));
    if (status === 'SERVING') break;
    await sleep(5);
  }
  health.close();
  return { child, address, servingMs: performance.now() - started };
}

function summarize(samples, seconds) {
  const sorted = Float64Array.from(samples).sort();
  return { count: sorted.length, perSecond: sorted.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), p999: percentile(sorted, 99.9), max: sorted.at(-1) ?? 0 };
}

async function latencyAtRate(rate, seconds) {
  const sim = await startSim({ seed: 9, symbols: ['BTC_USDT'], flowRatePerSec: rate, flowTickMs: 1, pushIntervalMs: 0, reportPushes: true });
  const service = await startService(sim);
  const client = new (loadCexgw().MarketData)(service.address, grpc.credentials.createInsecure());

  // Baseline: a websocket client subscribed directly to the same venue stream.
  const direct = new WebSocket(sim.wsUrl);
  await new Promise((r) => direct.once('open', r));
  direct.send(JSON.stringify({ time: Math.floor(Date.now() / 1000), channel: 'spot.obu', event: 'subscribe', payload: ['ob.BTC_USDT.50'] }));

  // Arrival stamps now; matched with the simulator's send stamps once its batches are in.
  let measuring = false;
  const gatewayArrivals = [];
  const websocketArrivals = [];
  direct.on('message', (data) => {
    if (!measuring) return;
    const frame = JSON.parse(data.toString());
    if (frame.result?.U !== undefined) websocketArrivals.push(frame.result.u, nowUs());
  });
  const call = client.StreamOrderBook({ symbol: { base: 'BTC', quote: 'USDT' } });
  call.on('data', (update) => {
    if (measuring && update.kind === 'ORDER_BOOK_UPDATE_KIND_DELTA') gatewayArrivals.push(Number(update.last_update_id), nowUs());
  });
  call.on('error', () => {});
  await sleep(1500); // warm-up
  measuring = true;
  await sleep(seconds * 1000);
  measuring = false;
  call.cancel();
  direct.close();
  client.close();
  service.child.kill('SIGTERM');
  await new Promise((r) => service.child.once('exit', r));
  await sim.close();
  const latencies = (arrivals) => {
    const out = [];
    for (let i = 0; i < arrivals.length; i += 2) {
      const sentAt = sim.pushes.get(arrivals[i]);
      if (sentAt !== undefined) out.push(arrivals[i + 1] - sentAt);
    }
    return out;
  };
  return { gateway: summarize(latencies(gatewayArrivals), seconds), websocket: summarize(latencies(websocketArrivals), seconds), servingMs: service.servingMs };
}

async function rssWhileStreaming(symbolCount, seconds) {
  const symbols = ['BTC_USDT', 'ETH_USDT', ...Array.from({ length: symbolCount - 2 }, (_, i) => `SYNTH${i + 1}_USDT`)];
  const sim = await startSim({ seed: 4, symbols, flowRatePerSec: 20 });
  const service = await startService(sim);
  const v1 = loadCexgw();
  const client = new v1.MarketData(service.address, grpc.credentials.createInsecure());
  const diagnostics = new v1.Diagnostics(service.address, grpc.credentials.createInsecure());
  let messages = 0;
  const calls = symbols.map((id) => {
    const [base, quote] = id.split('_');
    const call = client.StreamOrderBook({ symbol: { base, quote } });
    call.on('data', () => messages++);
    call.on('error', () => {});
    return call;
  });
  let peak = 0;
  let peakAnon = 0;
  for (let i = 0; i < seconds; i++) {
    await sleep(1000);
    const metrics = await new Promise((resolve, reject) => diagnostics.GetMetrics({}, (e, m) => (e ? reject(e) : resolve(m))));
    peak = Math.max(peak, Number(metrics.rss_bytes));
    // RssAnon: memory private to the process (RSS also counts the node binary's shared pages).
    const status = readFileSync(`/proc/${service.child.pid}/status`, 'utf8');
    peakAnon = Math.max(peakAnon, Number(/RssAnon:\s+(\d+)/.exec(status)?.[1] ?? 0));
  }
  for (const call of calls) call.cancel();
  client.close();
  diagnostics.close();
  service.child.kill('SIGTERM');
  await new Promise((r) => service.child.once('exit', r));
  await sim.close();
  return { peakRssMb: peak / 1024 / 1024, peakPrivateMb: peakAnon / 1024, messagesPerSecond: messages / seconds };
}

export async function benchEndToEnd() {
  const rate = 10_000;
  const seconds = 8;
  const result = await latencyAtRate(rate, seconds);
  const row = (name, s) =>
    `  ${name.padEnd(44)}${Math.round(s.perSecond).toLocaleString('en-US').padStart(10)}${s.p50.toFixed(0).padStart(9)}${s.p99.toFixed(0).padStart(9)}${s.p999.toFixed(0).padStart(9)}`;
  console.log(`\nEnd to end on loopback: simulator at ${rate.toLocaleString('en-US')} book changes/s (BTC_USDT, obu 50, every change pushed), ${seconds} s`);
  console.log(`  ${'path'.padEnd(44)}${'deltas/s'.padStart(10)}${'p50 µs'.padStart(9)}${'p99 µs'.padStart(9)}${'p99.9 µs'.padStart(9)}`);
  console.log(row('plain websocket client on the venue stream', result.websocket));
  console.log(row('gateway: venue -> service -> gRPC client', result.gateway));
  console.log(`  gateway p99 / websocket p99: ${(result.gateway.p99 / result.websocket.p99).toFixed(2)}x; gateway hop adds ${(result.gateway.p50 - result.websocket.p50).toFixed(0)} µs at p50`);
  console.log(`  time from process start to SERVING: ${result.servingMs.toFixed(0)} ms`);
  const rss = await rssWhileStreaming(50, 6);
  console.log(
    `  market-data while streaming 50 symbols: RSS ${rss.peakRssMb.toFixed(1)} MB peak, of which private ${rss.peakPrivateMb.toFixed(1)} MB (${Math.round(rss.messagesPerSecond)} book messages/s delivered)`,
  );
  console.log('  targets:');
  console.log(`    ${result.gateway.p99 < 1000 ? 'met ' : 'MISS'} end to end p99 < 1 ms at 10,000 updates/s: ${result.gateway.p99.toFixed(0)} µs`);
  console.log(`    ${rss.peakRssMb < 50 ? 'met ' : 'MISS'} RSS < 50 MB streaming 50 symbols: ${rss.peakRssMb.toFixed(1)} MB`);
  console.log(`    ${result.servingMs < 1000 ? 'met ' : 'MISS'} SERVING within 1 s of start: ${result.servingMs.toFixed(0)} ms`);
  return { ...result, rss };
}
