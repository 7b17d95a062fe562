import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BookFollower, Endpoint } from '@cexgw/client';
import { freePort } from '../../../test/support/processes.js';
import { expectIdCovered, until } from '../../../test/support/wait.js';
import { clientLevels, startVenue, VENUES, venueBook, type Venue } from './support/venues.js';

// BookFollower against the real market-data service on the simulated Gate.io spot venue: the
// book it exposes equals the venue's own book after venue sequence gaps, dropped venue sockets,
// and the market-data service killed and restarted under it. Its endpoint lists a dead address
// first, as an active/standby pair whose first member is down would.

describe('BookFollower on gateio_spot', () => {
  let venue: Venue;
  let endpoint: Endpoint;
  let follower: BookFollower;
  let lastMessageAt = Date.now();

  beforeAll(async () => {
    venue = await startVenue('gateio_spot');
    const dead = `127.0.0.1:${await freePort()}`;
    endpoint = new Endpoint({ addresses: [dead, venue.service.address] });
    follower = new BookFollower({ endpoint, symbol: 'BTC/USDT', backoff: { initialMs: 50, maxMs: 500 } });
    follower.on('update', () => (lastMessageAt = Date.now()));
    follower.start();
  });

  afterAll(async () => {
    follower?.stop();
    endpoint?.close();
    await venue?.stop();
  });

  /** Pauses the venue's flow, waits for the stream to go quiet, compares both books. */
  async function expectVenueBook(): Promise<void> {
    await venue.sim.control('flow', { paused: true });
    await until('stream quiet', () => Date.now() - lastMessageAt > 400);
    const own = await venueBook(venue);
    expect(follower.state).toBe('live');
    expectIdCovered(follower.book.lastUpdateId, own.u, VENUES.gateio_spot.depth === 50);
    expect(clientLevels(follower.book)).toEqual({ bids: own.bids, asks: own.asks });
    await venue.sim.control('flow', { paused: false });
  }

  async function afterReset(what: string, act: () => Promise<unknown>): Promise<void> {
    const resets = follower.stats.resets;
    await act();
    await until(`a fresh snapshot after ${what}`, () => follower.stats.resets > resets && follower.isLive, 30_000);
    const messages = follower.stats.messages;
    await until(`deltas after ${what}`, () => follower.stats.messages > messages + 10);
    await expectVenueBook();
  }

  it('becomes live past a dead address and holds the venue book', async () => {
    await follower.ready();
    expect(endpoint.addresses[0]).not.toBe(await endpoint.address());
    await until('deltas flowing', () => follower.stats.messages > 20);
    await expectVenueBook();
  });

  it('equals the venue book after a venue sequence gap (the gateway resynchronises)', async () => {
    await afterReset('skip_sequence', () => venue.sim.control('faults', { kind: 'skip_sequence' }));
  });

  it('equals the venue book after the venue drops its sockets', async () => {
    await afterReset('drop_sockets', () => venue.sim.control('faults', { kind: 'drop_sockets' }));
  });

  it('goes stale when the market-data service is killed, and resubscribes to its restart', async () => {
    const stale = new Promise<string>((resolve) => follower.once('stale', resolve));
    const subscriptions = follower.stats.subscriptions;
    await afterReset('a killed market-data service', async () => {
      await venue.service.stop('SIGKILL');
      expect(await stale).toMatch(/BTC\/USDT/);
      expect(follower.state).toBe('stale');
      await venue.restart();
    });
    expect(follower.stats.subscriptions).toBeGreaterThan(subscriptions);
    expect(follower.stats.gaps).toBe(0); // the gateway never skipped a sequence number
  });
});
