import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BINANCE_SPOT_TEST_API_KEY, BINANCE_USDM_TEST_API_KEY, GATE_TEST_API_KEY, MEXC_TEST_API_KEY } from '@cexgw/venue-sim';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SIM_TEST_KEYS, selfSignedPair } from '../scripts/dev-secrets.js';
import { composeCommand } from './containers/docker.js';
import { REPO_ROOT, startMarketData, startSim, startTrading, type ServiceHandle, type SimHandle } from './support/processes.js';

// The deployment files: docker-compose.yml runs the six services (and the simulated venues
// under the `sim` profile) with secrets as files and health checks on grpc.health.v1; the
// image builds every workspace; the health check script answers for real processes; the dev
// secrets script works from a bare copy of itself. `config` runs with whichever Compose is
// installed (v2 or Debian's v1). The deployment itself runs under a Docker engine in
// `npm run test:containers` (test/containers/).

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
// Ten services share the anchors: more aliases than yaml's default guard (100) allows.
const compose = parse(read('docker-compose.yml'), { merge: true, maxAliasCount: 1000 }) as { services: Record<string, any>; secrets: Record<string, { file: string }> };
const VENUES = ['mexc_spot', 'gateio_spot', 'gateio_futures', 'binance_spot', 'binance_usdm'];
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

  it('gives the market-data services an 8 MB young generation and leaves trading on the image default (1 MB)', () => {
    expect(read('Dockerfile')).toMatch(/^ENV NODE_OPTIONS=--max-semi-space-size=1$/m);
    for (const venue of VENUES) {
      expect(compose.services[`market-data-${dashed(venue)}`].environment.NODE_OPTIONS, venue).toBe('--max-semi-space-size=8');
      expect(compose.services[`trading-${dashed(venue)}`].environment.NODE_OPTIONS, venue).toBeUndefined();
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

  it('the image builds on a base given by the NODE_IMAGE build argument, the public node:20-bookworm-slim by default', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
    expect(dockerfile.match(/^FROM .*/gm)).toEqual(['FROM ${NODE_IMAGE} AS build', 'FROM ${NODE_IMAGE}']);
    expect(compose.services['trading-gateio-spot'].build.args.NODE_IMAGE).toBe('${CEXGW_NODE_IMAGE:-node:20-bookworm-slim}');
  });

  it('the image builds every workspace and checks health over grpc.health.v1', () => {
    const dockerfile = read('Dockerfile');
    const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;
    for (const workspace of workspaces) expect(dockerfile, workspace).toContain(`COPY ${workspace}/package.json ${workspace}/`);
    expect(dockerfile).toMatch(/HEALTHCHECK .*CMD \["node", "scripts\/healthcheck.js"\]/);
    // Found by replaying the build without Docker: a plain prune re-runs the proto generator after removing it.
    expect(dockerfile).toContain('npm prune --omit=dev --ignore-scripts');
  });

  const command = composeCommand();
  const composeMissing = command ? '' : 'neither Compose v2 (docker compose) nor v1 (docker-compose) is installed here; npm run test:containers installs v1';
  it.skipIf(!command)(`${command?.join(' ') ?? 'docker compose'} config accepts it${composeMissing ? ` (skipped: ${composeMissing})` : ''}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'cexgw-compose-'));
    copyFileSync(join(REPO_ROOT, 'docker-compose.yml'), join(dir, 'docker-compose.yml'));
    mkdirSync(join(dir, 'secrets'));
    for (const secret of Object.values(compose.secrets)) writeFileSync(join(dir, secret.file), 'dummy\n');
    for (const image of ['', 'cexgw/node:20-bookworm-slim-0123456789ab']) {
      const config = execFileSync(command![0]!, [...command!.slice(1), '--profile', 'sim', 'config'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CEXGW_NODE_IMAGE: image } });
      const resolved = parse(config) as { services: Record<string, { build: { args: Record<string, string> } }> };
      // The Dockerfile's base: the public image unless CEXGW_NODE_IMAGE names a local stand-in.
      expect(resolved.services['trading-gateio-spot']!.build.args.NODE_IMAGE).toBe(image || 'node:20-bookworm-slim');
    }
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
    const pair = selfSignedPair(forge, 1);
    writeFileSync(join(secrets, 'tls.key'), pair.key);
    writeFileSync(join(secrets, 'tls.crt'), pair.cert);
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

describe('scripts/dev-secrets.js', () => {
  it("writes every file the compose file mounts, with the simulators' own test keys and a certificate for localhost and 127.0.0.1, from a bare copy of itself", () => {
    // A fresh clone's state: no node_modules, no build; and no openssl on PATH.
    const clone = mkdtempSync(join(tmpdir(), 'cexgw-clone-'));
    mkdirSync(join(clone, 'scripts'));
    copyFileSync(join(REPO_ROOT, 'scripts', 'dev-secrets.js'), join(clone, 'scripts', 'dev-secrets.js'));
    copyFileSync(join(REPO_ROOT, 'package.json'), join(clone, 'package.json'));
    mkdirSync(join(clone, '.tools', 'dev-secrets', 'node_modules'), { recursive: true });
    // node-forge as the first run would install it (copied: the test stays off the registry).
    execFileSync('cp', ['-r', join(REPO_ROOT, 'node_modules', 'node-forge'), join(clone, '.tools', 'dev-secrets', 'node_modules')]);
    const bin = mkdtempSync(join(tmpdir(), 'cexgw-bin-'));
    execFileSync('ln', ['-s', process.execPath, join(bin, 'node')]);
    const run = spawnSync('node', ['scripts/dev-secrets.js'], { cwd: clone, encoding: 'utf8', env: { PATH: bin, HOME: clone } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const dir = join(clone, 'secrets');
    expect(readdirSync(dir).sort()).toEqual(
      Object.values(compose.secrets)
        .map((s) => s.file.replace('./secrets/', ''))
        .sort(),
    );
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const text = (name: string) => readFileSync(join(dir, name), 'utf8').trim();
    expect(SIM_TEST_KEYS.mexc_spot).toEqual(MEXC_TEST_API_KEY);
    expect(SIM_TEST_KEYS.gateio_spot).toEqual(GATE_TEST_API_KEY);
    expect(SIM_TEST_KEYS.gateio_futures).toEqual(GATE_TEST_API_KEY);
    expect(SIM_TEST_KEYS.binance_spot).toEqual(BINANCE_SPOT_TEST_API_KEY);
    expect(SIM_TEST_KEYS.binance_usdm).toEqual(BINANCE_USDM_TEST_API_KEY);
    for (const venue of VENUES) expect({ apiKey: text(`${venue}_api_key`), apiSecret: text(`${venue}_api_secret`) }).toEqual(SIM_TEST_KEYS[venue as keyof typeof SIM_TEST_KEYS]);
    expect(text('client_tokens').length).toBeGreaterThanOrEqual(16);
    const cert = new X509Certificate(readFileSync(join(dir, 'tls.crt')));
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.verify(cert.publicKey)).toBe(true); // self-signed
    expect(cert.checkPrivateKey(createPrivateKey(readFileSync(join(dir, 'tls.key'))))).toBe(true);
    expect(spawnSync('node', ['scripts/dev-secrets.js'], { cwd: clone, encoding: 'utf8', env: { PATH: bin } }).status).toBe(2); // never overwrites
    expect(existsSync(join(clone, 'secrets', 'tls.key'))).toBe(true);
  });
});
