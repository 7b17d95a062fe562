#!/usr/bin/env node
import { pino } from 'pino';
import { createExchangeFactory, isFuturesPublicExchange, reconnectDelayMs, sleep } from '@cexgw/adapters';
import {
  createGatewayServer,
  diagnosticsHandlers,
  loadCexgw,
  parseMetricsSetting,
  serveMetrics,
  StreamStatsRegistry,
  withPreEncodedBookUpdates,
  type DiagnosticsSource,
  type MetricsServer,
} from '@cexgw/grpc';
import { loadConfig } from './config.js';
import { futuresMarketDataHandlers } from './futures-market-data-service.js';
import { marketDataHandlers } from './market-data-service.js';

const config = loadConfig(process.env, process.argv);
const metricsSetting = parseMetricsSetting(process.env.CEXGW_METRICS_ADDRESS);
const logger = pino({ level: config.logLevel, base: { service: 'market-data', venue: config.venue } });
const exchange = createExchangeFactory().createPublic(config.venue, { ...config.venueConfig, logger });
const streams = new StreamStatsRegistry();
const proto = loadCexgw();
const gateway = createGatewayServer();
let ready = false;

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
  for (let attempt = 1; !shuttingDown; attempt++) {
    try {
      await exchange.start();
      ready = true;
      gateway.health.setStatus('', 'SERVING');
      gateway.health.setStatus('cexgw.v1.MarketData', 'SERVING');
      if (isFuturesPublicExchange(exchange)) gateway.health.setStatus('cexgw.v1.FuturesMarketData', 'SERVING');
      logger.info({ symbols: exchange.listSymbols().length }, 'venue ready: SERVING');
      return;
    } catch (error) {
      logger.warn({ err: (error as Error).message, attempt }, 'venue not reachable yet; retrying');
      await sleep(reconnectDelayMs(attempt, 250, 10_000));
    }
  }
}

let shuttingDown = false;
async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, 'shutting down');
  gateway.health.setStatus('', 'NOT_SERVING');
  await Promise.all([gateway.shutdown(3_000), metricsServer?.close()]);
  await exchange.close();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('unhandledRejection', (reason) => logger.error({ err: String(reason) }, 'unhandled rejection (kept running)'));

void startAdapter();
