import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { isLoopbackAddress } from './tls.js';

// The Prometheus endpoint: plain HTTP (node:http), GET /metrics (text exposition 0.0.4) and
// GET /healthz (200 SERVING / 503 NOT_SERVING). Address from CEXGW_METRICS_ADDRESS:
//   unset      127.0.0.1:<gRPC port + 1000> (51052 for 50052; an ephemeral port when the gRPC
//              port is 0 or above 64535); when that port is taken the process runs without it
//   host:port  listen there ([::1]:9100, 0.0.0.0:9100); setting a non-loopback address IS the
//              opt-in to serving beyond loopback (there is no TLS or auth on it, and the figures
//              hold no secrets: counts, latencies, symbols, states; never keys, tokens, orders)
//   off        no endpoint

export interface MetricsAddress {
  readonly host: string;
  readonly port: number;
  /** Set by the operator (a bind failure is then fatal) rather than derived. */
  readonly explicit: boolean;
}

/** A parsed CEXGW_METRICS_ADDRESS: off, unset (derived from the gRPC port once bound), or explicit. */
export type MetricsSetting = 'off' | 'default' | MetricsAddress;

/** Parses CEXGW_METRICS_ADDRESS; throws on a malformed value (check it with the rest of the configuration). */
export function parseMetricsSetting(value: string | undefined): MetricsSetting {
  const text = value?.trim() ?? '';
  if (text.toLowerCase() === 'off') return 'off';
  if (!text) return 'default';
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+)):(\d{1,5})$/.exec(text);
  const port = Number(match?.[3]);
  if (!match || port > 65_535) throw new Error(`CEXGW_METRICS_ADDRESS must be host:port (e.g. 127.0.0.1:9100, [::1]:9100) or off, got ${JSON.stringify(text)}`);
  return { host: match[1] ?? match[2]!, port, explicit: true };
}

/** Where to listen, or undefined for off; the default is loopback at the gRPC port + 1000. */
export function metricsAddress(setting: MetricsSetting, grpcPort: number): MetricsAddress | undefined {
  if (setting === 'off') return undefined;
  if (setting !== 'default') return setting;
  return { host: '127.0.0.1', port: grpcPort > 0 && grpcPort <= 64_535 ? grpcPort + 1000 : 0, explicit: false };
}

export interface MetricsServer {
  /** host:port actually bound. */
  readonly address: string;
  readonly port: number;
  readonly loopback: boolean;
  close(): Promise<void>;
}

export interface MetricsServerOptions {
  readonly host: string;
  readonly port: number;
  readonly registry: Registry;
  /** /healthz answers 200 while this is true, 503 otherwise. Default: always 200. */
  readonly isReady?: () => boolean;
}

function answer(response: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8', head = false): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  response.end(head ? undefined : body);
}

export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const { registry } = options;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0];
    const head = request.method === 'HEAD';
    if (path !== '/metrics' && path !== '/healthz') return answer(response, 404, 'not found: GET /metrics or /healthz\n');
    if (request.method !== 'GET' && !head) {
      response.setHeader('allow', 'GET, HEAD');
      return answer(response, 405, 'method not allowed\n');
    }
    if (path === '/healthz') {
      const ready = options.isReady?.() ?? true;
      return answer(response, ready ? 200 : 503, ready ? 'SERVING\n' : 'NOT_SERVING\n', undefined, head);
    }
    registry.metrics().then(
      (text) => answer(response, 200, text, registry.contentType, head),
      (error: Error) => answer(response, 500, `metrics collection failed: ${error.message}\n`),
    );
  });
  server.keepAliveTimeout = 65_000; // longer than a scraper's idle timeout, so it reuses connections
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as { port: number }).port;
  const address = options.host.includes(':') ? `[${options.host}]:${port}` : `${options.host}:${port}`;
  return {
    address,
    port,
    loopback: isLoopbackAddress(address),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
