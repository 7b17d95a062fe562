import type { Logger } from '@cexgw/adapters';
import type { DiagnosticsSource } from './diagnostics.js';
import { metricsAddress, startMetricsServer, type MetricsServer, type MetricsSetting } from './metrics-server.js';
import { createMetricsRegistry } from './prometheus.js';

/**
 * Starts the process's Prometheus endpoint as configured (see metrics-server.ts) and logs where.
 * An explicit address that cannot be bound throws (the caller exits); the derived default
 * port being taken is logged and the process runs without the endpoint.
 */
export async function serveMetrics(source: DiagnosticsSource, setting: MetricsSetting, grpcPort: number, logger: Logger): Promise<MetricsServer | undefined> {
  const where = metricsAddress(setting, grpcPort);
  if (!where) {
    logger.info({}, 'metrics endpoint off (CEXGW_METRICS_ADDRESS=off)');
    return undefined;
  }
  const registry = createMetricsRegistry(source);
  try {
    const server = await startMetricsServer({ host: where.host, port: where.port, registry, isReady: () => source.isReady?.() ?? true });
    logger.info({ url: `http://${server.address}/metrics`, loopback: server.loopback }, 'metrics endpoint listening');
    return server;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    if (where.explicit) throw new Error(`CEXGW_METRICS_ADDRESS ${where.host}:${where.port}: cannot listen (${reason})`, { cause: error });
    logger.error({ port: where.port, err: reason }, 'metrics endpoint not started: its default port (gRPC port + 1000) is unavailable; set CEXGW_METRICS_ADDRESS (or off)');
    return undefined;
  }
}
