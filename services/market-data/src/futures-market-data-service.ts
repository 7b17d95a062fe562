import type * as grpc from '@grpc/grpc-js';
import { GatewayError, symbolKey, type ContractInfo, type FundingRate, type FuturesPublicExchange, type Liquidation, type MarkPrice, type Pair, type Unsubscribe } from '@cexgw/adapters';
import { requireSymbol, requireSymbols, serviceCalls, type StreamStats, type StreamStatsRegistry } from '@cexgw/grpc';
import type { FuturesMarketDataHandlers } from '@cexgw/grpc';

// FuturesMarketData for futures venues: contracts, funding, mark/index, liquidations.
// Funding and mark streams conflate per symbol (latest wins); liquidations queue like trades.

const SIDE = { buy: 'SIDE_BUY', sell: 'SIDE_SELL' } as const;

function contractMessage(contract: ContractInfo) {
  return {
    symbol: contract.symbol,
    venue_symbol: contract.venueSymbol,
    contract_multiplier: contract.contractMultiplier,
    price_tick: contract.priceTick,
    min_contracts: contract.minContracts,
    max_contracts: contract.maxContracts,
    min_leverage: contract.minLeverage,
    max_leverage: contract.maxLeverage,
    funding_interval_s: contract.fundingIntervalS,
    next_funding_time_ms: contract.nextFundingTimeMs,
    in_delisting: contract.inDelisting,
  };
}

function fundingMessage(rate: FundingRate) {
  return { symbol: rate.symbol, rate: rate.rate, predicted_rate: rate.predictedRate, next_funding_time_ms: rate.nextFundingTimeMs, timestamp_ms: rate.timestampMs };
}

function markMessage(mark: MarkPrice) {
  return { symbol: mark.symbol, mark_price: mark.markPrice, index_price: mark.indexPrice, timestamp_ms: mark.timestampMs };
}

function liquidationMessage(liquidation: Liquidation) {
  return {
    symbol: liquidation.symbol,
    side: SIDE[liquidation.side],
    price: liquidation.price,
    contracts: liquidation.contracts,
    base_quantity: liquidation.baseQuantity,
    timestamp_ms: liquidation.timestampMs,
  };
}

/** Figures of each symbol's `kind` stream, counting this subscriber in (and out, by the returned function). */
function subscribeStats(streams: StreamStatsRegistry, kind: string, symbols: readonly Pair[], queue?: { readonly depth: number }): { statsList: StreamStats[]; leave: () => void } {
  const statsList = symbols.map((symbol) => streams.get(`${kind}:${symbolKey(symbol)}`));
  for (const stats of statsList) {
    stats.subscribers++;
    if (queue) stats.queues.add(queue);
  }
  const leave = () => {
    for (const stats of statsList) {
      stats.subscribers--;
      if (queue) stats.queues.delete(queue);
    }
  };
  return { statsList, leave };
}

/** Streams `watch` for each symbol, writing `encode(value)`, latest per symbol while gRPC is full. */
function serveConflated<T extends { symbol: Pair }>(
  call: grpc.ServerWritableStream<unknown, object>,
  symbols: readonly Pair[],
  watch: (symbol: Pair, listener: (value: T) => void) => Unsubscribe,
  encode: (value: T) => object,
  streams: StreamStatsRegistry,
  kind: string,
): void {
  const pending = new Map<string, T>();
  let blocked = false;
  const write = (value: T) => {
    blocked = !call.write(encode(value));
  };
  call.on('drain', () => {
    blocked = false;
    for (const [key, value] of pending) {
      pending.delete(key);
      write(value);
      if (blocked) break;
    }
  });
  const { statsList, leave } = subscribeStats(streams, kind, symbols, {
    get depth() {
      return pending.size;
    },
  });
  const unsubscribes = symbols.map((symbol, i) =>
    watch(symbol, (value) => {
      const stats = statsList[i]!;
      stats.messages++;
      if (!blocked) return write(value);
      const key = symbolKey(value.symbol);
      if (pending.has(key)) stats.slowConsumerEvents++; // conflated
      pending.set(key, value);
    }),
  );
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    for (const unsubscribe of unsubscribes) unsubscribe();
    leave();
  };
  call.on('cancelled', end);
  call.on('close', end);
  call.on('error', end);
}

export interface FuturesMarketDataContext {
  readonly exchange: FuturesPublicExchange;
  readonly streams: StreamStatsRegistry;
  isReady(): boolean;
}

export function futuresMarketDataHandlers(ctx: FuturesMarketDataContext): FuturesMarketDataHandlers {
  const { exchange, streams } = ctx;
  const venue = exchange.venue;
  const calls = serviceCalls({
    venue,
    isReady: () => ctx.isReady(),
    notReady: () => new GatewayError('venue_unavailable', `${venue} contracts are not loaded yet; retry shortly`, { venue }),
  });
  const { ready, answer } = calls;
  /** A stream over the listed contracts a request names. */
  const stream = (call: grpc.ServerWritableStream<{ symbols?: { base?: string; quote?: string }[] }, unknown>, start: (symbols: Pair[]) => void) => {
    calls.stream(call, () => {
      ready();
      const symbols = requireSymbols(call.request.symbols);
      for (const symbol of symbols) exchange.symbolInfo(symbol);
      start(symbols);
    });
  };
  return {
    ListContracts(_call, callback) {
      answer('ListContracts', callback, () => {
        ready();
        return { contracts: exchange.listContracts().map(contractMessage) };
      });
    },
    GetFundingRate(call, callback) {
      answer('GetFundingRate', callback, async () => {
        ready();
        return fundingMessage(await exchange.getFundingRate(requireSymbol(call.request.symbol)));
      });
    },
    GetMarkPrice(call, callback) {
      answer('GetMarkPrice', callback, async () => {
        ready();
        return markMessage(await exchange.getMarkPrice(requireSymbol(call.request.symbol)));
      });
    },
    StreamFundingRates(call) {
      stream(call, (symbols) => serveConflated(call, symbols, (s, l) => exchange.watchFundingRate(s, l), fundingMessage, streams, 'funding'));
    },
    StreamMarkPrices(call) {
      stream(call, (symbols) => serveConflated(call, symbols, (s, l) => exchange.watchMarkPrice(s, l), markMessage, streams, 'marks'));
    },
    StreamLiquidations(call) {
      // Liquidations are rare (at most one per contract per second at the venue): written as they come.
      stream(call, (symbols) => {
        const { statsList, leave } = subscribeStats(streams, 'liquidations', symbols);
        const unsubscribes = symbols.map((symbol, i) =>
          exchange.watchLiquidations(symbol, (liquidation) => {
            statsList[i]!.messages++;
            call.write(liquidationMessage(liquidation));
          }),
        );
        const end = () => {
          if (unsubscribes.length === 0) return;
          unsubscribes.splice(0).forEach((unsubscribe) => unsubscribe());
          leave();
        };
        call.on('cancelled', end);
        call.on('close', end);
        call.on('error', end);
      });
    },
  };
}
