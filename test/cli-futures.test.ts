import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startSim, startTrading, TEST_CLIENT_TOKEN, type ServiceHandle, type SimHandle } from './support/processes.js';

// The CLI's futures commands against a Gate.io USDT futures simulator and its trading service
// (real processes): leverage, an order sized in contracts, positions as a table and as a tail,
// closing the position, the margin account.

describe('cexgw futures commands', () => {
  let sim: SimHandle;
  let trading: ServiceHandle;
  const cexgw = (...args: string[]) => {
    const { CEXGW_TOKEN: _ignored, ...env } = process.env;
    const result = spawnSync(process.execPath, ['cli/dist/main.js', ...args, '--addr', trading.address], { cwd: REPO_ROOT, env: { ...env, CEXGW_TOKEN: TEST_CLIENT_TOKEN }, encoding: 'utf8' });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  beforeAll(async () => {
    sim = await startSim('gateio_futures', ['--seed', '9', '--symbols', 'BTC_USDT', '--flow-rate', '0']);
    trading = await startTrading('gateio_futures', sim, mkdtempSync(join(tmpdir(), 'cexgw-journal-')), { CEXGW_GATEIO_FUTURES_POSITION_POLL_MS: '200' });
  });
  afterAll(async () => {
    await trading?.stop();
    await sim?.stop();
  });

  it('sets leverage, opens a position in contracts, shows and follows it, closes it', () => {
    expect(cexgw('leverage', '--symbol', 'BTC/USDT', '--leverage', '5').stdout).toBe('leverage 5x isolated\n');
    const opened = cexgw('futures-place', '--symbol', 'BTC/USDT', '--side', 'buy', '--type', 'market', '--contracts', '7', '--client-order-id', 'cli-fut-1');
    expect(opened.code, opened.stderr).toBe(0);
    expect(opened.stdout).toMatch(/buy market 0\.0007 @ market filled .*contracts=7 filled_contracts=7/);
    const table = cexgw('positions');
    expect(table.stdout).toMatch(/BTC\/USDT\s+long\s+7\s+0\.0007/);
    const followed = cexgw('positions', '--follow', '--count', '1', '--json');
    expect(JSON.parse(followed.stdout.trim())).toMatchObject({ side: 'POSITION_SIDE_LONG', contracts: '7', leverage: 5 });
    const tooHigh = cexgw('leverage', '--symbol', 'BTC/USDT', '--leverage', '500');
    expect(tooHigh.code).toBe(1);
    expect(tooHigh.stderr).toMatch(/INVALID_ARGUMENT: leverage 500 is outside BTC\/USDT's range/);
    const both = cexgw('futures-place', '--symbol', 'BTC/USDT', '--side', 'buy', '--contracts', '1', '--base-quantity', '0.0001');
    expect(both.code).toBe(2);
    const closed = cexgw('close-position', '--symbol', 'BTC/USDT', '--json');
    expect(JSON.parse(closed.stdout)).toMatchObject({ contracts: '7', reduce_only: true });
    expect(cexgw('positions').stdout).toBe('no open positions\n');
    expect(cexgw('futures-balance').stdout).toMatch(/USDT\s+\d/);
  });
});
