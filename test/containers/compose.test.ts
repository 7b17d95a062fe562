import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT, portIsFree } from '../support/processes.js';
import { scrape } from '../support/prometheus-text.js';
import { ensureGrpcurl } from '../support/tools.js';
import { until } from '../support/wait.js';
import { BTC, compareDecimal, firstMessage, followFills, marketDataAt, oneTickAbove, scalePrice, tradingAt, unary, type StreamedFill } from './clients.js';
import { COMPOSE_PROJECT, composeCommand, composeContainers, docker, inspectHealth, labelledResources, waitHealthy } from './docker.js';

// The deployment as a user runs it: the README's Docker section, command by command, in a copy
// of this tree (so that its ./secrets/ is the test's own), then every container (three per venue id) checked
// through the ports published on 127.0.0.1 only: a book from each market-data service, an order
// placed, read and cancelled on each trading service over TLS with the token, /metrics, and a
// trading container killed twice (`docker kill` then `up -d`; its process killed and the
// engine's restart policy) while the venue fills its order: the fill stream resumes from the
// client's cursor with nothing lost or doubled, since the journal volume survives. `down -v`
// then leaves nothing.

const skipReason = inject('containersSkipReason');
const VENUES = [
  { venue: 'mexc_spot', marketData: 50051, trading: 50061, metrics: [51051, 51061] },
  { venue: 'gateio_spot', marketData: 50052, trading: 50062, metrics: [51052, 51062] },
  { venue: 'gateio_futures', marketData: 50053, trading: 50063, metrics: [51053, 51063] },
  { venue: 'binance_spot', marketData: 50054, trading: 50064, metrics: [51054, 51064] },
  { venue: 'binance_usdm', marketData: 50055, trading: 50065, metrics: [51055, 51065] },
] as const;
/** Three containers per venue id: its simulator, market data and trading. */
const CONTAINERS = VENUES.length * 3;
const GATE_SPOT_SIM = 'http://127.0.0.1:18080/__sim';
const RUN = Date.now().toString(36); // client order ids unique to this run

/** The host ports the compose file publishes, and a process already listening on one of them. */
async function portsTaken(): Promise<number[]> {
  const ports = [...VENUES.flatMap((v) => [v.marketData, v.trading, ...v.metrics]), 18080, 18081, 18082, 18083, 18084];
  const results = await Promise.all(ports.map(async (port) => ((await portIsFree(port)) ? undefined : port)));
  return results.filter((port): port is number => port !== undefined);
}

/** The `sh` blocks of the README's "Deployment (Docker)" section, in order. */
function readmeDockerBlocks(): string[][] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Deployment (Docker)'));
  if (!section) throw new Error('README.md has no "Deployment (Docker)" section');
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.split('\n').filter((line) => line.trim() !== ''));
}

/** This tree as a fresh clone has it (tracked and new files, nothing ignored). */
function copyOfTree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cexgw-compose-'));
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    mkdirSync(join(dir, dirname(file)), { recursive: true });
    cpSync(join(REPO_ROOT, file), join(dir, file), { verbatimSymlinks: true });
  }
  return dir;
}

describe.skipIf(skipReason !== '')(`docker compose --profile sim, as the README says${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const compose = composeCommand() ?? ['docker-compose'];
  const [readmeUp, readmeTry] = readmeDockerBlocks();
  let workdir = '';
  let grpcurlDir = '';
  let tlsCert: Buffer;
  let token = '';
  const clients: grpc.Client[] = [];

  /** Runs README lines in bash, in the copy; `docker-compose` means Compose v2 where only that exists. */
  const runLines = (lines: readonly string[]) => {
    const prelude = compose[0] === 'docker' ? 'docker-compose() { docker compose "$@"; }\n' : '';
    const run = spawnSync('bash', ['-c', `set -euo pipefail\n${prelude}${lines.join('\n')}`], {
      cwd: workdir,
      encoding: 'utf8',
      timeout: 900_000,
      env: { ...process.env, COMPOSE_PROJECT_NAME: COMPOSE_PROJECT, PATH: `${grpcurlDir}:${process.env.PATH}` },
    });
    if (run.status !== 0) throw new Error(`README lines failed (${run.status}):\n${lines.join('\n')}\n--- output:\n${run.stdout}\n${run.stderr}`.slice(-8_000));
    return run.stdout;
  };
  /** Compose in the README's shell: its project, and the base image it exported. */
  const composeRun = (args: string[]) =>
    execFileSync(compose[0]!, [...compose.slice(1), ...args], {
      cwd: workdir,
      encoding: 'utf8',
      env: { ...process.env, COMPOSE_PROJECT_NAME: COMPOSE_PROJECT, CEXGW_NODE_IMAGE: inject('nodeImage') },
      timeout: 300_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const allContainers = () => composeContainers();

  beforeAll(async () => {
    const taken = await portsTaken();
    if (taken.length > 0) throw new Error(`the compose file publishes ports already in use on 127.0.0.1: ${taken.join(', ')} (npm start, or a stack of your own?)`);
    expect(readmeUp, 'the README Docker section has its bring-up block').toBeDefined();
    expect(readmeTry, 'the README Docker section has its try-it block').toBeDefined();
    const grpcurl = ensureGrpcurl();
    if (!grpcurl.path) throw new Error(`grpcurl is needed for the README's command: ${grpcurl.reason}`);
    grpcurlDir = dirname(grpcurl.path);
    workdir = copyOfTree();
    runLines(readmeUp!);
    tlsCert = readFileSync(join(workdir, 'secrets', 'tls.crt'));
    token = readFileSync(join(workdir, 'secrets', 'client_tokens'), 'utf8').trim();
  });

  afterAll(() => {
    for (const client of clients) client.close();
    if (workdir && labelledResources().containers.length > 0) composeRun(['--profile', 'sim', 'down', '-v', '--remove-orphans']);
  });

  const tracked = <T extends grpc.Client>(client: T): T => {
    clients.push(client);
    return client;
  };

  it(`the compose file passes \`${compose.join(' ')} config\``, () => {
    composeRun(['--profile', 'sim', 'config', '-q']);
  });

  it('brings up every container healthy (three per venue id), ports published on 127.0.0.1 only', async () => {
    await waitHealthy(allContainers, CONTAINERS);
    const services = allContainers().map((id) => docker(['inspect', '--format', '{{index .Config.Labels "com.docker.compose.service"}}', id]).trim());
    const expected = VENUES.flatMap(({ venue }) => ['market-data-', 'trading-', ''].map((role) => `${role}${venue.replace('_', '-')}${role ? '' : '-sim'}`));
    expect(services.sort()).toEqual(expected.sort());
    const bindings = allContainers().flatMap((id) =>
      Object.values(JSON.parse(docker(['inspect', '--format', '{{json .NetworkSettings.Ports}}', id])) as Record<string, Array<{ HostIp: string }> | null>),
    );
    const hostIps = new Set(bindings.flatMap((b) => (b ?? []).map((binding) => binding.HostIp)));
    expect([...hostIps]).toEqual(['127.0.0.1']);
  });

  it("answers the README's commands: compose ps, grpcurl over TLS with the token, /metrics", () => {
    const output = runLines(readmeTry!);
    expect(output.match(/Up \(healthy\)/g)).toHaveLength(CONTAINERS);
    expect(output).toMatch(/"asset": "USDT"/); // GetFuturesBalance's margin account
    expect(output).toContain('cexgw_stream_subscribers');
  });

  it.each(VENUES)('$venue market data: a book snapshot streamed through 127.0.0.1:$marketData', async ({ marketData }) => {
    const client = tracked(marketDataAt(marketData));
    const first = await firstMessage<any>(client, 'StreamOrderBook', { symbol: BTC });
    expect(first).toMatchObject({ reset: true, sequence: '1' });
    expect(first.bids.length).toBeGreaterThan(0);
    expect(first.asks.length).toBeGreaterThan(0);
    expect(compareDecimal(first.bids[0].price, first.asks[0].price)).toBe(-1); // a book, not a crossed one
  });

  it.each(VENUES)('$venue trading over TLS with the token: place, read and cancel an order', async ({ venue, marketData, trading }) => {
    const book = await unary<any>(tracked(marketDataAt(marketData)), 'GetOrderBook', { symbol: BTC, depth: 1 });
    const price = scalePrice(book.bids[0].price, 9n, 10n); // 10% under the best bid: rests
    const { trading: client, futures } = tradingAt(trading, tlsCert, token);
    tracked(client);
    tracked(futures);
    const clientOrderId = `ct${RUN}${venue.replace('_', '')}`.slice(0, 28);
    // A binance_usdm contract is 0.001 BTC and an order is worth at least 100 USDT there.
    const placed =
      venue === 'gateio_futures' || venue === 'binance_usdm'
        ? (
            await unary<any>(futures, 'PlaceFuturesOrder', {
              symbol: BTC,
              side: 'SIDE_BUY',
              type: 'ORDER_TYPE_LIMIT',
              price,
              contracts: venue === 'binance_usdm' ? '2' : '1',
              client_order_id: clientOrderId,
            })
          ).order
        : await unary<any>(client, 'PlaceOrder', { symbol: BTC, side: 'SIDE_BUY', type: 'ORDER_TYPE_LIMIT', price, quantity: '0.001', client_order_id: clientOrderId });
    expect(placed.client_order_id).toBe(clientOrderId);
    expect(compareDecimal(placed.price, price)).toBe(0);
    const read = await unary<any>(client, 'GetOrder', { symbol: BTC, client_order_id: clientOrderId });
    expect(read).toMatchObject({ order_id: placed.order_id, status: 'ORDER_STATUS_OPEN' });
    const cancelled = await unary<any>(client, 'CancelOrder', { symbol: BTC, order_id: placed.order_id });
    expect(cancelled.status).toBe('ORDER_STATUS_CANCELLED');
  });

  it.each(VENUES)('$venue: Prometheus /metrics from both services', async ({ venue, metrics }) => {
    for (const [port, role] of [
      [metrics[0], 'market-data'],
      [metrics[1], 'trading'],
    ] as const) {
      const exposition = await scrape(`127.0.0.1:${port}`);
      expect(exposition.has('cexgw_venue_up', { venue, role }), `${role} ${venue}`).toBe(true);
      expect(exposition.value('cexgw_venue_up', { venue, role })).toBe(1);
    }
  });

  it('a killed trading container comes back (compose up; restart policy) and its fill stream resumes from the cursor: nothing lost or doubled', async () => {
    const service = 'trading-gateio-spot';
    const sim = async <T>(path: string, body?: object): Promise<T> => {
      const response = await fetch(`${GATE_SPOT_SIM}/${path}`, body ? { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {});
      if (!response.ok) throw new Error(`sim ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const apiKey = readFileSync(join(workdir, 'secrets', 'gateio_spot_api_key'), 'utf8').trim();
    const venueFills = async () => (await sim<{ fills: Array<{ orderId: string; quantity: string }> }>(`fills?apiKey=${apiKey}`)).fills;
    const connect = () => {
      const { trading } = tradingAt(50062, tlsCert, token);
      return tracked(trading);
    };
    const cross = (quantity: string) => sim('cross', { symbol: 'BTC_USDT', side: 'sell', quantity });

    await sim('flow', { paused: true }); // our bid stays first in line for the sells below
    const top = await sim<{ bids: Array<[string, string]>; asks: Array<[string, string]> }>('book?currency_pair=BTC_USDT&depth=1');
    const [bid, bidQuantity] = top.bids[0]!;
    const improves = compareDecimal(oneTickAbove(bid), top.asks[0]![0]) < 0;
    let client = connect();
    const clientOrderId = `ct${RUN}fills`;
    const order = await unary<any>(client, 'PlaceOrder', {
      symbol: BTC,
      side: 'SIDE_BUY',
      type: 'ORDER_TYPE_LIMIT',
      price: improves ? oneTickAbove(bid) : bid,
      quantity: '0.01',
      client_order_id: clientOrderId,
    });
    if (!improves) await cross(bidQuantity); // the orders ahead of ours at the best bid: ours is next
    const ours = async () => (await venueFills()).filter((f) => String(f.orderId) === order.order_id);

    let stream = followFills(client, '0');
    await cross('0.002');
    await until('the first fill on the stream', () => stream.fills.length === 1, 30_000);
    let cursor = stream.fills[0]!.cursor;
    stream.close();
    const delivered: StreamedFill[] = [...stream.fills];

    // 1: `docker kill`, a fill at the venue while the service is down, then compose starts it again.
    const journalVolume = (id: string) => docker(['inspect', '--format', '{{range .Mounts}}{{if eq .Destination "/data"}}{{.Name}}{{end}}{{end}}', id]).trim();
    const [killed] = composeContainers(service);
    const volume = journalVolume(killed!);
    expect(volume).toBe(`${COMPOSE_PROJECT}_journal-gateio-spot`);
    docker(['kill', killed!]);
    expect(inspectHealth([killed!])[0]!.status).toBe('exited');
    await cross('0.003');
    composeRun(['--profile', 'sim', 'up', '-d']);
    await waitHealthy(allContainers, CONTAINERS);
    const [container] = composeContainers(service);
    expect(journalVolume(container!)).toBe(volume);
    client = connect();
    stream = followFills(client, cursor);
    await until('the fill made while the container was down', () => stream.fills.length === 1, 60_000);

    // 2: the process dies (SIGKILL from outside, as a crash), and the engine's restart policy restarts it.
    await cross('0.001');
    await until('the fill made while connected', () => stream.fills.length === 2, 30_000);
    cursor = stream.fills.at(-1)!.cursor;
    delivered.push(...stream.fills);
    stream.close();
    const before = inspectHealth([container!])[0]!;
    process.kill(before.pid, 'SIGKILL');
    await cross('0.002');
    await until('the restart policy restarting it', () => inspectHealth([container!])[0]!.restarts > before.restarts, 60_000);
    await waitHealthy(allContainers, CONTAINERS);
    client = connect();
    stream = followFills(client, cursor);
    await until('the fill made while the process was dead', () => stream.fills.length === 1, 60_000);
    delivered.push(...stream.fills);
    stream.close();

    // Every fill the venue made for our order, delivered exactly once across the four streams, and
    // the journal on the volume replays exactly those.
    const venue = await ours();
    const quantities = (fills: Array<{ quantity: string }>) => fills.map((f) => f.quantity);
    const same = (a: string[], b: string[]) => a.length === b.length && a.every((q, i) => compareDecimal(q, b[i]!) === 0);
    expect(same(quantities(venue), ['0.002', '0.003', '0.001', '0.002']), `venue fills ${quantities(venue).join(', ')}`).toBe(true);
    expect(same(quantities(delivered), quantities(venue)), `streamed fills ${quantities(delivered).join(', ')}`).toBe(true);
    expect(new Set(delivered.map((f) => f.fill_id)).size).toBe(4);
    expect(new Set(delivered.map((f) => f.cursor)).size).toBe(4);
    const replay = followFills(client, '0');
    await until('the journal replayed', () => replay.fills.filter((f) => f.client_order_id === clientOrderId).length >= 4, 30_000);
    expect(replay.fills.filter((f) => f.client_order_id === clientOrderId).map((f) => f.fill_id)).toEqual(delivered.map((f) => f.fill_id));
    replay.close();

    const rest = await unary<any>(client, 'CancelOrder', { symbol: BTC, order_id: order.order_id });
    expect(rest.status).toBe('ORDER_STATUS_CANCELLED');
    expect(compareDecimal(rest.filled_quantity, '0.008')).toBe(0);
    await sim('flow', { paused: false });
  });

  it('docker compose down -v leaves no containers, networks or volumes', () => {
    composeRun(['--profile', 'sim', 'down', '-v', '--remove-orphans']);
    expect(labelledResources()).toEqual({ containers: [], networks: [], volumes: [] });
  });
});
