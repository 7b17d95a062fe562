import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './processes.js';

// Tools the tests need that npm does not bring. Installed into the repository's .tools/ folder
// on first use by the project itself (never by hand); a test that cannot get one skips and
// says why.

const TOOLS = join(REPO_ROOT, '.tools');
const GRPCURL_VERSION = 'v1.9.4';

function onPath(command: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** A grpcurl binary: on PATH, in .tools/bin, or built with `go install`. */
export function ensureGrpcurl(): { path?: string; reason?: string } {
  const local = join(TOOLS, 'bin', 'grpcurl');
  if (existsSync(local)) return { path: local };
  const system = onPath('grpcurl');
  if (system) return { path: system };
  const go = onPath('go');
  if (!go) return { reason: 'neither grpcurl nor Go is installed, so grpcurl cannot be built' };
  mkdirSync(join(TOOLS, 'bin'), { recursive: true });
  execFileSync(go, ['install', `github.com/fullstorydev/grpcurl/cmd/grpcurl@${GRPCURL_VERSION}`], {
    env: { ...process.env, GOBIN: join(TOOLS, 'bin'), GOFLAGS: '-mod=mod' },
    stdio: 'inherit',
    timeout: 600_000,
  });
  return { path: local };
}

/**
 * Runs `install` while holding .tools/<name>.lock, so that test files running in parallel never
 * install into one folder at once. A lock older than 15 minutes is left over from a killed run.
 */
function withLock<T>(name: string, install: () => T): T {
  const lock = join(TOOLS, `${name}.lock`);
  mkdirSync(TOOLS, { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 900_000) rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500); // a synchronous sleep
    }
  }
  try {
    return install();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A Python virtualenv with grpcio and grpcio-tools (which ships protoc): examples/python/requirements.txt. */
export function ensurePythonGrpc(): { python?: string; reason?: string } {
  const venv = join(TOOLS, 'venv');
  const python = join(venv, 'bin', 'python');
  const ready = () => spawnSync(python, ['-c', 'import grpc, grpc_tools'], { stdio: 'ignore' }).status === 0;
  if (existsSync(python) && ready()) return { python };
  const system = onPath('python3');
  if (!system) return { reason: 'python3 is not installed' };
  return withLock('venv', () => {
    if (existsSync(python) && ready()) return { python }; // installed meanwhile by another test file
    try {
      execFileSync(system, ['-m', 'venv', '--clear', venv], { stdio: 'inherit', timeout: 120_000 });
      execFileSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', join(REPO_ROOT, 'examples', 'python', 'requirements.txt')], {
        stdio: 'inherit',
        timeout: 600_000,
      });
    } catch (error) {
      return { reason: `grpcio could not be installed into .tools/venv (python3 -m venv, then pip): ${(error as Error).message.split('\n')[0]}` };
    }
    return ready() ? { python } : { reason: 'grpcio could not be installed into .tools/venv' };
  });
}

const GO_EXAMPLE = join(REPO_ROOT, 'examples', 'go');

/** Whether Go can build examples/go: installed, and at least the Go 1.x that its go.mod names. */
export function goToolchain(): { go?: string; reason?: string } {
  const go = onPath('go');
  if (!go) return { reason: 'Go is not installed' };
  if (!existsSync(join(TOOLS, 'venv', 'bin', 'python')) && !onPath('python3')) return { reason: 'python3 is not installed (protoc comes from grpcio-tools)' };
  const minor = (version: string) => Number(/1\.(\d+)/.exec(version)?.[1] ?? 0);
  const have = spawnSync(go, ['env', 'GOVERSION'], { encoding: 'utf8' }).stdout.trim(); // "go1.26.8"
  const need = /^go (\S+)/m.exec(readFileSync(join(GO_EXAMPLE, 'go.mod'), 'utf8'))?.[1] ?? '1.0';
  if (minor(have) < minor(need) && process.env.GOTOOLCHAIN === 'local') return { reason: `${have} is older than go ${need} (examples/go/go.mod) and GOTOOLCHAIN=local` };
  return { go };
}

/**
 * The Go example client, built into .tools/bin/cexgw-go-example: protoc from the Python venv
 * above, protoc-gen-go(-grpc) pinned by examples/go/go.mod and built into .tools/bin by
 * examples/go/generate.sh, then `go build`. Go's own module and build caches keep later runs fast.
 */
export async function buildGoExample(go: string): Promise<string> {
  const python = ensurePythonGrpc();
  if (!python.python) throw new Error(`examples/go/generate.sh needs protoc: ${python.reason}`);
  const run = promisify(execFile);
  const options = { cwd: GO_EXAMPLE, timeout: 300_000, maxBuffer: 16 << 20 };
  await run(join(GO_EXAMPLE, 'generate.sh'), [], options);
  const binary = join(TOOLS, 'bin', 'cexgw-go-example');
  await run(go, ['build', '-o', binary, '.'], options);
  return binary;
}
