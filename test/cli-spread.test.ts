import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, REPO_ROOT, startMarketData, startSim, type ServiceHandle, type SimHandle } from './support/processes.js';
import { normLevels } from './support/book-replica.js';
import type { SimBook } from './support/wait.js';

// `cexgw spread` (the CLI on @cexgw/client's CrossVenueBook) against two simulated venues with
// their market-data services, flow stopped so that what it prints can be compared with the
// venues' own books; and `cexgw book` failing fast (exit 1) on an address nothing listens at.

const CLI = join(REPO_ROOT, 'cli/dist/main.js');

function cexgw(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('cexgw spread', () => {
  const sims: Record<string, SimHandle> = {};
  const services: Record<string, ServiceHandle> = {};

  beforeAll(async () => {
    for (const [venue, symbols] of [
      ['mexc_spot', 'BTCUSDT'],
      ['gateio_spot', 'BTC_USDT'],
    ] as const) {
      sims[venue] = await startSim(venue, ['--seed', '3', '--symbols', symbols, '--flow-rate', '0']);
      const prefix = `CEXGW_${venue.toUpperCase()}_`;
      services[venue] = await startMarketData(venue, { [`${prefix}REST_URL`]: sims[venue].restBaseUrl, [`${prefix}WS_URL`]: sims[venue].wsUrl });
    }
  });

  afterAll(async () => {
    await Promise.all(Object.values(services).map((s) => s.stop()));
    await Promise.all(Object.values(sims).map((s) => s.stop()));
  });

  const venuesFlag = () => `mexc_spot=${services.mexc_spot!.address},${services.gateio_spot!.address}`;

  it('--once --json prints every venue top of book, the best across venues and the net spread', async () => {
    const result = await cexgw(['spread', '--symbol', 'BTC/USDT', '--venues', venuesFlag(), '--once', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const view = JSON.parse(result.stdout.trim());
    expect(view.symbol).toBe('BTC/USDT');
    expect(view.venues.map((q: any) => q.venue)).toEqual(['mexc_spot', 'gateio_spot']); // the second named by its service
    const mexc = await sims.mexc_spot!.control<SimBook>('book?symbol=BTCUSDT&depth=1');
    const gate = await sims.gateio_spot!.control<SimBook>('book?currency_pair=BTC_USDT&depth=1');
    const top = (q: any) =>
      normLevels([
        [q.bid.price, q.bid.quantity],
        [q.ask.price, q.ask.quantity],
      ]);
    expect(top(view.venues[0])).toEqual(normLevels([mexc.bids[0]!, mexc.asks[0]!]));
    expect(top(view.venues[1])).toEqual(normLevels([gate.bids[0]!, gate.asks[0]!]));
    expect(view.venues.every((q: any) => q.live && !q.stale && q.takerFeeRate !== '')).toBe(true);
    expect([view.spread.buyVenue, view.spread.sellVenue].sort()).toEqual(['gateio_spot', 'mexc_spot']);
    expect(view.spread.net).toMatch(/^-?\d+(\.\d+)?$/);
  });

  it('prints a table when stdout is not a terminal', async () => {
    const result = await cexgw(['spread', '--symbol', 'btc/usdt', '--venues', venuesFlag(), '--count', '1']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^BTC\/USDT on 2 venues {2}best bid \S+ \w+ {2}best ask \S+ \w+\n/);
    expect(result.stdout).toMatch(/^venue +bid +bid size +ask +ask size +taker fee +age +venue→gw +gw→client +state$/m);
    expect(result.stdout).toMatch(/^mexc_spot +\d.* live$/m);
    expect(result.stdout).toMatch(/^spread: buy \w+ at \S+, sell \w+ at \S+ \(size \S+\): gross \S+, net \S+ after taker fees \(\S+ bps\)$/m);
  });

  it('usage errors exit 2; an unreachable service exits 1 with UNAVAILABLE', async () => {
    const bad = await cexgw(['spread', '--symbol', 'BTC/USDT', '--venues', 'nasdaq']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not host:port nor one of mexc_spot, gateio_spot, gateio_futures');
    const dead = `127.0.0.1:${await freePort()}`;
    const spread = await cexgw(['spread', '--symbol', 'BTC/USDT', '--venues', `${dead},${services.gateio_spot!.address}`, '--once']);
    expect(spread.code).toBe(1);
    expect(spread.stderr).toMatch(/^error: UNAVAILABLE: no address is SERVING/);
    const book = await cexgw(['book', '--addr', dead, '--symbol', 'BTC/USDT', '--once']);
    expect(book.code).toBe(1);
    expect(book.stderr).toMatch(/^error: UNAVAILABLE/);
  });
});
