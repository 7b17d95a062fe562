import { spawnSync } from 'node:child_process';
import type * as grpc from '@grpc/grpc-js';
import { GenericContainer, Network, Wait, type StartedNetwork, type StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import forge from 'node-forge';
import { selfSignedPair } from '../../scripts/dev-secrets.js';
import { BTC, firstMessage, marketDataAt, tradingAt, unary } from './clients.js';
import { IMAGE, TESTCONTAINERS_LABEL, docker } from './docker.js';

// The image on its own, as another orchestrator would run it (testcontainers, no compose): a
// Network with the Gate.io futures simulator and both futures services, each waited for through
// its health check (the image's HEALTHCHECK for the services). Checked from the host through
// ports published on 127.0.0.1: the services answer, the trading one over TLS with the token
// only, as uid 1000 with no dev dependencies in the image, and a trading service told to listen
// beyond loopback without TLS refuses to start. Never a pull (the image is this run's own build);
// no Ryuk (its image would need a registry): every container and the network are stopped here,
// and the global teardown sweeps anything labelled org.cexgw.test.

const skipReason = inject('containersSkipReason');
const NEVER_PULL = { shouldPull: () => false };
const SIM_HEALTH: ['CMD', ...string[]] = ['CMD', 'node', '-e', "fetch('http://127.0.0.1:8080/__sim/stats').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"];
const SECRETS = { token: 'tc-client-token-0123456789abcdef', key: '5e1ec7ab1e5a1d0c0ffee5151a7e0001', secret: '5ec12e7c0ffee5151a7e5ec12e7c0ffee5151a7e5ec12e7c0ffee5151a7e0001' };

/** A container of the project image, its ports published on 127.0.0.1 only (testcontainers binds every interface by default). */
class GatewayContainer extends GenericContainer {
  constructor(command: string[]) {
    super(IMAGE);
    this.withCommand(command)
      .withPullPolicy(NEVER_PULL)
      .withLabels({ [TESTCONTAINERS_LABEL]: 'image' });
  }

  withLoopbackPorts(...ports: number[]): this {
    this.withExposedPorts(...ports);
    for (const port of ports) this.hostConfig.PortBindings![`${port}/tcp`] = [{ HostIp: '127.0.0.1', HostPort: '0' }];
    return this;
  }
}

const venueEnv = {
  CEXGW_VENUE: 'gateio_futures',
  CEXGW_GATEIO_FUTURES_REST_URL: 'http://venue:8080/api/v4',
  CEXGW_GATEIO_FUTURES_WS_URL: 'ws://venue:8080/v4/ws/usdt',
  LOG_LEVEL: 'info',
};

describe.skipIf(skipReason !== '')(`the image under testcontainers${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let network: StartedNetwork;
  const started: StartedTestContainer[] = [];
  let marketData: StartedTestContainer;
  let trading: StartedTestContainer;
  let tlsCert: Buffer;
  const clients: grpc.Client[] = [];

  const start = async (container: GenericContainer) => {
    const running = await container.start();
    started.push(running);
    return running;
  };

  beforeAll(async () => {
    const pair = selfSignedPair(forge, 1);
    tlsCert = Buffer.from(pair.cert);
    network = await new Network().start();
    await start(
      new GatewayContainer(['node', 'libs/venue-sim/dist/cli.js', '--venue', 'gateio_futures', '--host', '0.0.0.0', '--port', '8080', '--seed', '7'])
        .withNetwork(network)
        .withNetworkAliases('venue')
        .withHealthCheck({ test: SIM_HEALTH, interval: 1_000, timeout: 3_000, retries: 30 })
        .withWaitStrategy(Wait.forHealthCheck()),
    );
    [marketData, trading] = await Promise.all([
      start(
        new GatewayContainer(['node', 'services/market-data/dist/main.js'])
          .withNetwork(network)
          .withEnvironment({ ...venueEnv, CEXGW_GRPC_ADDRESS: '0.0.0.0:50053', CEXGW_METRICS_ADDRESS: '0.0.0.0:51053' })
          .withLoopbackPorts(50053, 51053)
          .withWaitStrategy(Wait.forHealthCheck()),
      ),
      start(
        new GatewayContainer(['node', 'services/trading/dist/main.js'])
          .withNetwork(network)
          .withEnvironment({
            ...venueEnv,
            CEXGW_GRPC_ADDRESS: '0.0.0.0:50063',
            CEXGW_METRICS_ADDRESS: '0.0.0.0:51063',
            CEXGW_GATEIO_FUTURES_API_KEY_FILE: '/run/secrets/api_key',
            CEXGW_GATEIO_FUTURES_API_SECRET_FILE: '/run/secrets/api_secret',
            CEXGW_CLIENT_TOKENS_FILE: '/run/secrets/client_tokens',
            CEXGW_TLS_CERT_FILE: '/run/secrets/tls_cert',
            CEXGW_TLS_KEY_FILE: '/run/secrets/tls_key',
            CEXGW_JOURNAL_PATH: '/data/gateio_futures-journal.sqlite',
          })
          .withCopyContentToContainer(
            Object.entries({ api_key: SECRETS.key, api_secret: SECRETS.secret, client_tokens: SECRETS.token, tls_cert: pair.cert, tls_key: pair.key }).map(([name, content]) => ({
              content,
              target: `/run/secrets/${name}`,
              mode: 0o444,
            })),
          )
          .withLoopbackPorts(50063)
          .withWaitStrategy(Wait.forHealthCheck()),
      ),
    ]);
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all(started.map((container) => container.stop({ remove: true, removeVolumes: true })));
    await network?.stop();
  });

  it('runs as uid 1000 with production dependencies only, the health check being grpc.health.v1', async () => {
    const config = JSON.parse(docker(['image', 'inspect', '--format', '{{json .Config}}', IMAGE])) as { User: string; Healthcheck: { Test: string[] }; Env: string[] };
    expect(config.User).toBe('node');
    expect(config.Healthcheck.Test).toEqual(['CMD', 'node', 'scripts/healthcheck.js']);
    expect(config.Env).toContain('NODE_ENV=production');
    const id = await trading.exec(['id', '-u']);
    expect(id.output.trim()).toBe('1000');
    const dev = await trading.exec(['node', '-e', "for (const m of ['vitest', 'typescript', 'testcontainers']) { try { require.resolve(m); console.log(m) } catch {} }"]);
    expect(dev.output.trim()).toBe('');
    const journal = await trading.exec(['ls', '/data']);
    expect(journal.output).toContain('gateio_futures-journal.sqlite');
  });

  it('market data through the published loopback port: a futures book, and /metrics', async () => {
    const client = marketDataAt(marketData.getMappedPort(50053));
    clients.push(client);
    const first = await firstMessage<any>(client, 'StreamOrderBook', { symbol: BTC });
    expect(first).toMatchObject({ reset: true, sequence: '1' });
    expect(first.bids.length).toBeGreaterThan(0);
    const metrics = await fetch(`http://127.0.0.1:${marketData.getMappedPort(51053)}/metrics`);
    expect(await metrics.text()).toMatch(/cexgw_venue_up\{[^}]*venue="gateio_futures"[^}]*\} 1/);
  });

  it('trading over TLS answers with the token and refuses without it', async () => {
    const port = trading.getMappedPort(50063);
    const { futures } = tradingAt(port, tlsCert, SECRETS.token);
    const stranger = tradingAt(port, tlsCert, 'not-the-token-at-all-0000');
    clients.push(futures, stranger.futures);
    const balance = await unary<any>(futures, 'GetFuturesBalance', {});
    expect(balance.asset).toBe('USDT');
    await expect(unary(stranger.futures, 'GetFuturesBalance', {})).rejects.toThrow(/UNAUTHENTICATED/);
  });

  it('a trading service told to listen beyond loopback without TLS refuses to start', () => {
    const env = { ...venueEnv, CEXGW_GRPC_ADDRESS: '0.0.0.0:50063', CEXGW_GATEIO_FUTURES_API_KEY: SECRETS.key, CEXGW_GATEIO_FUTURES_API_SECRET: SECRETS.secret, CEXGW_CLIENT_TOKENS: SECRETS.token };
    const args = [
      'run',
      '--rm',
      '--label',
      `${TESTCONTAINERS_LABEL}=image`,
      '--network',
      network.getName(),
      ...Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
      IMAGE,
      'node',
      'services/trading/dist/main.js',
    ];
    const run = spawnSync('docker', args, { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stdout + run.stderr).toMatch(/TLS/);
  });
});
