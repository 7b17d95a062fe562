import { createExchangeFactory, type VenueConfig } from '@cexgw/adapters';
import { defaultAddress, venueConfigFromEnv } from '@cexgw/grpc';

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
 *   CEXGW_<VENUE>_<OPTION>      venue option, e.g. CEXGW_GATEIO_SPOT_BOOK_CHANNEL=order_book_update (each venue
 *                               module declares its options; an unknown one or a bad value is refused)
 *   CEXGW_STREAM_QUEUE          per-client queue capacity (default 4096)
 *   LOG_LEVEL                   pino level (default info)
 *   CEXGW_METRICS_ADDRESS       Prometheus endpoint host:port or off (default 127.0.0.1:<gRPC port + 1000>; read by main.ts)
 */
export function loadConfig(env: NodeJS.ProcessEnv, argv: readonly string[]): MarketDataConfig {
  const flag = argv.indexOf('--venue');
  const venue = (flag >= 0 ? argv[flag + 1] : env.CEXGW_VENUE) ?? '';
  const venues = createExchangeFactory();
  if (!venue) throw new Error(`no venue id: set CEXGW_VENUE or pass --venue (${venues.venueIds().join(', ')})`);
  const venueConfig = venueConfigFromEnv(venues.module(venue), env);
  const capacity = Number(env.CEXGW_STREAM_QUEUE ?? 4096);
  if (!Number.isInteger(capacity) || capacity < 16) throw new Error(`CEXGW_STREAM_QUEUE must be an integer >= 16, got ${env.CEXGW_STREAM_QUEUE}`);
  return {
    venue,
    address: env.CEXGW_GRPC_ADDRESS || defaultAddress(venue, 'marketData'),
    venueConfig,
    streamQueueCapacity: capacity,
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
