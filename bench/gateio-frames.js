// Gate.io spot.obu frames, from raw websocket text to a delta ready for gRPC, beside
// JSON.parse alone (the floor) and beside ccxt's websocket gate class on the same frames.
import ccxt from 'ccxt';
import { AdapterMetrics, BookFeed, GateioFrameRouter, silentLogger } from '@cexgw/adapters';
import { ObuBookSync } from '../libs/adapters/dist/gateio/common/book-obu.js';
import { encodeOrderBookUpdate } from '@cexgw/grpc';
import { makeObuFrames } from './frames.js';
import { measure, printTable } from './stats.js';

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
  const gateway = measure(
    'cex-gateway: text -> OrderBookUpdate bytes',
    deltas,
    () => router.route(full, 0),
    (text) => router.route(text, 0),
  );
  if (feed.book.lastUpdateId !== JSON.parse(deltas.at(-1)).result.u || !sink) throw new Error('gateway did not apply every frame');

  const floor = measure(
    'JSON.parse alone (floor)',
    deltas,
    () => {},
    (text) => JSON.parse(text),
  );

  // ccxt pro: the raw-text entry point its websocket client uses for every frame.
  const pro = new ccxt.pro.gate();
  const client = pro.client(pro.urls.api.spot);
  const ccxtRow = measure(
    'ccxt pro gate: client.onMessage',
    deltas,
    () => client.onMessage({ data: full }),
    (text) => client.onMessage({ data: text }),
    3,
  );
  const ccxtBook = pro.orderbooks['BTC/USDT'];
  if (!ccxtBook || ccxtBook.nonce !== JSON.parse(deltas.at(-1)).result.u) throw new Error('ccxt did not apply every frame');

  printTable(`Gate.io spot.obu frames (${count.toLocaleString('en-US')} deltas, 1-4 levels each)`, [floor, gateway, ccxtRow], floor);
  const targets = [
    ['throughput >= 0.6x JSON.parse', gateway.rate / floor.rate, 0.6, (v) => `${v.toFixed(2)}x`],
    ['p99 < 20 µs', gateway.p99, 20, (v) => `${v.toFixed(2)} µs`],
    ['>= 5x ccxt', gateway.rate / ccxtRow.rate, 5, (v) => `${v.toFixed(2)}x`],
  ];
  console.log('  targets:');
  for (const [label, value, bound, format] of targets) {
    const ok = label.startsWith('p99') ? value < bound : value >= bound;
    console.log(`    ${ok ? 'met ' : 'MISS'} ${label}: ${format(value)}`);
  }
  return { gateway, floor, ccxt: ccxtRow };
}
