import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { loadCexgw, loadPackageDefinition } from '@cexgw/grpc';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A free loopback port below the ephemeral range (see freePortBase). */
export function freePort(): Promise<number> {
  return freePortBase([0]);
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A base port whose base+offset ports are all free, below Linux's ephemeral range (32768+) so
 * that other tests' ephemeral listeners and connections cannot take them meanwhile.
 */
export async function freePortBase(offsets: readonly number[]): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 10_000);
    const free = await Promise.all(offsets.map((offset) => portIsFree(base + offset)));
    if (free.every(Boolean)) return base;
  }
  throw new Error('no free block of ports below 30000');
}

export interface Managed {
  readonly child: ChildProcess;
  readonly output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function launch(args: string[], env: Record<string, string> = {}): Managed {
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return {
    child,
    output: () => output,
    stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
      return new Promise((resolve) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', (code) => {
          clearTimeout(kill);
          resolve(code);
        });
        child.kill(signal);
      });
    },
  };
}

/** Resolves with the first stdout line that parses as JSON. */
export function firstJsonLine<T>(managed: Managed, timeoutMs = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`no JSON line in time; output:\n${managed.output()}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      for (const line of buffered.split('\n')) {
        try {
          const parsed = JSON.parse(line) as T;
          clearTimeout(timer);
          managed.child.stdout!.off('data', onData);
          resolve(parsed);
          return;
        } catch {
          // not yet
        }
      }
    };
    managed.child.stdout!.on('data', onData);
    managed.child.once('exit', (code) => reject(new Error(`exited with ${code} before printing; output:\n${managed.output()}`)));
  });
}

export interface SimHandle extends Managed {
  /** The simulator's default test account. */
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly restBaseUrl: string;
  readonly wsUrl: string;
  readonly origin: string;
  control<T = unknown>(path: string, body?: unknown): Promise<T>;
}

export function startGateioSpotSim(args: string[] = []): Promise<SimHandle> {
  return startSim('gateio_spot', args);
}

/** A simulated venue as its own process (libs/venue-sim's CLI). */
export async function startSim(venue: 'gateio_spot' | 'mexc_spot' | 'gateio_futures' | 'binance_spot' | 'binance_usdm', args: string[] = []): Promise<SimHandle> {
  const managed = launch(['libs/venue-sim/dist/cli.js', '--venue', venue, '--port', '0', ...args]);
  const info = await firstJsonLine<{ restBaseUrl: string; wsUrl: string; port: number; apiKey: string; apiSecret: string }>(managed);
  const origin = `http://127.0.0.1:${info.port}`;
  return {
    ...managed,
    apiKey: info.apiKey,
    apiSecret: info.apiSecret,
    restBaseUrl: info.restBaseUrl,
    wsUrl: info.wsUrl,
    origin,
    async control<T>(path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${origin}/__sim/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      if (!response.ok) throw new Error(`sim control ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
  };
}

export interface ServiceHandle extends Managed {
  readonly address: string;
}

export async function startMarketData(venue: string, env: Record<string, string>, port?: number): Promise<ServiceHandle> {
  const address = `127.0.0.1:${port ?? (await freePort())}`;
  const managed = launch(['services/market-data/dist/main.js'], { CEXGW_VENUE: venue, CEXGW_GRPC_ADDRESS: address, LOG_LEVEL: 'warn', ...env });
  await waitForServing(address, 20_000, managed);
  return { ...managed, address };
}

/** Polls grpc.health.v1 until SERVING. */
export async function waitForServing(address: string, timeoutMs: number, managed?: Managed): Promise<number> {
  const started = Date.now();
  const client = healthClient(address);
  try {
    while (Date.now() - started < timeoutMs) {
      const status = await new Promise<string | undefined>((resolve) => {
        client.Check({ service: '' }, { deadline: Date.now() + 1_000 }, (error: grpc.ServiceError | null, response: { status?: string }) => resolve(error ? undefined : response.status));
      });
      if (status === 'SERVING') return Date.now() - started;
      if (managed && managed.child.exitCode !== null) throw new Error(`service exited: ${managed.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    client.close();
  }
  throw new Error(`${address} not SERVING after ${timeoutMs} ms${managed ? `; output:\n${managed.output()}` : ''}`);
}

export function healthClient(address: string) {
  // grpc.health.v1 is loaded into the gateway's package definition (libs/grpc proto.ts).
  const loaded = grpc.loadPackageDefinition(loadPackageDefinition()) as any;
  // Poll eagerly: grpc-js backs off ~1 s after a refused connection by default.
  return new loaded.grpc.health.v1.Health(address, grpc.credentials.createInsecure(), { 'grpc.initial_reconnect_backoff_ms': 10, 'grpc.max_reconnect_backoff_ms': 50 });
}

export function marketDataClient(address: string) {
  const v1 = loadCexgw();
  return {
    futures: new v1.FuturesMarketData(address, grpc.credentials.createInsecure()),
    marketData: new v1.MarketData(address, grpc.credentials.createInsecure()),
    diagnostics: new v1.Diagnostics(address, grpc.credentials.createInsecure()),
  };
}

export const TEST_CLIENT_TOKEN = 'test-token-7f3a9c';

/** A trading service as its own process, on the simulator's test account, journal in `journalDir`. */
export async function startTrading(venue: string, sim: SimHandle, journalDir: string, env: Record<string, string> = {}, port?: number, waitServing = true): Promise<ServiceHandle> {
  const address = `127.0.0.1:${port ?? (await freePort())}`;
  const prefix = `CEXGW_${venue.toUpperCase()}_`;
  const managed = launch(['services/trading/dist/main.js'], {
    CEXGW_VENUE: venue,
    CEXGW_GRPC_ADDRESS: address,
    [`${prefix}REST_URL`]: sim.restBaseUrl,
    [`${prefix}WS_URL`]: sim.wsUrl,
    [`${prefix}API_KEY`]: sim.apiKey,
    [`${prefix}API_SECRET`]: sim.apiSecret,
    CEXGW_CLIENT_TOKENS: TEST_CLIENT_TOKEN,
    CEXGW_JOURNAL_PATH: `${journalDir}/${venue}-journal.sqlite`,
    LOG_LEVEL: 'warn',
    ...env,
  });
  if (waitServing) await waitForServing(address, 30_000, managed);
  return { ...managed, address };
}

/** Trading and Diagnostics clients that send the gateway token (or `token`) on every call. */
export function tradingClient(address: string, token: string | null = TEST_CLIENT_TOKEN) {
  const v1 = loadCexgw();
  // Per-call metadata: call credentials would need a TLS channel, and these tests run on loopback.
  const metadata = () => {
    const m = new grpc.Metadata();
    if (token !== null) m.set('authorization', `Bearer ${token}`);
    return m;
  };
  return {
    trading: new v1.Trading(address, grpc.credentials.createInsecure()),
    futures: new v1.FuturesTrading(address, grpc.credentials.createInsecure()),
    diagnostics: new v1.Diagnostics(address, grpc.credentials.createInsecure()),
    metadata,
  };
}
