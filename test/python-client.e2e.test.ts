import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normLevels } from './support/book-replica.js';
import { expectBookAndOrder, runExample, startExampleGateway, type ExampleGateway } from './support/example-clients.js';
import { expectIdCovered } from './support/wait.js';
import { REPO_ROOT } from './support/processes.js';
import { ensurePythonGrpc } from './support/tools.js';

// The API is language-neutral: Python clients generated from the .proto files alone (examples/python)
// stream the same book and hold exactly the venue's book, and trade through the gateway token.

const python = ensurePythonGrpc();

describe.skipIf(!python.python)(`Python grpcio client${python.reason ? ` (skipped: ${python.reason})` : ''}`, () => {
  let gateway: ExampleGateway;

  beforeAll(async () => {
    gateway = await startExampleGateway();
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  it('rebuilds the same book as the venue holds', async () => {
    const { sim, marketData: service } = gateway;
    await sim.control('flow', { paused: false });
    const child = spawn(python.python!, ['examples/python/stream_book.py', service.address, 'BTC', 'USDT', '--quiet-seconds', '1.5'], { cwd: REPO_ROOT });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (stdout.includes('ready')) resolve();
      });
      child.on('exit', () => reject(new Error(`python client exited early: ${stderr}`)));
    });
    await new Promise((r) => setTimeout(r, 2_000)); // let deltas flow
    await sim.control('flow', { paused: true });
    expect(await exited).toBe(0);
    const result = JSON.parse(stdout.trim().split('\n').pop()!);
    if (result.error) throw new Error(`python client: ${result.error}; stderr: ${stderr}`);
    const venue = await sim.control<{ u: number; bids: Array<[string, string]>; asks: Array<[string, string]> }>('book?currency_pair=BTC_USDT&depth=50');
    expect(result.error).toBeNull();
    expect(result.messages).toBeGreaterThan(10);
    expectIdCovered(result.last_update_id, venue.u, true); // obu: top 50 only
    expect(normLevels(result.bids)).toEqual(normLevels(venue.bids));
    expect(normLevels(result.asks)).toEqual(normLevels(venue.asks));
  }, 600_000);

  const client = (...args: string[]) => ['examples/python/cexgw_client.py', '--market-data', gateway.marketData.address, '--trading', gateway.trading.address, ...args];

  it('cexgw_client.py holds the venue book, then places, reads back and cancels an order at the venue', async () => {
    const run = await runExample(gateway, python.python!, client('--seconds', '4', '--client-order-id', 'py-example-1'));
    await expectBookAndOrder(gateway, run, 'py-example-1');
  }, 60_000);

  it('cexgw_client.py prints the code, details and cexgw-* trailers of a refused call, and exits 1', async () => {
    const unknown = await runExample(gateway, python.python!, client('--symbol', 'NOPE/USDT'));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^StreamOrderBook failed: NOT_FOUND: .*NOPE\/USDT/m);
    expect(unknown.stderr).toMatch(/^ {2}cexgw-error-class: not_found$/m);
    expect(unknown.stderr).toMatch(/^ {2}cexgw-venue: gateio_spot$/m);

    const badToken = await runExample(gateway, python.python!, client('--seconds', '0.5'), 'not-the-gateway-token');
    expect(badToken.code).toBe(1);
    expect(badToken.stderr).toMatch(/^PlaceOrder failed: UNAUTHENTICATED: /m);
    expect(badToken.stderr).toMatch(/^ {2}cexgw-error-class: unauthenticated$/m);
  }, 60_000);
});
