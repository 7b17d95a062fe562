import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BookFeed } from '../src/core/book-feed.js';
import { silentLogger } from '../src/core/logger.js';
import { AdapterMetrics } from '../src/core/metrics.js';
import type { BookEvent } from '../src/core/types.js';
import type { ShardedWsClient } from '../src/core/ws-client.js';
import { gateioErrorClassifier } from '../src/gateio/common/errors.js';
import { ObuBookSync } from '../src/gateio/common/book-obu.js';
import { toOrderBook, toSymbolInfo, toTicker, toTrade } from '../src/gateio/spot/parse.js';
import { GateioFrameRouter } from '../src/gateio/common/router.js';

// Every message here is in the exact shape of Gate.io's documented examples or ccxt's captured
// live responses (fixtures/gateio, sources in docs/venues/gateio-spot-wire.md).
const fixture = (name: string) => readFileSync(new URL(`./fixtures/gateio/${name}`, import.meta.url), 'utf8');
const json = <T>(name: string) => JSON.parse(fixture(name)) as T;

const ETH = { base: 'ETH', quote: 'USDT' };
const BTC = { base: 'BTC', quote: 'USDT' };

describe('Gate.io spot REST parsing', () => {
  it('maps a currency pair to symbol rules', () => {
    const [pair] = json<any[]>('rest-currency-pairs.json');
    expect(toSymbolInfo(pair, ETH, 1_700_000_000)).toEqual({
      symbol: ETH,
      venueSymbol: 'ETH_USDT',
      status: 'trading',
      priceTick: '0.000001',
      quantityStep: '0.001',
      pricePrecision: 6,
      quantityPrecision: 3,
      minQuantity: '0.001',
      maxQuantity: '10000',
      minNotional: '1',
      maxNotional: '10000000',
      takerFeeRate: '0.002',
    });
    expect(toSymbolInfo({ ...pair, trade_status: 'sellable' }, ETH, 0).status).toBe('halted');
    expect(toSymbolInfo({ ...pair, delisting_time: 100 }, ETH, 200).status).toBe('delisted');
  });

  it('maps the order book snapshot with its id', () => {
    const book = toOrderBook(json('rest-order-book.json'), BTC);
    expect(book.updateId).toBe(123456);
    expect(book.timestampMs).toBe(1623898993123);
    expect(book.bids[0]).toEqual(['1.17', '201.863']);
    expect(book.asks[1]).toEqual(['1.53', '1.218']);
  });

  it('maps trades from REST (string ids and times) and websocket (numeric id)', () => {
    const [rest] = json<any[]>('rest-trades.json');
    expect(toTrade(rest, BTC)).toEqual({ symbol: BTC, tradeId: '7835390042', price: '73236.4', quantity: '0.0002', takerSide: 'buy', timestampMs: 1710327648162 });
    const ws = json<any>('ws-trades.json').result;
    expect(toTrade(ws, { base: 'GT', quote: 'USDT' })).toMatchObject({ tradeId: '309143071', price: '0.4705', quantity: '16.47', takerSide: 'sell', timestampMs: 1606292218213 });
  });

  it('maps tickers', () => {
    const [rest] = json<any[]>('rest-tickers.json');
    expect(toTicker(rest, BTC, 5)).toMatchObject({ lastPrice: '73373.9', bestBid: '73364.1', bestAsk: '73364.2', bestBidQuantity: '', changePercent24h: '1.71', high24h: '73636.3', timestampMs: 5 });
  });

  it('classifies error bodies with the venue label', () => {
    const error = gateioErrorClassifier('gateio_spot').classifyHttp(400, fixture('rest-error.json'), {});
    expect(error.kind).toBe('not_found');
    expect(error.venueCode).toBe('INVALID_CURRENCY_PAIR');
    expect(error.venueMessage).toBe('Invalid currency pair BTC_USDTT');
    const limited = gateioErrorClassifier('gateio_spot').classifyHttp(429, '{"label":"TOO_MANY_REQUESTS","message":"Request Rate limit Exceeded"}', { 'retry-after': '2' });
    expect(limited.kind).toBe('rate_limited');
    expect(limited.retryAfterMs).toBe(2000);
    expect(gateioErrorClassifier('gateio_spot').classifyHttp(502, '<html>bad gateway</html>', {}).kind).toBe('venue_unavailable');
  });

  // Labels of the API v4 reference's error list (rosssaunders/coincise docs/gateio/error_codes.md,
  // v4.105.x) that a trading gateway meets, by what they tell a client; all answered with 400 by
  // Gate, so the status alone would call each an invalid argument.
  it.each([
    ['FUTURES_BALANCE_NOT_ENOUGH', 'insufficient_balance'],
    ['MARGIN_BALANCE_NOT_ENOUGH', 'insufficient_balance'],
    ['BALANCE_NOT_ENOUGH', 'insufficient_balance'],
    ['INVALID_CREDENTIALS', 'unauthenticated'],
    ['ACCOUNT_LOCKED', 'permission_denied'],
    ['TRADE_RESTRICTED', 'permission_denied'],
    ['ORDER_EXISTS', 'venue_rejected'],
    ['INVALID_CLIENT_ORDER_ID', 'invalid_argument'],
    ['AMOUNT_TOO_LITTLE', 'invalid_argument'],
    ['AMOUNT_TOO_MUCH', 'invalid_argument'],
    ['ORDER_FINISHED', 'venue_rejected'],
    ['ORDER_PENDING', 'venue_rejected'],
    ['NOT_FOUND', 'internal'],
  ])('classifies %s as %s', (label, kind) => {
    const error = gateioErrorClassifier('gateio_futures').classifyHttp(400, JSON.stringify({ label, message: 'm' }), {});
    expect([error.kind, error.venueCode]).toEqual([kind, label]);
  });
});

describe('Gate.io spot.obu frames through the router', () => {
  function setup() {
    const metrics = new AdapterMetrics();
    const resubscribed: string[] = [];
    const ws = { subscribe: () => undefined, unsubscribe: () => undefined, resubscribe: (t: string) => resubscribed.push(t) } as unknown as ShardedWsClient;
    const sync = new ObuBookSync(ws, 50, metrics, silentLogger, 'spot.obu');
    const router = new GateioFrameRouter(metrics, silentLogger);
    router.on('spot.obu', (result, _frame, us) => sync.onUpdate(result, us));
    const feed = new BookFeed(BTC, (reason) => sync.resync('BTC_USDT', reason));
    const events: BookEvent[] = [];
    feed.addListener((e) => events.push(e));
    sync.start('BTC_USDT', feed);
    return { router, feed, events, resubscribed, metrics };
  }

  it('applies the documented full snapshot and the following delta', () => {
    const { router, feed, events } = setup();
    router.route(fixture('ws-obu-full.json'), 1);
    // The documented delta continues from the snapshot's u (73777715168 -> U 73777715169).
    router.route(fixture('ws-obu-delta.json'), 2);
    expect(events.map((e) => e.type)).toEqual(['snapshot', 'delta']);
    expect(events[1]).toMatchObject({ firstUpdateId: 73777715169, lastUpdateId: 73777715212 });
    expect(feed.book.asks.levels()).toEqual([]); // both asks deleted with "0"
    expect(feed.book.bids.levels()).toEqual([
      ['104027.1', '509392'],
      ['104027', '477932'],
      ['104024.5', '10343'],
      ['104014.5', '509392'],
    ]);
  });

  it('accepts the live capture shape that carries event "update"', () => {
    const { router, events } = setup();
    const frame = JSON.parse(fixture('ws-obu-full-ccxt.json')); // captured on XRP_USDT
    frame.result.s = 'ob.BTC_USDT.50';
    router.route(JSON.stringify(frame), 1);
    expect(events[0]?.type).toBe('snapshot');
  });

  it('resubscribes on a gap and ignores deltas until the fresh snapshot', () => {
    const { router, feed, events, resubscribed, metrics } = setup();
    router.route(fixture('ws-obu-full.json'), 1);
    const gapped = JSON.parse(fixture('ws-obu-delta.json'));
    gapped.result.U += 5;
    gapped.result.u += 5;
    router.route(JSON.stringify(gapped), 2);
    expect(resubscribed).toEqual(['spot.obu|ob.BTC_USDT.50']);
    expect(metrics.bookResyncs).toBe(1);
    expect(feed.book.isSynced).toBe(false);
    router.route(fixture('ws-obu-full.json'), 3);
    expect(events.map((e) => e.type)).toEqual(['snapshot', 'snapshot']);
  });

  it('counts malformed frames and keeps going', () => {
    const { router, metrics, events } = setup();
    router.route('{"channel":"spot.obu","result":{"s":"ob.BTC_USDT.50"', 1);
    router.route('[]', 1);
    router.route(fixture('ws-obu-full.json'), 1);
    expect(metrics.wsMessagesMalformed).toBe(2);
    expect(events).toHaveLength(1);
  });

  it('ignores pongs, acks and errors without touching books', () => {
    const { router, events, metrics } = setup();
    router.route(fixture('ws-pong.json'), 1);
    router.route(fixture('ws-subscribe-ack.json'), 1);
    router.route(fixture('ws-error.json'), 1);
    expect(events).toHaveLength(0);
    expect(metrics.errorCounts.get('venue_ws_error')).toBe(1);
  });
});
