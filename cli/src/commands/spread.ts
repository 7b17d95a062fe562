import { CrossVenueBook, type CrossVenueSource } from '@cexgw/client';
import { defaultAddress, DEFAULT_PORTS } from '@cexgw/grpc/ports';
import { connectionOptions, flag, HELP_OPTION, JSON_OPTION, oneSymbol, positiveInt, requireString, type Values } from '../args.js';
import type { Command, Io } from '../command.js';
import { credentialsFrom } from '../connection.js';
import { UsageError } from '../errors.js';
import { followUntil } from '../follow.js';
import { renderSpread } from '../spread-render.js';
import { LiveScreen } from '../terminal.js';

const FRAME_MS = 100;

/** Every venue's market-data service at its default address (where `npm start` runs it). */
const DEFAULT_ADDRESSES: Record<string, string> = Object.fromEntries(Object.keys(DEFAULT_PORTS).map((venue) => [venue, defaultAddress(venue, 'marketData')]));

const { addr: _address, ...TLS_OPTIONS } = connectionOptions('');

export const spreadCommand: Command = {
  name: 'spread',
  summary: 'one pair on several venues: best bid/ask per venue and across, the fee-adjusted cross-venue spread',
  synopsis: '--symbol <BASE/QUOTE> --venues <venue[=host:port]|host:port,...> [--once] [--json] [--count <n>] [--stale-after <ms>]',
  options: {
    symbol: { type: 'string', value: '<BASE/QUOTE>', help: 'symbol, e.g. BTC/USDT' },
    venues: {
      type: 'string',
      value: '<list>',
      help: `market-data services, comma separated: a venue id (${Object.keys(DEFAULT_ADDRESSES).join(', ')}: npm start's ports), venue=host:port, or host:port`,
    },
    once: { type: 'boolean', help: 'print the first view with every venue live, then exit 0' },
    ...JSON_OPTION,
    count: { type: 'string', value: '<n>', help: 'exit 0 after printing n views' },
    'stale-after': { type: 'string', value: '<ms>', default: '5000', help: 'a venue quiet for this long counts as stale and is left out of the best prices' },
    ...TLS_OPTIONS,
    ...HELP_OPTION,
  },
  notes: [
    "Follows the symbol's order book on every venue (@cexgw/client CrossVenueBook) and prints a view whenever",
    "a venue's best bid or ask or its freshness changes: redrawn in place on a terminal, one table (or, with",
    '--json, one JSON line) per change otherwise. The spread is the best "buy at one venue\'s ask, sell at',
    "another's bid\" per unit, net of both venues' taker fees from ListSymbols; venue→gw is the venue's",
    "event time to the gateway's receipt, gw→client the gateway's receipt to this process.",
    '',
    'examples:',
    '  cexgw spread --symbol BTC/USDT --venues mexc_spot,gateio_spot,gateio_futures',
    '  cexgw spread --symbol BTC/USDT --venues mexc_spot=10.0.0.5:50051,gateio_spot=10.0.0.6:50052 --once --json',
  ],
  run: (values, io) => runSpread(values, io),
};

export function parseVenues(text: string, command: string): CrossVenueSource[] {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) throw new UsageError('--venues lists no venue', command);
  return items.map((item) => {
    const [name, address] = item.includes('=') ? item.split('=', 2) : [undefined, item];
    if (name !== undefined) {
      if (!/^[a-z0-9_]+$/.test(name) || !/^[^\s:]+:\d+$/.test(address)) throw new UsageError(`--venues item ${JSON.stringify(item)} is not venue=host:port`, command);
      return { venue: name, endpoint: address };
    }
    if (/^[^\s:]+:\d+$/.test(item)) return { endpoint: item };
    const known = DEFAULT_ADDRESSES[item];
    if (!known) throw new UsageError(`--venues item ${JSON.stringify(item)}: not host:port nor one of ${Object.keys(DEFAULT_ADDRESSES).join(', ')}`, command);
    return { venue: item, endpoint: known };
  });
}

async function runSpread(values: Values, io: Io): Promise<number> {
  const symbol = oneSymbol(values, 'spread');
  const credentials = credentialsFrom(values);
  const venues = parseVenues(requireString(values, 'venues', 'spread'), 'spread').map((v) => ({ ...v, endpoint: { addresses: v.endpoint as string, credentials } }));
  const staleAfterMs = positiveInt(values, 'stale-after', 'spread') ?? 5_000;
  const json = flag(values, 'json');
  const limit = flag(values, 'once') ? 1 : positiveInt(values, 'count', 'spread');
  const live = io.stdout.isTTY === true && !json && limit === undefined;

  const book = new CrossVenueBook({ symbol, venues, staleAfterMs });
  let everLive = false;
  let printed = 0;
  const screen = live ? new LiveScreen(io.stdout) : undefined;
  let timer: NodeJS.Timeout | undefined;
  const print = () => io.stdout.write(json ? `${JSON.stringify(book.view())}\n` : `${renderSpread(book.view())}\n`);
  try {
    await followUntil(
      book,
      () => everLive,
      ({ finish }) => {
        const printOne = () => {
          print();
          if (limit !== undefined && ++printed >= limit) finish();
        };
        void book
          .start()
          .then(() => book.ready())
          .then(() => {
            everLive = true;
            if (screen) timer = setInterval(() => screen.draw(renderSpread(book.view())), FRAME_MS);
            else {
              book.on('update', printOne);
              printOne();
            }
          })
          .catch(() => {}); // a venue that fails is reported through the 'failed' event
      },
    );
    return 0;
  } finally {
    clearInterval(timer);
    if (screen) {
      screen.close();
      if (everLive) io.stdout.write(renderSpread(book.view())); // the last view stays on the normal screen
    }
    book.stop();
  }
}
