import type * as grpc from '@grpc/grpc-js';
import { nowMicros, symbolKey, type BookEvent, type PublicExchange, type Pair } from '@cexgw/adapters';
import { BoundedStream, encodeOrderBookUpdate, type StreamStatsRegistry } from '@cexgw/grpc';

/**
 * One client's StreamOrderBook. Overflow policy: when the client's queue is full, everything
 * queued is dropped and deltas are skipped until gRPC drains; then the client receives a
 * fresh reset snapshot of the current book and deltas resume. The stream's sequence stays
 * contiguous because numbers are assigned only to messages actually written. Messages are
 * encoded straight to protobuf bytes (see withPreEncodedBookUpdates).
 */
export function serveBookStream(call: grpc.ServerWritableStream<unknown, Buffer>, exchange: PublicExchange, symbol: Pair, queueCapacity: number, streams: StreamStatsRegistry): void {
  const stats = streams.get(`orderbook:${symbolKey(symbol)}`);
  let sequence = 0;
  let skipping = false;
  const stream = new BoundedStream<BookEvent, Buffer>(
    call,
    queueCapacity,
    (event) => {
      stats.messages++;
      stats.latencyUs.record(nowMicros() - event.receivedUs);
      return encodeOrderBookUpdate(event, ++sequence);
    },
    () => {
      stream.clear();
      skipping = true;
      stats.slowConsumerEvents++;
    },
    () => {
      if (!skipping) return;
      const snapshot = exchange.currentBook(symbol);
      if (!snapshot) return; // resynchronising: the feed's next snapshot ends the skip
      skipping = false;
      stream.push(snapshot);
    },
  );
  stats.subscribers++;
  stats.queues.add(stream);
  const unsubscribe = exchange.watchOrderBook(symbol, (event) => {
    if (skipping) {
      if (event.type !== 'snapshot') return;
      skipping = false;
    }
    stream.push(event);
  });
  const end = () => {
    if (stream.isClosed) return;
    stream.close();
    unsubscribe();
    stats.subscribers--;
    stats.queues.delete(stream);
  };
  call.on('cancelled', end);
  call.on('close', end);
  call.on('error', end);
}
