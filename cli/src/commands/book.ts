import { connectionOptions, flag, HELP_OPTION, JSON_OPTION, oneSymbol, positiveInt, type Values } from '../args.js';
import { BookState } from '../book-state.js';
import { bookJson, bookView, renderBook } from '../book-render.js';
import type { Command, Io } from '../command.js';
import { targetFrom } from '../connection.js';
import type { OrderBookUpdateMsg } from '../messages.js';
import { RateMeter } from '../rate.js';
import { tail } from '../rpc.js';
import { LiveScreen } from '../terminal.js';

const FRAME_MS = 100; // ~10 redraws per second on a TTY, whatever the message rate

export const bookCommand: Command = {
  name: 'book',
  summary: 'live order book from MarketData/StreamOrderBook (redrawn in place on a terminal)',
  synopsis: '--symbol <BASE/QUOTE> [--depth <n>] [--once] [--json] [--count <n>] [--interval <ms>] [--addr <host:port>]',
  options: {
    ...connectionOptions('127.0.0.1:50052'),
    symbol: { type: 'string', value: '<BASE/QUOTE>', help: 'symbol, e.g. BTC/USDT' },
    depth: { type: 'string', value: '<n>', default: '10', help: 'levels shown per side' },
    once: { type: 'boolean', help: 'print the first full book, then exit 0' },
    ...JSON_OPTION,
    count: { type: 'string', value: '<n>', help: 'exit 0 after printing n books' },
    interval: { type: 'string', value: '<ms>', help: 'when printing lines (not a terminal, or --json): at most one book per interval (default: one per message)' },
    ...HELP_OPTION,
  },
  notes: [
    'On a terminal the table is redrawn in place ~10 times a second, in colour unless $NO_COLOR is set;',
    'Ctrl-C stops it and leaves the last book on screen. When stdout is not a terminal, or with --once,',
    '--count or --json, the full book is printed after each message: as a table and a blank line, or as',
    'one JSON line.',
    '',
    'examples:',
    '  cexgw book --symbol BTC/USDT',
    '  cexgw book --symbol BTC/USDT --depth 5 --once --json | jq .spread',
  ],
  run: (values, io) => runBook(values, io),
};

async function runBook(values: Values, io: Io): Promise<number> {
  const symbol = oneSymbol(values, 'book');
  const depth = positiveInt(values, 'depth', 'book') ?? 10;
  const json = flag(values, 'json');
  const once = flag(values, 'once');
  const limit = once ? 1 : positiveInt(values, 'count', 'book');
  const intervalMs = positiveInt(values, 'interval', 'book') ?? 0;
  const target = targetFrom(values, io.env, 'book');
  const live = io.stdout.isTTY === true && !json && limit === undefined;

  const state = new BookState();
  const meter = new RateMeter();
  let printed = 0;
  let lastPrint = -Infinity;
  const frame = (color: boolean) => renderBook(bookView(state, depth, target.address, meter.sample(state.messages)), { color });

  if (live) {
    const screen = new LiveScreen(io.stdout);
    const color = !io.env.NO_COLOR;
    const timer = setInterval(() => {
      if (state.hasSnapshot) screen.draw(frame(color));
    }, FRAME_MS);
    try {
      await tail<OrderBookUpdateMsg>(target, 'MarketData', 'StreamOrderBook', { symbol, depth }, (update) => state.apply(update));
    } finally {
      clearInterval(timer);
      screen.close();
      if (state.hasSnapshot) io.stdout.write(frame(color)); // the last book stays on the normal screen
    }
    return 0;
  }

  await tail<OrderBookUpdateMsg>(target, 'MarketData', 'StreamOrderBook', { symbol, depth }, (update) => {
    state.apply(update);
    if (!state.hasSnapshot) return true;
    const now = performance.now();
    if (intervalMs > 0 && now - lastPrint < intervalMs) return true;
    lastPrint = now;
    const view = bookView(state, depth, target.address, meter.sample(state.messages));
    io.stdout.write(json ? `${JSON.stringify(bookJson(view))}\n` : `${renderBook(view, { color: false })}\n`);
    printed++;
    return limit === undefined || printed < limit;
  });
  return 0;
}
