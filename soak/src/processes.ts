import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { loadPackageDefinition } from '@cexgw/grpc/proto';

// The soak's processes: simulated venues (libs/venue-sim's CLI) and the six gateway services,
// each its own process as in production, logs to files, RSS sampled from /proc.

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type SimVenue = 'mexc_spot' | 'gateio_spot' | 'gateio_futures' | 'binance_spot' | 'binance_usdm';

export interface Sim {
  readonly venue: SimVenue;
  readonly child: ChildProcess;
  readonly restBaseUrl: string;
  readonly wsUrl: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  control<T = unknown>(path: string, body?: unknown): Promise<T>;
}

export async function startSim(venue: SimVenue, args: string[], logDir: string): Promise<Sim> {
  const child = spawn(process.execPath, ['libs/venue-sim/dist/cli.js', '--venue', venue, '--port', '0', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr.pipe(createWriteStream(`${logDir}/sim-${venue}.log`));
  const info = await new Promise<{ restBaseUrl: string; wsUrl: string; port: number; apiKey: string; apiSecret: string }>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const line = text.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    child.once('exit', (code) => reject(new Error(`simulator ${venue} exited with ${code}`)));
  });
  const origin = `http://127.0.0.1:${info.port}`;
  return {
    venue,
    child,
    restBaseUrl: info.restBaseUrl,
    wsUrl: info.wsUrl,
    apiKey: info.apiKey,
    apiSecret: info.apiSecret,
    async control<T>(path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${origin}/__sim/${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      if (!response.ok) throw new Error(`sim ${venue} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
  };
}

export interface ServiceSpec {
  readonly name: string;
  readonly role: 'market-data' | 'trading';
  readonly venue: SimVenue;
  readonly address: string;
  readonly env: Record<string, string>;
}

/** A service process that can be killed, paused and started again with the same configuration. */
export class Service {
  child: ChildProcess | undefined;
  peakRssKb = 0;
  restarts = 0;
  private expectedExit = false;

  constructor(
    readonly spec: ServiceSpec,
    private readonly logDir: string,
    private readonly onUnexpectedExit: (service: Service, code: number | null, signal: string | null) => void,
  ) {}

  /** Whether the process is running (or paused). */
  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    const entry = this.spec.role === 'trading' ? 'services/trading/dist/main.js' : 'services/market-data/dist/main.js';
    const log = createWriteStream(`${this.logDir}/${this.spec.name}.log`, { flags: 'a' });
    this.expectedExit = false;
    const child = spawn(process.execPath, [entry], {
      cwd: ROOT,
      // As the launchers run them: V8's young generation by role (the README's "Memory and GC").
      env: {
        NODE_OPTIONS: this.spec.role === 'trading' ? '--max-semi-space-size=1' : '--max-semi-space-size=8',
        ...process.env,
        LOG_LEVEL: 'warn',
        CEXGW_GRPC_ADDRESS: this.spec.address,
        ...this.spec.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    child.once('exit', (code, signal) => {
      if (!this.expectedExit) this.onUnexpectedExit(this, code, signal);
    });
    this.child = child;
  }

  /** SIGKILL: no graceful shutdown, as a crash or an OOM kill would do. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.expectedExit = true;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /** SIGSTOP for `ms`, then SIGCONT: a process frozen (a VM pause, a long GC, a debugger) and thawed. */
  pause(ms: number): void {
    const child = this.child;
    if (!this.alive || !child) return;
    child.kill('SIGSTOP');
    setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGCONT');
    }, ms);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.expectedExit = true;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGCONT'); // a paused process cannot handle SIGTERM
      child.kill('SIGTERM');
    });
  }

  sampleRss(): void {
    const pid = this.child?.pid;
    if (!pid) return;
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) this.peakRssKb = Math.max(this.peakRssKb, Number(match[1]));
    } catch {
      // exited between the check and the read
    }
  }
}

/** A grpc.health.v1 client: status() is the overall status, undefined when the process does not answer in time. */
export function healthClient(address: string) {
  const loaded = grpc.loadPackageDefinition(loadPackageDefinition()) as any;
  const client = new loaded.grpc.health.v1.Health(address, grpc.credentials.createInsecure(), { 'grpc.initial_reconnect_backoff_ms': 10, 'grpc.max_reconnect_backoff_ms': 100 });
  return {
    status: (timeoutMs = 1_000) =>
      new Promise<string | undefined>((resolve) =>
        client.Check({ service: '' }, { deadline: Date.now() + timeoutMs }, (error: Error | null, response: { status: string }) => resolve(error ? undefined : response.status)),
      ),
    close: () => client.close(),
  };
}

/** Waits until one of `addresses` reports SERVING (one is enough: a pair has one active instance). */
export async function waitServing(addresses: string | readonly string[], timeoutMs: number): Promise<void> {
  const clients = (typeof addresses === 'string' ? [addresses] : addresses).map(healthClient);
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const statuses = await Promise.all(clients.map((client) => client.status()));
      if (statuses.includes('SERVING')) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    for (const client of clients) client.close();
  }
  throw new Error(`${typeof addresses === 'string' ? addresses : addresses.join(' or ')} not SERVING within ${timeoutMs} ms`);
}

export function ensureDir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}
