import { startGateioFuturesSim, startGateioSpotSim, type GateioFuturesSimOptions, type GateioSpotSim, type GateioSpotSimOptions, type GateioFuturesSim } from '@cexgw/venue-sim';
import { RecordingProxy } from '@cexgw/wire-contracts';
import { createExchangeFactory } from '../../src/venues.js';

// The simulated Gate.io spot and futures venues behind recording proxies, and the real adapters
// pointed at them, as the Gate contract tests use them. `through`: which half of the traffic the
// proxies sit in front of (REST, or the websocket).

type Market = 'spot' | 'futures';

export interface GateVenues {
  readonly proxy: Readonly<Record<Market, RecordingProxy>>;
  readonly sim: { readonly spot: GateioSpotSim; readonly futures: GateioFuturesSim };
  /** A public or private adapter of the market, reaching its venue through the proxy. */
  connect<T>(market: Market, kind: 'public' | 'private', options?: Record<string, string>): T;
  close(): Promise<void>;
}

export async function startGateVenues(options: { spot: GateioSpotSimOptions; futures: GateioFuturesSimOptions; through: 'rest' | 'ws' }): Promise<GateVenues> {
  const sim = { spot: await startGateioSpotSim(options.spot), futures: await startGateioFuturesSim(options.futures) };
  const proxy = {
    spot: await new RecordingProxy(new URL(sim.spot.restBaseUrl).origin).start(),
    futures: await new RecordingProxy(new URL(sim.futures.restBaseUrl).origin).start(),
  };
  const adapters: Array<{ close(): Promise<void> }> = [];
  return {
    proxy,
    sim,
    connect<T>(market: Market, kind: 'public' | 'private', venueOptions?: Record<string, string>): T {
      const venue = market === 'spot' ? 'gateio_spot' : 'gateio_futures';
      const { restBaseUrl, wsUrl, apiKey, apiSecret } = sim[market];
      const urls =
        options.through === 'rest' ? { restBaseUrl: proxy[market].urlFor(restBaseUrl), wsUrl, options: venueOptions } : { restBaseUrl, wsUrl: proxy[market].urlFor(wsUrl), options: venueOptions };
      const factory = createExchangeFactory();
      const adapter = kind === 'public' ? factory.createPublic(venue, urls) : factory.createPrivate(venue, { ...urls, credentials: { apiKey, apiSecret } });
      adapters.push(adapter);
      return adapter as T;
    },
    async close() {
      for (const adapter of adapters) await adapter.close().catch(() => undefined);
      for (const market of ['spot', 'futures'] as const) {
        await proxy[market].close();
        await sim[market].close();
      }
    },
  };
}
