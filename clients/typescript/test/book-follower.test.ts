import * as grpc from '@grpc/grpc-js';
import { afterEach, describe, expect, it } from 'vitest';
import { BookFollower, NotFoundError, proto, type OrderBookUpdate } from '@cexgw/client';
import { until } from '../../../test/support/wait.js';
import { gatewayStatus, startScripted, type ScriptedServer } from './support/scripted-server.js';

// BookFollower's side of the StreamOrderBook contract, against a scripted server doing what the
// gateway promises never to do: skip a sequence number, begin with a delta. The book must never
// be built across the break: the follower drops the stream and resubscribes for a snapshot.

const level = (price: string, quantity: string) => ({ price, quantity });

function message(sequence: number, snapshot: boolean, bids: Array<[string, string]>, asks: Array<[string, string]>): OrderBookUpdate {
  return proto.OrderBookUpdate.fromPartial({
    symbol: { base: 'BTC', quote: 'USDT' },
    kind: snapshot ? proto.OrderBookUpdateKind.ORDER_BOOK_UPDATE_KIND_SNAPSHOT : proto.OrderBookUpdateKind.ORDER_BOOK_UPDATE_KIND_DELTA,
    reset: snapshot,
    sequence: String(sequence),
    lastUpdateId: String(1000 + sequence),
    bids: bids.map(([p, q]) => level(p, q)),
    asks: asks.map(([p, q]) => level(p, q)),
  });
}

/** A MarketData server whose n-th subscription (0-based) writes scripts[n] and stays open. */
function marketData(scripts: OrderBookUpdate[][]): [grpc.ServiceDefinition, grpc.UntypedServiceImplementation] {
  let subscription = 0;
  return [
    proto.MarketDataService,
    {
      streamOrderBook: (call: grpc.ServerWritableStream<proto.StreamOrderBookRequest, OrderBookUpdate>) => {
        const script = scripts[Math.min(subscription++, scripts.length - 1)]!;
        for (const update of script) call.write(update);
      },
    },
  ];
}

describe('BookFollower (scripted gateway)', () => {
  let server: ScriptedServer | undefined;
  let follower: BookFollower | undefined;

  afterEach(async () => {
    follower?.stop();
    await server?.stop();
  });

  it('drops a stream that skips a sequence number and resubscribes: the post-gap delta is never applied', async () => {
    const first = [message(1, true, [['100', '1']], [['101', '1']]), message(2, false, [['100', '2']], []), message(4, false, [['99', '5']], [['101', '0']])];
    const second = [message(1, true, [['100', '3']], [['102', '1']]), message(2, false, [], [['102', '2']])];
    server = await startScripted([marketData([first, second])]);
    follower = new BookFollower({ endpoint: server.address, symbol: 'btc/usdt', depth: 20, backoff: { initialMs: 10, maxMs: 20 } });
    const stale: string[] = [];
    follower.on('stale', (reason) => stale.push(reason));
    const seen: string[][] = [];
    follower.on('update', (book) => seen.push(book.bids.map((l) => `${l.price}x${l.quantity}`)));
    follower.start();
    await until('the second subscription applied', () => follower!.stats.subscriptions === 2 && follower!.stats.messages === 4);
    expect(stale).toEqual(['BTC/USDT: sequence gap: expected 3, received 4']);
    expect(follower.stats.gaps).toBe(1);
    expect(seen).toEqual([['100x1'], ['100x2'], ['100x3'], ['100x3']]); // never 99x5
    expect(follower.book.asks).toEqual([level('102', '2')]);
    expect(follower.state).toBe('live');
  });

  it('refuses a stream that begins with a delta', async () => {
    server = await startScripted([marketData([[message(1, false, [['100', '1']], [])], [message(1, true, [['100', '7']], [])]])]);
    follower = new BookFollower({ endpoint: server.address, symbol: 'BTC/USDT', backoff: { initialMs: 10, maxMs: 20 } }).start();
    await follower.ready();
    expect(follower.book.bids).toEqual([level('100', '7')]);
    expect(follower.stats.gaps).toBe(1);
  });

  it('asks for the symbol and depth given, and stops for good on NOT_FOUND', async () => {
    const requests: proto.StreamOrderBookRequest[] = [];
    server = await startScripted([
      [
        proto.MarketDataService,
        {
          streamOrderBook: (call: grpc.ServerWritableStream<proto.StreamOrderBookRequest, OrderBookUpdate>) => {
            requests.push(call.request);
            call.emit('error', gatewayStatus(grpc.status.NOT_FOUND, 'unknown symbol DOGE/USDT', { 'cexgw-error-class': 'not_found', 'cexgw-venue': 'gateio_spot' }));
          },
        },
      ],
    ]);
    follower = new BookFollower({ endpoint: server.address, symbol: { base: 'doge', quote: 'usdt' }, depth: 5 }).start();
    const error = await follower.ready().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).venue).toBe('gateio_spot');
    expect(follower.state).toBe('failed');
    expect(requests).toEqual([{ symbol: { base: 'DOGE', quote: 'USDT' }, depth: 5 }]);
  });
});
