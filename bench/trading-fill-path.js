// The trading service's fill path: a fill reported by the venue adapter (PrivateListener.onFill)
// until it is written to a client, with the journal's durable write in between.
//
//  1. in process: onFill -> SQLite journal (synchronous=NORMAL, the default, and FULL for
//     comparison) or the PostgreSQL journal (a local server, fsync on) -> fan-out to 4
//     subscribers, each serialising the Fill to protobuf bytes;
//  2. over gRPC on loopback: onFill -> journal -> StreamFills -> a gRPC client in its own
//     process (as in production), timed on the shared monotonic clock.
//
// "one per frame": every fill arrives alone (its own transaction, its own fsync): the latency
// case. "10 per frame": a websocket frame carrying 10 fills (one transaction): throughput.
// Run alone with `node bench/trading-fill-path.js` after `npm run build`.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { AdapterMetrics, separatorSymbolMapper, silentLogger } from '@cexgw/adapters';
import { loadCexgw } from '@cexgw/grpc';
import { startTradingApp } from '../services/trading/dist/app.js';
import { loadConfig } from '../services/trading/dist/config.js';
import { FillPipeline } from '../services/trading/dist/fill-pipeline.js';
import { fillMessage } from '../services/trading/dist/encode.js';
import { SqliteJournal } from '../services/trading/dist/journal/sqlite-journal.js';
import { benchJournalName, benchPostgres, openLeasedPgJournal } from './postgres.js';
import { percentile } from './stats.js';

const TOKEN = 'bench-token-0123456789abcdef';
const nowUs = () => performance.now() * 1000;
/** CLOCK_MONOTONIC in µs: comparable between this process and the client process. */
const monoUs = () => Number(process.hrtime.bigint() / 1000n);
let seq = 0;
const fill = () => ({
  fillId: `T${++seq}`,
  orderId: '812736451',
  clientOrderId: 'arb-leg-000123',
  symbol: { base: 'BTC', quote: 'USDT' },
  side: 'buy',
  price: '65000.1',
  quantity: '0.00123',
  fee: '0.0159900246',
  feeAsset: 'USDT',
  isMaker: false,
  timestampMs: Date.now(),
});

function summarise(name, samples, count, seconds) {
  const sorted = Float64Array.from(samples).sort();
  return { name, rate: count / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** A venue adapter stand-in that only reports fills (the bench drives its listener). */
function benchVenue() {
  return {
    venue: 'bench_venue',
    metrics: new AdapterMetrics(),
    symbols: separatorSymbolMapper('_'),
    listener: undefined,
    async start(listener) {
      this.listener = listener;
    },
    listSymbols: () => [],
    symbolInfo() {
      throw new Error('no symbols');
    },
    fillsSince: async () => [],
    health: async () => ({ restConnectivity: true, websocketConnectivity: true, authentication: true, exchangeSpecificFeatures: true, detail: '' }),
    close: async () => {},
  };
}

/** store: 'normal' / 'full' (SQLite synchronous=), or 'postgres'. */
async function inProcess(store, perFrame, frames) {
  const dir = mkdtempSync(join(tmpdir(), 'cexgw-bench-'));
  const pg = store === 'postgres' ? await openLeasedPgJournal((await benchPostgres()).url) : undefined;
  const journal = pg ? pg.journal : new SqliteJournal({ path: join(dir, 'journal.sqlite'), sync: store });
  const pipeline = new FillPipeline({ journal, exchange: benchVenue(), recoveryMarginMs: 0, recoveryIntervalMs: 0, recoverySymbols: [] });
  const serialize = loadCexgw().Trading.service.StreamFills.responseSerialize;
  let delivered = 0;
  let bytes = 0;
  for (let s = 0; s < 4; s++) {
    pipeline.subscribe({
      deliver(f) {
        bytes += serialize(fillMessage(f)).length;
        delivered++;
      },
    });
  }
  const samples = [];
  const started = performance.now();
  for (let i = 0; i < frames; i++) {
    const t0 = nowUs();
    for (let k = 0; k < perFrame; k++) pipeline.onFill(fill());
    await pipeline.flush();
    samples.push(nowUs() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  if (delivered !== frames * perFrame * 4 || bytes === 0) throw new Error('fan-out incomplete');
  await (pg ? pg.close() : journal.close());
  rmSync(dir, { recursive: true, force: true });
  return summarise(`in process, ${storeName(store)}, ${perFrame} per frame`, samples, frames * perFrame, seconds);
}

function storeName(store) {
  if (store === 'none') return 'no journal (floor)';
  return store === 'postgres' ? 'PostgreSQL' : `SQLite ${store.toUpperCase()}`;
}

/**
 * A burst: `count` fills, each in a websocket frame of its own (its own tick), sent without
 * waiting for the journal. Fills arriving while a commit is in flight share the next commit
 * (group commit), so throughput follows the arrival rate rather than the commit time.
 */
async function inProcessBurst(store, count) {
  const dir = mkdtempSync(join(tmpdir(), 'cexgw-bench-'));
  const pg = store === 'postgres' ? await openLeasedPgJournal((await benchPostgres()).url) : undefined;
  const journal = pg ? pg.journal : new SqliteJournal({ path: join(dir, 'journal.sqlite'), sync: store });
  const pipeline = new FillPipeline({ journal, exchange: benchVenue(), recoveryMarginMs: 0, recoveryIntervalMs: 0, recoverySymbols: [] });
  const sentUs = new Map();
  const samples = [];
  pipeline.subscribe({ deliver: (f) => samples.push(nowUs() - sentUs.get(f.fillId)) });
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const f = fill();
    sentUs.set(f.fillId, nowUs());
    pipeline.onFill(f);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await pipeline.flush();
  const seconds = (performance.now() - started) / 1000;
  if (samples.length !== count) throw new Error('burst incomplete');
  await (pg ? pg.close() : journal.close());
  rmSync(dir, { recursive: true, force: true });
  return summarise(`in process, ${storeName(store)}, burst of ${count} (1 per frame)`, samples, count, seconds);
}

/** The gRPC client as its own process (as in production): reports each fill's arrival time over IPC. */
function clientProcess(address) {
  const child = fork(new URL(import.meta.url).pathname, ['--client', address], { stdio: 'inherit' });
  return child;
}

async function runClient(address) {
  const client = new (loadCexgw().Trading)(address, grpc.credentials.createInsecure());
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${TOKEN}`);
  const stream = client.StreamFills({ after_cursor: '' }, metadata);
  // Only the last fill of each frame is timed ("L" ids): IPC for every fill would load the client.
  stream.on('data', (message) => message.fill_id.startsWith('L') && process.send([message.fill_id, monoUs()]));
  stream.on('error', () => process.exit(0));
  process.on('message', () => {
    stream.cancel();
    client.close();
    process.exit(0);
  });
  // "" asks for new fills only: ready once the service has the subscription in place (its headers),
  // or a fill sent before that is, rightly, not this stream's.
  stream.once('metadata', () => process.send('ready'));
}

/** No disk at all: the transport floor the journal's cost is added to. */
function memoryJournal() {
  let cursor = 0;
  const noop = async () => {};
  return {
    appendFills: async (fills) => fills.map((f) => ({ ...f, cursor: ++cursor })),
    fillsAfter: async () => [],
    lastCursor: async () => cursor,
    lastFillTimes: async () => new Map(),
    insertOrder: async () => true,
    getOrder: async () => undefined,
    updateOrder: noop,
    deleteOrder: noop,
    ordersWithStatus: async () => [],
    activeSymbols: async () => [],
    getValue: async () => undefined,
    setValue: noop,
    close: noop,
  };
}

async function overGrpcProcess(store, perFrame, frames, gapMs) {
  const dir = mkdtempSync(join(tmpdir(), 'cexgw-bench-'));
  const venue = benchVenue();
  const journalEnv =
    store === 'postgres'
      ? // A lease that a loaded machine cannot lose mid-run (failover is the soak's to measure, not this path's).
        { CEXGW_JOURNAL_URL: (await benchPostgres()).url, CEXGW_JOURNAL_NAME: benchJournalName(), CEXGW_LEASE_TTL_MS: '60000' }
      : { CEXGW_JOURNAL_PATH: join(dir, 'journal.sqlite'), CEXGW_JOURNAL_SYNC: store === 'none' ? 'normal' : store };
  const config = loadConfig(
    {
      CEXGW_VENUE: 'bench_venue',
      CEXGW_BENCH_VENUE_API_KEY: 'bench-key-000000',
      CEXGW_BENCH_VENUE_API_SECRET: 'bench-secret-000000',
      CEXGW_CLIENT_TOKENS: TOKEN,
      CEXGW_GRPC_ADDRESS: '127.0.0.1:0',
      ...journalEnv,
      CEXGW_FILL_RECOVERY_INTERVAL_MS: '0',
    },
    [],
    undefined,
    (venue) => ({ id: venue, options: {} }), // the scripted bench venue declares no options
  );
  const app = await startTradingApp({ config, exchange: venue, logger: silentLogger, journal: store === 'none' ? memoryJournal() : undefined });
  await app.ready;
  const child = clientProcess(`127.0.0.1:${app.port}`);
  let onArrival;
  child.on('message', (message) => onArrival?.(message));
  await new Promise((resolve) => (onArrival = (m) => m === 'ready' && resolve()));
  const samples = [];
  const started = performance.now();
  for (let i = 0; i < frames; i++) {
    const batch = Array.from({ length: perFrame }, fill);
    const last = `L${batch.at(-1).fillId}`;
    batch[perFrame - 1] = { ...batch[perFrame - 1], fillId: last };
    const arrived = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fill ${last} never reached the client (journal write failed?)`)), 60_000);
      onArrival = (m) => m[0] === last && (clearTimeout(timer), resolve(m[1]));
    });
    const sentUs = monoUs();
    for (const f of batch) venue.listener.onFill(f);
    samples.push((await arrived) - sentUs);
    if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
  }
  const seconds = (performance.now() - started) / 1000;
  child.send('stop');
  await new Promise((resolve) => child.once('exit', resolve));
  await app.stop();
  rmSync(dir, { recursive: true, force: true });
  return summarise(`to gRPC client, ${storeName(store)}, ${perFrame} per frame${gapMs ? `, every ${gapMs} ms` : ''}`, samples, frames * perFrame, seconds);
}

export async function benchTradingFillPath() {
  const rows = [];
  await inProcess('normal', 1, 300); // warm-up
  rows.push(await inProcess('normal', 1, 3_000));
  rows.push(await inProcess('normal', 10, 1_000));
  rows.push(await inProcess('full', 1, 2_000));
  const journaled = await overGrpcProcess('normal', 1, 3_000, 0);
  rows.push(journaled);
  rows.push(await overGrpcProcess('normal', 1, 1_000, 2));
  rows.push(await overGrpcProcess('normal', 10, 1_000, 0));
  rows.push(await overGrpcProcess('full', 1, 2_000, 0));
  const floor = await overGrpcProcess('none', 1, 3_000, 0);
  rows.push(floor);
  rows.push(await overGrpcProcess('none', 1, 1_000, 2));
  rows.push(await inProcessBurst('normal', 3_000));
  if (await benchPostgres()) {
    rows.push(await inProcessBurst('postgres', 3_000));
    rows.push(await inProcess('postgres', 1, 1_000));
    rows.push(await inProcess('postgres', 10, 300));
    rows.push(await overGrpcProcess('postgres', 1, 1_000, 0));
    rows.push(await overGrpcProcess('postgres', 1, 500, 2));
    rows.push(await overGrpcProcess('postgres', 10, 300, 0));
  }
  console.log('\nTrading fill path: venue fill -> journal commit -> client; latency per frame (the last fill of it), fills/s');
  console.log('  (SQLite: default CEXGW_JOURNAL_SYNC=normal with the 100 ms checkpoint worker, FULL for comparison;');
  console.log('   PostgreSQL: a local server with fsync and synchronous_commit on, every commit on disk)');
  console.log('  path'.padEnd(62) + 'fills/s'.padStart(10) + 'p50 µs'.padStart(10) + 'p99 µs'.padStart(10));
  for (const row of rows) {
    console.log(`  ${row.name}`.padEnd(62) + Math.round(row.rate).toLocaleString('en-US').padStart(10) + row.p50.toFixed(1).padStart(10) + row.p99.toFixed(1).padStart(10));
  }
  return { rows, journaled, floor };
}

if (process.argv[2] === '--client') {
  await runClient(process.argv[3]);
} else if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchTradingFillPath();
  process.exit(0);
}
