import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { CrossVenueBook, NotFoundError, proto, UnavailableError, type OrderBookUpdate } from '@cexgw/client';
import { freePort } from '../../../test/support/processes.js';
import { until } from '../../../test/support/wait.js';
import { startScripted, type ScriptedServer } from './support/scripted-server.js';

// CrossVenueBook's handling of venues it cannot follow: one whose service is not up yet is
// reported stale and picked up once it is; one that does not list the pair fails alone.

function venueServer(venue: string, listed: string[], bid: string, ask: string): Array<[grpc.ServiceDefinition, grpc.UntypedServiceImplementation]> {
  return [
    [
      proto.MarketDataService,
      {
        listSymbols: (_call: unknown, callback: grpc.sendUnaryData<proto.ListSymbolsResponse>) =>
          callback(null, { symbols: listed.map((base) => proto.SymbolInfo.fromPartial({ symbol: { base, quote: 'USDT' }, takerFeeRate: '0.001' })) }),
        streamOrderBook: (call: grpc.ServerWritableStream<proto.StreamOrderBookRequest, OrderBookUpdate>) =>
          call.write(
            proto.OrderBookUpdate.fromPartial({
              reset: true,
              kind: proto.OrderBookUpdateKind.ORDER_BOOK_UPDATE_KIND_SNAPSHOT,
              sequence: '1',
              bids: [{ price: bid, quantity: '1' }],
              asks: [{ price: ask, quantity: '1' }],
            }),
          ),
      },
    ],
    [proto.DiagnosticsService, { getHealth: (_call: unknown, callback: grpc.sendUnaryData<proto.Health>) => callback(null, proto.Health.fromPartial({ venue })) }],
  ];
}

describe('CrossVenueBook (scripted venues)', () => {
  const servers: ScriptedServer[] = [];
  let book: CrossVenueBook | undefined;

  afterEach(async () => {
    book?.stop();
    await Promise.all(servers.splice(0).map((s) => s.stop()));
  });

  it('reports a venue whose service is down at start as stale, and follows it once it is up', async () => {
    servers.push(await startScripted(venueServer('alpha', ['BTC'], '100', '101')));
    const port = await freePort();
    book = new CrossVenueBook({ symbol: 'BTC/USDT', venues: [{ endpoint: servers[0]!.address }, { endpoint: `127.0.0.1:${port}` }], backoff: { initialMs: 20, maxMs: 50 } });
    const stale: Array<[string, unknown]> = [];
    book.on('stale', (venue, _reason, error) => stale.push([venue, error]));
    await book.start();
    expect(stale[0]![0]).toBe(`127.0.0.1:${port}`);
    expect(stale[0]![1]).toBeInstanceOf(UnavailableError);
    await until('alpha live', () => book!.view().venues[0]!.live);
    expect(book.view().venues.map((q) => [q.venue, q.stale])).toEqual([
      ['alpha', false],
      [`127.0.0.1:${port}`, true],
    ]);
    servers.push(await startScripted(venueServer('beta', ['BTC'], '102', '103'), 'SERVING', port));
    const view = await book.ready();
    expect(view.venues.map((q) => [q.venue, q.stale])).toEqual([
      ['alpha', false],
      ['beta', false],
    ]);
    expect(view.spread).toMatchObject({ buyVenue: 'alpha', sellVenue: 'beta', gross: '1', net: '0.797' }); // 102 x 0.999 - 101 x 1.001
  });

  it('fails a venue that does not list the pair, and follows the others', async () => {
    servers.push(await startScripted(venueServer('alpha', ['BTC'], '100', '101')), await startScripted(venueServer('gamma', ['ETH'], '1', '2')));
    book = new CrossVenueBook({ symbol: 'BTC/USDT', venues: servers.map((s) => ({ endpoint: s.address })) });
    const failed: Array<[string, unknown]> = [];
    book.on('failed', (venue, error) => failed.push([venue, error]));
    await book.start();
    const view = await book.ready();
    expect(failed).toHaveLength(1);
    expect(failed[0]![0]).toBe('gamma');
    expect(failed[0]![1]).toBeInstanceOf(NotFoundError);
    expect(view.venues.map((q) => [q.venue, q.live])).toEqual([
      ['alpha', true],
      ['gamma', false],
    ]);
    await until('no spread with one fresh venue', () => book!.view().spread === undefined);
  });
});
