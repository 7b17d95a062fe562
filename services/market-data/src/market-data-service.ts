import type * as grpc from '@grpc/grpc-js';
import { GatewayError, type PublicExchange } from '@cexgw/adapters';
import { boundedCount, requireSymbol, requireSymbols, serviceCalls, type MarketDataHandlers, type StreamStatsRegistry } from '@cexgw/grpc';
import { serveBookStream } from './book-stream.js';
import { orderBookMessage, symbolInfoMessage, tickerMessage, tradeMessage } from './encode.js';
import { serveTickerStream } from './ticker-stream.js';
import { serveTradeStream } from './trade-stream.js';

export interface MarketDataContext {
  readonly exchange: PublicExchange;
  readonly streams: StreamStatsRegistry;
  readonly queueCapacity: number;
  /** False until the venue's symbols are loaded. */
  isReady(): boolean;
}

/** The MarketData service of one venue, over its public adapter. */
export function marketDataHandlers(ctx: MarketDataContext): MarketDataHandlers {
  const { exchange, streams, queueCapacity } = ctx;
  const venue = exchange.venue;
  const { ready, answer, stream } = serviceCalls({
    venue,
    isReady: () => ctx.isReady(),
    notReady: () => new GatewayError('venue_unavailable', `${venue} symbols are not loaded yet; retry shortly`, { venue }),
  });
  const maxDepth = () => exchange.maxStreamDepth || 1000;

  return {
    ListSymbols(call, callback) {
      answer('ListSymbols', callback, () => {
        ready();
        const quote = (call.request.quote ?? '').trim().toUpperCase();
        const infos = exchange.listSymbols().filter((info) => !quote || info.symbol.quote === quote);
        return { symbols: infos.map(symbolInfoMessage) };
      });
    },
    GetOrderBook(call, callback) {
      answer('GetOrderBook', callback, async () => {
        ready();
        const symbol = requireSymbol(call.request.symbol);
        const depth = boundedCount(call.request.depth, 'depth', 1000);
        return orderBookMessage(await exchange.getOrderBook(symbol, depth));
      });
    },
    GetRecentTrades(call, callback) {
      answer('GetRecentTrades', callback, async () => {
        ready();
        const symbol = requireSymbol(call.request.symbol);
        const limit = boundedCount(call.request.limit, 'limit', 1000);
        return { trades: (await exchange.getRecentTrades(symbol, limit)).map(tradeMessage) };
      });
    },
    GetTicker(call, callback) {
      answer('GetTicker', callback, async () => {
        ready();
        return tickerMessage(await exchange.getTicker(requireSymbol(call.request.symbol)));
      });
    },
    StreamOrderBook(call) {
      stream(call, () => {
        ready();
        const symbol = requireSymbol(call.request.symbol);
        const depth = boundedCount(call.request.depth, 'depth', 1000);
        if (depth > maxDepth()) {
          throw new GatewayError('invalid_argument', `depth ${depth} is deeper than ${venue}'s book stream (${maxDepth()} levels)`);
        }
        exchange.symbolInfo(symbol); // NOT_FOUND before any subscription is made
        serveBookStream(call as unknown as grpc.ServerWritableStream<unknown, Buffer>, exchange, symbol, queueCapacity, streams);
      });
    },
    StreamTrades(call) {
      stream(call, () => {
        ready();
        const symbols = requireSymbols(call.request.symbols);
        for (const symbol of symbols) exchange.symbolInfo(symbol);
        serveTradeStream(call, exchange, symbols, queueCapacity, streams);
      });
    },
    StreamTickers(call) {
      stream(call, () => {
        ready();
        const symbols = requireSymbols(call.request.symbols);
        for (const symbol of symbols) exchange.symbolInfo(symbol);
        serveTickerStream(call, exchange, symbols, streams);
      });
    },
  };
}
