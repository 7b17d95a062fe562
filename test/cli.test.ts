import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookFollower, Decimal, OrderBookUpdateKind } from '@cexgw/client';
import { bookView, renderBook, run, type BookView, type Io } from '@cexgw/cli';
import { REPO_ROOT, startMarketData, startSim, startTrading, TEST_CLIENT_TOKEN, type ServiceHandle, type SimHandle } from './support/processes.js';
import { sleep, type SimBook } from './support/wait.js';

// The operator CLI (cli/, `cexgw`): its pure book renderer on a fixed book, then the built
// binary as a child process against a Gate.io spot simulator, market-data and trading services,
// all real processes on 127.0.0.1. The CLI reaches the services through gRPC only.

const CLI = join(REPO_ROOT, 'cli/dist/main.js');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `cexgw <args>` to completion; the environment carries no token unless `env` gives one. */
function cexgw(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return finished(start(args, env));
}

function start(args: string[], env: Record<string, string> = {}, bin = CLI): ChildProcess & { result: Promise<Result> } {
  const { CEXGW_TOKEN: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, [bin, ...args], { cwd: REPO_ROOT, env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const result = new Promise<Result>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return Object.assign(child, { result });
}

const finished = (child: { result: Promise<Result> }) => child.result;

const jsonLines = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

const FIXED_BOOK: BookView = {
  symbol: 'BTC/USDT',
  address: '127.0.0.1:50052',
  depth: 3,
  bids: [
    { price: '65000.1', quantity: '0.5' },
    { price: '65000', quantity: '1.25' },
    { price: '64999.95', quantity: '0.00012' },
  ],
  asks: [
    { price: '65000.2', quantity: '2' },
    { price: '65000.35', quantity: '0.001' },
  ],
  sequence: '42',
  updateId: '1000000123',
  venueTimestampMs: '1795680000000',
  messages: 42,
  ratePerSec: 12.5,
  sequenceGaps: 0,
};

describe('cexgw book renderer', () => {
  it('renders a fixed book as a table, decimal points aligned, digits untouched', () => {
    expect(renderBook(FIXED_BOOK, { color: false })).toBe(
      [
        'BTC/USDT  127.0.0.1:50052  update 1000000123  seq 42  12.5 msg/s  42 msgs',
        'best bid 65000.1  best ask 65000.2  spread 0.1  venue time 2026-11-26T08:00:00.000Z',
        '',
        'bid size       bid │ ask       ask size',
        ' 0.5      65000.1  │ 65000.2      2',
        ' 1.25     65000    │ 65000.35     0.001',
        ' 0.00012  64999.95 │',
        '',
      ].join('\n'),
    );
  });

  it('colours bids green and asks red for a terminal, with the same text underneath', () => {
    const coloured = renderBook(FIXED_BOOK, { color: true });
    expect(coloured).toContain('\x1b[32m65000.1\x1b[0m');
    expect(coloured).toContain('\x1b[31m65000.2\x1b[0m');
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(renderBook(FIXED_BOOK, { color: false }));
  });

  it('keeps a book from a snapshot and deltas, exactly, best first', () => {
    const follower = new BookFollower({ endpoint: '127.0.0.1:1', symbol: 'BTC/USDT' }); // never started: its book is fed here
    const update = (kind: 'SNAPSHOT' | 'DELTA', sequence: string, bids: [string, string][], asks: [string, string][]) =>
      follower.book.apply({
        symbol: { base: 'BTC', quote: 'USDT' },
        kind: kind === 'SNAPSHOT' ? OrderBookUpdateKind.ORDER_BOOK_UPDATE_KIND_SNAPSHOT : OrderBookUpdateKind.ORDER_BOOK_UPDATE_KIND_DELTA,
        reset: kind === 'SNAPSHOT',
        sequence,
        firstUpdateId: sequence,
        lastUpdateId: `10${sequence}`,
        bids: bids.map(([price, quantity]) => ({ price, quantity })),
        asks: asks.map(([price, quantity]) => ({ price, quantity })),
        venueTimestampMs: '0',
        receivedTimestampUs: '0',
      });
    update(
      'SNAPSHOT',
      '1',
      [
        ['9.99', '1'],
        ['10', '2'],
        ['9.5', '3'],
      ],
      [
        ['10.01', '1'],
        ['10.1', '1'],
      ],
    );
    update(
      'DELTA',
      '2',
      [
        ['10.00', '0'],
        ['9.999999999999999999', '7'],
      ],
      [['10.005', '0.1']],
    );
    const view = bookView(follower, 2, 'x', 0);
    expect(view.bids).toEqual([
      { price: '9.999999999999999999', quantity: '7' },
      { price: '9.99', quantity: '1' },
    ]);
    expect(view.asks).toEqual([
      { price: '10.005', quantity: '0.1' },
      { price: '10.01', quantity: '1' },
    ]);
    expect(view.updateId).toBe('102');
    expect(view.sequenceGaps).toBe(0);
    follower.stop();
  });
});

describe('cexgw usage errors', () => {
  /** Runs the CLI in-process; these fail before any connection is made. */
  async function inProcess(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io = {
      stdout: { write: (s: string) => ((out += s), true) },
      stderr: { write: (s: string) => ((err += s), true) },
      env: {},
    } as unknown as Io;
    return { code: await run(args, io), out, err };
  }

  it('exit 2 with the reason and a pointer to --help', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['place', '--symbol', 'BTC/USDT', '--quantity', '1', '--price', '1'], /--side is required/],
      [['place', '--symbol', 'BTC/USDT', '--side', 'hold', '--quantity', '1'], /--side must be one of buy, sell/],
      [['cancel', '--symbol', 'BTC/USDT', '--order-id', '1', '--client-order-id', 'x'], /exactly one of --order-id or --client-order-id/],
      [['balances', '--token', 'a-token-of-16-chars', '--token-file', '/nonexistent'], /--token or --token-file, not both/],
      [['order', '--symbol', 'BTC/USDT', '--order-id', '1', '--token-file', '/nonexistent/token'], /cannot read --token-file \/nonexistent\/token: ENOENT/],
      [['book', '--symbol', 'BTCUSDT'], /is not BASE\/QUOTE/],
      [['book', '--symbol', 'BTC/USDT', '--depth', '0'], /--depth must be a positive integer/],
      [['trades'], /--symbol is required/],
      [['nonsense'], /unknown command "nonsense"/],
    ];
    for (const [args, message] of cases) {
      const result = await inProcess(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.err, args.join(' ')).toMatch(message);
      expect(result.out).toBe('');
    }
    expect((await inProcess(['help', 'fills'])).out).toContain('usage: cexgw fills [--after <cursor>]');
  });
});

describe('cexgw against running services', () => {
  let sim: SimHandle;
  let marketData: ServiceHandle;
  let trading: ServiceHandle;
  let tokenFile: string;
  const withToken = { CEXGW_TOKEN: TEST_CLIENT_TOKEN };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cexgw-cli-'));
    tokenFile = join(dir, 'token');
    writeFileSync(tokenFile, `# gateway token\n${TEST_CLIENT_TOKEN}\n`);
    // No synthetic flow: the venue's book holds still, so the CLI's book can be compared exactly.
    sim = await startSim('gateio_spot', ['--seed', '11', '--symbols', 'BTC_USDT,ETH_USDT', '--flow-rate', '0']);
    [marketData, trading] = await Promise.all([
      startMarketData('gateio_spot', { CEXGW_GATEIO_SPOT_REST_URL: sim.restBaseUrl, CEXGW_GATEIO_SPOT_WS_URL: sim.wsUrl }),
      startTrading('gateio_spot', sim, dir),
    ]);
  });

  afterAll(async () => {
    await Promise.all([marketData?.stop(), trading?.stop()]);
    await sim?.stop();
  });

  const md = () => ['--addr', marketData.address];
  const tr = () => ['--addr', trading.address];

  it('is linked as the cexgw bin and prints usage', async () => {
    const bin = join(REPO_ROOT, 'node_modules/.bin/cexgw');
    expect(existsSync(bin)).toBe(true);
    const help = await finished(start(['--help'], {}, bin));
    expect(help.code).toBe(0);
    for (const command of ['book', 'trades', 'tickers', 'fills', 'orders', 'place', 'cancel', 'order', 'open-orders', 'balances', 'health', 'metrics']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
    const bookHelp = await cexgw(['book', '--help']);
    expect(bookHelp.code).toBe(0);
    expect(bookHelp.stdout).toContain('usage: cexgw book --symbol');
    const bad = await cexgw(['book', '--symbol', 'BTC/USDT', '--nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--nope'");
  });

  it('book --once --json prints the venue book', async () => {
    const result = await cexgw(['book', ...md(), '--symbol', 'BTC/USDT', '--depth', '10', '--once', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const books = jsonLines(result.stdout);
    expect(books).toHaveLength(1);
    const book = books[0];
    expect(book.symbol).toBe('BTC/USDT');
    expect(book.bids).toHaveLength(10);
    expect(book.asks).toHaveLength(10);
    expect(Decimal.parse(book.best_bid).compare(Decimal.parse(book.best_ask))).toBe(-1);
    expect(book.spread).toBe(Decimal.parse(book.best_ask).minus(Decimal.parse(book.best_bid)).toString());
    const venue = await sim.control<SimBook>('book?currency_pair=BTC_USDT&depth=10');
    const levels = (side: Array<{ price: string; quantity: string }>) => side.map((l) => [l.price, l.quantity]);
    expect(levels(book.bids)).toEqual(venue.bids);
    expect(levels(book.asks)).toEqual(venue.asks);
  });

  it('book --once prints a table when stdout is not a terminal', async () => {
    const result = await cexgw(['book', ...md(), '--symbol', 'btc/usdt', '--depth', '3', '--once']);
    expect(result.code).toBe(0);
    const venue = await sim.control<SimBook>('book?currency_pair=BTC_USDT&depth=1');
    expect(result.stdout).toContain(`best bid ${venue.bids[0]![0]}  best ask ${venue.asks[0]![0]}`);
    expect(result.stdout).toMatch(/bid size +bid │ ask +ask size/);
    expect(result.stdout).not.toContain('\x1b[');
  });

  it('health exits 0 with SERVING, and 1 for a service the process does not serve', async () => {
    const result = await cexgw(['health', ...md()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/cexgw\.v1\.MarketData +SERVING/);
    expect(result.stdout).toContain('venue gateio_spot: rest ok');

    const json = await cexgw(['health', ...tr(), '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ serving: true, status: 'SERVING', services: { 'cexgw.v1.Trading': 'SERVING' } });

    const missing = await cexgw(['health', ...md(), '--service', 'cexgw.v1.Trading']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('NOT SERVING');
  });

  it('metrics prints the figures as a table, and raw with --json', async () => {
    const table = await cexgw(['metrics', ...md()]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('venue gateio_spot  role market-data');
    expect(table.stdout).toMatch(/rest requests +\d+/);
    expect(table.stdout).toMatch(/orderbook:BTC\/USDT +\d+ +\d+/); // the book commands above streamed it
    const raw = JSON.parse((await cexgw(['metrics', ...tr(), '--json'])).stdout);
    expect(raw).toMatchObject({ venue: 'gateio_spot', role: 'trading' });
    expect(Number(raw.rest_requests)).toBeGreaterThan(0);
  });

  it('places a limit order with a client id, shows it, lists it and cancels it', async () => {
    const venue = await sim.control<SimBook>('book?currency_pair=BTC_USDT&depth=1');
    const price = (Number(venue.bids[0]![0]) * 0.9).toFixed(1); // rests well below the market
    const placed = await cexgw(['place', ...tr(), '--symbol', 'BTC/USDT', '--side', 'buy', '--quantity', '0.001', '--price', price, '--client-order-id', 'cli-rest-1', '--json'], withToken);
    expect(placed.stderr).toBe('');
    const order = JSON.parse(placed.stdout);
    expect(order).toMatchObject({ client_order_id: 'cli-rest-1', status: 'ORDER_STATUS_OPEN', quantity: '0.001', price });

    const shown = await cexgw(['order', ...tr(), '--symbol', 'BTC/USDT', '--client-order-id', 'cli-rest-1', '--token-file', tokenFile]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`BTC/USDT buy limit 0.001 @ ${price} open`);
    expect(shown.stdout).toContain(`order_id=${order.order_id} client_order_id=cli-rest-1`);

    const open = await cexgw(['open-orders', ...tr(), '--symbol', 'BTC/USDT'], withToken);
    expect(open.stdout).toMatch(new RegExp(`BTC/USDT +buy +limit +${price.replace('.', '\\.')} +0\\.001 .*open +${order.order_id} +cli-rest-1`));

    const cancelled = await cexgw(['cancel', ...tr(), '--symbol', 'BTC/USDT', '--order-id', order.order_id, '--json'], withToken);
    expect(cancelled.code).toBe(0);
    expect(JSON.parse(cancelled.stdout)).toMatchObject({ order_id: order.order_id, status: 'ORDER_STATUS_CANCELLED' });
    const after = await cexgw(['order', ...tr(), '--symbol', 'BTC/USDT', '--order-id', order.order_id], withToken);
    expect(after.stdout).toContain(' cancelled ');
  });

  it('fills --json receives the fill of an order the venue crosses', async () => {
    // --after 0 replays the journal, so the stream cannot miss the fill however fast it comes.
    const fills = start(['fills', ...tr(), '--after', '0', '--json', '--count', '1', '--token-file', tokenFile]);
    const venue = await sim.control<SimBook>('book?currency_pair=BTC_USDT&depth=1');
    const improved = (Number(venue.bids[0]![0]) + 0.1).toFixed(1); // first in line for a sell
    expect(Number(improved)).toBeLessThan(Number(venue.asks[0]![0]));
    const placed = await cexgw(['place', ...tr(), '--symbol', 'BTC/USDT', '--side', 'buy', '--quantity', '0.01', '--price', improved, '--client-order-id', 'cli-fill-1', '--json'], withToken);
    const order = JSON.parse(placed.stdout);
    await sim.control('cross', { symbol: 'BTC_USDT', side: 'sell', quantity: '0.004' });
    const result = await fills.result;
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [fill] = jsonLines(result.stdout);
    expect(fill).toMatchObject({ order_id: order.order_id, client_order_id: 'cli-fill-1', quantity: '0.004', side: 'SIDE_BUY', is_maker: true });
    expect(Decimal.parse(fill.price).compare(Decimal.parse(improved))).toBe(0); // the venue may spell it "65000" for "65000.0"
    expect(fill.cursor).toMatch(/^\d+$/);
    await cexgw(['cancel', ...tr(), '--symbol', 'BTC/USDT', '--client-order-id', 'cli-fill-1'], withToken);
  });

  it('trades tails public trades', async () => {
    const trades = start(['trades', ...md(), '--symbol', 'BTC/USDT', '--count', '1']);
    // The stream's subscription is not observable from outside: trade until the first line arrives.
    while (trades.exitCode === null) {
      await sim.control('cross', { symbol: 'BTC_USDT', side: 'buy', quantity: '0.0001' });
      await sleep(200);
    }
    const result = await trades.result;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\S+Z BTC\/USDT buy 0\.0001 @ \d+(\.\d+)? trade_id=\d+\n$/);
  });

  it('refuses a trading call without a token: UNAUTHENTICATED, exit 1', async () => {
    const result = await cexgw(['balances', ...tr()]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: UNAUTHENTICATED: missing client token/);
    expect(result.stderr).toContain('cexgw-error-class: unauthenticated');
    expect(result.stderr).toContain('hint: no token given');
  });

  it('reports a malformed decimal as INVALID_ARGUMENT with the trailers, exit 1', async () => {
    const result = await cexgw(['place', ...tr(), '--symbol', 'BTC/USDT', '--side', 'buy', '--quantity', '0,001', '--price', '60000'], withToken);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: INVALID_ARGUMENT: quantity "0,001" is not a decimal number/);
    expect(result.stderr).toContain('cexgw-error-class: invalid_argument');
    expect(result.stderr).not.toContain(TEST_CLIENT_TOKEN);
  });
});
