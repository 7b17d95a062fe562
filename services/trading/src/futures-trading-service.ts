import { GatewayError, silentLogger, symbolKey, type FuturesPrivateExchange, type MarginMode, type OrderRequest, type Position } from '@cexgw/adapters';
import { requireSymbol, requireSymbols, serviceCalls, type FuturesTradingHandlers, type ServiceCallContext, type StreamStatsRegistry } from '@cexgw/grpc';
import { futuresBalanceMessage, futuresOrderMessage, marginModeMessage, positionMessage } from './encode.js';
import { parsePlaceFuturesOrder } from './futures-order-checks.js';
import type { TradingJournal } from './journal/journal.js';
import { parseClientOrderId } from './order-checks.js';
import { generateClientOrderId, type OrderManager } from './order-manager.js';
import { servePositionStream, type Listeners } from './state-streams.js';

// FuturesTrading, beside Trading in a futures venue's process. Orders go through the same
// order manager (journal, idempotency, kill switch, limits) and their fills through the same
// journal and cursors; positions, leverage and margin come from the venue adapter.

export interface FuturesTradingContext extends ServiceCallContext {
  readonly exchange: Pick<FuturesPrivateExchange, 'venue' | 'contractInfo' | 'setLeverage' | 'getPositions' | 'getFuturesBalance'>;
  readonly orders: OrderManager;
  readonly journal: TradingJournal;
  readonly positionEvents: Listeners<Position>;
  readonly streams: StreamStatsRegistry;
  readonly queueCapacity: number;
}

const MARGIN_MODES: Readonly<Record<string, MarginMode>> = { MARGIN_MODE_ISOLATED: 'isolated', MARGIN_MODE_CROSS: 'cross' };

function marginMode(value: unknown): MarginMode {
  if (value === undefined || value === null || value === '' || value === 0 || value === 'MARGIN_MODE_UNSPECIFIED') return 'isolated';
  const mode = typeof value === 'string' ? MARGIN_MODES[value] : undefined;
  if (!mode) throw new GatewayError('invalid_argument', `margin_mode ${JSON.stringify(value)} is not a known value; use MARGIN_MODE_ISOLATED or MARGIN_MODE_CROSS`);
  return mode;
}

export function futuresTradingHandlers(ctx: FuturesTradingContext): FuturesTradingHandlers {
  const { exchange, orders, streams, queueCapacity } = ctx;
  const logger = ctx.logger ?? silentLogger;
  const { ready, answer, stream } = serviceCalls(ctx);
  const multiplierOf = (order: OrderRequest | { symbol: OrderRequest['symbol'] }) => exchange.contractInfo(order.symbol).contractMultiplier;

  return {
    PlaceFuturesOrder(call, callback) {
      answer('PlaceFuturesOrder', callback, async () => {
        ready();
        const { order, clientGivenId, contracts } = parsePlaceFuturesOrder(call.request, (symbol) => exchange.contractInfo(symbol), generateClientOrderId);
        const state = await orders.place(order);
        logger.info(
          {
            clientOrderId: order.clientOrderId,
            clientGivenId,
            orderId: state.orderId,
            symbol: symbolKey(order.symbol),
            side: order.side,
            type: order.type,
            contracts,
            reduceOnly: order.reduceOnly,
            status: state.status,
          },
          'futures order placed',
        );
        return futuresOrderMessage(state, multiplierOf(order));
      });
    },
    SetLeverage(call, callback) {
      answer('SetLeverage', callback, async () => {
        ready();
        const symbol = requireSymbol(call.request.symbol);
        const leverage = call.request.leverage ?? 0;
        if (!leverage) throw new GatewayError('invalid_argument', "leverage is required: a whole number within the contract's limits (ListContracts shows them)");
        const mode = marginMode(call.request.margin_mode);
        const setting = await exchange.setLeverage(symbol, leverage, mode);
        logger.info({ symbol: symbolKey(symbol), leverage: setting.leverage, marginMode: setting.marginMode }, 'leverage set');
        return { symbol: call.request.symbol, leverage: setting.leverage, margin_mode: marginModeMessage(setting.marginMode) };
      });
    },
    GetPositions(call, callback) {
      answer('GetPositions', callback, async () => {
        ready();
        const given = call.request.symbol;
        const symbol = given && (given.base || given.quote) ? requireSymbol(given) : undefined;
        return { positions: (await exchange.getPositions(symbol)).map(positionMessage) };
      });
    },
    ClosePosition(call, callback) {
      answer('ClosePosition', callback, async () => {
        ready();
        const symbol = requireSymbol(call.request.symbol);
        const given = parseClientOrderId(call.request.client_order_id);
        // A retried close answers with the order the first call placed, even once the position is flat.
        const known = given ? await ctx.journal.getOrder(given) : undefined;
        if (known) return futuresOrderMessage(await orders.place(known.request), multiplierOf(known.request));
        const [position] = await exchange.getPositions(symbol);
        if (!position || position.side === 'flat') {
          throw new GatewayError('venue_rejected', `there is no open ${symbolKey(symbol)} position to close`, { venue: exchange.venue });
        }
        const order: OrderRequest = {
          symbol,
          side: position.side === 'long' ? 'sell' : 'buy',
          type: 'market',
          quantity: position.baseQuantity,
          price: '',
          quoteQuantity: '',
          timeInForce: 'ioc',
          postOnly: false,
          clientOrderId: given ?? generateClientOrderId(),
          reduceOnly: true,
        };
        const state = await orders.place(order);
        logger.info(
          { clientOrderId: order.clientOrderId, orderId: state.orderId, symbol: symbolKey(symbol), closed: position.side, contracts: position.contracts, status: state.status },
          'position close placed',
        );
        return futuresOrderMessage(state, multiplierOf(order));
      });
    },
    GetFuturesBalance(_call, callback) {
      answer('GetFuturesBalance', callback, async () => {
        ready();
        return futuresBalanceMessage(await exchange.getFuturesBalance());
      });
    },
    StreamPositions(call) {
      stream(call, () => {
        ready();
        const requested = call.request.symbols ?? [];
        const symbols = requested.length > 0 ? requireSymbols(requested) : [];
        for (const symbol of symbols) exchange.contractInfo(symbol);
        const current = async () => (symbols.length === 1 ? exchange.getPositions(symbols[0]) : exchange.getPositions());
        servePositionStream(call, ctx.positionEvents, current, symbols, queueCapacity, streams.get('positions'));
      });
    },
  };
}
