// MEXC aggre.depth protobuf frames, from the raw binary websocket frame to OrderBookUpdate bytes
// ready for gRPC, beside protobuf decode alone (the floor) and beside ccxt's websocket mexc class
// on the same frames; and the cached symbol conversion in ns/op.
import ccxt from 'ccxt';
import { PushDataV3ApiWrapper } from '@cexgw/mexc-proto';
import { AdapterMetrics, BookFeed, MexcDepthSync, MexcFrameRouter, mexcSymbolMapperForBench, silentLogger } from './mexc-internals.js';
import { encodeOrderBookUpdate } from '@cexgw/grpc';
import { seededRandom } from './prng.js';
import { measure, medianSpeedRatio, printTable } from './stats.js';

function makeDepthFrames(count, seed = 7) {
  const random = seededRandom(seed);
  const channel = 'spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT';
  let version = 43296363235;
  const start = version;
  let sendTime = 1754741322152;
  const frames = [];
  for (let n = 0; n < count; n++) {
    const changes = 1 + Math.floor(random() * 4);
    const bids = [];
    const asks = [];
    for (let c = 0; c < changes; c++) {
      const index = Math.floor(random() * 60);
      const buy = random() < 0.5;
      const price = (buy ? 117053.41 - index * 0.01 : 117053.42 + index * 0.01).toFixed(2);
      (buy ? bids : asks).push({ price, quantity: random() < 0.2 ? '0' : (random() * 2).toFixed(8) });
    }
    const fromVersion = version + 1;
    version += changes;
    sendTime += 1;
    const push = PushDataV3ApiWrapper.fromObject({
      channel,
      symbol: 'BTCUSDT',
      sendTime: String(sendTime),
      publicAggreDepths: { asks, bids, eventType: 'spot@public.aggre.depth.v3.api.pb@100ms', fromVersion: String(fromVersion), toVersion: String(version) },
    });
    frames.push(Buffer.from(PushDataV3ApiWrapper.encode(push).finish()));
  }
  const snapshot = {
    bids: Array.from({ length: 60 }, (_, i) => [(117053.41 - i * 0.01).toFixed(2), '1.5']),
    asks: Array.from({ length: 60 }, (_, i) => [(117053.42 + i * 0.01).toFixed(2), '1.5']),
    version: start,
  };
  return { frames, snapshot, lastVersion: version };
}

export async function benchMexcFrames(count = 50_000) {
  const { frames, snapshot, lastVersion } = makeDepthFrames(count);

  const floorSide = { prepare: () => {}, handle: (frame) => PushDataV3ApiWrapper.decode(frame) };
  const floor = measure('protobuf decode alone (floor)', frames, floorSide.prepare, floorSide.handle);

  // The gateway's own path: router (format detection, decode) -> MEXC depth sync (versions,
  // REST-snapshot join) -> book -> bytes. The venue's socket and REST are stubs: no network here.
  const metrics = new AdapterMetrics();
  const feed = new BookFeed({ base: 'BTC', quote: 'USDT' }, () => {
    throw new Error('the benchmark frames must be gap-free');
  });
  let sequence = 0;
  let sink;
  feed.addListener((event) => {
    sink = encodeOrderBookUpdate(event, ++sequence);
  });
  const noSocket = { subscribe() {}, unsubscribe() {}, resubscribe() {} };
  const restSnapshot = { depth: async () => ({ lastUpdateId: snapshot.version, bids: snapshot.bids, asks: snapshot.asks, timestamp: 0 }) };
  const depth = new MexcDepthSync(noSocket, restSnapshot, '100ms', metrics, silentLogger);
  const router = new MexcFrameRouter({ depth: (push, us, levelsChecked) => depth.onPush(push, us, levelsChecked), deals() {}, bookTicker() {} }, metrics, silentLogger);
  depth.start('BTCUSDT', feed);
  router.handleFrame(frames[0], true, 0); // the first push lets the REST snapshot join the stream
  await new Promise((resolve) => setTimeout(resolve, 100));
  if (!feed.book.isSynced) throw new Error('the depth sync did not join its snapshot');
  const gatewaySide = { prepare: () => feed.applySnapshot(snapshot.bids, snapshot.asks, snapshot.version, 0, 0), handle: (frame) => router.handleFrame(frame, true, 0) };
  const gateway = measure('cex-gateway: frame -> OrderBookUpdate bytes', frames, gatewaySide.prepare, gatewaySide.handle);
  if (feed.book.lastUpdateId !== lastVersion || !sink || metrics.wsMessagesMalformed > 0) throw new Error('gateway did not apply every frame');

  // ccxt pro mexc: its client's raw-frame entry point (binary -> decodeProtoMsg -> handleOrderBook).
  const pro = new ccxt.pro.mexc();
  await pro.loadExchangeSpecificFiles(); // ccxt loads its compiled MEXC schema lazily
  const client = pro.client(pro.urls.api.ws.spot);
  const symbol = pro.safeSymbol('BTCUSDT');
  const seed = () => {
    pro.orderbooks[symbol] = pro.orderBook({ bids: snapshot.bids.map(([p, q]) => [Number(p), Number(q)]), asks: snapshot.asks.map(([p, q]) => [Number(p), Number(q)]), nonce: snapshot.version });
  };
  const ccxtSide = { prepare: seed, handle: (frame) => client.onMessage({ data: frame }) };
  const ccxtRow = measure('ccxt pro mexc: client.onMessage', frames, ccxtSide.prepare, ccxtSide.handle, 3);
  if (pro.orderbooks[symbol].nonce !== lastVersion - (lastVersion - Number(PushDataV3ApiWrapper.decode(frames.at(-1)).publicAggreDepths.fromVersion))) {
    throw new Error(`ccxt did not apply every frame: nonce ${pro.orderbooks[symbol].nonce}`);
  }

  printTable(`MEXC aggre.depth protobuf frames (${count.toLocaleString('en-US')} pushes, 1-4 levels each)`, [floor, gateway, ccxtRow], floor);
  // The targets are judged on ratios from back-to-back passes (see medianSpeedRatio).
  const vsFloor = medianSpeedRatio(frames, gatewaySide, floorSide);
  const vsCcxt = medianSpeedRatio(frames, gatewaySide, ccxtSide, 5);
  console.log(`  median of interleaved rounds: ${vsFloor.toFixed(2)}x protobuf decode's speed, ${vsCcxt.toFixed(2)}x ccxt's`);

  // Symbol conversion, cached, both directions.
  const mapper = mexcSymbolMapperForBench();
  const pairs = [
    ['BTC', 'USDT'],
    ['ETH', 'USDT'],
    ['SOL', 'USDC'],
    ['MX', 'USDT'],
  ];
  for (const [base, quote] of pairs) mapper.register({ base, quote }, base + quote);
  const unified = pairs.map(([base, quote]) => ({ base, quote }));
  const venue = pairs.map(([base, quote]) => base + quote);
  const iterations = 5_000_000;
  const time = (fn) => {
    let best = Infinity;
    for (let round = 0; round < 5; round++) {
      const start = process.hrtime.bigint();
      fn();
      best = Math.min(best, Number(process.hrtime.bigint() - start) / iterations);
    }
    return best;
  };
  let check = 0;
  const toVenueNs = time(() => {
    for (let i = 0; i < iterations; i++) check += mapper.toVenue(unified[i & 3]).length;
  });
  const fromVenueNs = time(() => {
    for (let i = 0; i < iterations; i++) check += mapper.fromVenue(venue[i & 3]).base.length;
  });
  const concatNs = time(() => {
    for (let i = 0; i < iterations; i++) check += (unified[i & 3].base + unified[i & 3].quote).length;
  });
  console.log(
    `  symbol conversion, cached: {base,quote} -> BTCUSDT ${toVenueNs.toFixed(1)} ns/op, BTCUSDT -> {base,quote} ${fromVenueNs.toFixed(1)} ns/op (baseline: string concatenation ${concatNs.toFixed(1)} ns/op)${check < 0 ? '' : ''}`,
  );
  const targets = [
    ['throughput >= 0.6x protobuf decode', vsFloor >= 0.6, `${vsFloor.toFixed(2)}x`],
    ['p99 < 20 µs', gateway.p99 < 20, `${gateway.p99.toFixed(2)} µs`],
    ['>= 5x ccxt', vsCcxt >= 5, `${vsCcxt.toFixed(2)}x`],
    ['symbol conversion < 50 ns both ways', toVenueNs < 50 && fromVenueNs < 50, `${toVenueNs.toFixed(1)} / ${fromVenueNs.toFixed(1)} ns`],
  ];
  console.log('  targets:');
  for (const [label, ok, value] of targets) console.log(`    ${ok ? 'met ' : 'MISS'} ${label}: ${value}`);
  return { floor, gateway, ccxt: ccxtRow, vsFloor, vsCcxt, toVenueNs, fromVenueNs };
}
