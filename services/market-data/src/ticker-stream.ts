import type * as grpc from '@grpc/grpc-js';
import { symbolKey, type PublicExchange, type Pair, type Ticker } from '@cexgw/adapters';
import type { StreamStatsRegistry, TickerMessage } from '@cexgw/grpc';
import { tickerMessage } from './encode.js';

/**
 * One client's StreamTickers. Overflow policy: conflation. While gRPC's buffer is full only
 * the latest ticker per symbol is kept, so a slow client costs at most one ticker per symbol.
 */
export function serveTickerStream(call: grpc.ServerWritableStream<unknown, TickerMessage>, exchange: PublicExchange, symbols: readonly Pair[], streams: StreamStatsRegistry): void {
  const pending = new Map<string, Ticker>();
  let blocked = false;
  let ended = false;
  const statsList = symbols.map((symbol) => streams.get(`tickers:${symbolKey(symbol)}`));
  const write = (ticker: Ticker) => {
    blocked = !call.write(tickerMessage(ticker));
  };
  call.on('drain', () => {
    blocked = false;
    for (const [key, ticker] of pending) {
      pending.delete(key);
      write(ticker);
      if (blocked) break;
    }
  });
  const unsubscribes = symbols.map((symbol, i) =>
    exchange.watchTicker(symbol, (ticker) => {
      const stats = statsList[i]!;
      stats.messages++;
      if (!blocked) return write(ticker);
      const key = symbolKey(ticker.symbol);
      if (pending.has(key)) stats.slowConsumerEvents++; // conflated: the older ticker is never sent
      pending.set(key, ticker);
    }),
  );
  const queue = {
    get depth() {
      return pending.size;
    },
  };
  for (const stats of statsList) {
    stats.subscribers++;
    stats.queues.add(queue);
  }
  const end = () => {
    if (ended) return;
    ended = true;
    for (const unsubscribe of unsubscribes) unsubscribe();
    for (const stats of statsList) {
      stats.subscribers--;
      stats.queues.delete(queue);
    }
  };
  call.on('cancelled', end);
  call.on('close', end);
  call.on('error', end);
}
