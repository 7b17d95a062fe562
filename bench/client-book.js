// @cexgw/client: what following a book costs the engine per StreamOrderBook message, beside the
// raw decode of the same messages (ts-proto's OrderBookUpdate.decode: the floor any client pays).
// BookFollower's message path is driven directly (sequence check, OrderBook apply, one 'update'
// listener); no gRPC transport is involved, so the difference is the SDK's own work.
import { BookFollower, OrderBook, proto } from '@cexgw/client';
import { seededRandom } from './prng.js';
import { measure, printTable } from './stats.js';

const SYMBOL = { base: 'BTC', quote: 'USDT' };

/** A 50-level snapshot, then deltas of 1-4 changed levels within the top 60 (a fifth of them removals). */
function makeMessages(count, seed = 11) {
  const random = seededRandom(seed);
  const level = (price, quantity) => ({ price, quantity });
  const messages = [
    proto.OrderBookUpdate.fromPartial({
      symbol: SYMBOL,
      kind: proto.OrderBookUpdateKind.ORDER_BOOK_UPDATE_KIND_SNAPSHOT,
      reset: true,
      sequence: '1',
      lastUpdateId: '1000',
      bids: Array.from({ length: 50 }, (_, i) => level((65000 - i * 0.1).toFixed(1), '1.5')),
      asks: Array.from({ length: 50 }, (_, i) => level((65000.1 + i * 0.1).toFixed(1), '1.5')),
    }),
  ];
  for (let n = 2; n <= count; n++) {
    const bids = [];
    const asks = [];
    const changes = 1 + Math.floor(random() * 4);
    for (let c = 0; c < changes; c++) {
      const index = Math.floor(random() * 60);
      const buy = random() < 0.5;
      const price = (buy ? 65000 - index * 0.1 : 65000.1 + index * 0.1).toFixed(1);
      (buy ? bids : asks).push(level(price, random() < 0.2 ? '0' : (random() * 2).toFixed(6)));
    }
    messages.push(
      proto.OrderBookUpdate.fromPartial({
        symbol: SYMBOL,
        kind: proto.OrderBookUpdateKind.ORDER_BOOK_UPDATE_KIND_DELTA,
        sequence: String(n),
        firstUpdateId: String(1000 + n),
        lastUpdateId: String(1000 + n),
        bids,
        asks,
        venueTimestampMs: '1764900000000',
        receivedTimestampUs: '1764900000000123',
      }),
    );
  }
  return messages.map((m) => Buffer.from(proto.OrderBookUpdate.encode(m).finish()));
}

export function benchClientBook(count = 100_000) {
  const frames = makeMessages(count);
  const decode = measure(
    'OrderBookUpdate.decode alone (floor)',
    frames,
    () => {},
    (bytes) => proto.OrderBookUpdate.decode(bytes),
  );

  let book;
  const apply = measure(
    'decode + OrderBook.apply',
    frames,
    () => (book = new OrderBook()),
    (bytes) => book.apply(proto.OrderBookUpdate.decode(bytes)),
  );

  // A follower that is never started: its stream handler is fed the decoded messages directly.
  let follower;
  let updates = 0;
  const follow = measure(
    'decode + BookFollower (seq, apply, event)',
    frames,
    () => {
      follower = new BookFollower({ endpoint: '127.0.0.1:1', symbol: 'BTC/USDT' });
      follower.on('update', () => updates++);
    },
    (bytes) => {
      if (follower['onMessage'](proto.OrderBookUpdate.decode(bytes)) !== undefined) throw new Error('the benchmark messages must be gap-free');
    },
  );
  if (follower.stats.messages !== count || follower.book.sequence !== count) throw new Error('BookFollower did not apply every message');
  follower.stop();

  printTable('@cexgw/client BookFollower, per StreamOrderBook message (50-level book, 1-4 level deltas)', [decode, apply, follow], decode);
  // Throughput swings with the machine's load; medians are steadier, so both are printed.
  const ns = (row) => 1e9 / row.rate;
  console.log(
    `  BookFollower's own work per message: ${(ns(follow) - ns(decode)).toFixed(0)} ns by throughput, ${((follow.p50 - decode.p50) * 1000).toFixed(0)} ns by median ` +
      `(decode alone: ${ns(decode).toFixed(0)} ns, median ${(decode.p50 * 1000).toFixed(0)} ns; decode + follow takes ${(decode.rate / follow.rate).toFixed(2)}x / ${(follow.p50 / decode.p50).toFixed(2)}x the decode time)`,
  );
  return { decode, apply, follow };
}
