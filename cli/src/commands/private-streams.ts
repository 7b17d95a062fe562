import { AUTH_OPTIONS, connectionOptions, COUNT_OPTION, flag, HELP_OPTION, JSON_OPTION, positiveInt, stringValue, symbolList, SYMBOLS_OPTION } from '../args.js';
import type { Command } from '../command.js';
import { targetFrom } from '../connection.js';
import { fillLine, jsonLine, orderLine } from '../format.js';
import type { FillMsg, OrderMsg } from '../messages.js';
import { tail } from '../rpc.js';
import { TRADING_ADDRESS } from '../default-addresses.js';

const BASE = { ...connectionOptions(TRADING_ADDRESS), ...AUTH_OPTIONS, ...JSON_OPTION, ...COUNT_OPTION, ...HELP_OPTION };

export const fillsCommand: Command = {
  name: 'fills',
  summary: 'tail fills (Trading/StreamFills); resume exactly once from a cursor with --after',
  synopsis: '[--after <cursor>] [--json] [--count <n>] [--addr <host:port>]',
  options: {
    after: { type: 'string', value: '<cursor>', help: 'resume after this cursor: "0" replays the journal, none = new fills only' },
    ...BASE,
  },
  notes: [
    "Each line ends with the fill's cursor; after a disconnect, pass the last one you processed as --after",
    'to receive every later fill exactly once.',
    '',
    'example:',
    '  cexgw fills --token-file token.txt --after 0 --json',
  ],
  async run(values, io) {
    const json = flag(values, 'json');
    const target = targetFrom(values, io.env, 'fills', true);
    await tail<FillMsg>(target, 'Trading', 'StreamFills', { after_cursor: stringValue(values, 'after') ?? '' }, (fill) => void io.stdout.write(json ? jsonLine(fill) : `${fillLine(fill)}\n`), {
      count: positiveInt(values, 'count', 'fills'),
    });
    return 0;
  },
};

export const ordersCommand: Command = {
  name: 'orders',
  summary: 'tail order state changes (Trading/StreamOrderUpdates), optionally of some symbols',
  synopsis: '[--symbol <BASE/QUOTE>...] [--json] [--count <n>] [--addr <host:port>]',
  options: { ...SYMBOLS_OPTION, ...BASE },
  async run(values, io) {
    const json = flag(values, 'json');
    const target = targetFrom(values, io.env, 'orders', true);
    await tail<OrderMsg>(target, 'Trading', 'StreamOrderUpdates', { symbols: symbolList(values, 'orders') }, (order) => void io.stdout.write(json ? jsonLine(order) : `${orderLine(order)}\n`), {
      count: positiveInt(values, 'count', 'orders'),
    });
    return 0;
  },
};
