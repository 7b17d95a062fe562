import { BookFollower } from '@cexgw/client';
import { MARKET_DATA_ADDRESS } from '../default-addresses.js';
import { connectionOptions, flag, HELP_OPTION, JSON_OPTION, oneSymbol, positiveInt, type Values } from '../args.js';
import { bookJson, bookView, renderBook } from '../book-render.js';
import type { Command, Io } from '../command.js';
import { endpointFrom, targetFrom } from '../connection.js';
import { followUntil } from '../follow.js';
import { RateMeter } from '../rate.js';
import { LiveScreen } from '../terminal.js';

const FRAME_MS = 100; // ~10 redraws per second on a TTY, whatever the message rate

export const bookCommand: Command = {
  name: 'book',
  summary: 'live order book from MarketData/StreamOrderBook (redrawn in place on a terminal)',
  synopsis: '--symbol <BASE/QUOTE> [--depth <n>] [--once] [--json] [--count <n>] [--interval <ms>] [--addr <host:port>]',
  options: {
    ...connectionOptions(MARKET_DATA_ADDRESS),
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
    "one JSON line. The book is followed with @cexgw/client's BookFollower: the gateway sequence is",
    'checked, and a stream that ends or breaks its sequence is resubscribed (noted on stderr).',
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

  const endpoint = endpointFrom(target);
  const follower = new BookFollower({ endpoint, symbol, depth });
  const meter = new RateMeter();
  const frame = (color: boolean) => renderBook(bookView(follower, depth, target.address, meter.sample(follower.stats.messages)), { color });
  follower.on('stale', (reason) => {
    if (follower.stats.resets > 0) io.stderr.write(`stale: ${reason}; resubscribing\n`);
  });
  const everLive = () => follower.stats.resets > 0;

  try {
    if (live) {
      const screen = new LiveScreen(io.stdout);
      const color = !io.env.NO_COLOR;
      let timer: NodeJS.Timeout | undefined;
      try {
        await followUntil(follower, everLive, () => {
          timer = setInterval(() => {
            if (follower.isLive) screen.draw(frame(color));
          }, FRAME_MS);
          follower.start();
        });
      } finally {
        clearInterval(timer);
        screen.close();
        if (everLive()) io.stdout.write(frame(color)); // the last book stays on the normal screen
      }
      return 0;
    }

    let printed = 0;
    let lastPrint = -Infinity;
    await followUntil(follower, everLive, ({ finish }) => {
      follower.on('update', () => {
        const now = performance.now();
        if (intervalMs > 0 && now - lastPrint < intervalMs) return;
        lastPrint = now;
        const view = bookView(follower, depth, target.address, meter.sample(follower.stats.messages));
        io.stdout.write(json ? `${JSON.stringify(bookJson(view))}\n` : `${renderBook(view, { color: false })}\n`);
        if (limit !== undefined && ++printed >= limit) finish();
      });
      follower.start();
    });
    return 0;
  } finally {
    follower.stop();
    endpoint.close();
  }
}
