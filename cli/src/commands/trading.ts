import { AUTH_OPTIONS, choice, connectionOptions, flag, HELP_OPTION, JSON_OPTION, oneSymbol, stringValue, symbolList, TIMEOUT_OPTION, type OptionDefs, type Values } from '../args.js';
import { TRADING_ADDRESS } from '../default-addresses.js';
import type { Command, Io } from '../command.js';
import { targetFrom } from '../connection.js';
import { UsageError } from '../errors.js';
import { enumText, jsonLine, orderLine, symbolText, timeText } from '../format.js';
import type { BalanceMsg, OrderMsg } from '../messages.js';
import { unary } from '../rpc.js';
import { renderTable } from '../table.js';

// Trading unary calls: place, cancel, order, open-orders, balances. Decimals go to the gateway
// exactly as typed (it validates them), and come back exactly as it sent them.

const BASE: OptionDefs = { ...connectionOptions(TRADING_ADDRESS), ...AUTH_OPTIONS, ...TIMEOUT_OPTION, ...JSON_OPTION, ...HELP_OPTION };
const SYMBOL: OptionDefs = { symbol: { type: 'string', value: '<BASE/QUOTE>', help: 'symbol, e.g. BTC/USDT' } };
const ORDER_REF: OptionDefs = {
  'order-id': { type: 'string', value: '<id>', help: "the venue's order id" },
  'client-order-id': { type: 'string', value: '<id>', help: 'the client order id given at placement' },
};

const printOrder = (io: Io, values: Values) => (order: OrderMsg) => {
  io.stdout.write(flag(values, 'json') ? jsonLine(order) : `${orderLine(order)}\n`);
  return 0;
};

/** {symbol, order_id | client_order_id}: exactly one of the two ids. */
function orderRef(values: Values, command: string) {
  const orderId = stringValue(values, 'order-id');
  const clientOrderId = stringValue(values, 'client-order-id');
  if ((orderId === undefined) === (clientOrderId === undefined)) throw new UsageError('give exactly one of --order-id or --client-order-id', command);
  return { symbol: oneSymbol(values, command), order_id: orderId ?? '', client_order_id: clientOrderId ?? '' };
}

export const placeCommand: Command = {
  name: 'place',
  summary: 'place an order (Trading/PlaceOrder); idempotent when --client-order-id is given',
  synopsis: '--symbol <BASE/QUOTE> --side buy|sell [--type limit|market] --quantity <decimal> [--price <decimal>] [--client-order-id <id>] [--tif gtc|ioc|fok] [--post-only]',
  options: {
    ...SYMBOL,
    side: { type: 'string', value: 'buy|sell', help: 'order side' },
    type: { type: 'string', value: 'limit|market', default: 'limit', help: 'order type' },
    quantity: { type: 'string', value: '<decimal>', help: 'base quantity, sent exactly as typed' },
    price: { type: 'string', value: '<decimal>', help: 'limit price, sent exactly as typed' },
    'quote-quantity': { type: 'string', value: '<decimal>', help: 'quote amount to spend (market buys on venues that size them in quote)' },
    'client-order-id': { type: 'string', value: '<id>', help: 'idempotency key, 1-32 of [A-Za-z0-9_-]: retrying with it never places a second order' },
    tif: { type: 'string', value: 'gtc|ioc|fok', help: 'time in force (default: the venue default, GTC for limits)' },
    'post-only': { type: 'boolean', help: 'maker only' },
    ...BASE,
  },
  notes: ['example:', '  CEXGW_TOKEN=... cexgw place --symbol BTC/USDT --side buy --quantity 0.001 --price 60000 --client-order-id demo-1'],
  async run(values, io) {
    const side = choice(values, 'side', ['buy', 'sell'] as const, 'place');
    if (side === undefined) throw new UsageError('--side is required (buy or sell)', 'place');
    const type = choice(values, 'type', ['limit', 'market'] as const, 'place') ?? 'limit';
    const tif = choice(values, 'tif', ['gtc', 'ioc', 'fok'] as const, 'place');
    const request = {
      symbol: oneSymbol(values, 'place'),
      side: `SIDE_${side.toUpperCase()}`,
      type: `ORDER_TYPE_${type.toUpperCase()}`,
      quantity: stringValue(values, 'quantity') ?? '',
      price: stringValue(values, 'price') ?? '',
      quote_quantity: stringValue(values, 'quote-quantity') ?? '',
      time_in_force: tif ? `TIME_IN_FORCE_${tif.toUpperCase()}` : 'TIME_IN_FORCE_UNSPECIFIED',
      post_only: flag(values, 'post-only'),
      client_order_id: stringValue(values, 'client-order-id') ?? '',
    };
    if (request.quantity === '' && request.quote_quantity === '') throw new UsageError('--quantity is required (or --quote-quantity for a market buy)', 'place');
    return printOrder(io, values)(await unary<OrderMsg>(targetFrom(values, io.env, 'place', true), 'Trading', 'PlaceOrder', request));
  },
};

export const cancelCommand: Command = {
  name: 'cancel',
  summary: 'cancel an open order (Trading/CancelOrder)',
  synopsis: '--symbol <BASE/QUOTE> (--order-id <id> | --client-order-id <id>)',
  options: { ...SYMBOL, ...ORDER_REF, ...BASE },
  async run(values, io) {
    return printOrder(io, values)(await unary<OrderMsg>(targetFrom(values, io.env, 'cancel', true), 'Trading', 'CancelOrder', orderRef(values, 'cancel')));
  },
};

export const orderCommand: Command = {
  name: 'order',
  summary: 'the current state of one order (Trading/GetOrder)',
  synopsis: '--symbol <BASE/QUOTE> (--order-id <id> | --client-order-id <id>)',
  options: { ...SYMBOL, ...ORDER_REF, ...BASE },
  async run(values, io) {
    return printOrder(io, values)(await unary<OrderMsg>(targetFrom(values, io.env, 'order', true), 'Trading', 'GetOrder', orderRef(values, 'order')));
  },
};

export const openOrdersCommand: Command = {
  name: 'open-orders',
  summary: 'open orders as a table (Trading/ListOpenOrders)',
  synopsis: '[--symbol <BASE/QUOTE>]',
  options: { ...SYMBOL, ...BASE },
  async run(values, io) {
    const symbols = symbolList(values, 'open-orders');
    if (symbols.length > 1) throw new UsageError('give at most one --symbol', 'open-orders');
    const response = await unary<{ orders: OrderMsg[] }>(targetFrom(values, io.env, 'open-orders', true), 'Trading', 'ListOpenOrders', symbols.length ? { symbol: symbols[0] } : {});
    if (flag(values, 'json')) {
      io.stdout.write(jsonLine(response));
      return 0;
    }
    if (response.orders.length === 0) {
      io.stdout.write('no open orders\n');
      return 0;
    }
    const rows = response.orders.map((o) => [
      symbolText(o.symbol),
      enumText(o.side, 'SIDE_'),
      enumText(o.type, 'ORDER_TYPE_'),
      o.price,
      o.quantity,
      o.filled_quantity,
      enumText(o.status, 'ORDER_STATUS_'),
      o.order_id,
      o.client_order_id,
      timeText(o.created_ms),
    ]);
    io.stdout.write(
      renderTable(['symbol', 'side', 'type', 'price', 'quantity', 'filled', 'status', 'order_id', 'client_order_id', 'created'], rows, [
        'left',
        'left',
        'left',
        'decimal',
        'decimal',
        'decimal',
        'left',
        'left',
        'left',
        'left',
      ]),
    );
    return 0;
  },
};

export const balancesCommand: Command = {
  name: 'balances',
  summary: 'balances of every asset with a non-zero total (Trading/GetBalances)',
  synopsis: '[--json]',
  options: BASE,
  async run(values, io) {
    const response = await unary<{ balances: BalanceMsg[] }>(targetFrom(values, io.env, 'balances', true), 'Trading', 'GetBalances', {});
    if (flag(values, 'json')) io.stdout.write(jsonLine(response));
    else if (response.balances.length === 0) io.stdout.write('no balances\n');
    else
      io.stdout.write(
        renderTable(
          ['asset', 'free', 'locked'],
          response.balances.map((b) => [b.asset, b.free, b.locked]),
          ['left', 'decimal', 'decimal'],
        ),
      );
    return 0;
  },
};
