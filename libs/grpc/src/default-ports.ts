// Where each venue's two services listen unless CEXGW_GRPC_ADDRESS says otherwise: market data
// on 5005x, trading on 5006x (Prometheus on the gRPC port + 1000). One row per venue; the
// services, the CLI's defaults and `npm start` all read this table. No imports: the CLI reads it
// without loading any venue code.

export type ServiceRole = 'marketData' | 'trading';

export const DEFAULT_PORT_BASE = 50050;

export const DEFAULT_PORTS: Readonly<Record<string, Readonly<Record<ServiceRole, number>>>> = {
  mexc_spot: { marketData: 50051, trading: 50061 },
  gateio_spot: { marketData: 50052, trading: 50062 },
  gateio_futures: { marketData: 50053, trading: 50063 },
  binance_spot: { marketData: 50054, trading: 50064 },
  binance_usdm: { marketData: 50055, trading: 50065 },
};

/** The default port of a venue's service, moved with the whole table when `portBase` is not 50050 (npm start --port-base). */
export function defaultPort(venue: string, role: ServiceRole, portBase = DEFAULT_PORT_BASE): number {
  const ports = DEFAULT_PORTS[venue];
  if (!ports) throw new Error(`${venue} has no default port: set CEXGW_GRPC_ADDRESS, or give the venue a row in libs/grpc/src/default-ports.ts`);
  return ports[role] - DEFAULT_PORT_BASE + portBase;
}

/** 127.0.0.1:<default port>. */
export function defaultAddress(venue: string, role: ServiceRole, portBase = DEFAULT_PORT_BASE): string {
  return `127.0.0.1:${defaultPort(venue, role, portBase)}`;
}
