// Fan-out and breadth: what each delivered book message costs the market-data service as the
// work grows. One book at 10,000 changes/s to 1, 10 and 100 subscribers (one event encoded once,
// written to N streams), and 500 symbols streamed at once (MEXC: 17 websocket shards; Gate.io):
// the service's CPU per delivered message (from /proc, user + system) and its memory per streamed
// symbol over the same service idle. The clients count raw bytes (no decoding), so the figures
// are the service's. Targets (issue 12): 100 subscribers keep up at 10k/s; < 100 KB per symbol.
import * as grpc from '@grpc/grpc-js';
import { loadCexgw } from '@cexgw/grpc';
import { cpuSeconds, residentMb, sleep, startService, startSim, stopService } from './processes.js';

const KIND_SNAPSHOT = 1;

/**
 * A MarketData client whose StreamOrderBook hands over the message bytes undecoded. Its streams
 * share one HTTP/2 connection, so the connection's flow-control window is raised from HTTP/2's
 * 64 KB (which 100 busy streams exhaust between two window updates) as a consumer of many
 * streams would.
 */
function rawBookClient(address) {
  const method = loadCexgw().MarketData.service.StreamOrderBook;
  const Client = grpc.makeGenericClientConstructor({ StreamOrderBook: { ...method, responseDeserialize: (bytes) => bytes } }, 'MarketData');
  return new Client(address, grpc.credentials.createInsecure(), { 'grpc-node.flow_control_window': 16 * 1024 * 1024 });
}

/** The kind of a message as the service encodes it: sequence (field 4), symbol (1), kind (2). */
function kindOf(bytes) {
  let at = 1;
  while (bytes[at] >= 128) at++; // the sequence's last byte
  at += 3 + bytes[at + 2]; // past it, the symbol's tag, its length and its bytes
  return bytes[at] === 16 ? bytes[at + 1] : 0;
}

/** Opens one StreamOrderBook per entry of `symbols`; counts messages and resets (snapshots after the first). */
function subscribe(client, symbols) {
  const counts = { messages: 0, resets: 0, streams: symbols.length };
  const calls = symbols.map(([base, quote]) => {
    let first = true;
    const call = client.StreamOrderBook({ symbol: { base, quote } });
    call.on('data', (bytes) => {
      counts.messages++;
      if (kindOf(bytes) === KIND_SNAPSHOT && !first) counts.resets++;
      first = false;
    });
    call.on('error', () => {});
    return call;
  });
  return { counts, cancel: () => calls.forEach((call) => call.cancel()) };
}

/** Streams for `seconds` after a warm-up; the service's CPU and memory over that window. */
async function window(service, subscription, seconds) {
  await sleep(2000);
  const { counts } = subscription;
  const messages0 = counts.messages;
  const resets0 = counts.resets;
  const cpu0 = cpuSeconds(service.child.pid);
  const clientCpu0 = cpuSeconds(process.pid);
  let peak = residentMb(service.child.pid);
  for (let i = 0; i < seconds * 4; i++) {
    await sleep(250);
    const now = residentMb(service.child.pid);
    if (now.rss > peak.rss) peak = now;
  }
  const delivered = counts.messages - messages0;
  const cpu = cpuSeconds(service.child.pid) - cpu0;
  const clientCpuShare = (cpuSeconds(process.pid) - clientCpu0) / seconds;
  return { perSecond: delivered / seconds, cpuUsPerMessage: (cpu * 1e6) / Math.max(1, delivered), cpuShare: cpu / seconds, clientCpuShare, resets: counts.resets - resets0, peak };
}

async function subscribers(count, rate, seconds) {
  const sim = await startSim({ seed: 9, symbols: ['BTC_USDT'], flowRatePerSec: rate, flowTickMs: 1, pushIntervalMs: 0 });
  const service = await startService(sim);
  const client = rawBookClient(service.address);
  const subscription = subscribe(
    client,
    Array.from({ length: count }, () => ['BTC', 'USDT']),
  );
  const result = await window(service, subscription, seconds);
  subscription.cancel();
  client.close();
  await stopService(service);
  await sim.close();
  return result;
}

const SYMBOLS = {
  mexc_spot: (n) => ['BTCUSDT', 'ETHUSDT', ...Array.from({ length: n - 2 }, (_, i) => `SYNTH${i + 1}USDT`)],
  gateio_spot: (n) => ['BTC_USDT', 'ETH_USDT', ...Array.from({ length: n - 2 }, (_, i) => `SYNTH${i + 1}_USDT`)],
};
const pairOf = (venueSymbol) => (venueSymbol.includes('_') ? venueSymbol.split('_') : [venueSymbol.slice(0, -4), 'USDT']);

async function breadth(venue, count, seconds) {
  const symbols = SYMBOLS[venue](count);
  const sim = await startSim({ venue, seed: 4, symbols, flowRatePerSec: 20 });
  const service = await startService(sim, { venue });
  await sleep(1000);
  const idle = residentMb(service.child.pid);
  const client = rawBookClient(service.address);
  const subscription = subscribe(client, symbols.map(pairOf));
  const result = await window(service, subscription, seconds);
  subscription.cancel();
  client.close();
  await stopService(service);
  await sim.close();
  return { ...result, idle, kbPerSymbol: ((result.peak.rss - idle.rss) * 1024) / count, privateKbPerSymbol: ((result.peak.private - idle.private) * 1024) / count };
}

export async function benchFanOut() {
  const rate = 10_000;
  const seconds = 6;
  console.log(`\nFan-out: one book (BTC_USDT, Gate.io obu) at ${rate.toLocaleString('en-US')} changes/s to N subscribers, ${seconds} s each`);
  console.log(
    `  ${'subscribers'.padEnd(14)}${'delivered/s'.padStart(12)}${'per stream/s'.padStart(14)}${'CPU µs/msg'.padStart(12)}${'CPU share'.padStart(11)}${'resets'.padStart(8)}${'client CPU'.padStart(12)}`,
  );
  const rows = [];
  for (const count of [1, 10, 100]) {
    const r = await subscribers(count, rate, seconds);
    rows.push({ count, ...r });
    console.log(
      `  ${String(count).padEnd(14)}${Math.round(r.perSecond).toLocaleString('en-US').padStart(12)}${Math.round(r.perSecond / count)
        .toLocaleString('en-US')
        .padStart(
          14,
        )}${r.cpuUsPerMessage.toFixed(1).padStart(12)}${`${(r.cpuShare * 100).toFixed(0)} %`.padStart(11)}${String(r.resets).padStart(8)}${`${(r.clientCpuShare * 100).toFixed(0)} %`.padStart(12)}`,
    );
  }
  const symbols = 500;
  console.log(`\nBreadth: ${symbols} symbols streamed, 20 changes/s each (${(symbols * 20).toLocaleString('en-US')}/s in all), one subscriber per symbol`);
  console.log(
    `  ${'venue'.padEnd(14)}${'delivered/s'.padStart(12)}${'CPU µs/msg'.padStart(12)}${'RSS idle'.padStart(10)}${'RSS peak'.padStart(10)}${'KB/symbol'.padStart(11)}${'private KB/sym'.padStart(16)}`,
  );
  const wide = {};
  for (const venue of ['mexc_spot', 'gateio_spot']) {
    const r = await breadth(venue, symbols, seconds);
    wide[venue] = r;
    console.log(
      `  ${venue.padEnd(14)}${Math.round(r.perSecond).toLocaleString('en-US').padStart(12)}${r.cpuUsPerMessage.toFixed(1).padStart(12)}${`${r.idle.rss.toFixed(0)} MB`.padStart(10)}${`${r.peak.rss.toFixed(0)} MB`.padStart(10)}${r.kbPerSymbol.toFixed(0).padStart(11)}${r.privateKbPerSymbol.toFixed(0).padStart(16)}`,
    );
  }
  const hundred = rows.at(-1);
  const keptUp = hundred.perSecond / hundred.count / rows[0].perSecond;
  const worstKb = Math.max(...Object.values(wide).map((r) => r.kbPerSymbol));
  console.log('  targets:');
  console.log(
    `    ${keptUp >= 0.95 && hundred.resets === 0 ? 'met ' : 'MISS'} 100 subscribers of one book keep up at 10k/s: each stream got ${(keptUp * 100).toFixed(0)} % of what a lone subscriber got, ${hundred.resets} resets`,
  );
  console.log(`    ${worstKb < 100 ? 'met ' : 'MISS'} memory < 100 KB per streamed symbol: ${worstKb.toFixed(0)} KB (RSS growth over the idle service, worst venue)`);
  return { rows, wide };
}
