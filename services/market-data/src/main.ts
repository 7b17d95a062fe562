#!/usr/bin/env node
import { pino } from 'pino';
import { createExchangeFactory, isFuturesPublicExchange } from '@cexgw/adapters';
import {
  createGatewayServer,
  diagnosticsHandlers,
  loadCexgw,
  parseMetricsSetting,
  serveMetrics,
  setServing,
  startVenueWithRetry,
  StreamStatsRegistry,
  withPreEncodedBookUpdates,
  type DiagnosticsSource,
  type MetricsServer,
  type MetricsSetting,
} from '@cexgw/grpc';
import { loadConfig, type MarketDataConfig } from './config.js';
import { futuresMarketDataHandlers } from './futures-market-data-service.js';
import { marketDataHandlers } from './market-data-service.js';

let config: MarketDataConfig;
let metricsSetting: MetricsSetting;
try {
  config = loadConfig(process.env, process.argv);
  metricsSetting = parseMetricsSetting(process.env.CEXGW_METRICS_ADDRESS);
} catch (error) {
  // Exit code 2: a configuration the service cannot start with (as the trading service).
  pino({ level: process.env.LOG_LEVEL || 'info', base: { service: 'market-data' } }).fatal({ exitCode: 2 }, (error as Error).message);
  process.exit(2);
}
const logger = pino({ level: config.logLevel, base: { service: 'market-data', venue: config.venue } });
const exchange = createExchangeFactory().createPublic(config.venue, { ...config.venueConfig, logger });
const streams = new StreamStatsRegistry();
const proto = loadCexgw();
const gateway = createGatewayServer();
let ready = false;
const serviceNames = isFuturesPublicExchange(exchange) ? ['cexgw.v1.MarketData', 'cexgw.v1.FuturesMarketData'] : ['cexgw.v1.MarketData'];

gateway.server.addService(withPreEncodedBookUpdates(proto.MarketData.service), marketDataHandlers({ exchange, streams, queueCapacity: config.streamQueueCapacity, isReady: () => ready }));
// Futures venues also serve FuturesMarketData, so `grpcurl list` shows what a process offers.
if (isFuturesPublicExchange(exchange)) {
  gateway.server.addService(proto.FuturesMarketData.service, futuresMarketDataHandlers({ exchange, streams, isReady: () => ready }));
}
const diagnostics: DiagnosticsSource = {
  venue: exchange.venue,
  role: 'market-data',
  metrics: exchange.metrics,
  symbols: exchange.symbols,
  streams,
  health: () => exchange.health(),
  isReady: () => ready,
};
gateway.server.addService(proto.Diagnostics.service, diagnosticsHandlers(diagnostics));
setServing(gateway, false, serviceNames);

const port = await gateway.listen(config.address);
logger.info({ address: config.address, port }, 'market-data listening');
let metricsServer: MetricsServer | undefined;
try {
  metricsServer = await serveMetrics(diagnostics, metricsSetting, port, logger);
} catch (error) {
  logger.fatal({ err: (error as Error).message }, 'metrics endpoint failed to start');
  process.exit(2);
}

/** Loads the venue's symbols, retrying until the venue answers; the process serves NOT_SERVING meanwhile. */
async function startAdapter(): Promise<void> {
  if (!(await startVenueWithRetry({ start: () => exchange.start(), isStopping: () => shuttingDown, logger }))) return;
  ready = true;
  setServing(gateway, true, serviceNames);
  logger.info({ symbols: exchange.listSymbols().length }, 'venue ready: SERVING');
}

let shuttingDown = false;
async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, 'shutting down');
  setServing(gateway, false, serviceNames);
  await Promise.all([gateway.shutdown(3_000), metricsServer?.close()]);
  await exchange.close();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('unhandledRejection', (reason) => logger.error({ err: String(reason) }, 'unhandled rejection (kept running)'));

void startAdapter();
