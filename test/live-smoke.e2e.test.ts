import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, launch, startSim, type SimHandle } from './support/processes.js';

// The live smoke suite (npm run test:live) is itself tested here, as its entry point run as a
// process: against the simulators it starts (--target sim, as CI runs it), against no network
// (every venue endpoint a closed loopback port), and against a venue that breaks its published
// contract and serves a REST book its own stream contradicts.

const ENTRY = 'live-smoke/dist/main.js';
const VENUES = ['mexc_spot', 'gateio_spot', 'gateio_futures', 'binance_spot', 'binance_usdm'];

interface SuiteRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly output: string;
}

function runSuite(args: string[], env: Record<string, string> = {}): Promise<SuiteRun> {
  const managed = launch([ENTRY, ...args], { CEXGW_LIVE_TRADING: '', ...env });
  let stdout = '';
  managed.child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve) => managed.child.once('exit', (code) => resolve({ code, stdout, output: managed.output() })));
}

/** The result lines of one check of one venue (its line and the problems under it). */
function checkLines(stdout: string, venue: string, check: string): string {
  const block = stdout.split(/\n(?=\S)/).find((b) => b.startsWith(`${venue} `)) ?? '';
  return block
    .split(/\n(?= {2}\S)/)
    .filter((entry) => entry.includes(`  ${check}:`))
    .join('\n');
}

describe('live smoke suite', () => {
  it('passes against the simulators it starts (--target sim): REST, the book held and compared, the private part, every payload against the published contracts', async () => {
    const run = await runSuite(['--target', 'sim']);
    expect(run.code, run.output).toBe(0);
    expect(run.stdout).toMatch(/^summary: PASS$/m);
    expect(run.stdout).not.toMatch(/^\s+fail\s/m);
    for (const venue of VENUES) {
      expect(run.stdout).toMatch(new RegExp(`^${venue} BTC/USDT: PASS`, 'm'));
      expect(checkLines(run.stdout, venue, 'book vs fresh REST snapshot')).toMatch(/^ {2}pass {2}.*(same update id|brought to the stream's).*levels equal$/);
      expect(checkLines(run.stdout, venue, 'private: post-only order placed and cancelled by client order id')).toMatch(
        /^ {2}pass {2}private: post-only order .*: post-only buy .*placed, read, listed open, cancelled; streamed .*cancelled$/,
      );
      expect(checkLines(run.stdout, venue, 'websocket streams')).toMatch(/^ {2}pass {2}websocket streams: 10 s: book \d+ deltas, .*; [1-9]\d* trades; [1-9]\d* tickers; health REST and websocket up$/);
    }
    for (const venue of ['gateio_spot', 'gateio_futures']) {
      expect(checkLines(run.stdout, venue, 'REST payloads vs contract')).toMatch(/^ {2}pass {2}REST payloads vs contract: npm gate-api [\d.]+: \d+ exchanges, \d+ covered .*, 0 violations$/);
      expect(checkLines(run.stdout, venue, 'websocket payloads vs contract')).toMatch(
        /^ {2}pass {2}websocket payloads vs contract: Gate's documented websocket messages .*: \d+ frames, \d+ covered .*, 0 violations$/,
      );
    }
    expect(checkLines(run.stdout, 'mexc_spot', 'REST payloads vs contract')).toMatch(
      /^ {2}pass {2}REST payloads vs contract: MEXC's documented REST answers .*: \d+ exchanges, \d+ covered .*, 0 violations$/,
    );
    expect(checkLines(run.stdout, 'mexc_spot', 'websocket payloads vs contract')).toMatch(
      /^ {2}pass {2}websocket payloads vs contract: MEXC's documented JSON frames .* protobuf schema .*: \d+ frames, \d+ covered .*, 0 violations$/,
    );
    for (const [venue, connector] of [
      ['binance_spot', '@binance/spot'],
      ['binance_usdm', '@binance/derivatives-trading-usds-futures'],
    ]) {
      expect(checkLines(run.stdout, venue!, 'REST payloads vs contract')).toMatch(
        new RegExp(`^ {2}pass {2}REST payloads vs contract: npm ${connector} [\\d.]+: \\d+ exchanges, \\d+ covered .*, 0 violations$`),
      );
      expect(checkLines(run.stdout, venue!, 'websocket payloads vs contract')).toMatch(
        new RegExp(`^ {2}pass {2}websocket payloads vs contract: npm ${connector} [\\d.]+ .*: \\d+ frames, \\d+ covered \\(.*userData.*\\), 0 violations$`),
      );
    }
    expect(run.stdout).not.toMatch(/^ {2}skip /m);
  }, 180_000);

  it('without network says so in one line per venue and exits 3, before any adapter starts', async () => {
    const closed = await freePort(); // nothing listens there: a connection is refused at once
    const env: Record<string, string> = {};
    for (const venue of VENUES) {
      env[`CEXGW_${venue.toUpperCase()}_REST_URL`] = `http://127.0.0.1:${closed}/api`;
      env[`CEXGW_${venue.toUpperCase()}_WS_URL`] = `ws://127.0.0.1:${closed}/ws`;
    }
    const run = await runSuite([], env);
    expect(run.code, run.output).toBe(3);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^cex-gateway smoke suite: target live/);
    expect(lines.slice(1, -1)).toEqual(VENUES.map((venue) => `${venue}: UNREACHABLE http://127.0.0.1:${closed}/api (127.0.0.1:${closed}: connection refused)`));
    expect(lines.at(-1)).toBe(`summary: FAIL; unreachable: ${VENUES.join(', ')} (no network to the venues from here?)`);
    expect(run.output).not.toMatch(/^\s+at /m);
  }, 60_000);

  describe('live target on a venue reached by its URLs', () => {
    let sim: SimHandle | undefined;
    let keyDir: string | undefined;

    afterAll(async () => {
      await sim?.stop();
      if (keyDir) rmSync(keyDir, { recursive: true, force: true });
    });

    it('runs the private part only with CEXGW_LIVE_TRADING=1 and keys (here from _FILE), and never prints the keys', async () => {
      sim = await startSim('gateio_spot', ['--seed', '5', '--symbols', 'BTC_USDT', '--flow-rate', '100']);
      keyDir = mkdtempSync(join(tmpdir(), 'live-smoke-keys-'));
      writeFileSync(join(keyDir, 'key'), `${sim.apiKey}\n`);
      writeFileSync(join(keyDir, 'secret'), `${sim.apiSecret}\n`);
      const env = {
        CEXGW_GATEIO_SPOT_REST_URL: sim.restBaseUrl,
        CEXGW_GATEIO_SPOT_WS_URL: sim.wsUrl,
        CEXGW_GATEIO_SPOT_API_KEY_FILE: join(keyDir, 'key'),
        CEXGW_GATEIO_SPOT_API_SECRET_FILE: join(keyDir, 'secret'),
      };
      const args = ['--venue', 'gateio_spot', '--duration', '3s'];

      const publicOnly = await runSuite(args, env);
      expect(publicOnly.code, publicOnly.output).toBe(0);
      expect(checkLines(publicOnly.stdout, 'gateio_spot', 'private')).toMatch(/^ {2}skip {2}private: CEXGW_LIVE_TRADING is not 1/);
      expect(publicOnly.stdout).not.toMatch(/post-only/);

      const trading = await runSuite(args, { ...env, CEXGW_LIVE_TRADING: '1' });
      expect(trading.code, trading.output).toBe(0);
      expect(checkLines(trading.stdout, 'gateio_spot', 'private: post-only order placed and cancelled by client order id')).toMatch(/^ {2}pass /);
      expect(checkLines(trading.stdout, 'gateio_spot', 'private: fills since a time')).toMatch(/^ {2}pass /);
      for (const secret of [sim.apiKey, sim.apiSecret]) expect(trading.output).not.toContain(secret);
    }, 120_000);
  });

  describe('against a venue that breaks its contract', () => {
    let sim: SimHandle | undefined;
    let venue: Server | undefined;

    afterAll(async () => {
      await new Promise((resolve) => venue?.close(resolve));
      await sim?.stop();
    });

    it('fails the venue and lists what broke: a ticker field gate-api does not name, a REST book unlike the stream at the same update id', async () => {
      // No synthetic flow: the REST snapshot and the stream sit at the same update id, so the one
      // changed level is the only difference.
      sim = await startSim('gateio_spot', ['--seed', '3', '--symbols', 'BTC_USDT', '--flow-rate', '0']);
      const upstream = sim.origin;
      // eslint-disable-next-line @typescript-eslint/no-misused-promises -- a test proxy: a failure in it fails the test through the suite's client
      venue = createServer(async (request, response) => {
        const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name))) as Record<string, string>;
        const answer = await fetch(`${upstream}${request.url}`, { method: request.method, headers });
        let body = await answer.text();
        if (answer.ok && request.url?.startsWith('/api/v4/spot/tickers')) {
          body = JSON.stringify((JSON.parse(body) as object[]).map((ticker) => ({ ...ticker, surprise: '1' })));
        } else if (answer.ok && request.url?.startsWith('/api/v4/spot/order_book')) {
          const book = JSON.parse(body) as { bids: string[][] };
          book.bids[0]![1] = '123.456';
          body = JSON.stringify(book);
        }
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(body);
      });
      await new Promise<void>((resolve) => venue!.listen(0, '127.0.0.1', resolve));
      const port = (venue.address() as AddressInfo).port;

      const run = await runSuite(['--venue', 'gateio_spot', '--duration', '1s'], {
        CEXGW_GATEIO_SPOT_REST_URL: `http://127.0.0.1:${port}/api/v4`,
        CEXGW_GATEIO_SPOT_WS_URL: sim.wsUrl,
      });
      expect(run.code, run.output).toBe(1);
      expect(run.stdout).toMatch(/^gateio_spot BTC\/USDT: FAIL/m);
      expect(run.stdout).toMatch(/^summary: FAIL; failed: gateio_spot$/m);
      const contract = checkLines(run.stdout, 'gateio_spot', 'REST payloads vs contract');
      expect(contract).toMatch(/^ {2}fail {2}REST payloads vs contract: npm gate-api/);
      expect(contract).toMatch(/GET \/api\/v4\/spot\/tickers \(SpotApi\.listTickers\) answer: \$\[0\]\.surprise is not a field of Ticker/);
      const book = checkLines(run.stdout, 'gateio_spot', 'book vs fresh REST snapshot');
      expect(book).toMatch(/^ {2}fail {2}book vs fresh REST snapshot: REST snapshot and the stream's book at the same update id \d+/);
      expect(book).toMatch(/bids differ at level 1: REST 123\.456 @ [\d.]+, stream [\d.]+ @ [\d.]+/);
      expect(checkLines(run.stdout, 'gateio_spot', 'private')).toMatch(/^ {2}skip {2}private: CEXGW_LIVE_TRADING is not 1/);
    }, 120_000);
  });
});
