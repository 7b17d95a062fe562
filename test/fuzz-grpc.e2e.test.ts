import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayServer, loadCexgw, requireSymbol } from '@cexgw/grpc';
import { parseCursor } from '../services/trading/src/fill-stream.js';
import { parseClientOrderId, parseDecimalField } from '../services/trading/src/order-checks.js';
import { healthClient, marketDataClient, startMarketData, startSim, startTrading, TEST_CLIENT_TOKEN, tradingClient, type ServiceHandle, type SimHandle } from './support/processes.js';

// Property-based fuzzing of the gRPC edge, against real processes: every RPC of MarketData,
// FuturesMarketData, Trading, FuturesTrading and Diagnostics receives malformed requests written
// straight as protobuf bytes (wrong wire types, missing fields, unknown fields and enum numbers,
// huge values and repeated fields, bad decimals, unicode symbols, truncated encodings). Every call
// must end with a status the RPC may give (never UNKNOWN or INTERNAL), with a readable INVALID_ARGUMENT
// sentence, and server streams must end promptly when the request is bad. Afterwards every process
// is still SERVING and answers valid requests, and no malformed order reached a venue.

const SEED = 20_261_126;
/** A deadline for calls; a valid stream is still open at its deadline, which is fine. */
const UNARY_DEADLINE_MS = 5_000;
/** A random request may be a valid stream, which stays open: it is given this long. */
const OPEN_STREAM_DEADLINE_MS = 400;
/** A bad request must end its stream by itself well before this. */
const BAD_STREAM_DEADLINE_MS = 5_000;

// --- protobuf, by hand: any wire type on any field --------------------------------------------

type WireField =
  { readonly no: number; readonly wt: 0; readonly v: bigint } | { readonly no: number; readonly wt: 1 | 5 | 2; readonly v: Buffer } | { readonly no: number; readonly wt: 3 | 4 | 6 | 7 };

function varint(value: bigint): Buffer {
  let n = BigInt.asUintN(64, value);
  const bytes: number[] = [];
  do {
    let byte = Number(n & 0x7fn);
    n >>= 7n;
    if (n > 0n) byte |= 0x80;
    bytes.push(byte);
  } while (n > 0n);
  return Buffer.from(bytes);
}

function encode(fields: readonly WireField[]): Buffer {
  const parts: Buffer[] = [];
  for (const field of fields) {
    parts.push(varint((BigInt(field.no) << 3n) | BigInt(field.wt)));
    if (field.wt === 0) parts.push(varint(field.v));
    else if (field.wt === 2) parts.push(varint(BigInt(field.v.length)), field.v);
    else if (field.wt === 1 || field.wt === 5) parts.push(field.v);
  }
  return Buffer.concat(parts);
}

const str = (no: number, value: string): WireField => ({ no, wt: 2, v: Buffer.from(value, 'utf8') });
const num = (no: number, value: number | bigint): WireField => ({ no, wt: 0, v: BigInt(value) });
const sub = (no: number, fields: readonly WireField[]): WireField => ({ no, wt: 2, v: encode(fields) });
const symbolFields = (base: string | undefined, quote: string | undefined): WireField[] => [...(base === undefined ? [] : [str(1, base)]), ...(quote === undefined ? [] : [str(2, quote)])];
const sym = (no: number, base: string | undefined, quote: string | undefined) => sub(no, symbolFields(base, quote));
const BTC = (no = 1) => sym(no, 'BTC', 'USDT');

// --- the API, as the fuzzer sees it ------------------------------------------------------------

type Kind = 'string' | 'decimal' | 'uint32' | 'enum' | 'bool' | 'symbol' | 'symbols';

interface Rpc {
  readonly service: 'MarketData' | 'FuturesMarketData' | 'Trading' | 'FuturesTrading' | 'Diagnostics';
  readonly method: string;
  readonly stream: boolean;
  readonly fields: Readonly<Record<number, Kind>>;
  /** A request that is valid on every process serving the RPC. */
  readonly valid: readonly WireField[];
  /** Statuses a well-formed request may legitimately end with, besides OK. */
  readonly may: readonly grpc.status[];
  /** Defects this RPC refuses with INVALID_ARGUMENT (or NOT_FOUND), each a request. */
  readonly defects?: fc.Arbitrary<Defect>;
}

interface Defect {
  readonly what: string;
  readonly body: Buffer;
  readonly expect: readonly grpc.status[];
}

const S = grpc.status;
const REFUSALS = [S.INVALID_ARGUMENT, S.NOT_FOUND, S.FAILED_PRECONDITION];

// Strings that are not asset codes: empty, too long, unicode look-alikes that upper-case to ASCII,
// zero-width and direction marks, emoji, other digits, whitespace other than ASCII, control bytes.
const WEIRD_ASSETS = [
  '',
  'X'.repeat(21),
  'B'.repeat(100_000),
  'BTC/USDT',
  'BTC_USDT',
  'B TC',
  'BTC\u200b',
  '\u200bBTC',
  '\u202eBTC',
  'BTC\u200f',
  'BTC🚀',
  '🚀',
  '١٢',
  '\u0661\u0662\u0663',
  'ſOL',
  'uſdt',
  'ıNJ',
  'ﬀ',
  '\u00a0BTC',
  'BTC\u00a0',
  '\ufeffBTC',
  '\u3000BTC',
  'ＢＴＣ',
  'BTC\u0000',
  '\u0000',
  'Ǆ',
  'ẞ',
  'β',
  '\ud800',
];
const ASSET_PATTERN = /^[ \t\r\n]*[A-Za-z0-9]{1,20}[ \t\r\n]*$/;
const weirdAsset: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...WEIRD_ASSETS) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }).filter((s) => !ASSET_PATTERN.test(s)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }).filter((s) => !ASSET_PATTERN.test(s)) },
);
/** A symbol that is malformed (never absent: one side is always given). */
const badSymbol: fc.Arbitrary<{ base: string; quote: string }> = fc.oneof(
  weirdAsset.map((base) => ({ base, quote: 'USDT' })),
  weirdAsset.map((quote) => ({ base: 'BTC', quote })),
);
const LISTED = new Set(['BTC', 'ETH', 'XRP', 'USDT']);
/** Well-formed but listed nowhere. */
const unlistedSymbol = fc
  .stringMatching(/^[A-Z][A-Z0-9]{0,19}$/)
  .filter((base) => !LISTED.has(base))
  .map((base) => ({ base, quote: 'USDT' }));

// Decimals a person might send that are not plain positive decimals.
const BAD_DECIMALS = [
  '1e5',
  '1E-3',
  '-1',
  '-0.001',
  '+1',
  '0x10',
  'NaN',
  'Infinity',
  '-Infinity',
  '1,5',
  '1,000.5',
  '  1',
  '1 ',
  ' ',
  '١٢',
  '１２',
  '1.2.3',
  '.',
  '0',
  '0.000',
  '00',
  '9'.repeat(60),
  `0.${'0'.repeat(58)}1`,
  '1_000',
  '1\u200b',
  '💯',
  'undefined',
  '[object Object]',
  '1'.repeat(100_000),
];
const PLAIN_POSITIVE = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
const badDecimal: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...BAD_DECIMALS) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }).filter((s) => !PLAIN_POSITIVE.test(s)) },
  {
    weight: 1,
    arbitrary: fc
      .double()
      .map(String)
      .filter((s) => !PLAIN_POSITIVE.test(s)),
  },
);
const CLIENT_ORDER_ID = /^[A-Za-z0-9_-]{1,32}$/;
const badClientOrderId = fc.oneof(
  fc.constantFrom('a'.repeat(33), 'id with space', 'ид', 'id🚀', 'id\u200b', 'x'.repeat(100_000), 'a/b', '../x', 't-abc.'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => !CLIENT_ORDER_ID.test(s)),
);
const ORDER_ID = /^[\x21-\x7e]{1,64}$/;
const badOrderId = fc.oneof(
  fc.constantFrom('1 2', 'x'.repeat(65), 'x'.repeat(100_000), 'ид', '\u0000', '12\n'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 70 }).filter((s) => !ORDER_ID.test(s)),
);
const unknownEnum = fc.oneof(fc.integer({ min: 3, max: 2 ** 31 - 1 }), fc.integer({ min: -(2 ** 31), max: -1 }), fc.constant(4_294_967_295));
const hugeUint32 = fc.oneof(fc.integer({ min: 1_001, max: 4_294_967_295 }), fc.constant(4_294_967_295));

/** A defect in one field of an otherwise valid request. */
function defect(what: string, expect: readonly grpc.status[], arb: fc.Arbitrary<readonly WireField[] | Buffer>): fc.Arbitrary<Defect> {
  return arb.map((fields) => ({ what, body: Buffer.isBuffer(fields) ? fields : encode(fields), expect }));
}
/** `n` copies of one encoded field, built in one allocation (huge repeated fields stay cheap to generate). */
const repeated = (field: WireField, n: number) => {
  const one = encode([field]);
  return Buffer.alloc(one.length * n, one);
};
const invalid = [S.INVALID_ARGUMENT];

/** The symbol field replaced with a malformed one (or removed when `optional` is false). */
function symbolDefects(rest: readonly WireField[], required: boolean): fc.Arbitrary<Defect>[] {
  return [
    defect(
      'malformed symbol',
      invalid,
      badSymbol.map((s) => [sym(1, s.base, s.quote), ...rest]),
    ),
    defect(
      'unlisted symbol',
      [S.NOT_FOUND],
      unlistedSymbol.map((s) => [sym(1, s.base, s.quote), ...rest]),
    ),
    ...(required ? [defect('missing symbol', invalid, fc.constant(rest)), defect('empty symbol', invalid, fc.constant([sym(1, '', ''), ...rest]))] : []),
  ];
}

/** Repeated symbols: none, too many (up to ~600 KB), or with one malformed entry. */
function symbolsDefects(requireOne: boolean): fc.Arbitrary<Defect>[] {
  return [
    ...(requireOne ? [defect('no symbols', invalid, fc.constant([]))] : []),
    defect(
      'too many symbols',
      invalid,
      fc.integer({ min: 201, max: 60_000 }).map((n) => repeated(BTC(1), n)),
    ),
    defect(
      'one malformed symbol among good ones',
      invalid,
      fc.tuple(fc.integer({ min: 0, max: 5 }), badSymbol).map(([at, bad]) => {
        const list = Array.from({ length: 6 }, () => BTC(1));
        list.splice(at, 0, sym(1, bad.base, bad.quote));
        return list;
      }),
    ),
    defect(
      'an unlisted symbol',
      [S.NOT_FOUND],
      unlistedSymbol.map((s) => [BTC(1), sym(1, s.base, s.quote)]),
    ),
  ];
}

// PlaceOrder: a valid limit buy far below the market, then one defect.
const PLACE_VALID = { side: 1, type: 1, quantity: '0.001', price: '1000', tif: 0, postOnly: false, cid: '' };
function placeOrder(o: Partial<typeof PLACE_VALID> & { symbol?: WireField | null; quote?: string; extra?: WireField[] } = {}): WireField[] {
  const v = { ...PLACE_VALID, ...o };
  const fields: WireField[] = [];
  if (o.symbol !== null) fields.push(o.symbol ?? BTC());
  if (v.side !== 0) fields.push(num(2, v.side));
  if (v.type !== 0) fields.push(num(3, v.type));
  if (v.quantity) fields.push(str(4, v.quantity));
  if (v.price) fields.push(str(5, v.price));
  if (v.tif !== 0) fields.push(num(6, v.tif));
  if (v.postOnly) fields.push(num(7, 1));
  if (v.cid) fields.push(str(8, v.cid));
  if (o.quote) fields.push(str(9, o.quote));
  return [...fields, ...(o.extra ?? [])];
}
const placeOrderDefects: fc.Arbitrary<Defect> = fc.oneof(
  ...symbolDefects(placeOrder({ symbol: null }), true),
  defect('side unspecified', invalid, fc.constant(placeOrder({ side: 0 }))),
  defect(
    'unknown side',
    invalid,
    unknownEnum.map((side) => placeOrder({ side })),
  ),
  defect('type unspecified', invalid, fc.constant(placeOrder({ type: 0 }))),
  defect(
    'unknown type',
    invalid,
    unknownEnum.map((type) => placeOrder({ type })),
  ),
  defect(
    'unknown time_in_force',
    invalid,
    unknownEnum.map((tif) => placeOrder({ tif })),
  ),
  defect(
    'bad quantity',
    invalid,
    badDecimal.map((quantity) => placeOrder({ quantity })),
  ),
  defect(
    'bad price',
    invalid,
    badDecimal.map((price) => placeOrder({ price })),
  ),
  defect('missing quantity', invalid, fc.constant(placeOrder({ quantity: '' }))),
  defect('limit without price', invalid, fc.constant(placeOrder({ price: '' }))),
  defect('market with a price', invalid, fc.constant(placeOrder({ type: 2 }))),
  defect('market buy with both sizes', invalid, fc.constant(placeOrder({ type: 2, price: '', quote: '10' }))),
  defect('limit with quote_quantity', invalid, fc.constant(placeOrder({ quote: '10' }))),
  defect('market sell with quote_quantity', invalid, fc.constant(placeOrder({ type: 2, side: 2, price: '', quantity: '', quote: '10' }))),
  defect(
    'bad quote_quantity',
    invalid,
    badDecimal.map((quote) => placeOrder({ type: 2, price: '', quantity: '', quote })),
  ),
  defect(
    'post-only IOC',
    invalid,
    fc.constantFrom(2, 3).map((tif) => placeOrder({ postOnly: true, tif })),
  ),
  defect('market GTC', invalid, fc.constant(placeOrder({ type: 2, price: '', tif: 1 }))),
  defect(
    'bad client_order_id',
    invalid,
    badClientOrderId.map((cid) => placeOrder({ cid })),
  ),
  defect('side as a string', invalid, fc.constant([BTC(), str(2, 'SIDE_BUY'), num(3, 1), str(4, '0.001'), str(5, '1000')])),
  defect('quantity as a varint', invalid, fc.constant([BTC(), num(2, 1), num(3, 1), num(4, 1), str(5, '1000')])),
);

// PlaceFuturesOrder: fields 4/5 are the size oneof, 6 price, 7 tif, 8 post_only, 9 reduce_only, 10 client_order_id.
function futuresOrder(
  o: { symbol?: WireField | null; side?: number; type?: number; contracts?: string; base?: string; price?: string; tif?: number; cid?: string; postOnly?: boolean } = {},
): WireField[] {
  const fields: WireField[] = [];
  if (o.symbol !== null) fields.push(o.symbol ?? BTC());
  const side = o.side ?? 1;
  const type = o.type ?? 1;
  if (side) fields.push(num(2, side));
  if (type) fields.push(num(3, type));
  if (o.contracts !== undefined) fields.push(str(4, o.contracts));
  if (o.base !== undefined) fields.push(str(5, o.base));
  if (o.contracts === undefined && o.base === undefined) fields.push(str(4, '1'));
  const price = o.price ?? '1000';
  if (price) fields.push(str(6, price));
  if (o.tif) fields.push(num(7, o.tif));
  if (o.postOnly) fields.push(num(8, 1));
  if (o.cid) fields.push(str(10, o.cid));
  return fields;
}
const placeFuturesDefects: fc.Arbitrary<Defect> = fc.oneof(
  ...symbolDefects(futuresOrder({ symbol: null }), true),
  defect('no size', invalid, fc.constant(futuresOrder().filter((f) => f.no !== 4))),
  defect(
    'bad contracts',
    invalid,
    badDecimal.map((contracts) => futuresOrder({ contracts })),
  ),
  defect(
    'fractional contracts',
    invalid,
    fc.constantFrom('1.5', '0.1', '10.0001').map((contracts) => futuresOrder({ contracts })),
  ),
  defect(
    'bad base_quantity',
    invalid,
    badDecimal.map((base) => futuresOrder({ base })),
  ),
  defect(
    'base_quantity between contracts',
    invalid,
    fc.constantFrom('0.00015', '0.00001', '1.00000001').map((base) => futuresOrder({ base })),
  ),
  defect(
    'unknown side',
    invalid,
    unknownEnum.map((side) => futuresOrder({ side })),
  ),
  defect(
    'unknown type',
    invalid,
    unknownEnum.map((type) => futuresOrder({ type })),
  ),
  defect(
    'unknown time_in_force',
    invalid,
    unknownEnum.map((tif) => futuresOrder({ tif })),
  ),
  defect(
    'bad price',
    invalid,
    badDecimal.map((price) => futuresOrder({ price })),
  ),
  defect('market with a price', invalid, fc.constant(futuresOrder({ type: 2 }))),
  defect(
    'bad client_order_id',
    invalid,
    badClientOrderId.map((cid) => futuresOrder({ cid })),
  ),
);

const orderRefDefects: fc.Arbitrary<Defect> = fc.oneof(
  ...symbolDefects([str(3, 'fuzz-1')], true),
  defect('neither id', invalid, fc.constant([BTC()])),
  defect(
    'bad order_id',
    invalid,
    badOrderId.map((id) => [BTC(), str(2, id)]),
  ),
  defect(
    'bad client_order_id',
    invalid,
    badClientOrderId.map((id) => [BTC(), str(3, id)]),
  ),
);

const RPCS: readonly Rpc[] = [
  // MarketData
  { service: 'MarketData', method: 'ListSymbols', stream: false, fields: { 1: 'string' }, valid: [str(1, 'USDT')], may: [] },
  {
    service: 'MarketData',
    method: 'GetOrderBook',
    stream: false,
    fields: { 1: 'symbol', 2: 'uint32' },
    valid: [BTC(), num(2, 5)],
    may: REFUSALS,
    defects: fc.oneof(
      ...symbolDefects([num(2, 5)], true),
      defect(
        'depth too deep',
        invalid,
        hugeUint32.map((d) => [BTC(), num(2, d)]),
      ),
    ),
  },
  {
    service: 'MarketData',
    method: 'GetRecentTrades',
    stream: false,
    fields: { 1: 'symbol', 2: 'uint32' },
    valid: [BTC(), num(2, 3)],
    may: REFUSALS,
    defects: fc.oneof(
      ...symbolDefects([num(2, 3)], true),
      defect(
        'limit too large',
        invalid,
        hugeUint32.map((d) => [BTC(), num(2, d)]),
      ),
    ),
  },
  { service: 'MarketData', method: 'GetTicker', stream: false, fields: { 1: 'symbol' }, valid: [BTC()], may: REFUSALS, defects: fc.oneof(...symbolDefects([], true)) },
  {
    service: 'MarketData',
    method: 'StreamOrderBook',
    stream: true,
    fields: { 1: 'symbol', 2: 'uint32' },
    valid: [BTC(), num(2, 5)],
    may: REFUSALS,
    defects: fc.oneof(
      ...symbolDefects([], true),
      defect(
        'depth too deep',
        invalid,
        hugeUint32.map((d) => [BTC(), num(2, d)]),
      ),
    ),
  },
  { service: 'MarketData', method: 'StreamTrades', stream: true, fields: { 1: 'symbols' }, valid: [BTC()], may: REFUSALS, defects: fc.oneof(...symbolsDefects(true)) },
  { service: 'MarketData', method: 'StreamTickers', stream: true, fields: { 1: 'symbols' }, valid: [BTC()], may: REFUSALS, defects: fc.oneof(...symbolsDefects(true)) },
  // FuturesMarketData
  { service: 'FuturesMarketData', method: 'ListContracts', stream: false, fields: {}, valid: [], may: [] },
  { service: 'FuturesMarketData', method: 'GetFundingRate', stream: false, fields: { 1: 'symbol' }, valid: [BTC()], may: REFUSALS, defects: fc.oneof(...symbolDefects([], true)) },
  { service: 'FuturesMarketData', method: 'GetMarkPrice', stream: false, fields: { 1: 'symbol' }, valid: [BTC()], may: REFUSALS, defects: fc.oneof(...symbolDefects([], true)) },
  { service: 'FuturesMarketData', method: 'StreamFundingRates', stream: true, fields: { 1: 'symbols' }, valid: [BTC()], may: REFUSALS, defects: fc.oneof(...symbolsDefects(true)) },
  { service: 'FuturesMarketData', method: 'StreamMarkPrices', stream: true, fields: { 1: 'symbols' }, valid: [BTC()], may: REFUSALS, defects: fc.oneof(...symbolsDefects(true)) },
  { service: 'FuturesMarketData', method: 'StreamLiquidations', stream: true, fields: { 1: 'symbols' }, valid: [BTC()], may: REFUSALS, defects: fc.oneof(...symbolsDefects(true)) },
  // Trading
  {
    service: 'Trading',
    method: 'PlaceOrder',
    stream: false,
    fields: { 1: 'symbol', 2: 'enum', 3: 'enum', 4: 'decimal', 5: 'decimal', 6: 'enum', 7: 'bool', 8: 'string', 9: 'decimal' },
    valid: placeOrder(),
    may: REFUSALS,
    defects: placeOrderDefects,
  },
  { service: 'Trading', method: 'CancelOrder', stream: false, fields: { 1: 'symbol', 2: 'string', 3: 'string' }, valid: [BTC(), str(3, 'fuzz-none')], may: REFUSALS, defects: orderRefDefects },
  { service: 'Trading', method: 'GetOrder', stream: false, fields: { 1: 'symbol', 2: 'string', 3: 'string' }, valid: [BTC(), str(3, 'fuzz-none')], may: REFUSALS, defects: orderRefDefects },
  { service: 'Trading', method: 'ListOpenOrders', stream: false, fields: { 1: 'symbol' }, valid: [BTC()], may: REFUSALS, defects: fc.oneof(...symbolDefects([], false)) },
  { service: 'Trading', method: 'GetBalances', stream: false, fields: {}, valid: [], may: [] },
  { service: 'Trading', method: 'StreamOrderUpdates', stream: true, fields: { 1: 'symbols' }, valid: [BTC()], may: REFUSALS, defects: fc.oneof(...symbolsDefects(false)) },
  {
    service: 'Trading',
    method: 'StreamFills',
    stream: true,
    fields: { 1: 'string' },
    valid: [str(1, '0')],
    may: [...REFUSALS, S.OUT_OF_RANGE],
    defects: fc.oneof(
      defect(
        'a cursor that is not one',
        invalid,
        fc
          .oneof(
            fc.constantFrom('-1', '1e3', ' 1', '0x1', '١', '1'.repeat(16), 'x'.repeat(100_000)),
            fc.string({ minLength: 1 }).filter((s) => !/^\d+$/.test(s)),
          )
          .map((c) => [str(1, c)]),
      ),
      defect(
        'a cursor beyond the journal',
        [S.OUT_OF_RANGE],
        fc.integer({ min: 10_000_000, max: 999_999_999_999_999 }).map((c) => [str(1, String(c))]),
      ),
    ),
  },
  { service: 'Trading', method: 'StreamBalances', stream: true, fields: {}, valid: [], may: [] },
  // FuturesTrading
  {
    service: 'FuturesTrading',
    method: 'PlaceFuturesOrder',
    stream: false,
    fields: { 1: 'symbol', 2: 'enum', 3: 'enum', 4: 'decimal', 5: 'decimal', 6: 'decimal', 7: 'enum', 8: 'bool', 9: 'bool', 10: 'string' },
    valid: futuresOrder(),
    may: REFUSALS,
    defects: placeFuturesDefects,
  },
  {
    service: 'FuturesTrading',
    method: 'SetLeverage',
    stream: false,
    fields: { 1: 'symbol', 2: 'uint32', 3: 'enum' },
    valid: [BTC(), num(2, 10), num(3, 1)],
    may: REFUSALS,
    defects: fc.oneof(
      ...symbolDefects([num(2, 10)], true),
      defect('no leverage', invalid, fc.constant([BTC()])),
      defect(
        'leverage beyond the contract',
        invalid,
        fc.oneof(fc.integer({ min: 101, max: 4_294_967_295 }), fc.constant(4_294_967_295)).map((l) => [BTC(), num(2, l)]),
      ),
      defect(
        'unknown margin_mode',
        invalid,
        unknownEnum.map((m) => [BTC(), num(2, 10), num(3, m)]),
      ),
    ),
  },
  { service: 'FuturesTrading', method: 'GetPositions', stream: false, fields: { 1: 'symbol' }, valid: [BTC()], may: REFUSALS, defects: fc.oneof(...symbolDefects([], false)) },
  {
    service: 'FuturesTrading',
    method: 'ClosePosition',
    stream: false,
    fields: { 1: 'symbol', 2: 'string' },
    valid: [BTC()],
    may: REFUSALS,
    defects: fc.oneof(
      ...symbolDefects([], true),
      defect(
        'bad client_order_id',
        invalid,
        badClientOrderId.map((cid) => [BTC(), str(2, cid)]),
      ),
    ),
  },
  { service: 'FuturesTrading', method: 'GetFuturesBalance', stream: false, fields: {}, valid: [], may: [] },
  { service: 'FuturesTrading', method: 'StreamPositions', stream: true, fields: { 1: 'symbols' }, valid: [BTC()], may: REFUSALS, defects: fc.oneof(...symbolsDefects(false)) },
  // Diagnostics
  { service: 'Diagnostics', method: 'GetMetrics', stream: false, fields: {}, valid: [], may: [] },
  { service: 'Diagnostics', method: 'GetHealth', stream: false, fields: {}, valid: [], may: [] },
];

// --- random requests: any field, any wire type, any value --------------------------------------

const anyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 24 }).map((a) => Buffer.from(a)),
  fc.constant(Buffer.alloc(0)),
);
const anyVarint = fc.oneof(
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  fc.integer({ min: 0, max: 300 }).map(BigInt),
  fc.constantFrom(0n, 1n, 2n, 3n, 4_294_967_295n, 4_294_967_296n, (1n << 63n) - 1n),
);
const wrongWire = (no: number): fc.Arbitrary<WireField> =>
  fc.oneof(
    anyVarint.map((v) => ({ no, wt: 0 as const, v })),
    fc.uint8Array({ minLength: 8, maxLength: 8 }).map((a) => ({ no, wt: 1 as const, v: Buffer.from(a) })),
    fc.uint8Array({ minLength: 4, maxLength: 4 }).map((a) => ({ no, wt: 5 as const, v: Buffer.from(a) })),
    anyBytes.map((v) => ({ no, wt: 2 as const, v })),
    fc.constantFrom(3, 4, 6, 7).map((wt) => ({ no, wt: wt })),
  );
const anyString = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom(...WEIRD_ASSETS.slice(0, 3), ...BAD_DECIMALS.slice(0, 10), 'BTC', 'USDT', 'btc', '0.001', '1000', '1', '0'),
);
const anySymbol = (no: number): fc.Arbitrary<WireField> =>
  fc.oneof(
    fc.constant(BTC(no)),
    fc.tuple(fc.option(anyString, { nil: undefined }), fc.option(anyString, { nil: undefined })).map(([b, q]) => sym(no, b, q)),
    fc.tuple(wrongWire(1), wrongWire(2)).map((fs) => sub(no, fs)),
  );

function valueOf(kind: Kind, no: number): fc.Arbitrary<WireField[]> {
  switch (kind) {
    case 'string':
      return fc.oneof(
        anyString.map((s) => [str(no, s)]),
        badClientOrderId.map((s) => [str(no, s)]),
      );
    case 'decimal':
      return fc.oneof(
        badDecimal.map((s) => [str(no, s)]),
        fc.constantFrom('0.001', '1', '1000', '10').map((s) => [str(no, s)]),
      );
    case 'uint32':
    case 'enum':
    case 'bool':
      return anyVarint.map((v) => [{ no, wt: 0, v }]);
    case 'symbol':
      return anySymbol(no).map((f) => [f]);
    case 'symbols':
      return fc.array(anySymbol(no), { maxLength: 4 });
  }
}

/** A request of random fields: each known field absent, typed right or wrong, plus unknown fields. */
function randomRequest(rpc: Rpc): fc.Arbitrary<Buffer> {
  const known = Object.entries(rpc.fields).map(([no, kind]) =>
    fc.oneof({ weight: 1, arbitrary: fc.constant<WireField[]>([]) }, { weight: 3, arbitrary: valueOf(kind, Number(no)) }, { weight: 1, arbitrary: wrongWire(Number(no)).map((f) => [f]) }),
  );
  const unknown = fc.array(
    fc.integer({ min: 1, max: 536_870_911 }).chain((no) => wrongWire(no)),
    { maxLength: 2 },
  );
  const structured = fc.tuple(fc.tuple(...known), unknown).map(([fields, extra]) => encode([...fields.flat(), ...extra]));
  return fc.oneof(
    { weight: 6, arbitrary: structured },
    // Truncated or with trailing garbage.
    { weight: 2, arbitrary: fc.tuple(structured, fc.nat()).map(([b, cut]) => b.subarray(0, b.length === 0 ? 0 : cut % b.length)) },
    { weight: 1, arbitrary: fc.tuple(structured, anyBytes).map(([b, tail]) => Buffer.concat([b, tail])) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)) },
  );
}

// --- calls -------------------------------------------------------------------------------------

interface Outcome {
  /** Milliseconds from the call to its status. */
  readonly ms: number;
  readonly code: grpc.status;
  readonly details: string;
  /** Still streaming when the deadline came (a valid stream). */
  readonly open: boolean;
  readonly messages: number;
}

const identity = (b: Buffer) => b;

function callRaw(client: grpc.Client, rpc: Rpc, body: Buffer, metadata: grpc.Metadata, streamDeadlineMs = OPEN_STREAM_DEADLINE_MS): Promise<Outcome> {
  const path = `/cexgw.v1.${rpc.service}/${rpc.method}`;
  const started = Date.now();
  return new Promise((resolve) => {
    if (!rpc.stream) {
      client.makeUnaryRequest(path, identity, identity, body, metadata, { deadline: Date.now() + UNARY_DEADLINE_MS }, (error, value) => {
        const ms = Date.now() - started;
        resolve(error ? { ms, code: error.code, details: error.details, open: false, messages: 0 } : { ms, code: S.OK, details: '', open: false, messages: value ? 1 : 0 });
      });
      return;
    }
    let messages = 0;
    const call = client.makeServerStreamRequest(path, identity, identity, body, metadata, { deadline: Date.now() + streamDeadlineMs });
    call.on('data', () => messages++);
    call.on('error', () => {});
    call.on('status', (status: grpc.StatusObject) => resolve({ ms: Date.now() - started, code: status.code, details: status.details, open: status.code === S.DEADLINE_EXCEEDED, messages }));
  });
}

/** INVALID_ARGUMENT (and any refusal) details: a sentence for a person, never a stack or a leaked placeholder. */
function readable(details: string): string | undefined {
  if (details.trim().length === 0) return 'empty details';
  if (details.length > 600) return `details ${details.length} characters long`;
  if (/\n\s+at |\bat .*\.(?:js|ts):\d+/.test(details)) return 'a stack trace';
  // The client's own value may be quoted back ("undefined" is a fine bad decimal); the sentence around it may not say these.
  const sentence = details.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  if (sentence.includes('[object Object]')) return '"[object Object]"';
  if (/\bundefined\b/.test(sentence)) return '"undefined"';
  if (/\bNaN\b/.test(sentence)) return 'a bare NaN';
  return undefined;
}

// --- the processes -----------------------------------------------------------------------------

interface Target {
  readonly name: string;
  readonly address: string;
  readonly services: readonly Rpc['service'][];
  readonly token: boolean;
  client: grpc.Client;
}

describe('fuzzing the gRPC edge', () => {
  let sims: Record<'futures' | 'spot' | 'mexc', SimHandle>;
  let services: ServiceHandle[] = [];
  let targets: Target[] = [];
  const orderCalls = { ok: 0 };
  /** Outcomes by property and status, printed at the end (so a vacuous run would show). */
  const tally = new Map<string, number>();
  let slowestRefusedStreamMs = 0;
  const count = (property: string, outcome: Outcome) => {
    const key = `${property} ${outcome.open ? 'still streaming' : S[outcome.code]}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  };
  const venueOrdersBefore: Record<string, { orders: number; fills: number; open: number }> = {};

  const venueCounts = async (sim: SimHandle) => {
    const account = await sim.control<{ orders: number; fills: number; openOrders: unknown[] }>(`account?apiKey=${encodeURIComponent(sim.apiKey)}`);
    return { orders: account.orders, fills: account.fills, open: account.openOrders.length };
  };

  beforeAll(async () => {
    const quiet = ['--flow-rate', '0'];
    const [futures, spot, mexc] = await Promise.all([
      startSim('gateio_futures', ['--seed', '5', '--symbols', 'BTC_USDT,XRP_USDT', ...quiet, '--liquidation-interval-ms', '0']),
      startSim('gateio_spot', ['--seed', '5', '--symbols', 'BTC_USDT,ETH_USDT', ...quiet]),
      // MEXC's book joins a REST snapshot to the first pushes: it needs some flow to synchronise.
      startSim('mexc_spot', ['--seed', '5', '--symbols', 'BTCUSDT,ETHUSDT', '--flow-rate', '10']),
    ]);
    sims = { futures, spot, mexc };
    const journalDir = mkdtempSync(join(tmpdir(), 'cexgw-fuzz-journal-'));
    const [mdFutures, mdMexc, trFutures, trSpot] = await Promise.all([
      startMarketData('gateio_futures', { CEXGW_GATEIO_FUTURES_REST_URL: futures.restBaseUrl, CEXGW_GATEIO_FUTURES_WS_URL: futures.wsUrl }),
      startMarketData('mexc_spot', { CEXGW_MEXC_SPOT_REST_URL: mexc.restBaseUrl, CEXGW_MEXC_SPOT_WS_URL: mexc.wsUrl }),
      startTrading('gateio_futures', futures, journalDir),
      startTrading('gateio_spot', spot, journalDir),
    ]);
    services = [mdFutures, mdMexc, trFutures, trSpot];
    const target = (name: string, handle: ServiceHandle, services: Target['services'], token: boolean): Target => ({
      name,
      address: handle.address,
      services,
      token,
      client: new grpc.Client(handle.address, grpc.credentials.createInsecure()),
    });
    targets = [
      target('market-data gateio_futures', mdFutures, ['MarketData', 'FuturesMarketData', 'Diagnostics'], false),
      target('market-data mexc_spot', mdMexc, ['MarketData', 'Diagnostics'], false),
      target('trading gateio_futures', trFutures, ['Trading', 'FuturesTrading', 'Diagnostics'], true),
      target('trading gateio_spot', trSpot, ['Trading', 'Diagnostics'], true),
    ];
    for (const [name, sim] of Object.entries(sims)) venueOrdersBefore[name] = await venueCounts(sim);
  });

  afterAll(async () => {
    console.log(
      `gRPC fuzz outcomes (seed ${SEED}):\n${[...tally]
        .sort()
        .map(([k, n]) => `  ${k}: ${n}`)
        .join('\n')}\n  orders accepted: ${orderCalls.ok}\n  slowest refusal of a malformed stream: ${slowestRefusedStreamMs} ms`,
    );
    for (const t of targets) t.client.close();
    await Promise.all(services.map((s) => s.stop()));
    await Promise.all(Object.values(sims ?? {}).map((s) => s.stop()));
  });

  const withToken = () => {
    const m = new grpc.Metadata();
    m.set('authorization', `Bearer ${TEST_CLIENT_TOKEN}`);
    return m;
  };
  const servedBy = (rpc: Rpc) => targets.filter((t) => t.services.includes(rpc.service));
  const countOrder = (rpc: Rpc, outcome: Outcome) => {
    if (outcome.code === S.OK && ['PlaceOrder', 'PlaceFuturesOrder', 'ClosePosition'].includes(rpc.method)) orderCalls.ok++;
  };
  const describeCall = (rpc: Rpc, target: Target, body: Buffer, outcome: Outcome, what = 'random') =>
    `${target.name} ${rpc.service}/${rpc.method} (${what}, ${body.length} bytes ${body.subarray(0, 48).toString('hex')}): ${S[outcome.code]} ${JSON.stringify(outcome.details.slice(0, 300))}`;

  it('refuses malformed requests to every RPC with the right status and a readable sentence', { timeout: 120_000 }, async () => {
    const unary = RPCS.filter((rpc) => !rpc.stream && rpc.defects);
    const streams = RPCS.filter((rpc) => rpc.stream && rpc.defects);
    const check = async (rpc: Rpc, d: Defect) => {
      for (const target of servedBy(rpc)) {
        const body = d.body;
        const outcome = await callRaw(target.client, rpc, body, target.token ? withToken() : new grpc.Metadata(), BAD_STREAM_DEADLINE_MS);
        countOrder(rpc, outcome);
        count('malformed', outcome);
        const where = describeCall(rpc, target, body, outcome, d.what);
        // Oversized requests are refused by gRPC itself, before any handler.
        const expected = body.length > 1024 * 1024 ? [S.RESOURCE_EXHAUSTED] : d.expect;
        if (!expected.includes(outcome.code)) throw new Error(`expected ${expected.map((c) => S[c]).join('/')}; ${where}`);
        if (rpc.stream) {
          slowestRefusedStreamMs = Math.max(slowestRefusedStreamMs, outcome.ms);
          // Promptly: a refused stream ends with its status, not after a wait (deadline BAD_STREAM_DEADLINE_MS).
          if (outcome.ms > 3_000) throw new Error(`a malformed stream took ${outcome.ms} ms to end; ${where}`);
        }
        const unreadable = readable(outcome.details);
        if (unreadable) throw new Error(`unreadable details (${unreadable}); ${where}`);
      }
    };
    const runs = (rpc: Rpc) => (rpc.stream ? 40 : rpc.method.startsWith('Place') ? 220 : 70);
    await Promise.all([
      (async () => {
        for (const rpc of unary)
          await fc.assert(
            fc.asyncProperty(rpc.defects!, (d) => check(rpc, d)),
            { seed: SEED, numRuns: runs(rpc) },
          );
      })(),
      ...streams.map((rpc) =>
        fc.assert(
          fc.asyncProperty(rpc.defects!, (d) => check(rpc, d)),
          { seed: SEED, numRuns: runs(rpc) },
        ),
      ),
    ]);
  });

  it('ends every call to every RPC with an allowed status, whatever the bytes', { timeout: 120_000 }, async () => {
    const check = async (rpc: Rpc, body: Buffer) => {
      for (const target of servedBy(rpc)) {
        const outcome = await callRaw(target.client, rpc, body, target.token ? withToken() : new grpc.Metadata());
        countOrder(rpc, outcome);
        count('random', outcome);
        const where = describeCall(rpc, target, body, outcome);
        if (outcome.open) continue; // a request that happened to be valid: the stream was streaming
        const allowed = [S.OK, S.INVALID_ARGUMENT, ...rpc.may];
        if (!allowed.includes(outcome.code)) throw new Error(`status not allowed; ${where}`);
        if (outcome.code !== S.OK) {
          const unreadable = readable(outcome.details);
          if (unreadable) throw new Error(`unreadable details (${unreadable}); ${where}`);
        }
      }
    };
    const runs = (rpc: Rpc) => (rpc.stream ? 30 : Object.keys(rpc.fields).length === 0 ? 40 : 120);
    const unary = RPCS.filter((rpc) => !rpc.stream);
    const streams = RPCS.filter((rpc) => rpc.stream);
    await Promise.all([
      (async () => {
        for (const rpc of unary)
          await fc.assert(
            fc.asyncProperty(randomRequest(rpc), (body) => check(rpc, body)),
            { seed: SEED, numRuns: runs(rpc) },
          );
      })(),
      ...streams.map((rpc) =>
        fc.assert(
          fc.asyncProperty(randomRequest(rpc), (body) => check(rpc, body)),
          { seed: SEED, numRuns: runs(rpc) },
        ),
      ),
    ]);
  });

  it('sizes: a million repeated symbols, 1 MB strings, uint32 maxima', { timeout: 60_000 }, async () => {
    const empty = sub(1, []);
    const cases: Array<{ rpc: string; fields: WireField[] | Buffer; expect: grpc.status[] }> = [
      { rpc: 'StreamTrades', fields: repeated(empty, 1_000_000), expect: [S.RESOURCE_EXHAUSTED] }, // 2 MB: over the 1 MB receive limit
      { rpc: 'StreamTrades', fields: repeated(empty, 500_000), expect: [S.INVALID_ARGUMENT] }, // 1 MB less 48 KB: read, then refused
      { rpc: 'StreamPositions', fields: repeated(empty, 500_000), expect: [S.INVALID_ARGUMENT] },
      { rpc: 'StreamOrderUpdates', fields: repeated(empty, 500_000), expect: [S.INVALID_ARGUMENT] },
      { rpc: 'StreamFundingRates', fields: repeated(BTC(1), 60_000), expect: [S.INVALID_ARGUMENT] },
      { rpc: 'GetOrderBook', fields: [BTC(), num(2, 4_294_967_295)], expect: [S.INVALID_ARGUMENT] },
      { rpc: 'GetRecentTrades', fields: [BTC(), num(2, 4_294_967_295)], expect: [S.INVALID_ARGUMENT] },
      { rpc: 'StreamOrderBook', fields: [BTC(), num(2, 4_294_967_295)], expect: [S.INVALID_ARGUMENT] },
      { rpc: 'SetLeverage', fields: [BTC(), num(2, 4_294_967_295)], expect: [S.INVALID_ARGUMENT] },
      { rpc: 'GetTicker', fields: [sym(1, 'B'.repeat(1_000_000), 'USDT')], expect: [S.INVALID_ARGUMENT] },
      { rpc: 'PlaceOrder', fields: placeOrder({ quantity: '1'.repeat(1_000_000) }), expect: [S.INVALID_ARGUMENT] },
      { rpc: 'PlaceOrder', fields: placeOrder({ cid: 'c'.repeat(1_000_000) }), expect: [S.INVALID_ARGUMENT] },
      { rpc: 'GetOrder', fields: [BTC(), str(2, '9'.repeat(1_000_000))], expect: [S.INVALID_ARGUMENT] },
      { rpc: 'StreamFills', fields: [str(1, '9'.repeat(1_000_000))], expect: [S.INVALID_ARGUMENT] },
    ];
    for (const c of cases) {
      const rpc = RPCS.find((r) => r.method === c.rpc)!;
      for (const target of servedBy(rpc)) {
        const body = Buffer.isBuffer(c.fields) ? c.fields : encode(c.fields);
        const outcome = await callRaw(target.client, rpc, body, target.token ? withToken() : new grpc.Metadata(), BAD_STREAM_DEADLINE_MS);
        const where = describeCall(rpc, target, body, outcome, 'size');
        expect(c.expect, where).toContain(outcome.code);
        expect(readable(outcome.details), where).toBeUndefined();
      }
    }
  });

  it('answers UNAUTHENTICATED to every private call without the token, whatever the request', { timeout: 60_000 }, async () => {
    const privateRpcs = RPCS.filter((rpc) => rpc.service === 'Trading' || rpc.service === 'FuturesTrading');
    const tokens = fc.constantFrom<string | null>(
      null,
      '',
      'Bearer',
      'Bearer ',
      `Bearer ${TEST_CLIENT_TOKEN}x`,
      TEST_CLIENT_TOKEN,
      `Basic ${TEST_CLIENT_TOKEN}`,
      `Bearer ${TEST_CLIENT_TOKEN.toUpperCase()}`,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...privateRpcs), tokens, fc.uint8Array({ maxLength: 32 }), async (rpc, token, bytes) => {
        const metadata = new grpc.Metadata();
        if (token !== null) metadata.set('authorization', token);
        for (const target of servedBy(rpc)) {
          const outcome = await callRaw(target.client, rpc, Buffer.from(bytes), metadata);
          countOrder(rpc, outcome);
          if (outcome.code !== S.UNAUTHENTICATED) throw new Error(`expected UNAUTHENTICATED; ${describeCall(rpc, target, Buffer.from(bytes), outcome, `token ${JSON.stringify(token)}`)}`);
        }
      }),
      { seed: SEED, numRuns: 60 },
    );
    // Diagnostics stays open without a token.
    for (const target of targets) {
      const outcome = await callRaw(
        target.client,
        RPCS.find((r) => r.method === 'GetHealth')!,
        Buffer.alloc(0),
        new grpc.Metadata(),
      );
      expect(outcome.code, target.name).toBe(S.OK);
    }
  });

  it('leaves every process alive, SERVING and correct, and no malformed order at any venue', { timeout: 60_000 }, async () => {
    for (const service of services) expect(service.child.exitCode, service.output()).toBeNull();
    for (const target of targets) {
      const health = healthClient(target.address);
      const status = await new Promise<string | undefined>((resolve) =>
        health.Check({ service: '' }, { deadline: Date.now() + 2_000 }, (error: grpc.ServiceError | null, response: { status?: string }) => resolve(error ? `error ${error.code}` : response.status)),
      );
      health.close();
      expect(status, target.name).toBe('SERVING');
    }

    // Valid requests still get correct answers.
    const unary = <T>(client: any, method: string, request: object, metadata = new grpc.Metadata()) =>
      new Promise<T>((resolve, reject) =>
        client[method](request, metadata, { deadline: Date.now() + 5_000 }, (error: grpc.ServiceError | null, value: T) => (error ? reject(new Error(`${method}: ${error.details}`)) : resolve(value))),
      );
    for (const target of targets.filter((t) => !t.token)) {
      const md = marketDataClient(target.address);
      const book = await unary<any>(md.marketData, 'GetOrderBook', { symbol: { base: 'BTC', quote: 'USDT' }, depth: 5 });
      expect(book.bids.length, target.name).toBeGreaterThan(0);
      expect(Number(book.bids[0].price)).toBeLessThan(Number(book.asks[0].price));
      const stream = md.marketData.StreamOrderBook({ symbol: { base: 'BTC', quote: 'USDT' } });
      const first = await new Promise<any>((resolve, reject) => {
        stream.on('data', resolve);
        stream.on('error', reject);
      });
      stream.cancel();
      expect(first).toMatchObject({ kind: 'ORDER_BOOK_UPDATE_KIND_SNAPSHOT', reset: true, sequence: '1' });
      md.marketData.close();
      md.futures.close();
      md.diagnostics.close();
    }
    const futuresMd = marketDataClient(targets[0]!.address);
    const { contracts } = await unary<any>(futuresMd.futures, 'ListContracts', {});
    expect(contracts.map((c: any) => c.venue_symbol)).toContain('BTC_USDT');
    futuresMd.futures.close();

    for (const target of targets.filter((t) => t.token)) {
      const client = tradingClient(target.address);
      const { balances } = await unary<any>(client.trading, 'GetBalances', {}, client.metadata());
      expect(
        balances.map((b: any) => b.asset),
        target.name,
      ).toContain('USDT');
      client.trading.close();
      client.futures.close();
      client.diagnostics.close();
    }

    // The venues recorded no order beyond those the gateway accepted.
    let placed = 0;
    for (const [name, sim] of Object.entries(sims)) {
      const now = await venueCounts(sim);
      placed += now.orders - venueOrdersBefore[name]!.orders;
    }
    expect(placed).toBeLessThanOrEqual(orderCalls.ok);
    if (orderCalls.ok === 0) expect(placed).toBe(0);

    // And a valid order still goes through, exactly once.
    const spot = tradingClient(targets.find((t) => t.name === 'trading gateio_spot')!.address);
    const before = await venueCounts(sims.spot);
    const order = await unary<any>(
      spot.trading,
      'PlaceOrder',
      { symbol: { base: 'BTC', quote: 'USDT' }, side: 'SIDE_BUY', type: 'ORDER_TYPE_LIMIT', quantity: '0.01', price: '1000', client_order_id: 'fuzz-after' },
      spot.metadata(),
    );
    expect(order.status).toBe('ORDER_STATUS_OPEN');
    expect((await venueCounts(sims.spot)).orders).toBe(before.orders + 1);
    await unary(spot.trading, 'CancelOrder', { symbol: { base: 'BTC', quote: 'USDT' }, client_order_id: 'fuzz-after' }, spot.metadata());
    spot.trading.close();
  });
});

describe('regressions found by fuzzing the gRPC edge (in process)', () => {
  const refusal = (f: () => unknown): { kind?: string; message: string } => {
    try {
      f();
    } catch (error) {
      return error as { kind?: string; message: string };
    }
    throw new Error('accepted');
  };

  it('answers bytes that are not a protobuf message with INVALID_ARGUMENT, not INTERNAL', async () => {
    const gateway = createGatewayServer();
    gateway.server.addService(loadCexgw().Diagnostics.service, {
      GetMetrics: (_call: unknown, callback: grpc.sendUnaryData<object>) => callback(null, {}),
      GetHealth: (_call: unknown, callback: grpc.sendUnaryData<object>) => callback(null, {}),
    });
    const port = await gateway.listen('127.0.0.1:0');
    const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const rpc = RPCS.find((r) => r.method === 'GetMetrics')!;
    try {
      for (const body of [Buffer.from([0x0f]), Buffer.from([0x0a, 0x05, 0x01]), Buffer.from([0x0b])]) {
        const outcome = await callRaw(client, rpc, body, new grpc.Metadata());
        expect(outcome.code, body.toString('hex')).toBe(S.INVALID_ARGUMENT);
        expect(outcome.details).toMatch(/^the request \(\d+ bytes\) is not a GetMetricsRequest message in protobuf encoding: /);
      }
      expect((await callRaw(client, rpc, Buffer.from([0x08, 0x01]), new grpc.Metadata())).code).toBe(S.OK); // an unknown field is fine
    } finally {
      client.close();
      await gateway.shutdown(100);
    }
  });

  it('refuses symbols spelled with letters that upper-case to ASCII, or with non-ASCII spaces', () => {
    for (const [base, quote] of [
      ['BTC', 'uſdt'],
      ['ıNJ', 'USDT'],
      ['\u00a0BTC', 'USDT'],
      ['\ufeffBTC', 'USDT'],
      ['BTC\u3000', 'USDT'],
      ['ﬀ', 'USDT'],
    ]) {
      expect(refusal(() => requireSymbol({ base, quote })).kind, JSON.stringify([base, quote])).toBe('invalid_argument');
    }
    expect(requireSymbol({ base: ' btc\t', quote: 'usdt ' })).toEqual({ base: 'BTC', quote: 'USDT' });
  });

  it('echoes at most a few dozen characters of a value in an error (a 1 MB echo broke the connection)', () => {
    const huge = 'x'.repeat(1_000_000);
    for (const f of [() => requireSymbol({ base: huge, quote: 'USDT' }), () => parseClientOrderId(huge), () => parseCursor(huge)]) {
      const { message } = refusal(f);
      expect(message.length).toBeLessThan(200);
      expect(message).toContain('(1000000 characters)');
    }
  });

  it('calls only exponent notation exponent notation', () => {
    expect(refusal(() => parseDecimalField('undefined', 'quantity', true)).message).not.toMatch(/exponent/);
    expect(refusal(() => parseDecimalField('Infinity', 'quantity', true)).message).not.toMatch(/exponent/);
    expect(refusal(() => parseDecimalField('1e5', 'quantity', true)).message).toMatch(/exponent notation is not accepted/);
  });
});
