#!/usr/bin/env node
// `npm start`: the embedded demo. Starts the simulated venues on loopback, then each gateway
// service as its own process pointed at them, waits until every service reports SERVING, and
// prints grpcurl commands that work as printed. Ctrl-C stops everything.
//
// Flags: --port-base N (the default ports of libs/grpc/src/default-ports.ts, moved so that they
// start at N instead of 50050), --seed N.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, createWriteStream, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import { loadPackageDefinition } from '@cexgw/grpc';
import { DEFAULT_PORT_BASE, defaultAddress } from '@cexgw/grpc/ports';
import { startBinanceSpotSim, startBinanceUsdmSim, startGateioFuturesSim, startGateioSpotSim, startMexcSpotSim } from '@cexgw/venue-sim';

const root = fileURLToPath(new URL('..', import.meta.url));
const arg = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const portBase = Number(arg('port-base', process.env.CEXGW_PORT_BASE ?? DEFAULT_PORT_BASE));
const seed = Number(arg('seed', 42));
const logDir = `${root}.cexgw/logs`;
mkdirSync(logDir, { recursive: true });

const sims = [];
const children = [];

async function main() {
  const mexcSpot = await startMexcSpotSim({ seed, symbols: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'] });
  sims.push(mexcSpot);
  const gateSpot = await startGateioSpotSim({ seed, symbols: ['BTC_USDT', 'ETH_USDT', 'SOL_USDT'] });
  sims.push(gateSpot);
  // Funding every minute (the venue: every 8 h) so the demo shows it being applied.
  const gateFutures = await startGateioFuturesSim({ seed, symbols: ['BTC_USDT', 'ETH_USDT', 'SOL_USDT'], fundingIntervalMs: 60_000 });
  sims.push(gateFutures);
  const binanceSpot = await startBinanceSpotSim({ seed, symbols: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'] });
  sims.push(binanceSpot);
  const binanceUsdm = await startBinanceUsdmSim({ seed, symbols: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'], fundingIntervalMs: 60_000 });
  sims.push(binanceUsdm);

  // A fresh gateway token per run, printed below: the trading services refuse calls without it.
  const token = randomBytes(18).toString('base64url');
  // The simulated venues start empty every run, so the journals of earlier runs describe orders
  // and fills that no longer exist: start from empty journals too.
  const journalDir = `${root}.cexgw/journal`;
  rmSync(journalDir, { recursive: true, force: true });
  mkdirSync(journalDir, { recursive: true });
  const tradingEnv = (venue, sim) => {
    const prefix = `CEXGW_${venue.toUpperCase()}_`;
    return {
      CEXGW_VENUE: venue,
      [`${prefix}REST_URL`]: sim.restBaseUrl,
      [`${prefix}WS_URL`]: sim.wsUrl,
      // The simulator's published test account: never a real key.
      [`${prefix}API_KEY`]: sim.apiKey,
      [`${prefix}API_SECRET`]: sim.apiSecret,
      CEXGW_CLIENT_TOKENS: token,
      CEXGW_JOURNAL_PATH: `${journalDir}/${venue}-journal.sqlite`,
    };
  };

  const services = [
    {
      name: 'market-data mexc_spot',
      entry: 'services/market-data/dist/main.js',
      address: defaultAddress('mexc_spot', 'marketData', portBase),
      env: { CEXGW_VENUE: 'mexc_spot', CEXGW_MEXC_SPOT_REST_URL: mexcSpot.restBaseUrl, CEXGW_MEXC_SPOT_WS_URL: mexcSpot.wsUrl },
    },
    {
      name: 'market-data gateio_spot',
      entry: 'services/market-data/dist/main.js',
      address: defaultAddress('gateio_spot', 'marketData', portBase),
      env: { CEXGW_VENUE: 'gateio_spot', CEXGW_GATEIO_SPOT_REST_URL: gateSpot.restBaseUrl, CEXGW_GATEIO_SPOT_WS_URL: gateSpot.wsUrl },
    },
    {
      name: 'market-data gateio_futures',
      entry: 'services/market-data/dist/main.js',
      address: defaultAddress('gateio_futures', 'marketData', portBase),
      env: { CEXGW_VENUE: 'gateio_futures', CEXGW_GATEIO_FUTURES_REST_URL: gateFutures.restBaseUrl, CEXGW_GATEIO_FUTURES_WS_URL: gateFutures.wsUrl },
    },
    { name: 'trading mexc_spot', entry: 'services/trading/dist/main.js', address: defaultAddress('mexc_spot', 'trading', portBase), env: tradingEnv('mexc_spot', mexcSpot) },
    { name: 'trading gateio_spot', entry: 'services/trading/dist/main.js', address: defaultAddress('gateio_spot', 'trading', portBase), env: tradingEnv('gateio_spot', gateSpot) },
    { name: 'trading gateio_futures', entry: 'services/trading/dist/main.js', address: defaultAddress('gateio_futures', 'trading', portBase), env: tradingEnv('gateio_futures', gateFutures) },
    ...[
      ['binance_spot', binanceSpot],
      ['binance_usdm', binanceUsdm],
    ].map(([venue, sim]) => ({
      name: `market-data ${venue}`,
      entry: 'services/market-data/dist/main.js',
      address: defaultAddress(venue, 'marketData', portBase),
      env: { CEXGW_VENUE: venue, [`CEXGW_${venue.toUpperCase()}_REST_URL`]: sim.restBaseUrl, [`CEXGW_${venue.toUpperCase()}_WS_URL`]: sim.wsUrl },
    })),
    { name: 'trading binance_spot', entry: 'services/trading/dist/main.js', address: defaultAddress('binance_spot', 'trading', portBase), env: tradingEnv('binance_spot', binanceSpot) },
    { name: 'trading binance_usdm', entry: 'services/trading/dist/main.js', address: defaultAddress('binance_usdm', 'trading', portBase), env: tradingEnv('binance_usdm', binanceUsdm) },
  ];
  for (const service of services) children.push(startService(service));
  await Promise.all(services.map((service) => waitServing(service)));

  const mexcMd = services[0].address;
  const md = services[1].address;
  const futuresMd = services[2].address;
  const gateTrading = services[4].address;
  const futuresTrading = services[5].address;
  const [binanceMd, usdmMd, binanceTrading, usdmTrading] = services.slice(6).map((service) => service.address);
  const auth = `-H 'authorization: Bearer ${token}'`;
  // A buy a little above the best ask fills at once against the simulated book.
  const top = await (await fetch(`${gateSpot.restBaseUrl}/spot/order_book?currency_pair=BTC_USDT&limit=1`)).json();
  const buyPrice = (Number(top.asks[0][0]) + 50).toFixed(1);
  const btc = `'{"symbol":{"base":"BTC","quote":"USDT"}}'`;
  console.log(`
cex-gateway is running on simulated venues (no keys, no internet). Logs: ${logDir}

  simulated MEXC spot      REST ${mexcSpot.restBaseUrl}   WS ${mexcSpot.wsUrl}
  simulated Gate.io spot   REST ${gateSpot.restBaseUrl}   WS ${gateSpot.wsUrl}
  simulated Gate.io USDT futures   REST ${gateFutures.restBaseUrl}/futures/usdt   WS ${gateFutures.wsUrl}
  simulated Binance spot   REST ${binanceSpot.restBaseUrl}/api/v3   WS ${binanceSpot.wsUrl}
  simulated Binance USDⓈ-M REST ${binanceUsdm.restBaseUrl}/fapi   WS ${binanceUsdm.wsUrl}
  market-data mexc_spot    ${mexcMd}
  market-data gateio_spot  ${md}
  market-data gateio_futures ${futuresMd}
  market-data binance_spot ${binanceMd}
  market-data binance_usdm ${usdmMd}
  Prometheus metrics (gRPC port + 1000): ${services.map((s) => `http://127.0.0.1:${Number(s.address.split(':')[1]) + 1000}/metrics`).join(' ')}

Try (grpcurl needs no .proto files: the services serve reflection):

grpcurl -plaintext ${md} list
grpcurl -plaintext ${md} grpc.health.v1.Health/Check
grpcurl -plaintext -d '{"quote":"USDT"}' ${md} cexgw.v1.MarketData/ListSymbols
grpcurl -plaintext -d '{"symbol":{"base":"BTC","quote":"USDT"},"depth":5}' ${md} cexgw.v1.MarketData/GetOrderBook
grpcurl -plaintext -d ${btc} ${md} cexgw.v1.MarketData/GetTicker
grpcurl -plaintext -d '{"symbol":{"base":"BTC","quote":"USDT"},"limit":5}' ${md} cexgw.v1.MarketData/GetRecentTrades
grpcurl -plaintext -d ${btc} ${md} cexgw.v1.MarketData/StreamOrderBook
grpcurl -plaintext -d '{"symbols":[{"base":"BTC","quote":"USDT"}]}' ${md} cexgw.v1.MarketData/StreamTrades
grpcurl -plaintext ${md} cexgw.v1.Diagnostics/GetMetrics

MEXC spot (protobuf websocket behind the same API):

grpcurl -plaintext -d ${btc} ${mexcMd} cexgw.v1.MarketData/StreamOrderBook
grpcurl -plaintext -d '{"symbol":{"base":"BTC","quote":"USDT"},"depth":5}' ${mexcMd} cexgw.v1.MarketData/GetOrderBook
grpcurl -plaintext ${mexcMd} cexgw.v1.Diagnostics/GetHealth

Gate.io USDT perpetuals (sizes in base units; contracts and funding on FuturesMarketData):

grpcurl -plaintext ${futuresMd} cexgw.v1.FuturesMarketData/ListContracts
grpcurl -plaintext -d ${btc} ${futuresMd} cexgw.v1.FuturesMarketData/GetFundingRate
grpcurl -plaintext -d ${btc} ${futuresMd} cexgw.v1.MarketData/StreamOrderBook
grpcurl -plaintext -d '{"symbols":[{"base":"BTC","quote":"USDT"}]}' ${futuresMd} cexgw.v1.FuturesMarketData/StreamMarkPrices

Trading (simulated accounts; gateway token for this run: ${token}):

  trading mexc_spot        ${services[3].address}
  trading gateio_spot      ${gateTrading}
  trading gateio_futures   ${futuresTrading}
  trading binance_spot     ${binanceTrading}
  trading binance_usdm     ${usdmTrading}

grpcurl -plaintext ${auth} ${gateTrading} cexgw.v1.Trading/GetBalances
grpcurl -plaintext ${auth} -d '{"symbol":{"base":"BTC","quote":"USDT"},"side":"SIDE_BUY","type":"ORDER_TYPE_LIMIT","quantity":"0.001","price":"${buyPrice}","client_order_id":"demo-${Date.now()}"}' ${gateTrading} cexgw.v1.Trading/PlaceOrder
grpcurl -plaintext ${auth} -d '{"symbol":{"base":"BTC","quote":"USDT"}}' ${gateTrading} cexgw.v1.Trading/ListOpenOrders
grpcurl -plaintext ${auth} -d '{"after_cursor":"0"}' ${gateTrading} cexgw.v1.Trading/StreamFills

Gate.io USDT perpetuals: set leverage, open a long of 10 contracts (0.001 BTC), watch positions and funding, close it:

grpcurl -plaintext ${auth} -d '{"symbol":{"base":"BTC","quote":"USDT"},"leverage":10,"margin_mode":"MARGIN_MODE_ISOLATED"}' ${futuresTrading} cexgw.v1.FuturesTrading/SetLeverage
grpcurl -plaintext ${auth} -d '{"symbol":{"base":"BTC","quote":"USDT"},"side":"SIDE_BUY","type":"ORDER_TYPE_MARKET","contracts":"10","client_order_id":"open-${Date.now()}"}' ${futuresTrading} cexgw.v1.FuturesTrading/PlaceFuturesOrder
grpcurl -plaintext ${auth} -d '{}' ${futuresTrading} cexgw.v1.FuturesTrading/StreamPositions
grpcurl -plaintext -d '{"symbols":[{"base":"BTC","quote":"USDT"}]}' ${futuresMd} cexgw.v1.FuturesMarketData/StreamFundingRates
grpcurl -plaintext ${auth} -d '{"symbol":{"base":"BTC","quote":"USDT"},"client_order_id":"close-${Date.now()}"}' ${futuresTrading} cexgw.v1.FuturesTrading/ClosePosition
grpcurl -plaintext ${auth} ${futuresTrading} cexgw.v1.FuturesTrading/GetFuturesBalance

Binance spot and USDⓈ-M perpetuals (a binance_usdm contract is one LOT_SIZE step: 0.001 BTC):

grpcurl -plaintext -d '{"symbol":{"base":"BTC","quote":"USDT"},"depth":5}' ${binanceMd} cexgw.v1.MarketData/GetOrderBook
grpcurl -plaintext -d ${btc} ${binanceMd} cexgw.v1.MarketData/StreamOrderBook
grpcurl -plaintext ${auth} ${binanceTrading} cexgw.v1.Trading/GetBalances
grpcurl -plaintext ${usdmMd} cexgw.v1.FuturesMarketData/ListContracts
grpcurl -plaintext -d ${btc} ${usdmMd} cexgw.v1.FuturesMarketData/GetMarkPrice
grpcurl -plaintext ${auth} -d '{"symbol":{"base":"BTC","quote":"USDT"}}' ${usdmTrading} cexgw.v1.FuturesTrading/GetPositions
grpcurl -plaintext ${auth} ${usdmTrading} cexgw.v1.FuturesTrading/GetFuturesBalance

Press Ctrl-C to stop.
`);
}

function startService({ name, entry, address, env }) {
  const log = createWriteStream(`${logDir}/${name.replace(/\s+/g, '-')}.log`, { flags: 'a' });
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    // V8's young generation by role (the README's "Memory and GC"): 8 MB where messages stream by
    // the thousand a second, 1 MB for trading.
    env: { NODE_OPTIONS: entry.includes('market-data') ? '--max-semi-space-size=8' : '--max-semi-space-size=1', ...process.env, CEXGW_GRPC_ADDRESS: address, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); see ${logDir}`);
      void stop(1);
    }
  });
  return child;
}

async function waitServing({ name, address }) {
  const loaded = grpc.loadPackageDefinition(loadPackageDefinition());
  // Poll eagerly: grpc-js backs off ~1 s after a refused connection by default.
  const client = new loaded.grpc.health.v1.Health(address, grpc.credentials.createInsecure(), { 'grpc.initial_reconnect_backoff_ms': 10, 'grpc.max_reconnect_backoff_ms': 50 });
  const deadline = Date.now() + 30_000;
  try {
    while (Date.now() < deadline) {
      const status = await new Promise((resolve) => client.Check({ service: '' }, { deadline: Date.now() + 1000 }, (error, response) => resolve(error ? undefined : response.status)));
      if (status === 'SERVING') return;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    client.close();
  }
  throw new Error(`${name} did not become SERVING on ${address}; see ${logDir}`);
}

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', resolve);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        }),
    ),
  );
  await Promise.all(sims.map((sim) => sim.close()));
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
main().catch((error) => {
  console.error(error);
  void stop(1);
});
