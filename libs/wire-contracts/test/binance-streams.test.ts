import { describe, expect, it } from 'vitest';
import { binanceConnectorContract, checkBinanceStreamTraffic, type RecordedFrame } from '../src/index.js';

// The Binance stream checker on the installed connectors' own declarations: what it reads of them
// (stream templates, the user data union, WebSocket API methods), and each kind of mistake it
// must catch in recorded frames.

const spot = binanceConnectorContract('@binance/spot');
const usdm = binanceConnectorContract('@binance/derivatives-trading-usds-futures');

const frame = (direction: 'in' | 'out', message: unknown, path = '/stream'): RecordedFrame => {
  const text = JSON.stringify(message);
  return { direction, path, data: Buffer.from(text), isBinary: false, text };
};

/** Spot's diff-depth event as web-socket-streams.md prints it. */
const spotDepth = { e: 'depthUpdate', E: 1672515782136, s: 'BNBBTC', U: 157, u: 160, b: [['0.0024', '10']], a: [['0.0026', '100']] };
/** Spot's executionReport of a new order (user-data-stream.md): no commission asset yet. */
const newOrderReport = {
  e: 'executionReport',
  E: 1499405658658,
  s: 'ETHBTC',
  c: 'mUvoqJxFIILMdfAW5iGSOW',
  S: 'BUY',
  o: 'LIMIT',
  f: 'GTC',
  q: '1.00000000',
  p: '0.10264410',
  P: '0.00000000',
  F: '0.00000000',
  g: -1,
  C: '',
  x: 'NEW',
  X: 'NEW',
  r: 'NONE',
  i: 4293153,
  l: '0.00000000',
  z: '0.00000000',
  L: '0.00000000',
  n: '0',
  N: null,
  T: 1499405658657,
  t: -1,
  v: 3,
  I: 8641984,
  w: true,
  m: false,
  M: false,
  O: 1499405658657,
  Z: '0.00000000',
  Y: '0.00000000',
  Q: '0.00000000',
  W: 1499405658657,
  V: 'NONE',
};

describe('Binance connectors as stream contracts', () => {
  it('reads the stream templates, the user data union and the WebSocket API methods from the declarations', () => {
    expect(spot.streams.find((s) => s.pattern.test('btcusdt@depth@100ms'))?.operation).toBe('diffBookDepth');
    expect(spot.streams.find((s) => s.pattern.test('btcusdt@depth20'))?.operation).toBe('partialBookDepth');
    expect(usdm.streams.find((s) => s.pattern.test('btcusdt@aggTrade'))?.operation).toBe('aggregateTradeStreams');
    expect(usdm.streams.find((s) => s.pattern.test('btcusdt@forceOrder'))?.operation).toBe('liquidationOrderStreams');
    expect(spot.userData?.kind).toBe('oneOf');
    expect(spot.wsApi.get('userDataStream.subscribe.signature')?.operation).toBe('userDataStreamSubscribeSignature');
  });

  it('passes documented events read the way each market has them', () => {
    const frames = [frame('out', { method: 'SUBSCRIBE', params: ['bnbbtc@depth@100ms'], id: 1 }), frame('in', { result: null, id: 1 }), frame('in', { stream: 'bnbbtc@depth@100ms', data: spotDepth })];
    const report = checkBinanceStreamTraffic(frames, spot, { diffBookDepth: { read: (d) => [(d as Record<string, unknown>).U, (d as Record<string, unknown>).E] } });
    expect(report.violations).toEqual([]);
    expect([...report.covered]).toEqual(['diffBookDepth']);
  });

  it("fails a reader that takes a field only the other market has (USDⓈ-M's transaction time T on a spot depth event)", () => {
    const report = checkBinanceStreamTraffic([frame('in', { stream: 'bnbbtc@depth@100ms', data: spotDepth })], spot, { diffBookDepth: { read: (d) => (d as Record<string, unknown>).T } });
    expect(report.violations).toEqual([expect.stringMatching(/^bnbbtc@depth@100ms event read: \$\.T is read by the adapter, but DiffBookDepthResponse .* has no field T$/)]);
  });

  it('fails a stream name the connector does not know, a member an event model lacks, and an unknown WebSocket API method', () => {
    const report = checkBinanceStreamTraffic(
      [
        frame('out', { method: 'SUBSCRIBE', params: ['btcusdt@orderBook'], id: 1 }),
        frame('in', { stream: 'bnbbtc@depth@100ms', data: { ...spotDepth, pu: 156 } }),
        frame('out', { method: 'userDataStream.start.v2', params: {}, id: 2 }, '/ws-api/v3'),
      ],
      spot,
    );
    expect(report.violations).toEqual([
      'client SUBSCRIBE: "btcusdt@orderBook" is no stream of @binance/spot',
      expect.stringMatching(/^bnbbtc@depth@100ms event: \$\.pu is not a field of DiffBookDepthResponse/),
      'client request "userDataStream.start.v2" on /ws-api/v3: no stream request or WebSocket API method of @binance/spot',
    ]);
  });

  it('takes a user data event by its `e` (the documented null commission asset included) and fails one the union does not have', () => {
    const event = (e: unknown) => frame('in', { subscriptionId: 0, event: e }, '/ws-api/v3');
    expect(checkBinanceStreamTraffic([event(newOrderReport)], spot).violations).toEqual([]);
    const report = checkBinanceStreamTraffic([event({ ...newOrderReport, e: 'orderUpdate' })], spot);
    expect(report.violations).toEqual(['user data event: $.e is the string "orderUpdate", the source says one of "executionReport"']);
  });
});
