import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExchangeFactory } from '@cexgw/adapters';
import { createServiceLogger, loadCexgw, redactPaths } from '@cexgw/grpc';
import { redactSecretText } from '@cexgw/adapters';
import { startTradingApp } from '../services/trading/src/app.js';
import { loadConfig } from '../services/trading/src/config.js';
import { startCarelessVenue } from './support/careless-venue.js';
import { startSim, startTrading, TEST_CLIENT_TOKEN } from './support/processes.js';

// API keys, secrets and client tokens never appear in logs: not at startup, not when a venue
// call fails (even when the venue's error message echoes the key), not when a client sends a
// wrong token. Runs the REAL Gate.io spot private adapter against a tiny local stub that lists
// one pair and answers every signed request with 401 (its message echoing the API key).

const API_KEY = 'gatekey-5f0c3a7e9b1d4c2a8e6f';
const API_SECRET = 'gatesecret-9d8c7b6a5f4e3d2c1b0a';
const TOKEN = 'tok-redaction-0123456789abcdef';
const WRONG_TOKEN = 'tok-wrong-guess-aaaaaaaaaaaaaa';
const REPO = fileURLToPath(new URL('../', import.meta.url));
const v1 = loadCexgw();

let stub: Server;
let restBaseUrl: string;
const signedRequests: Array<{ key: string; sign: string }> = [];

function venueStub(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://stub');
  response.setHeader('content-type', 'application/json');
  if (url.pathname === '/api/v4/spot/currency_pairs') {
    response.end(
      JSON.stringify([
        {
          id: 'BTC_USDT',
          base: 'BTC',
          quote: 'USDT',
          fee: '0.2',
          min_base_amount: '0.0001',
          min_quote_amount: '1',
          amount_precision: 4,
          precision: 2,
          trade_status: 'tradable',
          sell_start: 0,
          buy_start: 0,
        },
      ]),
    );
    return;
  }
  if (url.pathname === '/api/v4/spot/time') {
    response.end(JSON.stringify({ server_time: Date.now() }));
    return;
  }
  const key = String(request.headers.key ?? '');
  signedRequests.push({ key, sign: String(request.headers.sign ?? '') });
  response.statusCode = 401;
  // A careless venue: its error message repeats the key it was given.
  response.end(JSON.stringify({ label: 'INVALID_KEY', message: `Invalid key provided: ${key}` }));
}

beforeAll(async () => {
  stub = createServer(venueStub);
  await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
  restBaseUrl = `http://127.0.0.1:${(stub.address() as { port: number }).port}/api/v4`;
});
afterAll(async () => {
  await new Promise((resolve) => stub.close(resolve));
});

function env(dir: string): NodeJS.ProcessEnv {
  return {
    CEXGW_VENUE: 'gateio_spot',
    CEXGW_GRPC_ADDRESS: '127.0.0.1:0',
    CEXGW_GATEIO_SPOT_REST_URL: restBaseUrl,
    CEXGW_GATEIO_SPOT_WS_URL: 'ws://127.0.0.1:9/ws/v4/', // nothing listens: the private stream keeps failing
    CEXGW_GATEIO_SPOT_API_KEY: API_KEY,
    CEXGW_GATEIO_SPOT_API_SECRET: API_SECRET,
    CEXGW_CLIENT_TOKENS: TOKEN,
    CEXGW_JOURNAL_PATH: join(dir, 'journal.sqlite'),
    CEXGW_FILL_RECOVERY_INTERVAL_MS: '0',
    LOG_LEVEL: 'debug',
  };
}

function metadata(token: string): grpc.Metadata {
  const m = new grpc.Metadata();
  m.set('authorization', `Bearer ${token}`);
  return m;
}

function unary(client: grpc.Client, method: string, request: object, token: string): Promise<grpc.ServiceError | null> {
  return new Promise((resolve) => (client as any)[method](request, metadata(token), (error: grpc.ServiceError | null) => resolve(error)));
}

/** The calls that make a careful service log about failures: a wrong token, signed venue calls that fail. */
async function exerciseFailures(address: string): Promise<grpc.ServiceError[]> {
  const client = new v1.Trading(address, grpc.credentials.createInsecure());
  const errors = [
    await unary(client, 'GetBalances', {}, WRONG_TOKEN),
    await unary(client, 'GetBalances', {}, TOKEN),
    await unary(client, 'PlaceOrder', { symbol: { base: 'BTC', quote: 'USDT' }, side: 'SIDE_BUY', type: 'ORDER_TYPE_LIMIT', quantity: '0.01', price: '100', client_order_id: 'redact-1' }, TOKEN),
    await unary(client, 'ListOpenOrders', {}, TOKEN),
  ];
  client.close();
  return errors.filter((e): e is grpc.ServiceError => e !== null);
}

function expectClean(text: string): void {
  for (const secret of [API_KEY, API_SECRET, TOKEN, WRONG_TOKEN]) expect(text, `log contains ${secret.slice(0, 8)}...`).not.toContain(secret);
}

describe('secrets never reach the logs', () => {
  it('in-process: startup, failing venue calls, a wrong token, and careless log fields', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cexgw-redact-'));
    const lines: string[] = [];
    const config = loadConfig(env(dir), []);
    const { logger } = createServiceLogger({
      level: 'trace',
      base: { service: 'trading', venue: config.venue },
      secrets: [config.credentials.apiKey, config.credentials.apiSecret, ...config.clientTokens],
      destination: { write: (line: string) => void lines.push(line) },
    });
    const exchange = createExchangeFactory().createPrivate(config.venue, { ...config.venueConfig, credentials: config.credentials, logger });
    const app = await startTradingApp({ config, exchange, logger });
    await app.ready;
    const errors = await exerciseFailures(`127.0.0.1:${app.port}`);
    // Fields a careless developer might log, at any depth.
    logger.info(
      { credentials: config.credentials, apiKey: API_KEY, request: { headers: { KEY: API_KEY, SIGN: 'abc', authorization: `Bearer ${TOKEN}` } }, deep: { a: { apiSecret: API_SECRET } } },
      'careless',
    );
    logger.error({ err: new Error(`request failed with key ${API_KEY} and secret ${API_SECRET}`) }, `token was ${TOKEN}`);
    await app.stop();
    rmSync(dir, { recursive: true, force: true });

    const output = lines.join('');
    // The failures happened and were logged; the key really went to the venue.
    expect(signedRequests.some((r) => r.key === API_KEY && r.sign.length === 128)).toBe(true);
    expect(output).toContain('client call refused: no valid client token');
    expect(output).toContain('trading call failed');
    expect(output).toContain('INVALID_KEY');
    expect(output).toContain('[Redacted]');
    expectClean(output);
    // Nor do the statuses sent to the client carry them.
    expect(errors.map((e) => e.code)).toContain(grpc.status.UNAUTHENTICATED);
    expectClean(JSON.stringify(errors.map((e) => ({ details: e.details, metadata: e.metadata.getMap() }))));
  });

  it('as a process: what main.js prints from start through SIGUSR2 (kill switch) to SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cexgw-redact-proc-'));
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const child = spawn(process.execPath, [join(REPO, 'services/trading/dist/main.js')], {
      cwd: REPO,
      env: { PATH: process.env.PATH, ...env(dir), CEXGW_GRPC_ADDRESS: `127.0.0.1:${port}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const deadline = Date.now() + 15_000;
    while (!output.includes('venue ready: SERVING')) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`service did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await exerciseFailures(`127.0.0.1:${port}`);
    // The kill switch by signal: engages, tries to cancel open orders (the venue refuses: 401).
    child.kill('SIGUSR2');
    const killDeadline = Date.now() + 5_000;
    while (!output.includes('kill switch: listing open orders failed')) {
      if (Date.now() > killDeadline) throw new Error(`no kill switch sweep:\n${output}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const client = new v1.Trading(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const refused = await unary(
      client,
      'PlaceOrder',
      { symbol: { base: 'BTC', quote: 'USDT' }, side: 'SIDE_BUY', type: 'ORDER_TYPE_LIMIT', quantity: '0.01', price: '100', client_order_id: 'after-kill' },
      TOKEN,
    );
    client.close();
    expect(refused?.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(refused?.details).toContain('SIGUSR2 was received (restart to release)');
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
    expect(code).toBe(0);
    expect(output).toContain('trading starting');
    expect(output).toContain('trading call failed');
    expect(output).toContain('KILL SWITCH ENGAGED');
    expect(output).toContain('stopped');
    expectClean(output);
  });

  it('redacts secret-named fields at every depth it covers', () => {
    const paths = redactPaths();
    for (const path of ['apiKey', '*.apiKey', '*.*.apiSecret', '*.*.*.token', '*.SIGN', '*.KEY', '*.authorization', '*["x-mexc-apikey"]', '*.listenKey']) expect(paths).toContain(path);
  });

  it('redacts secrets inside text: quoted frames (even cut), URLs, bearer tokens, signatures', () => {
    const sign = 'ab'.repeat(64);
    const frame = JSON.stringify({ channel: 'futures.orders', auth: { method: 'api_key', KEY: 'k-123456', SIGN: sign } });
    for (const text of [frame, frame.slice(0, 70), JSON.stringify({ frame: frame.slice(0, 80) })]) {
      const clean = redactSecretText(text);
      expect(clean).not.toContain('k-123456');
      expect(clean).not.toContain(sign.slice(0, 8));
    }
    expect(redactSecretText(frame)).toContain('"KEY":"[Redacted]","SIGN":"[Redacted]"');
    expect(redactSecretText('wss://x/ws?listenKey=pqia91ma19a5&a=1 /api/v3/order?symbol=BTCUSDT&signature=0a1b Bearer tok-1')).toBe(
      'wss://x/ws?listenKey=[Redacted]&a=1 /api/v3/order?symbol=BTCUSDT&signature=[Redacted] Bearer [Redacted]',
    );
    expect(redactSecretText('{"price":"65000.1","symbol":"BTC_USDT"}')).toBe('{"price":"65000.1","symbol":"BTC_USDT"}');
  });
});

// The private paths of gateio_futures and mexc_spot, as processes at LOG_LEVEL=debug, against a
// careless venue (support/careless-venue.ts) that echoes the websocket auth (KEY, SIGN), the
// REST KEY/SIGN headers and signed query strings, and the listenKey back at the gateway, in
// frames the gateway logs as malformed, in error messages and in a websocket close reason.
describe.each(['gateio_futures', 'mexc_spot'] as const)('secrets echoed by a careless %s venue never reach the logs', (venue) => {
  it('from start to SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cexgw-redact-venue-'));
    const sim = await startSim(venue, ['--symbols', venue === 'mexc_spot' ? 'BTCUSDT' : 'BTC_USDT', '--flow-rate', '0']);
    const careless = await startCarelessVenue(sim, venue);
    const service = await startTrading(venue, { ...sim, restBaseUrl: careless.restBaseUrl, wsUrl: careless.wsUrl }, dir, { LOG_LEVEL: 'debug', CEXGW_METRICS_ADDRESS: 'off' });
    try {
      const echoed = venue === 'mexc_spot' ? ['venue refused a websocket request', 'closed with code 1008'] : ['malformed venue frame dropped', 'venue websocket error'];
      const deadline = Date.now() + 15_000;
      while (!echoed.every((line) => service.output().includes(line))) {
        if (Date.now() > deadline) throw new Error(`the venue's echoes were not logged:\n${service.output()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const client = new v1.Trading(service.address, grpc.credentials.createInsecure());
      const error = await unary(client, 'ListOpenOrders', { symbol: { base: 'BTC', quote: 'USDT' } }, TEST_CLIENT_TOKEN);
      client.close();
      expect(error?.code).toBe(grpc.status.UNAUTHENTICATED);
    } finally {
      expect(await service.stop()).toBe(0);
      await careless.close();
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    const output = service.output();
    expect(output).toContain('trading call failed');
    expect(output).toContain('[Redacted]');
    if (venue === 'gateio_futures') expect(careless.wsAuthFrames).toBeGreaterThan(0);
    // Every secret the gateway sent (KEY, SIGN, signatures, listenKeys), and no prefix of one either (a frame cut at 200 characters).
    expect(careless.seen.size).toBeGreaterThanOrEqual(venue === 'mexc_spot' ? 4 : 3);
    for (const secret of [...careless.seen, sim.apiSecret, TEST_CLIENT_TOKEN]) {
      expect(output, `log contains ${secret.slice(0, 6)}...`).not.toContain(secret.slice(0, 12));
    }
  });
});
