#!/usr/bin/env node
// A throwaway PostgreSQL cluster for the tests, the failover soak and the benchmarks: initdb in
// a temporary folder, pg_ctl start on a loopback port (and a unix socket inside the folder),
// pg_ctl stop and the folder removed at the end. The server comes from Debian's `postgresql`
// package, installed here when it is missing (as root: apt-get; otherwise the error says what to
// install). initdb refuses to run as root, so as root the cluster runs as the unprivileged
// `postgres` user the package creates (or `nobody`).
//
//   node scripts/postgres-cluster.js start [--port N] [--durable]   prints {"url","dir","port"}, leaves it running
//   node scripts/postgres-cluster.js stop --dir DIR
//
// In code: `const cluster = await startPostgresCluster(); ... await cluster.stop();`

import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const SUPERUSER = 'cexgw';
const INSTALL_LOCK = join(tmpdir(), 'cexgw-postgresql-install.lock');

/** The folder with initdb, pg_ctl and postgres: Debian's /usr/lib/postgresql/<newest>/bin, else PATH. */
export function findPostgresBin() {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return join(root, versions[0], 'bin');
  }
  const found = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  if (found.status === 0 && found.stdout.trim()) return found.stdout.trim().replace(/\/initdb$/, '');
  return undefined;
}

/** Installs Debian's postgresql when no server binaries are present (root only), once across parallel callers. */
export function ensurePostgres() {
  const bin = findPostgresBin();
  if (bin) return bin;
  if (process.getuid?.() !== 0) {
    throw new Error('PostgreSQL is not installed and this is not root: install the server (Debian: apt-get install postgresql) and run again');
  }
  withLock(() => {
    if (findPostgresBin()) return;
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const install = () => execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '--no-install-recommends', 'postgresql'], { env, stdio: 'inherit', timeout: 900_000 });
    try {
      install();
    } catch {
      execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update'], { env, stdio: 'inherit', timeout: 600_000 });
      install();
    }
  });
  const installed = findPostgresBin();
  if (!installed) throw new Error('apt-get install postgresql finished but no initdb was found under /usr/lib/postgresql/*/bin');
  return installed;
}

function withLock(work) {
  for (;;) {
    try {
      mkdirSync(INSTALL_LOCK);
      break;
    } catch {
      // A lock older than 20 minutes was left by a killed run.
      if (Date.now() - (statSync(INSTALL_LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 1_200_000) rmSync(INSTALL_LOCK, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    return work();
  } finally {
    rmSync(INSTALL_LOCK, { recursive: true, force: true });
  }
}

/** Who runs the server: ourselves, or as root an unprivileged user (initdb and postgres refuse root). */
function serverUser() {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const id = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (id.status === 0 && gid.status === 0) return { name, uid: Number(id.stdout), gid: Number(gid.stdout) };
  }
  throw new Error('running as root and neither a postgres nor a nobody user exists to run the PostgreSQL server');
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free loopback port below the ephemeral range (other tests' connections cannot take it meanwhile). */
async function freePort() {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 30_000 + Math.floor(Math.random() * 2_700);
    if (await portIsFree(port)) return port;
  }
  throw new Error('no free loopback port for PostgreSQL');
}

/**
 * Starts a new cluster. `durable: false` (tests) turns fsync off: nothing here must survive a
 * power cut, and the suite runs on a loaded 2-core machine. Benchmarks keep PostgreSQL's
 * defaults (fsync on, synchronous_commit on), as a production server would run.
 */
export async function startPostgresCluster(options = {}) {
  const bin = ensurePostgres();
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'cexgw-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const asServer = user ? { uid: user.uid, gid: user.gid } : {};
  if (user) chownSync(dir, user.uid, user.gid);
  const run = (tool, args, timeout = 120_000) => {
    const result = spawnSync(join(bin, tool), args, { ...asServer, cwd: dir, env: { ...process.env, LC_ALL: 'C', HOME: dir }, encoding: 'utf8', timeout });
    if (result.status !== 0) throw new Error(`${tool} ${args.join(' ')} failed (${result.status ?? result.signal}): ${(result.stderr || result.stdout || String(result.error)).trim().slice(-2000)}`);
    return result.stdout;
  };
  try {
    run('initdb', ['-D', data, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
    const settings = [
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dir}'`,
      'max_connections = 200',
      'shared_buffers = 32MB',
      ...(options.durable ? [] : ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off']),
    ];
    writeFileSync(join(data, 'postgresql.auto.conf'), `${settings.join('\n')}\n`);
    if (user) chownSync(join(data, 'postgresql.auto.conf'), user.uid, user.gid);
    let port = options.port;
    for (let attempt = 1; ; attempt++) {
      port ??= await freePort();
      try {
        run('pg_ctl', ['-D', data, '-l', log, '-o', `-p ${port}`, '-w', '-t', '60', 'start']);
        break;
      } catch (error) {
        if (options.port || attempt >= 5) throw error;
        port = undefined; // taken meanwhile: another port
      }
    }
    const url = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
    const stop = () => stopPostgresCluster(dir);
    return { url, dir, port, user: user?.name ?? userInfo().username, stop };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Stops the server at once (no checkpoint: the folder is thrown away) and removes the folder. */
export async function stopPostgresCluster(dir) {
  const bin = findPostgresBin();
  const data = join(dir, 'data');
  if (bin && existsSync(join(data, 'postmaster.pid'))) {
    const user = serverUser();
    spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop'], { ...(user ? { uid: user.uid, gid: user.gid } : {}), cwd: dir, stdio: 'ignore', timeout: 60_000 });
  }
  rmSync(dir, { recursive: true, force: true });
}

async function cli(argv) {
  const [command, ...rest] = argv;
  const flag = (name) => {
    const at = rest.indexOf(name);
    return at >= 0 ? rest[at + 1] : undefined;
  };
  if (command === 'start') {
    const port = flag('--port');
    const cluster = await startPostgresCluster({ port: port ? Number(port) : undefined, durable: rest.includes('--durable') });
    console.log(JSON.stringify({ url: cluster.url, dir: cluster.dir, port: cluster.port }));
  } else if (command === 'stop' && flag('--dir')) {
    await stopPostgresCluster(flag('--dir'));
  } else {
    console.error('usage: postgres-cluster.js start [--port N] [--durable] | stop --dir DIR');
    process.exit(2);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  cli(process.argv.slice(2)).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
