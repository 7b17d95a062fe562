import { execFileSync, spawnSync } from 'node:child_process';

// The Docker CLI and Compose as the container tests use them, and the sweep that leaves
// nothing behind. Compose is whichever this machine has: v2 (`docker compose`) or v1
// (Debian's `docker-compose`); both read the same file.

/** The project image: the tag docker-compose.yml gives it. */
export const IMAGE = 'cex-gateway:dev';
export const COMPOSE_PROJECT = 'cexgw-containers-test';
/** Set on every container the testcontainers tests start. */
export const TESTCONTAINERS_LABEL = 'org.cexgw.test';

export function docker(args: string[], options: { input?: string } = {}): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], timeout: 300_000, ...options });
}

export function composeCommand(): string[] | undefined {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0) return ['docker-compose'];
  return undefined;
}

const lines = (text: string) => text.split('\n').filter((line) => line.trim() !== '');

/** Container ids of the compose test project, all of them or one service's. */
export function composeContainers(service?: string, all = true): string[] {
  const filters = ['--filter', `label=com.docker.compose.project=${COMPOSE_PROJECT}`];
  if (service) filters.push('--filter', `label=com.docker.compose.service=${service}`);
  return lines(docker(['ps', '-q', ...(all ? ['-a'] : []), ...filters]));
}

/** Everything the compose project or the testcontainers tests own: containers, networks, volumes. */
export function labelledResources(): { containers: string[]; networks: string[]; volumes: string[] } {
  const compose = `label=com.docker.compose.project=${COMPOSE_PROJECT}`;
  const containers = [...lines(docker(['ps', '-aq', '--filter', compose])), ...lines(docker(['ps', '-aq', '--filter', `label=${TESTCONTAINERS_LABEL}`]))];
  // testcontainers labels its networks with its own session labels only; Docker is this suite's alone here.
  const networks = [...lines(docker(['network', 'ls', '-q', '--filter', compose])), ...lines(docker(['network', 'ls', '-q', '--filter', 'label=org.testcontainers=true']))];
  const volumes = lines(docker(['volume', 'ls', '-q', '--filter', compose]));
  return { containers, networks, volumes };
}

/** Removes what labelledResources finds; returns what it removed. */
export function removeLabelled(): string[] {
  const { containers, networks, volumes } = labelledResources();
  if (containers.length > 0) docker(['rm', '-f', '-v', ...containers]);
  if (networks.length > 0) docker(['network', 'rm', ...networks]);
  if (volumes.length > 0) docker(['volume', 'rm', '-f', ...volumes]);
  return [...containers.map((c) => `container ${c.slice(0, 12)}`), ...networks.map((n) => `network ${n.slice(0, 12)}`), ...volumes.map((v) => `volume ${v}`)];
}

export interface Health {
  name: string;
  status: string;
  health: string;
  restarts: number;
  pid: number;
  lastProbe: string;
}

export function inspectHealth(ids: string[]): Health[] {
  const format =
    '{{json .Name}}\t{{.State.Status}}\t{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}\t{{.RestartCount}}\t{{.State.Pid}}\t{{if .State.Health}}{{json .State.Health.Log}}{{else}}[]{{end}}';
  return lines(docker(['inspect', '--format', format, ...ids])).map((line) => {
    const [name, status, health, restarts, pid, log] = line.split('\t');
    const probes = JSON.parse(log!) as Array<{ ExitCode: number; Output: string }>;
    return { name: JSON.parse(name!).replace(/^\//, ''), status: status!, health: health!, restarts: Number(restarts), pid: Number(pid), lastProbe: probes.at(-1)?.Output.trim() ?? '' };
  });
}

/** Waits until every container is running and healthy; fails naming the ones that are not. */
export async function waitHealthy(ids: () => string[], expected: number, timeoutMs = 300_000): Promise<Health[]> {
  const started = Date.now();
  let last: Health[] = [];
  while (Date.now() - started < timeoutMs) {
    const current = ids();
    try {
      last = current.length > 0 ? inspectHealth(current) : [];
    } catch {
      // compose removed a listed container (recreating it) before `docker inspect` read it
      last = [];
    }
    if (last.length === expected && last.every((c) => c.status === 'running' && c.health === 'healthy')) return last;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const report = last.map((c) => `${c.name}: ${c.status}/${c.health} (last probe: ${c.lastProbe || 'none'})`).join('\n');
  throw new Error(`not ${expected} healthy containers after ${timeoutMs / 1000} s:\n${report}`);
}
