import { describe, expect, it } from 'vitest';
import { AdapterMetrics, BookFeed, silentLogger } from '../src/index.js';
import { WireReader } from '../src/core/wire-read.js';
import { BinanceDepthSync } from '../src/binance/common/depth-sync.js';
import { scanDepthFrame } from '../src/binance/common/depth-scanner.js';
import { BinanceStreamRouter } from '../src/binance/common/stream-router.js';
import { binanceErrorClassifier } from '../src/binance/common/errors.js';
import { rulesFromFilters } from '../src/binance/common/filters.js';
import { BinanceRateLimits, type BinanceLimitTable } from '../src/binance/common/rate-limits.js';
import { binanceAuth, binanceSigner } from '../src/binance/common/auth.js';
import { ServerClock } from '../src/core/server-clock.js';
import { generateKeyPairSync, verify } from 'node:crypto';

const classify = (status: number, body: unknown) => binanceErrorClassifier('binance_spot').classifyHttp(status, JSON.stringify(body), {});

describe('Binance error codes', () => {
  it("maps the venue's codes, and -2010 / -2011 by the matching engine's message", () => {
    expect(classify(400, { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' }).kind).toBe('unauthenticated');
    expect(classify(400, { code: -1013, msg: 'Filter failure: LOT_SIZE' }).kind).toBe('invalid_argument');
    expect(classify(400, { code: -4164, msg: "Order's notional must be no smaller than 5" }).kind).toBe('invalid_argument');
    expect(classify(400, { code: -1121, msg: 'Invalid symbol.' }).kind).toBe('not_found');
    expect(classify(400, { code: -2010, msg: 'Account has insufficient balance for requested action.' }).kind).toBe('insufficient_balance');
    expect(classify(400, { code: -2010, msg: 'Duplicate order sent.' }).kind).toBe('venue_rejected');
    expect(classify(400, { code: -2010, msg: 'Order would immediately match and take.' }).kind).toBe('venue_rejected');
    expect(classify(400, { code: -2011, msg: 'Unknown order sent.' }).kind).toBe('not_found');
    expect(classify(400, { code: -2019, msg: 'Margin is insufficient.' }).kind).toBe('insufficient_balance');
    expect(classify(400, { code: -2022, msg: 'ReduceOnly Order is rejected.' }).kind).toBe('venue_rejected');
    const limited = binanceErrorClassifier('binance_spot').classifyHttp(429, JSON.stringify({ code: -1003, msg: 'Too much request weight used' }), { 'retry-after': '3' });
    expect(limited).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000, venueCode: '-1003', retryable: true });
    expect(binanceErrorClassifier('binance_spot').classifyHttp(503, 'Service Unavailable', {}).kind).toBe('timeout');
    expect(binanceErrorClassifier('binance_spot').classifyHttp(502, '<html>Bad Gateway</html>', {}).kind).toBe('venue_unavailable');
  });
});

describe('Binance symbol filters', () => {
  const read = new WireReader('binance_spot');
  it('reads tick, step, quantity and notional limits; "0" turns a rule off', () => {
    const rules = rulesFromFilters(read, [
      { filterType: 'PRICE_FILTER', minPrice: '0.01000000', maxPrice: '1000000.00000000', tickSize: '0.01000000' },
      { filterType: 'LOT_SIZE', minQty: '0.00001000', maxQty: '9000.00000000', stepSize: '0.00001000' },
      { filterType: 'NOTIONAL', minNotional: '5.00000000', applyMinToMarket: true, maxNotional: '9000000.00000000', applyMaxToMarket: false, avgPriceMins: 5 },
      { filterType: 'ICEBERG_PARTS', limit: 10 },
    ]);
    expect(rules).toEqual({ priceTick: '0.01', quantityStep: '0.00001', minQuantity: '0.00001', maxQuantity: '9000', minNotional: '5', maxNotional: '9000000' });
    // USDⓈ-M: MIN_NOTIONAL with `notional`; a 0 max is no max
    expect(
      rulesFromFilters(
        read,
        [
          { filterType: 'MIN_NOTIONAL', notional: '100' },
          { filterType: 'LOT_SIZE', minQty: '0.001', maxQty: '0', stepSize: '0.001' },
        ],
        'notional',
      ),
    ).toMatchObject({ minNotional: '100', maxQuantity: '' });
    expect(() => rulesFromFilters(read, [{ filterType: 'PRICE_FILTER', tickSize: 'abc' }])).toThrow(/tick size/);
  });
});

describe('Binance depth continuity', () => {
  function sync(continuity: 'contiguous' | 'previous-final') {
    const ws = { subscribe: () => undefined, unsubscribe: () => undefined } as never;
    const feed = new BookFeed({ base: 'BTC', quote: 'USDT' }, () => undefined);
    const depth = new BinanceDepthSync({
      venue: 'binance_usdm',
      ws,
      continuity,
      fetchSnapshot: async () => ({ bids: [], asks: [], updateId: 0, timestampMs: 0 }),
      metrics: new AdapterMetrics(),
      logger: silentLogger,
    });
    (depth as unknown as { tracked: Map<string, unknown> }).tracked.set('BTCUSDT', { feed, buffer: [], receivedAt: [], fetching: true, active: true });
    feed.applySnapshot([['100', '1']], [['101', '1']], 1000, 1, 0);
    return { depth, feed };
  }

  it('USDⓈ-M: an event continues the book when its pu is the book id, however far U is from it', () => {
    const { depth, feed } = sync('previous-final');
    depth.onEvent({ e: 'depthUpdate', E: 2, T: 2, s: 'BTCUSDT', U: 990, u: 1010, pu: 985, b: [['100', '2']], a: [] }, 0);
    expect(feed.book.lastUpdateId).toBe(1010);
    depth.onEvent({ e: 'depthUpdate', E: 3, T: 3, s: 'BTCUSDT', U: 1050, u: 1060, pu: 1010, b: [['99', '1']], a: [] }, 0);
    expect(feed.book.lastUpdateId).toBe(1060);
    depth.onEvent({ e: 'depthUpdate', E: 4, T: 4, s: 'BTCUSDT', U: 1080, u: 1090, pu: 1070, b: [], a: [] }, 0);
    expect(feed.book.isSynced).toBe(false); // pu 1070 is not 1060: an event was lost
  });

  it('spot: U must be the book id + 1', () => {
    const { depth, feed } = sync('contiguous');
    depth.onEvent({ e: 'depthUpdate', E: 2, s: 'BTCUSDT', U: 995, u: 1005, b: [['100', '2']], a: [] }, 0);
    expect(feed.book.lastUpdateId).toBe(1005);
    depth.onEvent({ e: 'depthUpdate', E: 3, s: 'BTCUSDT', U: 1007, u: 1010, b: [], a: [] }, 0);
    expect(feed.book.isSynced).toBe(false);
  });
});

describe('Binance depth frame scanner', () => {
  const spot = '{"stream":"bnbbtc@depth@100ms","data":{"e":"depthUpdate","E":1672515782136,"s":"BNBBTC","U":157,"u":160,"b":[["0.0024","10"]],"a":[["0.0026","100"],["0.0027","0"]]}}';
  const usdm = '{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":123456789,"T":123456788,"s":"BTCUSDT","U":157,"u":160,"pu":149,"b":[],"a":[["0.0026","100"]]}}';

  it('reads compact depth events exactly as JSON.parse does', () => {
    for (const text of [spot, usdm, spot.replace('"b":[["0.0024","10"]]', '"b":[]'), usdm.replace('"pu":149', '"pu":0')]) expect(scanDepthFrame(text)).toEqual(JSON.parse(text));
  });

  it('leaves anything else to JSON.parse: other streams, other members, whitespace, escapes, fractions, long or negative numbers, a cut frame', () => {
    const unusual = [
      '{"stream":"btcusdt@trade","data":{"e":"trade","E":1,"s":"BTCUSDT","t":1,"p":"1","q":"1","T":1,"m":true}}',
      spot.replace('"s":"BNBBTC"', '"s":"BNBBTC","M":true'),
      spot.replace('"e":"depthUpdate"', '"e":"depthUpdate2"'),
      spot.replace('"U":157', '"U": 157'),
      spot.replace('"s":"BNBBTC"', '"s":"BNB\\u0042TC"'),
      spot.replace('"U":157', '"U":157.5'),
      spot.replace('"U":157', '"U":12345678901234567'),
      usdm.replace('"pu":149', '"pu":-1'),
      spot.replace('"U":157', '"U":0157'),
      spot.slice(0, -1),
      `${spot} `,
      spot.replace('{"stream"', '{"data":{},"stream"'),
    ];
    for (const text of unusual) expect(scanDepthFrame(text), text).toBeUndefined();
  });

  it('checks each level as it reads it: one the book would refuse sends the frame to JSON.parse and the full check', () => {
    const refused = ['"0"', '"0.000"', '"-1"', '"1e-5"', '"1.2.3"', '""', '"."', '" 1"', '"NaN"'];
    for (const price of refused) expect(scanDepthFrame(spot.replace('"0.0024"', price)), price).toBeUndefined();
    for (const quantity of ['"-1"', '"1e3"', '""', '"1,5"']) expect(scanDepthFrame(spot.replace('"10"', quantity)), quantity).toBeUndefined();
    expect(scanDepthFrame(spot.replace('"10"', '"0.00000000"'))).toEqual(JSON.parse(spot.replace('"10"', '"0.00000000"'))); // a removal
  });

  it('tells the depth handler which events the scanner checked', () => {
    const seen: Array<[string, boolean]> = [];
    const router = new BinanceStreamRouter(new AdapterMetrics(), silentLogger).on('depth@100ms', (data, _us, levelsChecked) => seen.push([String(data.U), levelsChecked]));
    router.handleFrame(Buffer.from(spot), false, 0);
    router.handleFrame(Buffer.from(spot.replace('"U":157', '"U": 158')), false, 0); // whitespace: JSON.parse
    router.handleFrame(Buffer.from(spot.replace('"U":157', '"U":159').replace('"0.0024"', '"0"')), false, 0); // a zero price: JSON.parse
    expect(seen).toEqual([
      ['157', true],
      ['158', false],
      ['159', false],
    ]);
  });
});

describe('Binance rate limits', () => {
  const table: BinanceLimitTable = {
    limits: [{ header: 'x-mbx-used-weight-1m', capacity: 100, intervalMs: 60_000, counts: 'weight' }],
    weights: { 'GET /api/v3/depth': 5 },
    orderEndpoints: new Set(),
  };

  it('reports the counts the venue sends, and waits for its next window when they would pass the limit', async () => {
    let now = 120_000;
    const metrics = new AdapterMetrics();
    const limits = new BinanceRateLimits(table, metrics, () => now);
    await limits.acquire('GET', '/api/v3/depth');
    limits.observe({ 'x-mbx-used-weight-1m': '97' }); // other processes on this IP spent the rest
    expect(metrics.venueLimitUsage.get('x-mbx-used-weight-1m')).toEqual({ used: 97, limit: 100 });
    let sent = false;
    const waiting = limits.acquire('GET', '/api/v3/depth', undefined, 5).then(() => (sent = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(sent).toBe(false);
    now = 180_000; // the venue's next minute
    await waiting;
    expect(sent).toBe(true);
  });
});

describe('Binance signing', () => {
  const clock = new ServerClock(async () => Date.now());

  it('HMAC: lower-case hex over the query and body as sent, with recvWindow and timestamp', () => {
    const signed = binanceAuth({ apiKey: 'k', apiSecret: 's' }, clock).sign({ method: 'POST', path: '/api/v3/order', queryString: 'symbol=BTCUSDT&side=BUY', body: '' });
    expect(signed.headers).toEqual({ 'X-MBX-APIKEY': 'k' });
    expect(signed.queryString).toMatch(/^symbol=BTCUSDT&side=BUY&recvWindow=5000&timestamp=\d+&signature=[0-9a-f]{64}$/);
  });

  it('Ed25519: a PEM private key as the secret signs with the key (base64)', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const signer = binanceSigner({ apiKey: 'k', apiSecret: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    const signature = signer.sign('symbol=BTCUSDT&timestamp=1');
    expect(verify(null, Buffer.from('symbol=BTCUSDT&timestamp=1'), publicKey, Buffer.from(signature, 'base64'))).toBe(true);
  });
});

describe('Binance spot WebSocket API address', () => {
  it('is the option when given, the REST host when the streams share it (a simulator or one proxy), else the live venue', async () => {
    const { wsApiUrlOf } = await import('../src/binance/spot/private.js');
    const credentials = { apiKey: 'k', apiSecret: 's' };
    expect(wsApiUrlOf({ credentials, options: { ws_api_url: 'wss://x/ws-api/v3' } })).toBe('wss://x/ws-api/v3');
    expect(wsApiUrlOf({ credentials, restBaseUrl: 'http://127.0.0.1:4000', wsUrl: 'ws://127.0.0.1:4000' })).toBe('ws://127.0.0.1:4000/ws-api/v3');
    expect(wsApiUrlOf({ credentials, restBaseUrl: 'https://api.binance.com', wsUrl: 'wss://stream.binance.com:9443' })).toBe('wss://ws-api.binance.com:443/ws-api/v3');
    expect(wsApiUrlOf({ credentials })).toBe('wss://ws-api.binance.com:443/ws-api/v3');
  });
});
