import type * as grpc from '@grpc/grpc-js';
import { GatewayError, type PublicExchange } from '@cexgw/adapters';
import { boundedCount, requireSymbol, requireSymbols, toServiceError, type MarketDataHandlers, type StreamStatsRegistry } from '@cexgw/grpc';
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

type Callback = grpc.sendUnaryData<object>;

function answer<T extends object>(venue: string, callback: Callback, work: () => Promise<T> | T): void {
  Promise.resolve()
    .then(work)
    .then(
      (result) => callback(null, result),
      (error: unknown) => callback(toServiceError(error, venue), null),
    );
}

/** Fails a streaming call with a mapped status; false when the call was already failed. */
function startStream(venue: string, call: grpc.ServerWritableStream<unknown, unknown>, start: () => void): void {
  try {
    start();
  } catch (error) {
    call.emit('error', toServiceError(error, venue));
  }
}

/** The MarketData service of one venue, over its public adapter. */
export function marketDataHandlers(ctx: MarketDataContext): MarketDataHandlers {
  const { exchange, streams, queueCapacity } = ctx;
  const venue = exchange.venue;
  const ready = () => {
    if (!ctx.isReady()) throw new GatewayError('venue_unavailable', `${venue} symbols are not loaded yet; retry shortly`, { venue });
  };
  const maxDepth = () => exchange.maxStreamDepth || 1000;

  return {
    ListSymbols(call, callback) {
      answer(venue, callback, () => {
        ready();
        const quote = (call.request.quote ?? '').trim().toUpperCase();
        const infos = exchange.listSymbols().filter((info) => !quote || info.symbol.quote === quote);
        return { symbols: infos.map(symbolInfoMessage) };
      });
    },
    GetOrderBook(call, callback) {
      answer(venue, callback, async () => {
        ready();
        const symbol = requireSymbol(call.request.symbol);
        const depth = boundedCount(call.request.depth, 'depth', 1000);
        return orderBookMessage(await exchange.getOrderBook(symbol, depth));
      });
    },
    GetRecentTrades(call, callback) {
      answer(venue, callback, async () => {
        ready();
        const symbol = requireSymbol(call.request.symbol);
        const limit = boundedCount(call.request.limit, 'limit', 1000);
        return { trades: (await exchange.getRecentTrades(symbol, limit)).map(tradeMessage) };
      });
    },
    GetTicker(call, callback) {
      answer(venue, callback, async () => {
        ready();
        return tickerMessage(await exchange.getTicker(requireSymbol(call.request.symbol)));
      });
    },
    StreamOrderBook(call) {
      startStream(venue, call, () => {
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
      startStream(venue, call, () => {
        ready();
        const symbols = requireSymbols(call.request.symbols);
        for (const symbol of symbols) exchange.symbolInfo(symbol);
        serveTradeStream(call, exchange, symbols, queueCapacity, streams);
      });
    },
    StreamTickers(call) {
      startStream(venue, call, () => {
        ready();
        const symbols = requireSymbols(call.request.symbols);
        for (const symbol of symbols) exchange.symbolInfo(symbol);
        serveTickerStream(call, exchange, symbols, streams);
      });
    },
  };
}
