import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanObuPush } from '../src/gateio/common/obu-scanner.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/gateio/${name}`, import.meta.url), 'utf8');
const compact = (name: string) => JSON.stringify(JSON.parse(fixture(name)));

describe('scanObuPush', () => {
  it.each(['ws-obu-full.json', 'ws-obu-delta.json', 'ws-obu-full-ccxt.json'])('reads %s exactly as JSON.parse does', (name) => {
    const text = compact(name);
    expect(scanObuPush(text)).toEqual(JSON.parse(text).result);
  });

  it('reads any key order and empty sides', () => {
    const text = '{"time_ms":2,"result":{"u":12,"a":[],"s":"ob.BTC_USDT.50","b":[["1","2"]],"U":10,"t":1},"event":"update","channel":"spot.obu"}';
    expect(scanObuPush(text)).toEqual({ t: 1, s: 'ob.BTC_USDT.50', U: 10, u: 12, b: [['1', '2']], a: [] });
  });

  it.each([
    ['pretty-printed JSON', fixture('ws-obu-delta.json')],
    ['another channel', compact('ws-order-book-update.json')],
    ['an unknown key', '{"channel":"spot.obu","result":{"t":1,"s":"ob.X_Y.50","u":2,"x":3}}'],
    ['an escaped string', '{"channel":"spot.obu","result":{"t":1,"s":"ob.X\\u005fY.50","u":2}}'],
    ['a negative id', '{"channel":"spot.obu","result":{"t":1,"s":"ob.X_Y.50","U":-1,"u":2}}'],
    ['a float id', '{"channel":"spot.obu","result":{"t":1,"s":"ob.X_Y.50","u":2.5}}'],
    ['a truncated frame', compact('ws-obu-delta.json').slice(0, 90)],
    ['a number where a level should be', '{"channel":"spot.obu","result":{"t":1,"s":"ob.X_Y.50","u":2,"b":[[1,"2"]]}}'],
    ['a missing u', '{"channel":"spot.obu","result":{"t":1,"s":"ob.X_Y.50"}}'],
  ])('declines %s (left to JSON.parse)', (_what, text) => {
    expect(scanObuPush(text)).toBeUndefined();
  });
});
