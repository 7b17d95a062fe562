import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marketDataClient, startMarketData, startSim, startTrading, tradingClient, type ServiceHandle, type SimHandle } from './processes.js';

/** A perpetual venue's simulator with its trading and market-data services, and clients of both. */
export interface FuturesStack {
  readonly sim: SimHandle;
  readonly trading: ServiceHandle;
  readonly marketData: ServiceHandle;
  readonly client: ReturnType<typeof tradingClient>;
  readonly md: ReturnType<typeof marketDataClient>;
  stop(): Promise<void>;
}

/** Starts the simulator with `simArgs`, then both services on it (the trading service with `tradingEnv` and a fresh journal). */
export async function startFuturesStack(venue: 'gateio_futures' | 'binance_usdm', simArgs: string[], tradingEnv: Record<string, string>): Promise<FuturesStack> {
  const journalDir = mkdtempSync(join(tmpdir(), `cexgw-${venue}-journal-`));
  const sim = await startSim(venue, simArgs);
  const prefix = `CEXGW_${venue.toUpperCase()}_`;
  const urls = { [`${prefix}REST_URL`]: sim.restBaseUrl, [`${prefix}WS_URL`]: sim.wsUrl };
  const [trading, marketData] = await Promise.all([startTrading(venue, sim, journalDir, tradingEnv), startMarketData(venue, urls)]);
  const client = tradingClient(trading.address);
  const md = marketDataClient(marketData.address);
  return {
    sim,
    trading,
    marketData,
    client,
    md,
    async stop() {
      for (const c of [client.trading, client.futures, client.diagnostics, md.marketData, md.futures, md.diagnostics]) c.close();
      await Promise.all([trading.stop(), marketData.stop()]);
      await sim.stop();
    },
  };
}
