#!/usr/bin/env node
import { createExchangeFactory, type PrivateExchange } from '@cexgw/adapters';
import { assertSecureListen, createServiceLogger, parseMetricsSetting, scrubSecretEnv, serveMetrics, type MetricsServer, type MetricsSetting } from '@cexgw/grpc';
import { startTradingApp } from './app.js';
import { ConfigError, describeConfig, loadConfig, secretVariables, urlPassword, type TradingConfig } from './config.js';

// The private trading service for one venue id. Exit codes: 0 after a graceful stop, 2 when
// the configuration is unusable or unsafe (missing keys or tokens, beyond loopback without
// TLS), 1 on any other failure to start, 3 when the active instance of a pair lost its lease
// (deposed: it sent nothing since; start it again and it comes back as the standby).

function refuse(message: string, level = process.env.LOG_LEVEL || 'info'): never {
  createServiceLogger({ level, base: { service: 'trading' } }).logger.fatal({ exitCode: 2 }, message);
  process.exit(2);
}

let config: TradingConfig;
let metricsSetting: MetricsSetting;
try {
  config = loadConfig(process.env, process.argv);
  metricsSetting = parseMetricsSetting(process.env.CEXGW_METRICS_ADDRESS);
} catch (error) {
  refuse((error as Error).message);
}
// Read once; gone from the environment so that nothing later (a child process, a crash dump) sees them.
scrubSecretEnv(process.env, secretVariables(config.venue));

const { logger, scrubber } = createServiceLogger({
  level: config.logLevel,
  base: { service: 'trading', venue: config.venue },
  secrets: [config.credentials.apiKey, config.credentials.apiSecret, ...config.clientTokens, urlPassword(config.journalUrl)].filter((secret): secret is string => Boolean(secret)),
});

try {
  assertSecureListen(config.address, config.tls);
} catch (error) {
  refuse((error as Error).message, config.logLevel);
}

let exchange: PrivateExchange;
try {
  exchange = createExchangeFactory().createPrivate(config.venue, { ...config.venueConfig, credentials: config.credentials, logger, onSecret: (secret) => scrubber.add(secret) });
} catch (error) {
  refuse((error as Error).message, config.logLevel);
}

logger.info(describeConfig(config), 'trading starting');
let app: Awaited<ReturnType<typeof startTradingApp>>;
try {
  app = await startTradingApp({ config, exchange, logger, onDeposed: (reason) => void deposed(reason) });
} catch (error) {
  const exitCode = error instanceof ConfigError || (error as { exitCode?: number }).exitCode === 2 ? 2 : 1;
  logger.fatal({ err: (error as Error).message, exitCode }, 'trading failed to start');
  process.exit(exitCode);
}

let metricsServer: MetricsServer | undefined;
try {
  metricsServer = await serveMetrics(app.diagnostics, metricsSetting, app.port, logger);
} catch (error) {
  logger.fatal({ err: (error as Error).message, exitCode: 2 }, 'metrics endpoint failed to start');
  await app.stop().catch(() => undefined);
  process.exit(2);
}

const DEPOSED_EXIT_CODE = 3;

/** Lost the lease: sends are already fenced; close what we can briefly, then exit for a restart as the standby. */
async function deposed(reason: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.error({ reason, exitCode: DEPOSED_EXIT_CODE }, 'deposed: exiting so that this instance restarts as the standby');
  const done = Promise.all([app.stop(), metricsServer?.close()]).catch(() => undefined);
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 2_000))]);
  process.exit(DEPOSED_EXIT_CODE);
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  try {
    await Promise.all([app.stop(), metricsServer?.close()]);
  } catch (error) {
    logger.error({ err: (error as Error).message }, 'shutdown failed');
    process.exit(1);
  }
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGUSR2', () => {
  logger.error('SIGUSR2 received: engaging the kill switch');
  app.killSwitch.engageBySignal();
});
process.on('unhandledRejection', (reason) => logger.error({ err: String(reason) }, 'unhandled rejection (kept running)'));
