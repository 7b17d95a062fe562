// The processes of the end-to-end benchmarks: a simulated venue and a market-data service, each
// its own process as in production, on loopback.
import { fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { loadPackageDefinition } from '@cexgw/grpc';

const root = fileURLToPath(new URL('..', import.meta.url));
/** As the launchers run a market-data service (scripts/start.js, docker-compose.yml): an 8 MB young generation. */
export const SERVICE_NODE_OPTIONS = '--max-semi-space-size=8';
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts the simulator as its own process; `pushes` collects (update id -> send µs). */
export async function startSim(options) {
  const child = fork(fileURLToPath(new URL('./sim-process.js', import.meta.url)), [JSON.stringify(options)], { stdio: 'inherit' });
  const pushes = new Map();
  const ready = await new Promise((resolve) => {
    child.on('message', (message) => {
      if (message.ready) resolve(message.ready);
      const list = message.pushes;
      if (list) for (let i = 0; i < list.length; i += 2) pushes.set(list[i], list[i + 1]);
    });
  });
  return {
    ...ready,
    pushes,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.send('stop');
      }),
  };
}

export function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** `nodeArgs`: extra node flags (a probe, --cpu-prof); `nodeOptions` replaces the launchers' NODE_OPTIONS. */
export async function startService(sim, { venue = 'gateio_spot', nodeArgs = [], nodeOptions = process.env.NODE_OPTIONS ?? SERVICE_NODE_OPTIONS, env = {} } = {}) {
  const prefix = `CEXGW_${venue.toUpperCase()}_`;
  const address = `127.0.0.1:${await freePort()}`;
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, 'services/market-data/dist/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      ...env,
      NODE_OPTIONS: nodeOptions,
      CEXGW_VENUE: venue,
      CEXGW_GRPC_ADDRESS: address,
      [`${prefix}REST_URL`]: sim.restBaseUrl,
      [`${prefix}WS_URL`]: sim.wsUrl,
      LOG_LEVEL: 'warn',
    },
    stdio: 'inherit',
  });
  const health = new (grpc.loadPackageDefinition(loadPackageDefinition()).grpc.health.v1.Health)(address, grpc.credentials.createInsecure(), {
    'grpc.initial_reconnect_backoff_ms': 10,
    'grpc.max_reconnect_backoff_ms': 50,
  });
  for (;;) {
    const status = await new Promise((resolve) => health.Check({ service: '' }, { deadline: Date.now() + 500 }, (e, r) => resolve(e ? undefined : r.status)));
    if (status === 'SERVING') break;
    await sleep(5);
  }
  health.close();
  return { child, address, servingMs: performance.now() - started };
}

export async function stopService(service) {
  service.child.kill('SIGTERM');
  await new Promise((r) => service.child.once('exit', r));
}

/** CPU seconds (user + system) the process has used so far. */
export function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

/** Resident memory of a process in MB: all of it, and the part private to it (RssAnon). */
export function residentMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, private: kb('RssAnon') / 1024 };
}
