import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, startTrading, TEST_CLIENT_TOKEN, type ServiceHandle } from '../../../test/support/processes.js';
import { BUILD_DIR, compilePrograms } from './support/compile.js';
import { startVenue, type Venue } from './support/venues.js';

// The README's example, verbatim: extracted, type-checked against the built package, run against
// simulated MEXC and Gate.io venues behind real gateway services, and its output checked.

const README = new URL('../README.md', import.meta.url);

function exampleSource(): string {
  const text = readFileSync(README, 'utf8');
  const match = /<!-- example -->\n```ts\n([\s\S]*?)```/.exec(text);
  if (!match) throw new Error('no "<!-- example -->" ts block in the README');
  return match[1]!;
}

describe('the README example', () => {
  let mexc: Venue;
  let gate: Venue;
  let trading: ServiceHandle;

  beforeAll(async () => {
    [mexc, gate] = await Promise.all([startVenue('mexc_spot'), startVenue('gateio_spot')]);
    trading = await startTrading('gateio_spot', gate.sim, mkdtempSync(join(tmpdir(), 'cexgw-readme-journal-')));
  });

  afterAll(async () => {
    await trading?.stop();
    await Promise.all([mexc?.stop(), gate?.stop()]);
  });

  it('is under 30 lines', () => {
    expect(exampleSource().trimEnd().split('\n').length).toBeLessThan(30);
  });

  it('follows both books, prints the spread, places and cancels an order', async () => {
    mkdirSync(join(BUILD_DIR, 'src'), { recursive: true });
    const source = join(BUILD_DIR, 'src', 'readme-example.ts');
    writeFileSync(source, exampleSource());
    const [program] = compilePrograms([source]);
    const run = launch([program!], { MEXC_MD: mexc.service.address, GATE_MD: gate.service.address, GATE_TRADING: trading.address, CEXGW_TOKEN: TEST_CLIENT_TOKEN });
    const code = await new Promise<number | null>((resolve) => run.child.once('exit', resolve));
    const output = run.output();
    expect(code, output).toBe(0);

    const lines = output.trim().split('\n');
    expect(lines[0]).toMatch(/^mexc_spot: bid \d+(\.\d+)? ask \d+(\.\d+)?, taker fee \d/);
    expect(lines[1]).toMatch(/^gateio_spot: bid \d+(\.\d+)? ask \d+(\.\d+)?, taker fee \d/);
    const spread = /^buy (\w+) at ([\d.]+), sell (\w+) at ([\d.]+): net (-?[\d.]+) USDT per BTC after fees \((-?[\d.]+) bps\)$/.exec(lines[2]!);
    expect(spread, lines[2]).not.toBeNull();
    expect(new Set([spread![1], spread![3]])).toEqual(new Set(['mexc_spot', 'gateio_spot']));

    const placed = /^placed (\S+) at ([\d.]+): ORDER_STATUS_OPEN$/.exec(lines[3]!);
    expect(placed, lines[3]).not.toBeNull();
    expect(lines[4]).toBe(`cancelled ${placed![1]}: ORDER_STATUS_CANCELLED`);
    const account = await gate.sim.control<{ openOrders: unknown[]; orders: number }>(`account?apiKey=${encodeURIComponent(gate.sim.apiKey)}`);
    expect(account.orders).toBe(1);
    expect(account.openOrders).toEqual([]);
  });
});
