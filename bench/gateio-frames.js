// Gate.io spot.obu frames, from raw websocket text to a delta ready for gRPC, beside
// JSON.parse alone (the floor) and beside ccxt's websocket gate class on the same frames.
import ccxt from 'ccxt';
import { AdapterMetrics, BookFeed, GateioFrameRouter, silentLogger } from '@cexgw/adapters';
import { ObuBookSync } from '../libs/adapters/dist/gateio/common/book-obu.js';
import { encodeOrderBookUpdate } from '@cexgw/grpc';
import { makeObuFrames } from './frames.js';
import { measure, medianSpeedRatio, printTable } from './stats.js';

export function benchGateioFrames(count = 50_000) {
  const { full, deltas } = makeObuFrames(count);

  // The gateway's own path: router -> spot.obu sync -> BookFeed (continuity + book) -> message.
  const metrics = new AdapterMetrics();
  const noSocket = { subscribe() {}, unsubscribe() {}, resubscribe() {} };
  const sync = new ObuBookSync(noSocket, 50, metrics, silentLogger, 'spot.obu');
  const router = new GateioFrameRouter(metrics, silentLogger);
  router.on('spot.obu', (result, _frame, us) => sync.onUpdate(result, us));
  router.onFast((text, us) => sync.tryFastPath(text, us));
  const feed = new BookFeed({ base: 'BTC', quote: 'USDT' }, () => {
    throw new Error('the benchmark frames must be gap-free');
  });
  let sequence = 0;
  let sink;
  feed.addListener((event) => {
    sink = encodeOrderBookUpdate(event, ++sequence);
  });
  sync.start('BTC_USDT', feed);
  const gatewaySide = { prepare: () => router.route(full, 0), handle: (text) => router.route(text, 0) };
  const gateway = measure('cex-gateway: text -> OrderBookUpdate bytes', deltas, gatewaySide.prepare, gatewaySide.handle);
  if (feed.book.lastUpdateId !== JSON.parse(deltas.at(-1)).result.u || !sink) throw new Error('gateway did not apply every frame');

  const floorSide = { prepare: () => {}, handle: (text) => JSON.parse(text) };
  const floor = measure('JSON.parse alone (floor)', deltas, floorSide.prepare, floorSide.handle);

  // ccxt pro: the raw-text entry point its websocket client uses for every frame.
  const pro = new ccxt.pro.gate();
  const client = pro.client(pro.urls.api.spot);
  const ccxtSide = { prepare: () => client.onMessage({ data: full }), handle: (text) => client.onMessage({ data: text }) };
  const ccxtRow = measure('ccxt pro gate: client.onMessage', deltas, ccxtSide.prepare, ccxtSide.handle, 3);
  const ccxtBook = pro.orderbooks['BTC/USDT'];
  if (!ccxtBook || ccxtBook.nonce !== JSON.parse(deltas.at(-1)).result.u) throw new Error('ccxt did not apply every frame');

  printTable(`Gate.io spot.obu frames (${count.toLocaleString('en-US')} deltas, 1-4 levels each)`, [floor, gateway, ccxtRow], floor);
  // The targets are judged on ratios from back-to-back passes (see medianSpeedRatio).
  const vsFloor = medianSpeedRatio(deltas, gatewaySide, floorSide);
  const vsCcxt = medianSpeedRatio(deltas, gatewaySide, ccxtSide, 5);
  console.log(`  median of interleaved rounds: ${vsFloor.toFixed(2)}x JSON.parse's speed, ${vsCcxt.toFixed(2)}x ccxt's`);
  const targets = [
    ['throughput >= 0.6x JSON.parse', vsFloor, 0.6, (v) => `${v.toFixed(2)}x`],
    ['p99 < 20 µs', gateway.p99, 20, (v) => `${v.toFixed(2)} µs`],
    ['>= 5x ccxt', vsCcxt, 5, (v) => `${v.toFixed(2)}x`],
  ];
  console.log('  targets:');
  for (const [label, value, bound, format] of targets) {
    const ok = label.startsWith('p99') ? value < bound : value >= bound;
    console.log(`    ${ok ? 'met ' : 'MISS'} ${label}: ${format(value)}`);
  }
  return { gateway, floor, ccxt: ccxtRow, vsFloor, vsCcxt };
}
