import { canonicalDecimal, GatewayError, isDecimalString, silentLogger, type OrderRef, type OrderState, type PrivateExchange } from '@cexgw/adapters';
import { quoteForMessage, requireSymbol, requireSymbols, serviceCalls, type ServiceCallContext, type StreamStatsRegistry, type TradingHandlers } from '@cexgw/grpc';
import { balanceMessage, orderMessage } from './encode.js';
import type { FillPipeline } from './fill-pipeline.js';
import { parseCursor, serveFillStream } from './fill-stream.js';
import type { TradingJournal } from './journal/journal.js';
import { parseClientOrderId, parsePlaceOrder } from './order-checks.js';
import { generateClientOrderId, type OrderManager } from './order-manager.js';
import { serveBalanceStream, serveOrderStream, type BalanceEvent, type Listeners } from './state-streams.js';

export interface TradingContext extends ServiceCallContext {
  readonly exchange: Pick<PrivateExchange, 'venue' | 'symbolInfo' | 'listOpenOrders' | 'getBalances'>;
  readonly orders: OrderManager;
  readonly journal: TradingJournal;
  readonly pipeline: FillPipeline;
  readonly orderEvents: Listeners<OrderState>;
  readonly balanceEvents: Listeners<BalanceEvent>;
  readonly streams: StreamStatsRegistry;
  readonly queueCapacity: number;
}

const ORDER_ID = /^[\x21-\x7e]{1,64}$/;

/** An order named by order_id or client_order_id (at least one), with its symbol. */
function orderRef(request: { symbol?: { base?: string; quote?: string } | null; order_id?: string; client_order_id?: string }): OrderRef {
  const symbol = requireSymbol(request.symbol);
  const orderId = request.order_id ?? '';
  const clientOrderId = parseClientOrderId(request.client_order_id);
  if (!orderId && !clientOrderId) throw new GatewayError('invalid_argument', "give order_id (the venue's id) or client_order_id (yours)");
  if (orderId && !ORDER_ID.test(orderId)) throw new GatewayError('invalid_argument', `order_id ${quoteForMessage(orderId)} is not an order id (1-64 printable characters, no spaces)`);
  return { symbol, ...(orderId ? { orderId } : {}), ...(clientOrderId ? { clientOrderId } : {}) };
}

/** Whether a balance has a non-zero total (free + locked). */
function nonZero(balance: { free: string; locked: string }): boolean {
  const zero = (value: string) => !value || (isDecimalString(value) && canonicalDecimal(value) === '0');
  return !(zero(balance.free) && zero(balance.locked));
}

/** The Trading service of one venue, over its private adapter. */
export function tradingHandlers(ctx: TradingContext): TradingHandlers {
  const { exchange, orders, streams, queueCapacity } = ctx;
  const logger = ctx.logger ?? silentLogger;

  const { ready, answer, stream } = serviceCalls(ctx);

  return {
    PlaceOrder(call, callback) {
      answer('PlaceOrder', callback, async () => {
        ready();
        const { order, clientGivenId } = parsePlaceOrder(call.request, generateClientOrderId);
        const state = await orders.place(order);
        logger.info(
          { clientOrderId: order.clientOrderId, clientGivenId, orderId: state.orderId, symbol: `${order.symbol.base}/${order.symbol.quote}`, side: order.side, type: order.type, status: state.status },
          'order placed',
        );
        return orderMessage(state);
      });
    },
    CancelOrder(call, callback) {
      answer('CancelOrder', callback, async () => {
        ready();
        const ref = orderRef(call.request);
        exchange.symbolInfo(ref.symbol);
        return orderMessage(await orders.cancelOrder(ref));
      });
    },
    GetOrder(call, callback) {
      answer('GetOrder', callback, async () => {
        ready();
        const ref = orderRef(call.request);
        exchange.symbolInfo(ref.symbol);
        return orderMessage(await orders.getOrder(ref));
      });
    },
    ListOpenOrders(call, callback) {
      answer('ListOpenOrders', callback, async () => {
        ready();
        const given = call.request.symbol;
        const symbol = given && (given.base || given.quote) ? requireSymbol(given) : undefined;
        if (symbol) exchange.symbolInfo(symbol);
        return { orders: (await exchange.listOpenOrders(symbol)).map(orderMessage) };
      });
    },
    GetBalances(_call, callback) {
      answer('GetBalances', callback, async () => {
        ready();
        return { balances: (await exchange.getBalances()).filter(nonZero).map(balanceMessage) };
      });
    },
    StreamOrderUpdates(call) {
      stream(call, () => {
        ready();
        const requested = call.request.symbols ?? [];
        const symbols = requested.length > 0 ? requireSymbols(requested) : [];
        for (const symbol of symbols) exchange.symbolInfo(symbol);
        serveOrderStream(call, ctx.orderEvents, symbols, queueCapacity, streams.get('orders'));
      });
    },
    StreamFills(call) {
      stream(call, async () => {
        // Fills come from the journal, so a replay works before the venue is reachable.
        const after = parseCursor(call.request.after_cursor);
        await serveFillStream(call, after, { journal: ctx.journal, pipeline: ctx.pipeline, capacity: queueCapacity, stats: streams.get('fills') });
      });
    },
    StreamBalances(call) {
      stream(call, () => {
        ready();
        serveBalanceStream(call, ctx.balanceEvents, queueCapacity, streams.get('balances'));
      });
    },
  };
}
