import type { OrderBook } from '@cexgw/client';
import { norm, normLevels } from '../../../../test/support/book-replica.js';
import { startMarketData, startSim, type ServiceHandle, type SimHandle } from '../../../../test/support/processes.js';
import type { SimBook } from '../../../../test/support/wait.js';

// The simulated venues and market-data services the client tests run on (real processes, as the
// repository's end-to-end tests start them), and how each venue's own book is read back.

export type VenueId = 'mexc_spot' | 'gateio_spot' | 'gateio_futures';

export const VENUES: Record<VenueId, { symbols: string; bookQuery: string; depth: number }> = {
  mexc_spot: { symbols: 'BTCUSDT,ETHUSDT', bookQuery: 'symbol=BTCUSDT&depth=5000', depth: 5000 },
  gateio_spot: { symbols: 'BTC_USDT,ETH_USDT', bookQuery: 'currency_pair=BTC_USDT&depth=50', depth: 50 },
  gateio_futures: { symbols: 'BTC_USDT,ETH_USDT', bookQuery: 'contract=BTC_USDT&depth=50', depth: 50 },
};

export interface Venue {
  readonly id: VenueId;
  readonly sim: SimHandle;
  service: ServiceHandle;
  readonly port: number;
  /** Base units per venue size unit (the futures contract multiplier; 1 on spot). */
  multiplier: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startVenue(id: VenueId, simArgs: string[] = []): Promise<Venue> {
  const sim = await startSim(id, ['--seed', '11', '--symbols', VENUES[id].symbols, '--flow-rate', '100', ...simArgs]);
  const prefix = `CEXGW_${id.toUpperCase()}_`;
  const env = { [`${prefix}REST_URL`]: sim.restBaseUrl, [`${prefix}WS_URL`]: sim.wsUrl };
  const service = await startMarketData(id, env);
  const port = Number(service.address.split(':')[1]);
  let multiplier = '1';
  if (id === 'gateio_futures') {
    const contracts = (await (await fetch(`${sim.restBaseUrl}/futures/usdt/contracts`)).json()) as Array<{ name: string; quanto_multiplier: string }>;
    multiplier = contracts.find((c) => c.name === 'BTC_USDT')!.quanto_multiplier;
  }
  const venue: Venue = {
    id,
    sim,
    service,
    port,
    multiplier,
    async restart() {
      await venue.service.stop('SIGKILL');
      venue.service = await startMarketData(id, env, port);
    },
    async stop() {
      await venue.service.stop();
      await sim.stop();
    },
  };
  return venue;
}

/** The venue's own book (sizes in base units), best first, canonical decimals. */
export async function venueBook(venue: Venue): Promise<{ u: number; bids: Array<[string, string]>; asks: Array<[string, string]> }> {
  const book = await venue.sim.control<SimBook>(`book?${VENUES[venue.id].bookQuery}`);
  const base = (levels: Array<[string, string]>) => normLevels(levels).map(([p, q]) => [p, times(q, venue.multiplier)] as [string, string]);
  return { u: book.u, bids: base(book.bids), asks: base(book.asks) };
}

/** A client's book as [price, quantity] pairs, best first, canonical decimals. */
export function clientLevels(book: OrderBook): { bids: Array<[string, string]>; asks: Array<[string, string]> } {
  return { bids: book.bids.map((l) => [norm(l.price), norm(l.quantity)]), asks: book.asks.map((l) => [norm(l.price), norm(l.quantity)]) };
}

/** a x b for decimal strings, exactly (here: contracts x multiplier). */
function times(a: string, b: string): string {
  if (b === '1') return a;
  const scale = (s: string) => (s.split('.')[1] ?? '').length;
  const units = BigInt(a.replace('.', '')) * BigInt(b.replace('.', ''));
  const places = scale(a) + scale(b);
  const digits = units.toString().padStart(places + 1, '0');
  return norm(places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits);
}
