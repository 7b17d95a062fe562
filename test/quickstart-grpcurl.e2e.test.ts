import { spawn } from 'node:child_process';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePortBase, launch, type Managed } from './support/processes.js';
import { ensureGrpcurl } from './support/tools.js';

// The README's first command prints grpcurl commands; every one of them must work as printed,
// run by a real grpcurl (built with `go install` into .tools/ when missing).

const grpcurl = ensureGrpcurl();

function run(command: string, path: string, stopAfterMs?: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { detached: true, env: { ...process.env, PATH: `${dirname(path)}:${process.env.PATH}` } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = stopAfterMs ? setTimeout(() => process.kill(-child.pid!, 'SIGINT'), stopAfterMs) : undefined;
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe.skipIf(!grpcurl.path)(`npm start prints grpcurl commands that work${grpcurl.reason ? ` (skipped: ${grpcurl.reason})` : ''}`, () => {
  let start: Managed;
  let commands: string[] = [];

  beforeAll(async () => {
    // npm start uses base+1..5 (market data) and base+11..15 (trading).
    const base = await freePortBase([1, 2, 3, 4, 5, 11, 12, 13, 14, 15]);
    start = launch(['scripts/start.js', '--port-base', String(base)]);
    const started = Date.now();
    while (!start.output().includes('Press Ctrl-C')) {
      if (start.child.exitCode !== null || Date.now() - started > 60_000) throw new Error(`npm start did not come up:\n${start.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    commands = start
      .output()
      .split('\n')
      .filter((line) => line.startsWith('grpcurl '));
  });

  afterAll(async () => {
    expect(await start?.stop('SIGINT')).toBe(0);
  });

  it('prints the commands', () => {
    expect(commands.length).toBeGreaterThanOrEqual(8);
  });

  // Runs before the test that replays every unary command: those replays are idempotent (same
  // client order ids), so the position opened here is not opened twice.
  it('opens a futures position, streams it and funding, and closes it, as printed', async () => {
    const find = (rpc: string) => commands.find((c) => c.includes(`/${rpc}`))!;
    expect((await run(find('SetLeverage'), grpcurl.path!)).stdout).toContain('"leverage": 10');
    const opened = await run(find('PlaceFuturesOrder'), grpcurl.path!);
    expect(opened.stderr).toBe('');
    expect(opened.stdout).toContain('"contracts": "10"');
    expect(opened.stdout).toMatch(/"base_?[qQ]uantity": "0.001"/);
    const long = await run(find('StreamPositions'), grpcurl.path!, 2_000);
    expect(long.stdout).toContain('POSITION_SIDE_LONG');
    const funding = await run(find('StreamFundingRates'), grpcurl.path!, 2_500);
    expect(funding.stdout).toMatch(/"next_?[fF]unding_?[tT]ime_?[mM]s": "\d+"/);
    const watching = run(find('StreamPositions'), grpcurl.path!, 3_000);
    await new Promise((r) => setTimeout(r, 800));
    const closed = await run(find('ClosePosition'), grpcurl.path!);
    expect(closed.stderr).toBe('');
    expect(closed.stdout).toMatch(/"reduce_?[oO]nly": true/);
    const afterClose = await watching;
    expect(afterClose.stdout).toContain('POSITION_SIDE_LONG');
    expect(afterClose.stdout).toContain('POSITION_SIDE_FLAT');
  });

  it('answers every unary command', async () => {
    for (const command of commands.filter((c) => !c.includes('/Stream'))) {
      const result = await run(command, grpcurl.path!);
      expect(result.stderr, command).toBe('');
      expect(result.code, command).toBe(0);
    }
    const list = await run(
      commands.find((c) => c.endsWith(' list'))!,
      grpcurl.path!,
    );
    expect(list.stdout).toContain('cexgw.v1.MarketData');
    expect(list.stdout).toContain('grpc.health.v1.Health');
  });

  it('streams moving books (every venue) and trades', async () => {
    const bookCommands = commands.filter((c) => c.includes('StreamOrderBook'));
    expect(bookCommands.length).toBeGreaterThanOrEqual(2);
    for (const command of bookCommands) {
      const book = await run(command, grpcurl.path!, 3_000);
      const messages = book.stdout.split('\n}\n').filter((m) => m.includes('"sequence"'));
      expect(messages.length, command).toBeGreaterThan(3);
      expect(messages[0]).toContain('ORDER_BOOK_UPDATE_KIND_SNAPSHOT');
      expect(
        messages.slice(1).some((m) => m.includes('ORDER_BOOK_UPDATE_KIND_DELTA')),
        command,
      ).toBe(true);
    }
    const trades = await run(
      commands.find((c) => c.includes('StreamTrades'))!,
      grpcurl.path!,
      3_000,
    );
    expect(trades.stdout).toMatch(/"trade_?[iI]d": "\d+"/);
  });
});
