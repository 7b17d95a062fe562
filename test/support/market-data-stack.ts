import { marketDataClient, startMarketData, startSim, type ServiceHandle, type SimHandle } from './processes.js';

/** A venue's simulator with its market-data service and a client of it. */
export interface MarketDataStack {
  readonly sim: SimHandle;
  readonly service: ServiceHandle;
  readonly client: ReturnType<typeof marketDataClient>;
  stop(): Promise<void>;
}

/** Starts the simulator with `simArgs`, then the market-data service on it. */
export async function startMarketDataStack(venue: Parameters<typeof startSim>[0], simArgs: string[]): Promise<MarketDataStack> {
  const sim = await startSim(venue, simArgs);
  const prefix = `CEXGW_${venue.toUpperCase()}_`;
  const service = await startMarketData(venue, { [`${prefix}REST_URL`]: sim.restBaseUrl, [`${prefix}WS_URL`]: sim.wsUrl });
  const client = marketDataClient(service.address);
  return {
    sim,
    service,
    client,
    async stop() {
      client.marketData.close();
      client.futures.close();
      client.diagnostics.close();
      await service.stop();
      await sim.stop();
    },
  };
}
