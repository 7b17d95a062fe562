import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
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

/** A Python virtualenv with grpcio and grpcio-tools (which ships protoc), for the cross-language test. */
export function ensurePythonGrpc(): { python?: string; reason?: string } {
  const venv = join(TOOLS, 'venv');
  const python = join(venv, 'bin', 'python');
  const ready = () => spawnSync(python, ['-c', 'import grpc, grpc_tools'], { stdio: 'ignore' }).status === 0;
  if (existsSync(python) && ready()) return { python };
  const system = onPath('python3');
  if (!system) return { reason: 'python3 is not installed' };
  execFileSync(system, ['-m', 'venv', venv], { stdio: 'inherit', timeout: 120_000 });
  execFileSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', 'grpcio==1.85.1', 'grpcio-tools==1.85.1'], {
    stdio: 'inherit',
    timeout: 600_000,
  });
  return ready() ? { python } : { reason: 'grpcio could not be installed into .tools/venv' };
}
