import { spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { REPO_ROOT, startMarketData, startSim, startTrading, TEST_CLIENT_TOKEN, type ServiceHandle, type SimHandle } from './processes.js';
import { expectIdCovered, sleep, type SimBook } from './wait.js';

// The example clients of examples/ (Python, Go) against a simulated Gate.io spot venue and the
// gateway's market-data and trading services: what they print, checked against what the venue
// itself holds and recorded.

export interface ExampleGateway {
  sim: SimHandle;
  marketData: ServiceHandle;
  trading: ServiceHandle;
  stop(): Promise<void>;
}

export async function startExampleGateway(): Promise<ExampleGateway> {
  const sim = await startSim('gateio_spot', ['--seed', '11', '--symbols', 'BTC_USDT', '--flow-rate', '200']);
  const started: Array<{ stop(): Promise<unknown> }> = [sim];
  const stop = async () => {
    for (const handle of started.reverse()) await handle.stop();
  };
  try {
    const env = { CEXGW_GATEIO_SPOT_REST_URL: sim.restBaseUrl, CEXGW_GATEIO_SPOT_WS_URL: sim.wsUrl };
    const marketData = await startMarketData('gateio_spot', env);
    started.push(marketData);
    const trading = await startTrading('gateio_spot', sim, mkdtempSync(join(tmpdir(), 'cexgw-journal-')));
    started.push(trading);
    return { sim, marketData, trading, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface ExampleRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs an example client with the gateway token in CEXGW_TOKEN while the simulated venue's flow
 * runs, and pauses the flow one second after the client's first snapshot, so that the book the
 * client reports at the end of its streaming window is the venue's book.
 */
export async function runExample(gateway: ExampleGateway, command: string, args: string[], token = TEST_CLIENT_TOKEN): Promise<ExampleRun> {
  await gateway.sim.control('flow', { paused: false });
  const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, CEXGW_TOKEN: token }, stdio: ['ignore', 'pipe', 'pipe'] });
  const run: ExampleRun = { code: null, stdout: '', stderr: '' };
  child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
  const kill = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const exited = new Promise<ExampleRun>((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(kill);
      resolve({ ...run, code });
    }),
  );
  const snapshot = new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      run.stdout += chunk.toString();
      if (/^snapshot /m.test(run.stdout)) resolve();
    });
  });
  if ((await Promise.race([snapshot.then(() => 'snapshot'), exited])) === 'snapshot') {
    await sleep(1_000); // deltas flow
    await gateway.sim.control('flow', { paused: true });
  }
  return exited;
}

/** The lines every example client prints (examples/python/cexgw_client.py, examples/go/main.go). */
export function parseReport(stdout: string) {
  const book = /^book BTC\/USDT after (\d+) messages \(snapshots: (\d+), update id (\d+)\): best bid (\S+) x (\S+), best ask (\S+) x (\S+)$/m.exec(stdout);
  const placed = /^placed order (\S+) \(client order id (\S+)\): SIDE_BUY (\S+) BTC\/USDT @ (\S+), (\S+)$/m.exec(stdout);
  const readBack = /^read back order (\S+): (\S+), filled (\S+)$/m.exec(stdout);
  const cancelled = /^cancelled order (\S+): (\S+)$/m.exec(stdout);
  if (!book || !placed || !readBack || !cancelled) throw new Error(`unexpected output:\n${stdout}`);
  return {
    book: { messages: Number(book[1]), snapshots: Number(book[2]), updateId: book[3]!, bestBid: [book[4]!, book[5]!], bestAsk: [book[6]!, book[7]!] },
    placed: { orderId: placed[1]!, clientOrderId: placed[2]!, quantity: placed[3]!, price: placed[4]!, status: placed[5]! },
    readBack: { orderId: readBack[1]!, status: readBack[2]!, filled: readBack[3]! },
    cancelled: { orderId: cancelled[1]!, status: cancelled[2]! },
  };
}

/** The venue's own record of an order: Gate.io APIv4 GET /spot/orders/{id}, signed like the venue asks. */
export async function venueOrder(sim: SimHandle, orderId: string): Promise<Record<string, string>> {
  const url = new URL(`${sim.restBaseUrl}/spot/orders/${orderId}?currency_pair=BTC_USDT`);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const payload = ['GET', url.pathname, url.search.slice(1), createHash('sha512').update('').digest('hex'), timestamp].join('\n');
  const sign = createHmac('sha512', sim.apiSecret).update(payload).digest('hex');
  const response = await fetch(url, { headers: { KEY: sim.apiKey, Timestamp: timestamp, SIGN: sign } });
  if (!response.ok) throw new Error(`venue GET ${url.pathname}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, string>;
}

const sameDecimal = (a: string, b: string) => expect(a.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')).toBe(b.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, ''));

/**
 * A client run that streamed the venue's book and then placed, read back and cancelled one order:
 * its best bid and ask are the venue's, and the venue holds the order, cancelled and unfilled.
 */
export async function expectBookAndOrder(gateway: ExampleGateway, run: ExampleRun, clientOrderId: string): Promise<void> {
  expect(run.code, `exit code; stderr:\n${run.stderr}\nstdout:\n${run.stdout}`).toBe(0);
  const report = parseReport(run.stdout);

  const venue = await gateway.sim.control<SimBook>('book?currency_pair=BTC_USDT&depth=1');
  expect(report.book.messages).toBeGreaterThan(10); // a snapshot and deltas were applied
  expect(report.book.snapshots).toBeGreaterThanOrEqual(1);
  expectIdCovered(report.book.updateId, venue.u, true); // obu: top 50 only
  sameDecimal(report.book.bestBid[0]!, venue.bids[0]![0]);
  sameDecimal(report.book.bestBid[1]!, venue.bids[0]![1]);
  sameDecimal(report.book.bestAsk[0]!, venue.asks[0]![0]);
  sameDecimal(report.book.bestAsk[1]!, venue.asks[0]![1]);

  expect(report.placed.clientOrderId).toBe(clientOrderId);
  expect(report.placed.status).toBe('ORDER_STATUS_OPEN');
  expect(Number(report.placed.price)).toBeLessThan(Number(report.book.bestBid[0]));
  expect(report.readBack).toMatchObject({ orderId: report.placed.orderId, status: 'ORDER_STATUS_OPEN', filled: '0' });
  expect(report.cancelled).toEqual({ orderId: report.placed.orderId, status: 'ORDER_STATUS_CANCELLED' });

  const atVenue = await venueOrder(gateway.sim, report.placed.orderId);
  expect(atVenue).toMatchObject({ id: report.placed.orderId, currency_pair: 'BTC_USDT', side: 'buy', type: 'limit', status: 'cancelled' });
  expect(atVenue.text).toContain(clientOrderId);
  sameDecimal(atVenue.price!, report.placed.price);
  sameDecimal(atVenue.amount!, report.placed.quantity);
  sameDecimal(atVenue.filled_amount ?? '0', '0');
  const account = await gateway.sim.control<{ openOrders: Array<{ id: string }> }>(`account?apiKey=${encodeURIComponent(gateway.sim.apiKey)}`);
  expect(account.openOrders.map((o) => o.id)).not.toContain(report.placed.orderId);
}
