import { describe, expect, it } from 'vitest';
import { checkReads, checkRestTraffic, checkValue, gateApiContract, Models, NULL, NUMBER, recordReads, STRING, type RecordedExchange, type WireType } from '../src/index.js';

// The checker itself, on gate-api's real contract: each way a misreading slips past a simulator
// written from the same reading must be caught.

const gate = gateApiContract();
const TIMERANGE = '/api/v4/futures/usdt/my_trades_timerange';
const documentedRow = {
  trade_id: '121234231',
  create_time: 1514764800.123,
  contract: 'BTC_USDT',
  order_id: '21893289839',
  size: '100',
  price: '100.123',
  text: 't-123456',
  fee: '0.01',
  point_fee: '0',
  role: 'taker',
  close_size: '0',
};

const exchange = (path: string, answer: unknown, query = ''): RecordedExchange => ({
  method: 'GET',
  path,
  query: new URLSearchParams(query),
  requestHeaders: {},
  requestBody: '',
  status: 200,
  responseHeaders: {},
  responseBody: JSON.stringify(answer),
});

/** An adapter reader that reads the fill id the way the /my_trades shape names it. */
const readsId = (rows: unknown) => (rows as Array<Record<string, unknown>>).map((row) => ({ id: row.id, order: row.order_id }));
/** One that reads it as gate-api's MyFuturesTradeTimeRange names it, and refuses a row without it. */
const readsTradeId = (rows: unknown) =>
  (rows as Array<Record<string, unknown>>).map((row) => {
    if (typeof row.trade_id !== 'string') throw new Error('no trade_id');
    return row.trade_id;
  });

describe('REST traffic against gate-api', () => {
  it('loads the models and operations from the installed package', () => {
    expect(gate.models.size).toBeGreaterThan(500);
    expect(gate.routes.match('GET', TIMERANGE)?.operation).toBe('FuturesApi.getMyTradesWithTimeRange');
    expect(gate.routes.match('DELETE', '/api/v4/spot/orders/123')?.operation).toBe('SpotApi.cancelOrder');
    expect(gate.routes.match('POST', '/api/v4/futures/usdt/positions/cross_mode')?.operation).toBe('FuturesApi.updatePositionCrossMode');
  });

  it('passes the documented answer read the documented way', () => {
    const report = checkRestTraffic([exchange(TIMERANGE, [documentedRow], 'contract=BTC_USDT&from=1&to=2&limit=1000&offset=0')], gate, {
      'FuturesApi.getMyTradesWithTimeRange': { read: readsTradeId },
    });
    expect(report.violations).toEqual([]);
    expect([...report.covered]).toEqual(['FuturesApi.getMyTradesWithTimeRange']);
  });

  it('fails an adapter that reads `id` from /my_trades_timerange', () => {
    const report = checkRestTraffic([exchange(TIMERANGE, [documentedRow])], gate, { 'FuturesApi.getMyTradesWithTimeRange': { read: readsId } });
    expect(report.violations).toEqual([
      `GET ${TIMERANGE} (FuturesApi.getMyTradesWithTimeRange) read: $[].id is read by the adapter, but MyFuturesTradeTimeRange (npm gate-api ${gate.version}) has no field id`,
    ]);
  });

  it('fails a simulator that serves `id` instead of `trade_id`', () => {
    const { trade_id, ...rest } = documentedRow;
    const report = checkRestTraffic([exchange(TIMERANGE, [{ id: Number(trade_id), ...rest }])], gate, { 'FuturesApi.getMyTradesWithTimeRange': { read: readsTradeId } });
    expect(report.violations).toEqual([
      `GET ${TIMERANGE} (FuturesApi.getMyTradesWithTimeRange) answer: $[0].id is not a field of MyFuturesTradeTimeRange (npm gate-api ${gate.version} dist/model/myFuturesTradeTimeRange.js)`,
      `GET ${TIMERANGE} (FuturesApi.getMyTradesWithTimeRange): the adapter cannot read the answer: no trade_id`,
    ]);
  });

  it('fails a type the model does not give, an enum value it does not list, a parameter and a path it does not have', () => {
    const report = checkRestTraffic(
      [exchange(TIMERANGE, [{ ...documentedRow, create_time: '1514764800.123', role: 'both' }], 'contract=BTC_USDT&page=2&limit=ten'), exchange('/api/v4/futures/usdt/fills', [])],
      gate,
    );
    expect(report.violations).toEqual([
      `GET ${TIMERANGE} (FuturesApi.getMyTradesWithTimeRange): query page is not a parameter of FuturesApi.getMyTradesWithTimeRange (npm gate-api ${gate.version})`,
      `GET ${TIMERANGE} (FuturesApi.getMyTradesWithTimeRange): query limit is "ten", FuturesApi.getMyTradesWithTimeRange takes a number`,
      `GET ${TIMERANGE} (FuturesApi.getMyTradesWithTimeRange) answer: $[0].create_time is the string "1514764800.123", the source says a number`,
      `GET ${TIMERANGE} (FuturesApi.getMyTradesWithTimeRange) answer: $[0].role is the string "both", the source says one of "taker", "maker"`,
      "GET /api/v4/futures/usdt/fills: no operation of the venue's source has this method and path",
    ]);
  });

  it("checks a JSON body against the operation's body model", () => {
    const post: RecordedExchange = {
      ...exchange('/api/v4/futures/usdt/orders', {}),
      method: 'POST',
      requestBody: '{"contract":"BTC_USDT","size":10,"price":"0","tif":"ioc","text":"t-1","reduce":true}',
    };
    expect(checkRestTraffic([post], gate).violations).toEqual([
      'POST /api/v4/futures/usdt/orders (FuturesApi.createFuturesOrder): body.size is the number 10, the source says a string',
      `POST /api/v4/futures/usdt/orders (FuturesApi.createFuturesOrder): body.reduce is not a field of FuturesOrder (npm gate-api ${gate.version} dist/model/futuresOrder.js)`,
    ]);
  });
});

describe('read recording', () => {
  it('records member reads through lists, nested objects, `in` and enumeration, not what JavaScript asks for itself', async () => {
    const recording = recordReads({ list: [{ a: 1, nested: { b: 2 } }], c: 3 });
    const value = recording.value;
    value.list.map((item) => item.nested.b);
    void ('c' in value);
    void Object.keys(value.list[0]!);
    void JSON.stringify({ c: value.c });
    await Promise.resolve(value);
    // Enumerating reads every member: `.*`, and each member by name (JavaScript asks for each descriptor).
    expect([...recording.paths].sort()).toEqual(['$.c', '$.list', '$.list[].*', '$.list[].a', '$.list[].nested', '$.list[].nested.b']);
  });

  it("resolves read paths through the source's types", () => {
    const type = { kind: 'array', items: { kind: 'model', name: 'MyFuturesTradeTimeRange' } } as const;
    expect(checkReads(['$[].trade_id', '$[].*'], type, gate.models)).toEqual([]);
    expect(checkReads(['$.trade_id'], type, gate.models)).toEqual([
      { path: '$.trade_id', message: 'is read by the adapter, but $ is a list of a MyFuturesTradeTimeRange, which has no member trade_id' },
    ]);
  });

  it('takes null for a nested object (documented "or null") and nothing else', () => {
    const position = gate.models.model('Position')!;
    expect(checkValue({ close_order: null }, { kind: 'model', name: position.name }, gate.models)).toEqual([]);
    expect(checkValue({ size: null }, { kind: 'model', name: position.name }, gate.models)).toEqual([{ path: '$.size', message: 'is null, the source says a string' }]);
  });
});

describe('null and alternatives (sources that disagree)', () => {
  const models = new Models()
    .add({
      name: 'Order',
      fields: new Map<string, WireType>([
        ['orderId', { kind: 'oneOf', types: [STRING, NUMBER] }],
        ['clientOrderId', { kind: 'oneOf', types: [STRING, NULL] }],
        ['fills', { kind: 'oneOf', types: [NULL, { kind: 'array', items: { kind: 'model', name: 'Fill' } }] }],
      ]),
      source: { origin: 'test' },
    })
    .add({ name: 'Fill', fields: new Map<string, WireType>([['id', STRING]]), source: { origin: 'test' } });
  const order: WireType = { kind: 'model', name: 'Order' };

  it('takes a value any alternative takes, and names both when none does', () => {
    expect(checkValue({ orderId: 4, clientOrderId: null, fills: null }, order, models)).toEqual([]);
    expect(checkValue({ orderId: 'C02__1', clientOrderId: 'c', fills: [{ id: '1' }] }, order, models)).toEqual([]);
    expect(checkValue({ orderId: true }, order, models)).toEqual([{ path: '$.orderId', message: 'is boolean, the source says a string or a number' }]);
    expect(checkValue({ fills: [{ id: '1', extra: 2 }] }, order, models)).toEqual([{ path: '$.fills[0].extra', message: 'is not a field of Fill (test)' }]);
  });

  it('lets a read through an alternative that has the member, and refuses one no alternative has', () => {
    expect(checkReads(['$.fills[].id', '$.clientOrderId'], order, models)).toEqual([]);
    expect(checkReads(['$.fills[].price'], order, models)).toEqual([{ path: '$.fills[].price', message: 'is read by the adapter, but Fill (test) has no field price' }]);
  });
});
