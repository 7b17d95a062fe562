import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { decodePush, encodePush, pushBodyName, pushToJson, PushDataV3ApiWrapper, PUSH_BODY_FIELDS } from '@cexgw/mexc-proto';
import { describe, expect, it } from 'vitest';

const fixtureDir = fileURLToPath(new URL('../../adapters/test/fixtures/mexc/', import.meta.url));
const fixture = (name: string): any => JSON.parse(readFileSync(`${fixtureDir}${name}`, 'utf8'));

/** Top-level field numbers of a protobuf message, read without any schema. */
function fieldNumbers(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  const varint = (): number => {
    let shift = 0;
    let result = 0;
    for (;;) {
      const b = bytes[i++] as number;
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
  };
  while (i < bytes.length) {
    const key = varint();
    const wire = key % 8;
    out.push(Math.floor(key / 8));
    if (wire === 0) varint();
    else if (wire === 2) {
      const length = varint();
      i += length;
    } else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else throw new Error(`wire type ${wire}`);
  }
  return out;
}

describe('mexc protobuf schema (libs/mexc-proto)', () => {
  it('encodes a wrapper with an aggregated depth body and decodes it back to the live capture', () => {
    const live = fixture('ws-aggre-depth.json');
    const bytes = encodePush({
      channel: 'spot@public.aggre.depth.v3.api.pb@100ms@BTCUSDT',
      symbol: 'BTCUSDT',
      sendTime: 1754741322152,
      publicAggreDepths: {
        asks: [{ price: '117145.49', quantity: '0' }],
        bids: [{ price: '117053.41', quantity: '1.86837271' }],
        eventType: 'spot@public.aggre.depth.v3.api.pb@100ms',
        fromVersion: '43296363236',
        toVersion: '43296363255',
      },
    });
    const back = decodePush(bytes);
    expect(pushBodyName(back)).toBe('publicAggreDepths');
    expect(pushToJson(back)).toEqual(live);
    expect(JSON.stringify(pushToJson(back))).toBe(JSON.stringify(live)); // same key order as ccxt's capture
    expect(fieldNumbers(bytes).sort((a, b) => a - b)).toEqual([1, 3, 6, 313]);
  });

  it.each(['ws-aggre-depth.json', 'ws-limit-depth.json', 'ws-aggre-deals.json', 'ws-aggre-book-ticker.json', 'ws-kline.json'])('round-trips the decoded-JSON fixture %s', (name) => {
    const json = fixture(name);
    const bytes = PushDataV3ApiWrapper.encode(PushDataV3ApiWrapper.fromObject(json)).finish();
    expect(pushToJson(decodePush(bytes))).toEqual(json);
  });

  it('puts every body at its documented field number', () => {
    for (const [name, number] of Object.entries(PUSH_BODY_FIELDS)) {
      const bytes = encodePush({ channel: 'c', [name]: {} });
      expect([name, fieldNumbers(bytes)]).toEqual([name, [1, number]]);
    }
  });

  it("agrees with ccxt's independently compiled schema", () => {
    // the schema ccxt compiled for its own mexc websocket class (not an export of the package)
    const require = createRequire(import.meta.url);
    const ccxtRoot = require(fileURLToPath(new URL('../../../node_modules/ccxt/js/src/protobuf/mexc/compiled.cjs', import.meta.url)));
    for (const name of ['ws-aggre-depth.json', 'ws-aggre-deals.json', 'ws-aggre-book-ticker.json', 'ws-limit-depth.json', 'ws-kline.json']) {
      const json = fixture(name);
      const ours = PushDataV3ApiWrapper.encode(PushDataV3ApiWrapper.fromObject(json)).finish();
      expect(ccxtRoot.PushDataV3ApiWrapper.decode(ours).toJSON()).toEqual(json);
      const theirs = ccxtRoot.PushDataV3ApiWrapper.encode(ccxtRoot.PushDataV3ApiWrapper.fromObject(json)).finish();
      expect(pushToJson(decodePush(theirs))).toEqual(json);
    }
  });
});
