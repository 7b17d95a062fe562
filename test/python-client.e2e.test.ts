import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normLevels } from './support/book-replica.js';
import { expectIdCovered } from './support/wait.js';
import { REPO_ROOT, startGateioSpotSim, startMarketData, type ServiceHandle, type SimHandle } from './support/processes.js';
import { ensurePythonGrpc } from './support/tools.js';

// The API is language-neutral: a Python client generated from the .proto files alone streams the
// same book and holds exactly the venue's book.

const python = ensurePythonGrpc();

describe.skipIf(!python.python)(`Python grpcio client${python.reason ? ` (skipped: ${python.reason})` : ''}`, () => {
  let sim: SimHandle;
  let service: ServiceHandle;

  beforeAll(async () => {
    sim = await startGateioSpotSim(['--seed', '11', '--symbols', 'BTC_USDT', '--flow-rate', '200']);
    service = await startMarketData('gateio_spot', { CEXGW_GATEIO_SPOT_REST_URL: sim.restBaseUrl, CEXGW_GATEIO_SPOT_WS_URL: sim.wsUrl });
  });

  afterAll(async () => {
    await service?.stop();
    await sim?.stop();
  });

  it('rebuilds the same book as the venue holds', async () => {
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
});
