import * as grpc from '@grpc/grpc-js';
import { symbolKey, type PublicExchange, type Pair, type Trade } from '@cexgw/adapters';
import { BoundedStream, type StreamStatsRegistry, type TradeMessage } from '@cexgw/grpc';
import { tradeMessage } from './encode.js';

/**
 * One client's StreamTrades over one or more symbols. Overflow policy: trades cannot be
 * re-derived from a snapshot, so a client that falls `queueCapacity` trades behind is ended
 * with RESOURCE_EXHAUSTED rather than silently missing some.
 */
export function serveTradeStream(
  call: grpc.ServerWritableStream<unknown, TradeMessage>,
  exchange: PublicExchange,
  symbols: readonly Pair[],
  queueCapacity: number,
  streams: StreamStatsRegistry,
): void {
  const statsList = symbols.map((symbol) => streams.get(`trades:${symbolKey(symbol)}`));
  const stream: BoundedStream<Trade, TradeMessage> = new BoundedStream<Trade, TradeMessage>(call, queueCapacity, tradeMessage, () => {
    for (const stats of statsList) stats.slowConsumerEvents++;
    end();
    call.emit(
      'error',
      Object.assign(new Error(`client too slow: more than ${queueCapacity} trades waiting; reconnect and read faster`), {
        code: grpc.status.RESOURCE_EXHAUSTED,
      }),
    );
  });
  const unsubscribes = symbols.map((symbol, i) =>
    exchange.watchTrades(symbol, (trade) => {
      statsList[i]!.messages++;
      stream.push(trade);
    }),
  );
  for (const stats of statsList) {
    stats.subscribers++;
    stats.queues.add(stream);
  }
  function end(): void {
    if (stream.isClosed) return;
    stream.close();
    for (const unsubscribe of unsubscribes) unsubscribe();
    for (const stats of statsList) {
      stats.subscribers--;
      stats.queues.delete(stream);
    }
  }
  call.on('cancelled', end);
  call.on('close', end);
  call.on('error', end);
}
