#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { parseBalanceList } from './common/accounts-defaults.js';
import type { AccountSpec } from './engine/index.js';
import { isSimulatedVenue, SIMULATED_VENUES, type StartedSim } from './venues.js';

/**
 * node libs/venue-sim/dist/cli.js --venue gateio_spot --port 0 --seed 42 --symbols BTC_USDT,ETH_USDT
 * node libs/venue-sim/dist/cli.js --venue gateio_futures --port 0 --seed 42 --symbols BTC_USDT,ETH_USDT --funding-interval-ms 60000
 * node libs/venue-sim/dist/cli.js --venue mexc_spot --port 0 --seed 42 --symbols BTCUSDT,ETHUSDT
 * node libs/venue-sim/dist/cli.js --venue binance_spot --port 0 --seed 42 --symbols BTCUSDT,ETHUSDT
 * node libs/venue-sim/dist/cli.js --venue binance_usdm --port 0 --seed 42 --symbols BTCUSDT,ETHUSDT --funding-interval-ms 60000
 * Trading: --api-key KEY:SECRET (repeatable; default: the venue's documented test key), --balances USDT=100000,BTC=2,
 * --maker-fee 0.001 --taker-fee 0.002.
 * Prints one JSON line {"venue","restBaseUrl","wsUrl","port","controlUrl","apiKey","apiSecret"} once listening;
 * exits on SIGTERM/SIGINT.
 */

function fail(message: string): never {
  process.stderr.write(`venue-sim: ${message}\n`);
  process.exit(2);
}

function intArg(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a non-negative integer`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      venue: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '0' },
      seed: { type: 'string' },
      symbols: { type: 'string' },
      'flow-rate': { type: 'string' },
      'push-interval-ms': { type: 'string' },
      paused: { type: 'boolean', default: false },
      'no-subscription-timeout-ms': { type: 'string' },
      'no-data-timeout-ms': { type: 'string' },
      'max-connection-age-ms': { type: 'string' },
      'api-key': { type: 'string', multiple: true },
      balances: { type: 'string' },
      'maker-fee': { type: 'string' },
      'taker-fee': { type: 'string' },
      'listen-key-ttl-ms': { type: 'string' },
      'funding-interval-ms': { type: 'string' },
      'liquidation-interval-ms': { type: 'string' },
      'index-tick-ms': { type: 'string' },
      'ticker-interval-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      `usage: cli.js --venue ${Object.keys(SIMULATED_VENUES).join('|')} [--host 127.0.0.1] [--port 0] [--seed N] [--symbols A_B,C_D | ABCD,EFGH] [--flow-rate N] [--push-interval-ms N] [--paused]\n` +
        '       trading: [--api-key KEY:SECRET]... [--balances USDT=100000,BTC=2] [--maker-fee 0.001] [--taker-fee 0.002]\n' +
        '       gateio_futures only: [--funding-interval-ms N] [--liquidation-interval-ms N] (0 = only via /__sim/liquidate) [--index-tick-ms N] (0 = index premium fixed) [--ticker-interval-ms N]\n' +
        "       gateio_futures trading: accounts start with --balances USDT=... (default 100000 USDT) at 10x isolated leverage; fees are the contracts' (maker -0.01 %, taker 0.075 %)\n" +
        '       mexc_spot only: [--no-subscription-timeout-ms N] [--no-data-timeout-ms N] [--max-connection-age-ms N] (0 = never) [--listen-key-ttl-ms N]\n' +
        '       binance_spot, binance_usdm: [--max-connection-age-ms N] (venue 24 h); binance_usdm also [--funding-interval-ms N] [--liquidation-interval-ms N] [--index-tick-ms N] [--listen-key-ttl-ms N]\n',
    );
    return;
  }
  const venue = values.venue ?? 'gateio_spot';
  if (!isSimulatedVenue(venue)) fail(`unknown --venue ${venue}; supported: ${Object.keys(SIMULATED_VENUES).join(', ')}`);

  let initialBalances: Record<string, string> | undefined;
  try {
    initialBalances = values.balances === undefined ? undefined : parseBalanceList(values.balances);
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  const apiKeys: AccountSpec[] = (values['api-key'] ?? []).map((pair) => {
    const i = pair.indexOf(':');
    if (i <= 0 || i === pair.length - 1) fail(`--api-key must be KEY:SECRET, got ${JSON.stringify(pair)}`);
    return { apiKey: pair.slice(0, i), apiSecret: pair.slice(i + 1) };
  });
  const fee = (name: string, v: string | undefined) => {
    if (v !== undefined && !/^\d+(\.\d+)?$/.test(v)) fail(`--${name} must be a fraction such as 0.001`);
    return v;
  };

  const common = {
    host: values.host,
    port: intArg('port', values.port),
    seed: intArg('seed', values.seed),
    symbols: values.symbols
      ? values.symbols
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined,
    flowRatePerSec: intArg('flow-rate', values['flow-rate']),
    pushIntervalMs: intArg('push-interval-ms', values['push-interval-ms']),
    flowPaused: values.paused,
    apiKeys: apiKeys.length > 0 ? apiKeys : undefined,
    initialBalances,
    makerFeeRate: fee('maker-fee', values['maker-fee']),
    takerFeeRate: fee('taker-fee', values['taker-fee']),
  };
  // Each venue's own switches; the others are the common options every simulator takes.
  const extras: Record<string, object> = {
    mexc_spot: {
      noSubscriptionTimeoutMs: intArg('no-subscription-timeout-ms', values['no-subscription-timeout-ms']),
      noDataTimeoutMs: intArg('no-data-timeout-ms', values['no-data-timeout-ms']),
      maxConnectionAgeMs: intArg('max-connection-age-ms', values['max-connection-age-ms']),
      listenKeyTtlMs: intArg('listen-key-ttl-ms', values['listen-key-ttl-ms']),
    },
    gateio_futures: {
      // Fees are the contracts' own.
      makerFeeRate: undefined,
      takerFeeRate: undefined,
      fundingIntervalMs: values['funding-interval-ms'] === undefined ? undefined : Math.max(1, intArg('funding-interval-ms', values['funding-interval-ms']) as number),
      liquidationIntervalMs: intArg('liquidation-interval-ms', values['liquidation-interval-ms']),
      indexTickMs: intArg('index-tick-ms', values['index-tick-ms']),
      tickerIntervalMs: values['ticker-interval-ms'] === undefined ? undefined : Math.max(1, intArg('ticker-interval-ms', values['ticker-interval-ms']) as number),
    },
    binance_spot: {
      maxConnectionAgeMs: intArg('max-connection-age-ms', values['max-connection-age-ms']),
    },
    binance_usdm: {
      // Fees are the contracts' own.
      makerFeeRate: undefined,
      takerFeeRate: undefined,
      maxConnectionAgeMs: intArg('max-connection-age-ms', values['max-connection-age-ms']),
      fundingIntervalMs: values['funding-interval-ms'] === undefined ? undefined : Math.max(1, intArg('funding-interval-ms', values['funding-interval-ms']) as number),
      liquidationIntervalMs: intArg('liquidation-interval-ms', values['liquidation-interval-ms']),
      indexTickMs: intArg('index-tick-ms', values['index-tick-ms']),
      listenKeyTtlMs: intArg('listen-key-ttl-ms', values['listen-key-ttl-ms']),
    },
  };
  const start = SIMULATED_VENUES[venue] as (options: object) => Promise<StartedSim>;
  const sim = await start({ ...common, ...extras[venue] });
  process.stdout.write(
    `${JSON.stringify({ venue: sim.venue, restBaseUrl: sim.restBaseUrl, wsUrl: sim.wsUrl, port: sim.port, controlUrl: sim.controlUrl, apiKey: sim.apiKey, apiSecret: sim.apiSecret })}\n`,
  );

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
