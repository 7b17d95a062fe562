import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT, startMarketData, startSim, startTrading, type ServiceHandle, type SimHandle } from './support/processes.js';

// The deployment files: docker-compose.yml runs the six services (and the simulated venues
// under the `sim` profile) with secrets as files and health checks on grpc.health.v1; the
// image builds every workspace; the health check script answers for real processes. There is
// no Docker engine here: `docker compose config` runs where the compose plugin exists.

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, any>; secrets: Record<string, { file: string }> };
const VENUES = ['mexc_spot', 'gateio_spot', 'gateio_futures'];
const dashed = (venue: string) => venue.replace('_', '-');

describe('docker-compose.yml', () => {
  it('runs market data and trading for every venue, and the simulators only under the sim profile', () => {
    for (const venue of VENUES) {
      for (const role of ['market-data', 'trading']) {
        const service = compose.services[`${role}-${dashed(venue)}`];
        expect(service, `${role}-${venue}`).toBeDefined();
        expect(service.profiles).toBeUndefined();
        expect(service.environment.CEXGW_VENUE).toBe(venue);
        expect(service.command.join(' ')).toContain(`services/${role}/dist/main.js`);
      }
      expect(compose.services[`${dashed(venue)}-sim`].profiles).toEqual(['sim']);
      expect(compose.services[`${dashed(venue)}-sim`].healthcheck.test.join(' ')).toContain('/__sim/stats');
    }
  });

  it('passes secrets as files only, with TLS for the trading services, and publishes ports on loopback only', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/API_KEY|API_SECRET|TOKENS|TLS_KEY/.test(key)) expect(key, `${name} ${key}`).toMatch(/_FILE$/);
        if (key.endsWith('_FILE')) expect(String(value)).toMatch(/^\/run\/secrets\//);
      }
      for (const port of service.ports ?? []) expect(port, name).toMatch(/^127\.0\.0\.1:/);
    }
    for (const venue of VENUES) {
      const trading = compose.services[`trading-${dashed(venue)}`];
      expect(trading.secrets).toEqual(expect.arrayContaining([`${venue}_api_key`, `${venue}_api_secret`, 'client_tokens', 'tls_cert', 'tls_key']));
      expect(trading.environment.CEXGW_TLS_CERT_FILE).toBe('/run/secrets/tls_cert');
      expect(trading.volumes[0]).toMatch(/:\/data$/);
    }
    for (const secret of Object.values(compose.secrets)) expect(secret.file).toMatch(/^\.\/secrets\//);
  });

  it('the image builds every workspace and checks health over grpc.health.v1', () => {
    const dockerfile = read('Dockerfile');
    const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;
    for (const workspace of workspaces) expect(dockerfile, workspace).toContain(`COPY ${workspace}/package.json ${workspace}/`);
    expect(dockerfile).toMatch(/HEALTHCHECK .*CMD \["node", "scripts\/healthcheck.js"\]/);
    // Found by replaying the build without Docker: a plain prune re-runs the proto generator after removing it.
    expect(dockerfile).toContain('npm prune --omit=dev --ignore-scripts');
  });

  const docker = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  const composeMissing = docker.status === 0 ? '' : 'the docker compose plugin is not installed here';
  it.skipIf(composeMissing !== '')(`docker compose config accepts it${composeMissing ? ` (skipped: ${composeMissing})` : ''}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'cexgw-compose-'));
    copyFileSync(join(REPO_ROOT, 'docker-compose.yml'), join(dir, 'docker-compose.yml'));
    mkdirSync(join(dir, 'secrets'));
    for (const secret of Object.values(compose.secrets)) writeFileSync(join(dir, secret.file), 'dummy\n');
    execFileSync('docker', ['compose', '--profile', 'sim', 'config', '--quiet'], { cwd: dir });
  });
});

describe('scripts/healthcheck.js', () => {
  let sim: SimHandle;
  let marketData: ServiceHandle;
  let trading: ServiceHandle | undefined;
  const secrets = mkdtempSync(join(tmpdir(), 'cexgw-tls-'));

  beforeAll(async () => {
    sim = await startSim('gateio_spot', ['--seed', '5', '--symbols', 'BTC_USDT', '--flow-rate', '0']);
    marketData = await startMarketData('gateio_spot', { CEXGW_GATEIO_SPOT_REST_URL: sim.restBaseUrl, CEXGW_GATEIO_SPOT_WS_URL: sim.wsUrl });
  });
  afterAll(async () => {
    await Promise.all([marketData?.stop(), trading?.stop()]);
    await sim?.stop();
  });

  const check = (env: Record<string, string>) => spawnSync(process.execPath, ['scripts/healthcheck.js'], { cwd: REPO_ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });

  it('exits 0 for a SERVING process and 1 when nothing answers', () => {
    const serving = check({ CEXGW_GRPC_ADDRESS: marketData.address });
    expect(serving.stdout.trim()).toBe('SERVING');
    expect(serving.status).toBe(0);
    const down = check({ CEXGW_GRPC_ADDRESS: '127.0.0.1:1' });
    expect(down.status).toBe(1);
  });

  it('speaks TLS to a trading service that listens with it', async () => {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', join(secrets, 'tls.key'), '-out', join(secrets, 'tls.crt')], { stdio: 'ignore' });
    const tls = { CEXGW_TLS_CERT_FILE: join(secrets, 'tls.crt'), CEXGW_TLS_KEY_FILE: join(secrets, 'tls.key') };
    trading = await startTrading('gateio_spot', sim, mkdtempSync(join(tmpdir(), 'cexgw-journal-')), tls, undefined, false);
    let status: number | null = 1;
    for (let attempt = 0; attempt < 100 && status !== 0; attempt++) {
      status = check({ CEXGW_GRPC_ADDRESS: trading.address, ...tls }).status;
      if (status !== 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(0);
  });
});
