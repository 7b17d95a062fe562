import type { VenueConfig } from '@cexgw/adapters';

/** Default gRPC ports, one per venue, so the six services can share a host. */
const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  mexc_spot: 50051,
  gateio_spot: 50052,
  gateio_futures: 50053,
  binance_spot: 50054,
  binance_usdm: 50055,
};

export interface MarketDataConfig {
  readonly venue: string;
  readonly address: string;
  readonly venueConfig: Omit<VenueConfig, 'logger'>;
  /** Messages queued per client stream before the overflow policy applies. */
  readonly streamQueueCapacity: number;
  readonly logLevel: string;
}

/**
 * Configuration from the environment (12-factor; nothing secret here):
 *   CEXGW_VENUE                 venue id (or --venue on the command line)
 *   CEXGW_GRPC_ADDRESS          host:port to listen on (default 127.0.0.1:<venue port>)
 *   CEXGW_<VENUE>_REST_URL      venue REST base URL (default: the live venue)
 *   CEXGW_<VENUE>_WS_URL        venue websocket URL (default: the live venue)
 *   CEXGW_<VENUE>_<OPTION>      venue option, e.g. CEXGW_GATEIO_SPOT_BOOK_CHANNEL=order_book_update
 *   CEXGW_STREAM_QUEUE          per-client queue capacity (default 4096)
 *   LOG_LEVEL                   pino level (default info)
 *   CEXGW_METRICS_ADDRESS       Prometheus endpoint host:port or off (default 127.0.0.1:<gRPC port + 1000>; read by main.ts)
 */
export function loadConfig(env: NodeJS.ProcessEnv, argv: readonly string[]): MarketDataConfig {
  const flag = argv.indexOf('--venue');
  const venue = (flag >= 0 ? argv[flag + 1] : env.CEXGW_VENUE) ?? '';
  if (!venue) throw new Error('no venue id: set CEXGW_VENUE or pass --venue (mexc_spot, gateio_spot, gateio_futures)');
  const prefix = `CEXGW_${venue.toUpperCase()}_`;
  const options: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith(prefix) || value === undefined) continue;
    const name = key.slice(prefix.length).toLowerCase();
    if (name !== 'rest_url' && name !== 'ws_url') options[name] = value;
  }
  const capacity = Number(env.CEXGW_STREAM_QUEUE ?? 4096);
  if (!Number.isInteger(capacity) || capacity < 16) throw new Error(`CEXGW_STREAM_QUEUE must be an integer >= 16, got ${env.CEXGW_STREAM_QUEUE}`);
  return {
    venue,
    address: env.CEXGW_GRPC_ADDRESS ?? `127.0.0.1:${DEFAULT_PORTS[venue] ?? 50050}`,
    venueConfig: {
      restBaseUrl: env[`${prefix}REST_URL`] || undefined,
      wsUrl: env[`${prefix}WS_URL`] || undefined,
      options,
    },
    streamQueueCapacity: capacity,
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
