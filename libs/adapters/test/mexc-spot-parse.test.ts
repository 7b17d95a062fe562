import { readFileSync } from 'node:fs';
import { PushDataV3ApiWrapper, type PublicAggreDealsV3ApiItem } from '@cexgw/mexc-proto';
import { describe, expect, it } from 'vitest';
import { BookFeed } from '../src/core/book-feed.js';
import { silentLogger } from '../src/core/logger.js';
import { AdapterMetrics } from '../src/core/metrics.js';
import type { BookEvent, Trade } from '../src/core/types.js';
import { mexcErrorClassifier } from '../src/mexc/spot/errors.js';
import { toDeal, toOrderBook, toSymbolInfo, toTicker, toTrade } from '../src/mexc/spot/parse.js';
import { MexcFrameRouter, type MexcPushHandlers } from '../src/mexc/spot/router.js';
import { mexcSymbolMapper } from '../src/mexc/spot/symbols.js';
import { readDepthPush, type DepthPush } from '../src/mexc/spot/depth-reader.js';

// Messages in the exact shapes of MEXC's documented examples and ccxt's captured live responses
// (fixtures/mexc; sources in docs/venues/mexc-spot-wire.md). Protobuf frames are built from the
// vendored schema (protos/mexc) out of the documented decoded JSON.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/mexc/${name}`, import.meta.url), 'utf8');
const json = <T>(name: string) => JSON.parse(fixture(name)) as T;
const BTC = { base: 'BTC', quote: 'USDT' };

/** The binary frame the venue would send for a decoded push. */
function frameOfObject(push: object): Buffer {
  return Buffer.from(PushDataV3ApiWrapper.encode(PushDataV3ApiWrapper.fromObject(push)).finish());
}

/** The binary frame of a documented decoded push. */
function frameOf(name: string): Buffer {
  return frameOfObject(json(name));
}

describe('MEXC spot REST parsing', () => {
  it('maps exchangeInfo symbols (status, precisions, minimums named oddly by the venue)', () => {
    const [wire] = json<any>('rest-exchange-info.json').symbols;
    expect(toSymbolInfo(wire, { base: 'BROCK', quote: 'USDT' })).toEqual({
      symbol: { base: 'BROCK', quote: 'USDT' },
      venueSymbol: 'BROCKUSDT',
      status: 'trading',
      priceTick: '0.00001',
      quantityStep: '0.01',
      pricePrecision: 5,
      quantityPrecision: 2,
      minQuantity: '',
      maxQuantity: '',
      minNotional: '1',
      maxNotional: '2000000',
      takerFeeRate: '0.0005',
    });
    expect(toSymbolInfo({ ...wire, status: '2' }, BTC).status).toBe('halted');
    expect(toSymbolInfo({ ...wire, status: '3' }, BTC).status).toBe('delisted');
    expect(toSymbolInfo({ ...wire, isSpotTradingAllowed: false }, BTC).status).toBe('halted');
  });

  it('maps depth, trades (no trade id) and the 24h ticker (fraction -> percent)', () => {
    const book = toOrderBook(json('rest-depth.json'), BTC);
    expect(book).toMatchObject({ updateId: 20453289489, timestampMs: 1704908526228, bids: [['45995.47', '10.337165']] });
    const [first, second] = json<any[]>('rest-trades.json').map((t) => toTrade(t, BTC));
    expect(first).toEqual({ symbol: BTC, tradeId: '', price: '3219.58', quantity: '0.04757', takerSide: 'buy', timestampMs: 1737623988881 });
    expect(second!.takerSide).toBe('sell');
    expect(toTicker(json('rest-ticker-24hr.json'), BTC)).toMatchObject({
      lastPrice: '73397.77',
      bestBid: '73369.83',
      bestAskQuantity: '6.337532',
      changePercent24h: '1.73',
      timestampMs: 1710328251172,
    });
    expect(toTicker({ ...json<any>('rest-ticker-24hr.json'), priceChangePercent: '-0.005' }, BTC).changePercent24h).toBe('-0.5');
  });

  it('classifies error bodies with the venue code', () => {
    const error = mexcErrorClassifier('mexc_spot').classifyHttp(400, fixture('rest-error-invalid-symbol.json'), {});
    expect(error).toMatchObject({ kind: 'not_found', venueCode: '-1121', venueMessage: 'Invalid symbol.' });
    expect(mexcErrorClassifier('mexc_spot').classifyHttp(429, '{"code":429,"msg":"Too Many Requests"}', { 'retry-after': '3' })).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000 });
    expect(mexcErrorClassifier('mexc_spot').classifyHttp(400, fixture('rest-error-signature.json'), {}).kind).toBe('unauthenticated');
  });

  it('converts symbols both ways, cached', () => {
    const mapper = mexcSymbolMapper();
    mapper.register({ base: 'MX', quote: 'USDT' }, 'MXUSDT');
    expect(mapper.fromVenue('MXUSDT')).toEqual({ base: 'MX', quote: 'USDT' });
    expect(mapper.fromVenue('ETHBTC')).toEqual({ base: 'ETH', quote: 'BTC' }); // unlisted: known quote
    expect(mapper.toVenue(BTC)).toBe('BTCUSDT');
  });
});

describe('MEXC websocket frames: JSON and protobuf on one socket', () => {
  function setup() {
    const metrics = new AdapterMetrics();
    const seen: { depth: DepthPush[]; deals: PushDataV3ApiWrapper[]; bookTicker: PushDataV3ApiWrapper[] } = { depth: [], deals: [], bookTicker: [] };
    const handlers: MexcPushHandlers = {
      depth: (push) => seen.depth.push(push),
      deals: (push) => seen.deals.push(push),
      bookTicker: (push) => seen.bookTicker.push(push),
    };
    return { router: new MexcFrameRouter(handlers, metrics, silentLogger), seen, metrics };
  }

  it('routes protobuf pushes by body and reads JSON acks, pongs and refusals', () => {
    const { router, seen, metrics } = setup();
    router.handleFrame(Buffer.from(fixture('ws-subscribe-ack.json')), false, 1);
    router.handleFrame(frameOf('ws-aggre-depth.json'), true, 2);
    router.handleFrame(Buffer.from(fixture('ws-pong.json')), false, 3);
    router.handleFrame(frameOf('ws-aggre-deals.json'), true, 4);
    router.handleFrame(frameOf('ws-aggre-book-ticker.json'), true, 5);
    router.handleFrame(Buffer.from(fixture('ws-subscribe-blocked.json')), false, 6);
    expect(seen.depth).toHaveLength(1);
    expect(seen.deals).toHaveLength(1);
    expect(seen.bookTicker).toHaveLength(1);
    expect(metrics.errorCounts.get('venue_ws_error')).toBe(1); // the "Blocked!" refusal
    expect(metrics.wsMessagesMalformed).toBe(0);
  });

  it('decodes the documented depth push with its versions and send time', () => {
    const { router, seen } = setup();
    router.handleFrame(frameOf('ws-aggre-depth.json'), true, 1);
    expect(seen.depth[0]).toEqual({
      symbol: 'BTCUSDT',
      sendTime: 1754741322152,
      fromVersion: 43296363236,
      toVersion: 43296363255,
      asks: [['117145.49', '0']],
      bids: [['117053.41', '1.86837271']],
    });
  });

  it('reads a JSON frame that arrives as binary and counts truncated protobuf', () => {
    const { router, seen, metrics } = setup();
    router.handleFrame(Buffer.from(fixture('ws-pong.json')), true, 1);
    const frame = frameOf('ws-aggre-depth.json');
    router.handleFrame(frame.subarray(0, frame.length - 7), true, 2);
    expect(seen.depth).toHaveLength(0);
    expect(metrics.wsMessagesMalformed).toBe(1);
  });

  it("turns deals into taker-side trades with the venue's trade id, and refuses a deal that does not read", () => {
    const dealOf = (change: (deal: any) => void = () => {}) => {
      const push = json<any>('ws-aggre-deals.json');
      change(push.publicAggreDeals.deals[0]);
      return PushDataV3ApiWrapper.decode(frameOfObject(push)).publicAggreDeals!.deals![0] as PublicAggreDealsV3ApiItem;
    };
    const trade: Trade = toDeal(dealOf(), BTC);
    expect(trade).toEqual({ symbol: BTC, tradeId: '', price: '93220', quantity: '0.04438243', takerSide: 'sell', timestampMs: 1736409765051 });
    // websocket-proto 7b8ac7a: field 5 carries the trade id
    expect(
      toDeal(
        dealOf((d) => (d.tradeId = '580436710531641344')),
        BTC,
      ).tradeId,
    ).toBe('580436710531641344');
    expect(() =>
      toDeal(
        dealOf((d) => (d.tradeType = 0)),
        BTC,
      ),
    ).toThrow(/a trade type/);
    expect(() =>
      toDeal(
        dealOf((d) => delete d.price),
        BTC,
      ),
    ).toThrow(/a trade price/);
    expect(() =>
      toDeal(
        dealOf((d) => delete d.time),
        BTC,
      ),
    ).toThrow(/a trade time/);
  });

  it('feeds decoded protobuf levels into a book', () => {
    const { router, seen } = setup();
    router.handleFrame(frameOf('ws-aggre-depth.json'), true, 1);
    const push = seen.depth[0]!;
    const feed = new BookFeed(BTC, () => {});
    const events: BookEvent[] = [];
    feed.addListener((e) => events.push(e));
    feed.applySnapshot(
      [
        ['117053.41', '1'],
        ['117000', '2'],
      ],
      [['117145.49', '3']],
      43296363235,
      1,
      1,
    );
    feed.applyDelta(push.bids, push.asks, push.fromVersion, push.toVersion, 2, 2);
    expect(feed.book.bids.levels()).toEqual([
      ['117053.41', '1.86837271'],
      ['117000', '2'],
    ]);
    expect(feed.book.asks.levels()).toEqual([]);
    expect(events.at(-1)).toMatchObject({ type: 'delta', firstUpdateId: 43296363236, lastUpdateId: 43296363255 });
  });
});

describe('readDepthPush, the direct depth reader', () => {
  const generic = (frame: Buffer) => {
    const push = PushDataV3ApiWrapper.decode(frame);
    const body = push.publicAggreDepths!;
    return {
      symbol: push.symbol,
      sendTime: Number(push.sendTime),
      fromVersion: Number(body.fromVersion),
      toVersion: Number(body.toVersion),
      bids: body.bids!.map((l) => [l.price, l.quantity]),
      asks: body.asks!.map((l) => [l.price, l.quantity]),
    };
  };
  const encode = (object: object) => Buffer.from(PushDataV3ApiWrapper.encode(PushDataV3ApiWrapper.fromObject(object)).finish());
  const depthPush = json<any>('ws-aggre-depth.json');

  it('reads what the generated decoder reads, for varied pushes', () => {
    for (let n = 0; n < 200; n++) {
      const levels = (k: number) => Array.from({ length: k }, (_, i) => ({ price: `${100 + i * n}.${n}`, quantity: i % 3 === 0 ? '0' : `${i}.0${n}` }));
      const frame = encode({
        ...depthPush,
        sendTime: String(1754741322152 + n * 1_000_003),
        symbolId: 'x'.repeat(n % 7),
        publicAggreDepths: { ...depthPush.publicAggreDepths, bids: levels(n % 5), asks: levels((n * 7) % 4), fromVersion: String(n * 1000 + 1), toVersion: String(n * 1000 + 1 + (n % 9)) },
      });
      expect(readDepthPush(frame)).toEqual(generic(frame));
    }
  });

  it('declines other bodies, truncated frames and non-numeric versions', () => {
    expect(readDepthPush(frameOf('ws-aggre-deals.json'))).toBeUndefined();
    expect(readDepthPush(frameOf('ws-aggre-book-ticker.json'))).toBeUndefined();
    const frame = frameOf('ws-aggre-depth.json');
    for (let cut = 1; cut < frame.length; cut += 3) expect(readDepthPush(frame.subarray(0, cut))).toBeUndefined();
    expect(readDepthPush(encode({ ...depthPush, publicAggreDepths: { ...depthPush.publicAggreDepths, fromVersion: 'x1' } }))).toBeUndefined();
  });

  it('reads non-ASCII text correctly', () => {
    const frame = encode({ ...depthPush, symbol: 'ÄUSDT' });
    expect(readDepthPush(frame)?.symbol).toBe('ÄUSDT');
  });
});
