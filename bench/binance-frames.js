// Binance diff-depth frames (spot `<symbol>@depth@100ms`, USDⓈ-M's with `pu`), from the raw
// websocket text to OrderBookUpdate bytes ready for gRPC, beside JSON.parse alone (the floor) and
// beside ccxt's websocket binance / binanceusdm classes on the same events.
import ccxt from 'ccxt';
import { AdapterMetrics, BookFeed, silentLogger } from '@cexgw/adapters';
import { BinanceDepthSync } from '../libs/adapters/dist/binance/common/depth-sync.js';
import { BinanceStreamRouter } from '../libs/adapters/dist/binance/common/stream-router.js';
import { encodeOrderBookUpdate } from '@cexgw/grpc';
import { seededRandom } from './prng.js';
import { measure, printTable } from './stats.js';

/**
 * Deterministic depthUpdate events in the venue's shape, each changing 1-4 levels of a 100-level
 * book; spot's ids are contiguous (U = previous u + 1), USDⓈ-M's are not (pu = previous u, the
 * next U some ids later) and carry T.
 */
function makeDepthFrames(count, usdm, seed = 11) {
  const random = seededRandom(seed);
  const stream = 'btcusdt@depth@100ms';
  const qty = () => (random() * 2).toFixed(usdm ? 3 : 5);
  const bidPrice = (i) => (usdm ? 65000 - i * 0.1 : 65000 - i * 0.01).toFixed(usdm ? 1 : 2);
  const askPrice = (i) => (usdm ? 65000.1 + i * 0.1 : 65000.01 + i * 0.01).toFixed(usdm ? 1 : 2);
  const start = 7_000_000_000;
  let u = start;
  let time = 1754741322152;
  const wrapped = [];
  const raw = [];
  for (let n = 0; n < count; n++) {
    const changes = 1 + Math.floor(random() * 4);
    const b = [];
    const a = [];
    for (let c = 0; c < changes; c++) {
      const side = random() < 0.5 ? b : a;
      const index = Math.floor(random() * 110);
      side.push([side === b ? bidPrice(index) : askPrice(index), random() < 0.2 ? '0' : qty()]);
    }
    const pu = u;
    const U = usdm ? u + 1 + Math.floor(random() * 5) : u + 1;
    u = U + changes - 1;
    time += 1;
    const event = usdm ? { e: 'depthUpdate', E: time + 2, T: time, s: 'BTCUSDT', U, u, pu, b, a } : { e: 'depthUpdate', E: time, s: 'BTCUSDT', U, u, b, a };
    raw.push(JSON.stringify(event));
    wrapped.push(JSON.stringify({ stream, data: event }));
  }
  const snapshot = {
    bids: Array.from({ length: 100 }, (_, i) => [bidPrice(i), '1.5']),
    asks: Array.from({ length: 100 }, (_, i) => [askPrice(i), '1.5']),
    updateId: start,
  };
  return { wrapped, raw, snapshot, lastId: u };
}

async function benchMarket(label, usdm, count) {
  const { wrapped, raw, snapshot, lastId } = makeDepthFrames(count, usdm);
  // The gateway's connection is a combined stream (/stream, or USDⓈ-M's /public/stream): every
  // frame wraps its event in {"stream","data"}. ccxt's connection is a raw one (/ws): the event alone.
  const floor = measure(
    'JSON.parse alone (floor)',
    wrapped,
    () => {},
    (text) => JSON.parse(text),
  );

  // The gateway's own path: router -> depth sync (id continuity, REST-snapshot join) -> BookFeed -> bytes.
  const metrics = new AdapterMetrics();
  const noSocket = { subscribe() {}, unsubscribe() {}, resubscribe() {} };
  const depth = new BinanceDepthSync({
    venue: label,
    ws: noSocket,
    continuity: usdm ? 'previous-final' : 'contiguous',
    fetchSnapshot: async () => ({ ...snapshot, timestampMs: 0 }),
    metrics,
    logger: silentLogger,
  });
  const router = new BinanceStreamRouter(metrics, silentLogger).on('depth@100ms', (data, us, levelsChecked) => depth.onEvent(data, us, levelsChecked));
  const feed = new BookFeed({ base: 'BTC', quote: 'USDT' }, () => {
    throw new Error('the benchmark frames must be gap-free');
  });
  let sequence = 0;
  let sink;
  feed.addListener((event) => {
    sink = encodeOrderBookUpdate(event, ++sequence);
  });
  depth.start('BTCUSDT', feed);
  router.handleFrame(Buffer.from(wrapped[0]), false, 0); // the first push lets the REST snapshot join the stream
  await new Promise((resolve) => setTimeout(resolve, 100));
  if (!feed.book.isSynced) throw new Error('the depth sync did not join its snapshot');
  const buffers = wrapped.map((text) => Buffer.from(text)); // what the socket hands over
  const gateway = measure(
    'cex-gateway: frame -> OrderBookUpdate bytes',
    buffers,
    () => feed.applySnapshot(snapshot.bids, snapshot.asks, snapshot.updateId, 0, 0),
    (frame) => router.handleFrame(frame, false, 0),
  );
  if (feed.book.lastUpdateId !== lastId || !sink || metrics.wsMessagesMalformed > 0) throw new Error('gateway did not apply every frame');

  // ccxt pro: its client's raw-frame entry point (JSON -> handleMessage -> handleOrderBook), the
  // book seeded as its watchOrderBook seeds it from fetchOrderBook.
  const pro = usdm ? new ccxt.pro.binanceusdm() : new ccxt.pro.binance();
  const client = pro.client(usdm ? pro.urls.api.ws.future : pro.urls.api.ws.spot);
  const symbol = pro.safeMarket('BTCUSDT', undefined, undefined, usdm ? 'swap' : 'spot').symbol;
  const seed = () => {
    pro.orderbooks[symbol] = pro.orderBook({ bids: snapshot.bids.map(([p, q]) => [Number(p), Number(q)]), asks: snapshot.asks.map(([p, q]) => [Number(p), Number(q)]), nonce: snapshot.updateId });
  };
  const ccxtRow = measure(`ccxt pro ${pro.id}: client.onMessage`, raw, seed, (text) => client.onMessage({ data: text }), 3);
  if (pro.orderbooks[symbol]?.nonce !== lastId) throw new Error(`ccxt did not apply every frame: nonce ${pro.orderbooks[symbol]?.nonce}`);

  printTable(`${label} diff-depth frames (${count.toLocaleString('en-US')} events, 1-4 levels each)`, [floor, gateway, ccxtRow], floor);
  const targets = [
    ['throughput >= 0.5x JSON.parse', gateway.rate / floor.rate >= 0.5, `${(gateway.rate / floor.rate).toFixed(2)}x`],
    ['p99 < 20 µs', gateway.p99 < 20, `${gateway.p99.toFixed(2)} µs`],
    ['>= 5x ccxt', gateway.rate / ccxtRow.rate >= 5, `${(gateway.rate / ccxtRow.rate).toFixed(2)}x`],
  ];
  console.log('  targets:');
  for (const [name, ok, value] of targets) console.log(`    ${ok ? 'met ' : 'MISS'} ${name}: ${value}`);
  return { floor, gateway, ccxt: ccxtRow };
}

export async function benchBinanceFrames(count = 50_000) {
  return { spot: await benchMarket('Binance spot', false, count), usdm: await benchMarket('Binance USDⓈ-M', true, count) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchBinanceFrames();
  process.exit(0);
}
