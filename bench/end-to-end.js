// End to end on loopback: the simulator pushes book updates, the market-data service (its own
// process) turns them into gRPC deltas, a gRPC client times each one from the simulator's send
// to its arrival. Baseline in the same run: a plain websocket client on the same simulator
// stream (the transport floor, no gateway hop). Also: time to SERVING, and RSS at 50 symbols.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import WebSocket from 'ws';
import { loadCexgw } from '@cexgw/grpc';
import { sleep, startService, startSim, stopService } from './processes.js';
import { percentile } from './stats.js';

/** CLOCK_MONOTONIC in µs: comparable with the simulator process's stamps. */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);
/** Epoch µs as every process stamps it (performance.timeOrigin + now) minus CLOCK_MONOTONIC µs. */
const epochMinusMonotonicUs = () => (performance.timeOrigin + performance.now()) * 1000 - nowUs();

function summarize(samples, seconds) {
  const sorted = Float64Array.from(samples).sort();
  return { count: sorted.length, perSecond: sorted.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), p999: percentile(sorted, 99.9), max: sorted.at(-1) ?? 0 };
}

export async function latencyAtRate(rate, seconds, serviceOptions) {
  const sim = await startSim({ seed: 9, symbols: ['BTC_USDT'], flowRatePerSec: rate, flowTickMs: 1, pushIntervalMs: 0, reportPushes: true });
  const service = await startService(sim, serviceOptions);
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
    if (measuring && update.kind === 'ORDER_BOOK_UPDATE_KIND_DELTA') gatewayArrivals.push(Number(update.last_update_id), nowUs(), Number(update.received_timestamp_us));
  });
  call.on('error', () => {});
  await sleep(1500); // warm-up
  measuring = true;
  await sleep(seconds * 1000);
  measuring = false;
  call.cancel();
  direct.close();
  client.close();
  await stopService(service);
  await sim.close();
  const latencies = (arrivals, stride) => {
    const out = [];
    for (let i = 0; i < arrivals.length; i += stride) {
      const sentAt = sim.pushes.get(arrivals[i]);
      if (sentAt !== undefined) out.push(arrivals[i + 1] - sentAt);
    }
    return out;
  };
  // The service stamps each message with its frame receipt (epoch µs, from the same clock as
  // ours): the hop splits into venue -> service receipt and service receipt -> client.
  const toMonotonic = epochMinusMonotonicUs();
  const venueToService = [];
  const serviceToClient = [];
  for (let i = 0; i < gatewayArrivals.length; i += 3) {
    const sentAt = sim.pushes.get(gatewayArrivals[i]);
    const receivedAt = gatewayArrivals[i + 2] - toMonotonic;
    if (sentAt === undefined) continue;
    venueToService.push(receivedAt - sentAt);
    serviceToClient.push(gatewayArrivals[i + 1] - receivedAt);
  }
  return {
    gateway: summarize(latencies(gatewayArrivals, 3), seconds),
    websocket: summarize(latencies(websocketArrivals, 2), seconds),
    venueToService: summarize(venueToService, seconds),
    serviceToClient: summarize(serviceToClient, seconds),
    servingMs: service.servingMs,
  };
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
  await stopService(service);
  await sim.close();
  return { peakRssMb: peak / 1024 / 1024, peakPrivateMb: peakAnon / 1024, messagesPerSecond: messages / seconds };
}

const PROBE = fileURLToPath(new URL('./probes/hop-probe.mjs', import.meta.url));

/**
 * Inside the service: where a message waits on its way out (hop-probe.mjs), and what the young
 * generation's size costs in scavenges and latency against the memory it saves: the 1 MB the
 * trading services run with, the 8 MB of the market-data services, and V8's default (16 MB on
 * 64-bit).
 */
async function writePathBreakdown(rate, seconds) {
  const dir = mkdtempSync(join(tmpdir(), 'cexgw-probe-'));
  const runs = [];
  for (const semiSpaceMb of [1, 8, 16]) {
    const out = join(dir, `probe-${semiSpaceMb}.json`);
    const result = await latencyAtRate(rate, seconds, { nodeArgs: ['--import', pathToFileURL(PROBE).href], nodeOptions: `--max-semi-space-size=${semiSpaceMb}`, env: { HOP_PROBE_OUT: out } });
    runs.push({ semiSpaceMb, result, probe: JSON.parse(readFileSync(out, 'utf8')) });
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`  inside the service (${seconds} s each; µs p50 / p99):`);
  console.log(
    `  ${'semi-space'.padEnd(12)}${'receipt->write'.padStart(16)}${'queued in grpc-js'.padStart(19)}${'HTTP/2 write'.padStart(14)}${'loop delay ms p99'.padStart(19)}${'scavenges/s'.padStart(13)}${'GC % wall'.padStart(11)}${'CPU %'.padStart(7)}${'RSS MB'.padStart(8)}${'hop p50/p99'.padStart(14)}`,
  );
  const pair = (s) => `${s.p50.toFixed(0)} / ${s.p99.toFixed(0)}`;
  for (const { semiSpaceMb, result, probe } of runs) {
    const seconds = probe.wallMs / 1000;
    console.log(
      `  ${`${semiSpaceMb} MB`.padEnd(12)}${pair(probe.receiptToWrite).padStart(16)}${pair(probe.writableQueue).padStart(19)}${pair(probe.writeToFlushed).padStart(14)}${probe.loopDelayMs.p99.toFixed(1).padStart(19)}${(probe.gc.scavenges / seconds).toFixed(1).padStart(13)}${((100 * (probe.gc.scavengeMs + probe.gc.majorMs)) / probe.wallMs).toFixed(1).padStart(11)}${((100 * (probe.cpuUserMs + probe.cpuSystemMs)) / probe.wallMs).toFixed(0).padStart(7)}${probe.rssMb.toFixed(0).padStart(8)}${`${(result.gateway.p50 - result.websocket.p50).toFixed(0)} / ${(result.gateway.p99 / result.websocket.p99).toFixed(2)}x`.padStart(14)}`,
    );
  }
  return runs;
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
  console.log(row('  of which venue -> service frame receipt', result.venueToService));
  console.log(row('  of which service frame receipt -> client', result.serviceToClient));
  console.log(`  gateway p99 / websocket p99: ${(result.gateway.p99 / result.websocket.p99).toFixed(2)}x; gateway hop adds ${(result.gateway.p50 - result.websocket.p50).toFixed(0)} µs at p50`);
  await writePathBreakdown(rate, 6);
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
