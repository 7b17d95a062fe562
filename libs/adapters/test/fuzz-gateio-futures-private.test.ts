import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import { createServiceLogger } from '@cexgw/grpc';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalSignedDecimal } from '../src/core/decimal.js';
import { plainNumber, quoteJsonNumbers } from '../src/core/exact-json.js';
import type { ContractInfo } from '../src/core/futures-exchange.js';
import type { FuturesPrivateListener, Position } from '../src/core/futures-private.js';
import type { Logger } from '../src/core/logger.js';
import type { Fill, OrderState } from '../src/core/private-exchange.js';
import { GateioFuturesPrivate } from '../src/gateio/futures/private.js';
import { captureLogger, CANONICAL, runs } from './fuzz-support.js';

// Property-based fuzzing of Gate.io futures private pushes (futures.orders / usertrades /
// positions / balances), in process, through the adapter's own websocket listener: every frame
// is rewritten by quoteJsonNumbers (core/exact-json.ts) and routed to private-parse.ts. Valid
// pushes whose numbers are JSON numbers in any spelling (exponents, ids past 2^53) must come out
// exact; garbage must never throw out of the frame handler, is counted when it is not a push,
// never becomes a fill or order with an unreadable amount, and never puts a secret in a log.

const KEY = 'a3f5c1d2e4b6a8c0e2f4a6b8c0d2e4f6';
const SECRET = '9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d8c';
const contract = (venueSymbol: string, multiplier: string, base: string): ContractInfo => ({
  symbol: { base, quote: 'USDT' },
  venueSymbol,
  contractMultiplier: multiplier,
  priceTick: '0.1',
  minContracts: '1',
  maxContracts: '1000000',
  minLeverage: 1,
  maxLeverage: 100,
  fundingIntervalS: 28800,
  nextFundingTimeMs: 0,
  inDelisting: false,
});
const CONTRACTS = new Map([
  ['BTC_USDT', contract('BTC_USDT', '0.0001', 'BTC')],
  ['XRP_USDT', contract('XRP_USDT', '10', 'XRP')],
]);

/** The adapter with its contracts loaded and no network: frames go in through its websocket listener. */
function harness(logger: Logger) {
  const exchange = new GateioFuturesPrivate({ credentials: { apiKey: KEY, apiSecret: SECRET }, restBaseUrl: 'http://127.0.0.1:9', wsUrl: 'ws://127.0.0.1:9', logger });
  const fills: Fill[] = [];
  const orders: OrderState[] = [];
  const positions: Position[] = [];
  const listener: FuturesPrivateListener = {
    onOrder: (o) => orders.push(o),
    onFill: (f) => fills.push(f),
    onBalances: () => {},
    onStreamState: () => {},
    onPosition: (p) => positions.push(p),
  };
  const internals = exchange as unknown as Record<string, any>;
  internals.contracts = CONTRACTS;
  internals.listener = listener;
  internals.positions = { changed() {}, seen() {}, start() {}, stop() {} };
  internals.rest = { account: async () => ({ currency: 'USDT', total: '1', available: '1', position_margin: '0', order_margin: '0', unrealised_pnl: '0' }) };
  const onMessage = internals.privateStream.options.listener.onMessage as (data: Buffer, isBinary: boolean) => void;
  return { exchange, fills, orders, positions, push: (text: string) => onMessage(Buffer.from(text), false) };
}

// --- JSON numbers in every spelling ------------------------------------------------------------

/** A decimal (sign allowed) and a JSON number spelling of exactly that value: plain, or with an exponent. */
const spelledNumber = (opts: { negative?: boolean } = {}) =>
  fc
    .tuple(fc.bigInt({ min: 1n, max: 10n ** 25n }), fc.integer({ min: 0, max: 12 }), fc.boolean(), fc.constantFrom('plain', 'scientific', 'integer-mantissa'), fc.constantFrom('e', 'E', 'e+', 'E+'))
    .map(([units, scale, negative, form, e]) => {
      const sign = opts.negative && negative ? '-' : '';
      const digits = units.toString();
      const padded = digits.padStart(scale + 1, '0');
      const plain = scale === 0 ? digits : `${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
      let json = plain;
      if (form === 'scientific') {
        const exponent = digits.length - 1 - scale;
        json = `${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}${exponent < 0 ? e[0] : e}${exponent}`;
      } else if (form === 'integer-mantissa') {
        json = `${digits}${scale === 0 ? e : e[0]}${scale === 0 ? 0 : -scale}`;
      }
      return { value: `${sign}${canonicalOf(plain)}`, json: `${sign}${json}` };
    });

function canonicalOf(plain: string): string {
  let [i = '', f = ''] = plain.split('.');
  i = i.replace(/^0+/, '') || '0';
  f = f.replace(/0+$/, '');
  return f ? `${i}.${f}` : i;
}

/** Big ids as JSON numbers (past 2^53) or strings. */
const bigId = fc.oneof(
  fc.bigInt({ min: 1n, max: 10n ** 19n }).map((n) => ({ value: n.toString(), json: n.toString() })),
  fc.stringMatching(/^[1-9]\d{0,18}$/).map((s) => ({ value: s, json: JSON.stringify(s) })),
);

const userTrade = fc.record({
  id: bigId,
  orderId: bigId,
  contract: fc.constantFrom('BTC_USDT', 'XRP_USDT'),
  size: fc.tuple(fc.integer({ min: 1, max: 10 ** 9 }), fc.boolean()).map(([n, sell]) => (sell ? -n : n)),
  price: spelledNumber(),
  priceAsString: fc.boolean(),
  fee: spelledNumber({ negative: true }),
  createTimeMs: fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
  role: fc.constantFrom('maker', 'taker'),
  text: fc.constantFrom('t-abc_1', '-', 'api', 't-x'),
});
type UserTrade = typeof userTrade extends fc.Arbitrary<infer T> ? T : never;

function userTradesFrame(trades: UserTrade[], ws = ''): string {
  const items = trades.map(
    (t) =>
      `{"id":${t.id.json},${ws}"create_time":${Math.floor(t.createTimeMs / 1000)},"create_time_ms":${t.createTimeMs},"contract":"${t.contract}","order_id":${t.orderId.json},"size":${t.size},` +
      `"price":${t.priceAsString ? JSON.stringify(t.price.value) : t.price.json},"role":"${t.role}","text":"${t.text}","fee":${ws}${t.fee.json},"point_fee":0}`,
  );
  return `{"time":1543205083,"time_ms":1543205083123,"channel":"futures.usertrades","event":"update","result":[${items.join(',')}]}`;
}

function expectedFill(t: UserTrade): Partial<Fill> {
  const multiplier = CONTRACTS.get(t.contract)!.contractMultiplier;
  const size = BigInt(Math.abs(t.size));
  const [mi = '', mf = ''] = multiplier.split('.');
  const units = (size * BigInt(mi + mf)).toString().padStart(mf.length + 1, '0');
  const quantity = canonicalOf(mf.length ? `${units.slice(0, -mf.length)}.${units.slice(-mf.length)}` : units);
  return {
    fillId: t.id.value,
    orderId: t.orderId.value,
    clientOrderId: t.text.startsWith('t-') ? t.text.slice(2) : '',
    side: t.size < 0 ? 'sell' : 'buy',
    price: t.price.value,
    quantity,
    fee: t.fee.value === '-0' ? '0' : t.fee.value,
    feeAsset: 'USDT',
    isMaker: t.role === 'maker',
    timestampMs: t.createTimeMs,
  };
}

const SIGNED = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;
function fillProblems(fill: Fill): string[] {
  const problems: string[] = [];
  if (!CANONICAL.test(fill.price) || fill.price === '0') problems.push(`price ${JSON.stringify(fill.price)}`);
  if (!CANONICAL.test(fill.quantity) || fill.quantity === '0') problems.push(`quantity ${JSON.stringify(fill.quantity)}`);
  if (!SIGNED.test(fill.fee) || fill.fee === '-0') problems.push(`fee ${JSON.stringify(fill.fee)}`);
  if (typeof fill.fillId !== 'string' || !fill.fillId) problems.push(`fill id ${JSON.stringify(fill.fillId)}`);
  if (typeof fill.orderId !== 'string' || !fill.orderId) problems.push(`order id ${JSON.stringify(fill.orderId)}`);
  if (!Number.isSafeInteger(fill.timestampMs) || fill.timestampMs < 0) problems.push(`timestamp ${fill.timestampMs}`);
  return problems;
}
function orderProblems(order: OrderState): string[] {
  const problems: string[] = [];
  for (const [name, value] of [
    ['quantity', order.quantity],
    ['filled', order.filledQuantity],
    ['filled quote', order.filledQuoteQuantity],
  ] as const) {
    if (!CANONICAL.test(value)) problems.push(`${name} ${JSON.stringify(value)}`);
  }
  for (const [name, value] of [
    ['price', order.price],
    ['average', order.averageFillPrice],
  ] as const) {
    if (value !== '' && (!CANONICAL.test(value) || value === '0')) problems.push(`${name} ${JSON.stringify(value)}`);
  }
  if (typeof order.orderId !== 'string') problems.push(`order id ${JSON.stringify(order.orderId)}`);
  return problems;
}

describe('exact JSON numbers', () => {
  it('plainNumber writes any JSON number spelling as its exact plain digits', () => {
    fc.assert(
      fc.property(spelledNumber({ negative: true }), ({ value, json }) => {
        // Exact digits (a plain "2.0" stays "2.0"; the parsers canonicalise).
        expect(canonicalSignedDecimal(plainNumber(json))).toBe(value);
      }),
      runs(2000),
    );
  });

  // Member names as venues write them (no quotes or backslashes inside a name: the rewrite does
  // not look for numbers behind such names, which then stay numbers); string values anything.
  const json = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (d === 0 ? 0 : d)),
      fc.integer(),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      tie('array'),
      tie('object'),
    ),
    array: fc.array(tie('value'), { maxLength: 4 }),
    object: fc.dictionary(
      fc.string({ maxLength: 6 }).filter((k) => !/["\\]/.test(k)),
      tie('value'),
      { maxKeys: 4 },
    ),
  })).value;

  it('quoteJsonNumbers keeps JSON valid and the same shape, numbers as their digits', () => {
    fc.assert(
      fc.property(json, (value) => {
        const text = JSON.stringify(value);
        const quoted = quoteJsonNumbers(text);
        const parsed = JSON.parse(quoted);
        // Same structure; every number that was an object member is now a string of the same value.
        const check = (a: unknown, b: unknown, member: boolean): void => {
          if (typeof a === 'number' && member) {
            expect(typeof b).toBe('string');
            expect(Number(b)).toBe(a === 0 ? 0 : a);
          } else if (Array.isArray(a)) {
            expect(Array.isArray(b)).toBe(true);
            a.forEach((x, i) => check(x, (b as unknown[])[i], false));
          } else if (a && typeof a === 'object') {
            for (const k of Object.keys(a)) check((a as any)[k], (b as any)[k], true);
          } else expect(b).toEqual(a);
        };
        check(value, parsed, false);
      }),
      runs(1000),
    );
  });
});

describe('fuzzing Gate.io futures private pushes', () => {
  it('reads valid usertrades exactly, whatever the spelling of their numbers', () => {
    fc.assert(
      fc.property(fc.array(userTrade, { minLength: 1, maxLength: 4 }), fc.constantFrom('', ' ', '\n '), (trades, ws) => {
        const log = captureLogger();
        const h = harness(log.logger);
        h.push(userTradesFrame(trades, ws));
        expect(h.exchange.metrics.wsMessagesMalformed).toBe(0);
        expect(h.fills).toHaveLength(trades.length);
        h.fills.forEach((fill, i) => expect(fill).toMatchObject(expectedFill(trades[i]!)));
      }),
      runs(500),
    );
  });

  /** Values a broken venue could put where a number belongs. */
  const badNumber = fc.constantFrom(
    '"abc"',
    '""',
    '"NaN"',
    '"Infinity"',
    '"-"',
    '"1,5"',
    '"0x10"',
    '"١٢"',
    'null',
    'true',
    '[]',
    '{}',
    '[1]',
    '1e999999999',
    '-1e999999999',
    '1e-999999999',
    '1e400',
    '1e-400',
    '123456789012345678901234567890',
    '"1e5"',
    '" 1"',
  );
  const fields = ['id', 'order_id', 'size', 'price', 'fee', 'create_time_ms', 'contract', 'text', 'role'];

  const garbageFrame = fc.oneof(
    // A valid frame with one value replaced.
    fc
      .tuple(fc.array(userTrade, { minLength: 1, maxLength: 3 }), fc.constantFrom(...fields), badNumber)
      .map(([trades, field, bad]) => userTradesFrame(trades).replace(new RegExp(`"${field}":("[^"]*"|[^,}]*)`), `"${field}":${bad}`)),
    // A valid frame with one field left out.
    fc
      .tuple(fc.array(userTrade, { minLength: 1, maxLength: 3 }), fc.constantFrom(...fields))
      .map(([trades, field]) => userTradesFrame(trades).replace(new RegExp(`"${field}":("[^"]*"|[^,}]*),?`), '')),
    // Truncated, or a character changed.
    fc.tuple(fc.array(userTrade, { minLength: 1, maxLength: 2 }), fc.nat()).map(([trades, cut]) => {
      const text = userTradesFrame(trades);
      return text.slice(0, cut % text.length);
    }),
    fc.tuple(fc.array(userTrade, { minLength: 1, maxLength: 2 }), fc.nat(), fc.constantFrom('"', '{', '}', ',', ':', 'e', '-', '.', 'x', '9')).map(([trades, at, c]) => {
      const text = userTradesFrame(trades);
      const i = at % text.length;
      return `${text.slice(0, i)}${c}${text.slice(i + 1)}`;
    }),
    // Results of the wrong shape, on every private channel.
    fc
      .tuple(
        fc.constantFrom('futures.orders', 'futures.usertrades', 'futures.positions', 'futures.balances'),
        fc.constantFrom('null', '1', '"x"', '{}', '[null]', '[1]', '[[]]', '[{}]', '[{"contract":"BTC_USDT"}]', '[{"contract":"BTC_USDT","size":1e999999999}]'),
      )
      .map(([channel, result]) => `{"time":1,"channel":"${channel}","event":"update","result":${result}}`),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ channel: 'futures.orders', event: 'update', result: v })),
    fc.string({ maxLength: 40 }),
  );

  it('never throws on garbage, and never turns it into a fill or order with an unreadable amount', () => {
    fc.assert(
      fc.property(fc.array(garbageFrame, { minLength: 1, maxLength: 5 }), (frames) => {
        const log = captureLogger();
        const h = harness(log.logger);
        for (const frame of frames) {
          const before = h.exchange.metrics.wsMessagesMalformed;
          try {
            h.push(frame);
          } catch (error) {
            throw new Error(`threw ${(error as Error).message} on ${frame.slice(0, 300)}`, { cause: error });
          }
          let json = true;
          try {
            JSON.parse(frame);
          } catch {
            json = false;
          }
          if (!json && h.exchange.metrics.wsMessagesMalformed === before) throw new Error(`not JSON and not counted: ${frame.slice(0, 300)}`);
        }
        for (const fill of h.fills) expect(fillProblems(fill), JSON.stringify(fill)).toEqual([]);
        for (const order of h.orders) expect(orderProblems(order), JSON.stringify(order)).toEqual([]);
      }),
      runs(1500),
    );
  });

  it('keeps the credentials and signatures out of the logs of malformed frames', () => {
    const signature = createHmac('sha512', SECRET).update('channel=futures.orders&event=subscribe&time=1700000000').digest('hex');
    const auth = `"auth":{"method":"api_key","KEY":"${KEY}","SIGN":"${signature}"}`;
    const echoes = fc.constantFrom(
      `{"time":1700000000,"channel":"futures.orders","event":"subscribe","error":{"code":2,"message":"invalid signature ${signature}"},${auth}}`,
      `{"time":1700000000,"channel":"futures.orders","event":"subscribe","error":{"code":2,"message":"key ${KEY} not found"},"result":null}`,
      `{"time":1700000000,"channel":"futures.orders","event":"update",${auth},"result":[{"contract":"BTC_USDT","id":1,"size":"x"}]}`,
      `{"channel":"futures.orders","payload":["${KEY}"],${auth},"result":`,
      `{"channel":"futures.usertrades","event":"update","api_key":"${KEY}","signature":"${signature}","secret":"${SECRET}","result":[{"contract":"XRP_USDT","price":1e999999999}]}`,
      `not json ${auth} ${SECRET}`,
    );
    const cuts = fc.tuple(echoes, fc.nat()).map(([text, cut]) => (cut % 3 === 0 ? text : text.slice(0, (cut % (text.length - 20)) + 20)));
    fc.assert(
      fc.property(fc.array(cuts, { minLength: 1, maxLength: 4 }), (frames) => {
        // The service's own logger: field redaction, the process's secrets scrubbed by value, secret shapes.
        let output = '';
        const destination = new Writable({
          write(chunk, _encoding, done) {
            output += chunk.toString();
            done();
          },
        });
        const { logger } = createServiceLogger({ level: 'debug', base: { service: 'trading' }, secrets: [KEY, SECRET], destination: destination });
        const h = harness(logger);
        for (const frame of frames) h.push(frame);
        for (const secret of [KEY, SECRET, signature, signature.slice(0, 64)]) {
          if (output.includes(secret)) throw new Error(`a secret reached the log:\n${output}`);
        }
        // And the adapter's own lines (before the service's scrubbing) carry no signature.
        const adapterLog = captureLogger();
        const raw = harness(adapterLog.logger);
        for (const frame of frames) raw.push(frame);
        const text = adapterLog.text();
        for (const secret of [SECRET, signature.slice(0, 64)]) if (text.includes(secret)) throw new Error(`the adapter logged a secret:\n${text}`);
      }),
      runs(200),
    );
  });
});

describe('regressions found by fuzzing Gate.io futures private pushes', () => {
  const trade = (fields: string) =>
    `{"channel":"futures.usertrades","event":"update","result":[{"id":1,"order_id":2,"contract":"BTC_USDT","create_time":1700000000,"size":1,"price":"100","role":"taker",${fields}"fee":0}]}`;

  it('a number with a huge exponent is neither expanded nor thrown out of the frame handler', () => {
    const h = harness(captureLogger().logger);
    const started = Date.now();
    expect(() => h.push(trade('"create_time_ms":1e999999999,').replace('"price":"100"', '"price":1e300000000'))).not.toThrow();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(h.fills).toEqual([]); // an unreadable price: no fill
    expect(h.exchange.metrics.wsMessagesMalformed).toBe(1);
    expect(plainNumber('1e999999999')).toBe('1e999999999');
  });

  it('a fill without an id, or with an unreadable price or size, is counted instead of delivered with "0" or undefined', () => {
    const h = harness(captureLogger().logger);
    h.push(trade('').replace('"id":1,', ''));
    h.push(trade('').replace('"price":"100"', '"price":"abc"'));
    h.push(trade('').replace('"size":1', '"size":"NaN"'));
    h.push(trade('').replace('"size":1', '"size":0'));
    expect(h.fills).toEqual([]);
    expect(h.exchange.metrics.wsMessagesMalformed).toBe(4);
    h.push(
      `{"channel":"futures.usertrades","event":"update","result":[${[trade('').replace('"price":"100"', '"price":"x"'), trade('')].map((t) => t.slice(t.indexOf('[') + 1, t.lastIndexOf(']'))).join(',')}]}`,
    );
    expect(h.fills).toHaveLength(1); // the good item of a push still arrives
  });

  it('a timestamp past 2^53 is not a time: the other time field is used', () => {
    const h = harness(captureLogger().logger);
    h.push(trade('"create_time_ms":123456789012345678901234567890,'));
    expect(h.fills[0]!.timestampMs).toBe(1_700_000_000_000);
  });
});
