import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { IMAGE, docker, removeLabelled } from './docker.js';

// Once per `npm run test:containers`: a Docker engine (installed and started when none answers,
// stopped at the end if this run started it), the local base image, and the project image that
// both test files run. The container tests skip, saying why, only when the engine cannot run
// here; CEXGW_REQUIRE_CONTAINERS=1 (set by .ci/run) turns that into a failure.

declare module 'vitest' {
  export interface ProvidedContext {
    containersSkipReason: string;
    nodeImage: string;
  }
}

const REPO_ROOT = new URL('../../', import.meta.url).pathname;
const script = (name: string) => join(REPO_ROOT, 'scripts', 'docker', name);

function timed<T>(what: string, run: () => T): T {
  const started = Date.now();
  const result = run();
  console.log(`[containers] ${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** Runs a setup script; exit code 3 is its word that this machine cannot do it. */
function setupScript(name: string, args: string[]): { out?: string; cannot?: string } {
  const run = spawnSync(script(name), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 900_000 });
  process.stderr.write(run.stderr ?? '');
  if (run.status === 3)
    return {
      cannot: (run.stderr ?? '')
        .trim()
        .split('\n')
        .slice(-15)
        .map((line) => line.replace(/^[\w-]+: /, ''))
        .join('\n'),
    };
  if (run.status !== 0) throw new Error(`scripts/docker/${name} ${args.join(' ')} failed (${run.status ?? run.signal}):\n${run.stderr}`);
  return { out: run.stdout.trim() };
}

let startedEngine = false;
let engineReady = false;

export function setup(project: TestProject) {
  const skip = (reason: string) => {
    if (process.env.CEXGW_REQUIRE_CONTAINERS === '1') throw new Error(`container tests required (CEXGW_REQUIRE_CONTAINERS=1) but: ${reason}`);
    console.warn(`[containers] SKIPPED: ${reason}`);
    project.provide('containersSkipReason', reason);
    project.provide('nodeImage', '');
  };

  const engine = timed('engine', () => setupScript('engine.sh', ['start']));
  if (engine.cannot) return skip(`no Docker engine can run here: ${engine.cannot}`);
  startedEngine = engine.out === 'started';
  engineReady = true;
  console.log(`[containers] engine ${startedEngine ? 'started for this run' : 'already running, left as found'}: ${docker(['version', '--format', '{{.Server.Version}}']).trim()}`);

  // A leftover of a killed run would hold the compose file's fixed ports.
  removeLabelled();

  let nodeImage = process.env.CEXGW_NODE_IMAGE ?? '';
  if (!nodeImage) {
    const base = timed('base image (scripts/docker/base-image.sh)', () => setupScript('base-image.sh', []));
    if (base.cannot) return skip(`the local base image cannot be built here: ${base.cannot}`);
    nodeImage = base.out!;
  }
  const log = join(mkdtempSync(join(tmpdir(), 'cexgw-image-')), 'build.log');
  timed(`project image ${IMAGE} (log: ${log})`, () => {
    try {
      execFileSync('sh', ['-c', `docker build --build-arg NODE_IMAGE="$1" -t "$2" . >"$3" 2>&1`, 'sh', nodeImage, IMAGE, log], { cwd: REPO_ROOT, timeout: 900_000 });
    } catch {
      throw new Error(`docker build failed; the end of ${log}:\n${readFileSync(log, 'utf8').split('\n').slice(-40).join('\n')}`);
    }
  });
  project.provide('containersSkipReason', '');
  project.provide('nodeImage', nodeImage);
}

export function teardown() {
  if (!engineReady) return;
  // Nothing outlives a run: what a failed test left behind (compose project, testcontainers session).
  const left = removeLabelled();
  if (left.length > 0) console.warn(`[containers] removed leftovers: ${left.join(', ')}`);
  if (startedEngine) setupScript('engine.sh', ['stop']);
}
