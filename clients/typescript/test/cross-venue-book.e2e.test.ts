import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrossVenueBook, type CrossVenueView } from '@cexgw/client';
import { marketDataClient } from '../../../test/support/processes.js';
import { sleep, until } from '../../../test/support/wait.js';
import { startVenue, venueBook, type Venue, type VenueId } from './support/venues.js';

// CrossVenueBook over BTC/USDT on the three simulated venues (MEXC spot, Gate.io spot, Gate.io
// USDT futures, each behind its own market-data service): once the venues' flow stops, every
// venue's best bid and ask equal that venue's own book, and the consolidated best prices and the
// fee-adjusted spread equal what the venues' books and listed fees give, computed here
// independently. A killed market-data service makes its venue stale and leaves it out.

const IDS: VenueId[] = ['mexc_spot', 'gateio_spot', 'gateio_futures'];

/** Exact decimal as an integer count of 10^-24 (enough for price x fee). */
const SCALE = 24;
function scaled(value: string): bigint {
  const [int, frac = ''] = value.split('.');
  return BigInt(int! + frac.padEnd(SCALE, '0'));
}
const ONE = scaled('1');

interface Top {
  venue: string;
  bid: [string, string];
  ask: [string, string];
  fee: string;
}

/** The best net spread over ordered pairs (buy at one venue's ask, sell at another's bid), as scaled^2 units. */
function expectedSpread(tops: Top[]): { buyVenue: string; sellVenue: string; net: bigint } {
  let best: { buyVenue: string; sellVenue: string; net: bigint } | undefined;
  for (const buy of tops)
    for (const sell of tops) {
      if (buy === sell) continue;
      const net = scaled(sell.bid[0]) * (ONE - scaled(sell.fee)) - scaled(buy.ask[0]) * (ONE + scaled(buy.fee));
      if (!best || net > best.net) best = { buyVenue: buy.venue, sellVenue: sell.venue, net };
    }
  return best!;
}

describe('CrossVenueBook over three venues', () => {
  const venues = new Map<VenueId, Venue>();
  let book: CrossVenueBook;
  const views: CrossVenueView[] = [];

  beforeAll(async () => {
    for (const venue of await Promise.all(IDS.map((id) => startVenue(id)))) venues.set(venue.id, venue);
    book = new CrossVenueBook({
      symbol: 'BTC/USDT',
      venues: IDS.map((id) => ({ endpoint: venues.get(id)!.service.address })),
      staleAfterMs: Infinity, // paused venues stay fresh: staleness here is the connection's
      backoff: { initialMs: 50, maxMs: 500 },
    });
    book.on('update', (view) => views.push(view));
    await book.start();
    await book.ready();
  });

  afterAll(async () => {
    book?.stop();
    await Promise.all([...venues.values()].map((v) => v.stop()));
  });

  /**
   * Pauses every venue's flow and waits until each fresh venue's quote shows that venue's own top
   * of book: on a loaded machine the last deltas can still be on their way after a quiet spell.
   */
  async function pauseAndSettle(fresh: readonly VenueId[]): Promise<CrossVenueView> {
    await Promise.all([...venues.values()].map((v) => v.sim.control('flow', { paused: true })));
    await until('every followed venue quiet', () => book.view().venues.every((q) => q.stale || q.ageMs > 400), 20_000);
    await until(
      'every fresh venue quoting its own top of book',
      async () => {
        for (const id of fresh) {
          const own = await venueBook(venues.get(id)!);
          const quote = book.view().venues.find((q) => q.venue === id);
          if (!quote || quote.stale || !quote.bid || !quote.ask) return false;
          if (canonical(quote.bid.price) !== own.bids[0]![0] || canonical(quote.ask.price) !== own.asks[0]![0]) return false;
          if (canonical(quote.bid.quantity) !== own.bids[0]![1] || canonical(quote.ask.quantity) !== own.asks[0]![1]) return false;
        }
        return true;
      },
      20_000,
    );
    return book.view();
  }

  const resume = () => Promise.all([...venues.values()].map((v) => v.sim.control('flow', { paused: false })));

  async function listedFee(venue: Venue): Promise<string> {
    const client = marketDataClient(venue.service.address);
    try {
      const response = await new Promise<any>((resolve, reject) => client.marketData.ListSymbols({ quote: 'USDT' }, (e: Error | null, r: unknown) => (e ? reject(e) : resolve(r))));
      return response.symbols.find((s: any) => s.symbol.base === 'BTC').taker_fee_rate;
    } finally {
      client.marketData.close();
      client.futures.close();
      client.diagnostics.close();
    }
  }

  async function expectViewEqualsVenues(view: CrossVenueView, fresh: VenueId[]): Promise<void> {
    const tops: Top[] = [];
    for (const id of fresh) {
      const venue = venues.get(id)!;
      const own = await venueBook(venue);
      const quote = view.venues.find((q) => q.venue === id)!;
      expect(quote, id).toBeDefined();
      expect(quote.stale, id).toBe(false);
      const top: Top = { venue: id, bid: own.bids[0]!, ask: own.asks[0]!, fee: await listedFee(venue) };
      expect(
        [quote.bid?.price, quote.bid?.quantity].map((x) => x && canonical(x)),
        `${id} bid`,
      ).toEqual(top.bid);
      expect(
        [quote.ask?.price, quote.ask?.quantity].map((x) => x && canonical(x)),
        `${id} ask`,
      ).toEqual(top.ask);
      expect(quote.takerFeeRate, `${id} fee`).toBe(top.fee);
      expect(top.fee).not.toBe('');
      // Timestamps carried through for latency attribution, on one clock here.
      expect(BigInt(quote.gatewayReceivedUs), id).toBeGreaterThan(0n);
      expect(quote.receivedAtUs, id).toBeGreaterThanOrEqual(Number(quote.gatewayReceivedUs));
      tops.push(top);
    }
    const highestBid = tops.reduce((a, b) => (scaled(b.bid[0]) > scaled(a.bid[0]) ? b : a));
    const lowestAsk = tops.reduce((a, b) => (scaled(b.ask[0]) < scaled(a.ask[0]) ? b : a));
    expect(canonical(view.bestBid!.price)).toBe(highestBid.bid[0]);
    expect(canonical(view.bestAsk!.price)).toBe(lowestAsk.ask[0]);
    const spread = expectedSpread(tops);
    expect(scaled(view.spread!.net) * ONE).toBe(spread.net);
    expect(
      view.venues
        .filter((q) => !q.stale)
        .map((q) => q.venue)
        .sort(),
    ).toEqual([...fresh].sort());
  }

  it('names each venue and, once flow stops, equals every venue book and the spread they give', async () => {
    expect(book.view().venues.map((q) => q.venue)).toEqual(IDS);
    await until('views from every venue', () => IDS.every((id) => views.some((v) => v.venues.find((q) => q.venue === id)?.live)));
    await sleep(300);
    await expectViewEqualsVenues(await pauseAndSettle(IDS), IDS);
    await resume();
  });

  it('marks a venue whose market-data service is killed stale, leaves it out, and takes it back', async () => {
    const mexc = venues.get('mexc_spot')!;
    const stale = new Promise<string>((resolve) => book.once('stale', (venue) => resolve(venue)));
    await mexc.service.stop('SIGKILL');
    expect(await stale).toBe('mexc_spot');
    const view = await pauseAndSettle(['gateio_spot', 'gateio_futures']);
    expect(view.venues.find((q) => q.venue === 'mexc_spot')!.stale).toBe(true);
    await expectViewEqualsVenues(view, ['gateio_spot', 'gateio_futures']);
    expect([view.spread!.buyVenue, view.spread!.sellVenue]).not.toContain('mexc_spot');

    await resume();
    await mexc.restart();
    await until('mexc_spot live again', () => book.view().venues.find((q) => q.venue === 'mexc_spot')!.live, 30_000);
    await sleep(300);
    await expectViewEqualsVenues(await pauseAndSettle(IDS), IDS);
    await resume();
  });
});

function canonical(value: string): string {
  if (!value.includes('.')) return value.replace(/^0+(?=\d)/, '');
  return value
    .replace(/^0+(?=\d)/, '')
    .replace(/0+$/, '')
    .replace(/\.$/, '');
}
