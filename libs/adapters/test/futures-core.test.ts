import { describe, expect, it } from 'vitest';
import { exactContracts, requireExactContracts } from '../src/core/contracts.js';
import { canonicalSignedDecimal, subtractDecimal } from '../src/core/decimal.js';
import { GatewayError } from '../src/core/errors.js';
import { parseJsonExact, plainNumber, quoteJsonNumbers } from '../src/core/exact-json.js';

describe('contracts <-> base quantity', () => {
  it('divides exactly, for fractional and whole multipliers', () => {
    expect(exactContracts('0.0012', '0.0001')).toBe('12');
    expect(exactContracts('0.3', '0.1')).toBe('3'); // 0.3 / 0.1 in floating point is 2.9999999999999996
    expect(exactContracts('150', '10')).toBe('15');
    expect(exactContracts('0.0001', '0.0001')).toBe('1');
    expect(exactContracts('7', '1')).toBe('7');
  });

  it('refuses anything that is not a whole number of contracts', () => {
    expect(exactContracts('0.00015', '0.0001')).toBeUndefined();
    expect(exactContracts('15', '10')).toBeUndefined();
    expect(exactContracts('0.00005', '0.0001')).toBeUndefined();
  });

  it('honours a fractional contract step when a venue trades one', () => {
    expect(exactContracts('0.00015', '0.0001', '0.5')).toBe('1.5');
    expect(exactContracts('0.00011', '0.0001', '0.5')).toBeUndefined();
  });

  it('explains the nearest accepted sizes', () => {
    try {
      requireExactContracts('0.00015', '0.0001', 'BTC_USDT');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).kind).toBe('invalid_argument');
      expect((error as GatewayError).message).toContain('use 0.0001 (1 contracts) or 0.0002');
    }
    expect(() => requireExactContracts('0.00005', '0.0001', 'BTC_USDT')).toThrow(/use 0.0001, or give contracts/);
  });
});

describe('signed decimals', () => {
  it('canonicalises signed venue numbers', () => {
    expect(canonicalSignedDecimal('-0.000507486844')).toBe('-0.000507486844');
    expect(canonicalSignedDecimal('-0.0')).toBe('0');
    expect(canonicalSignedDecimal('+12.50')).toBe('12.5');
    expect(canonicalSignedDecimal('1e5')).toBeUndefined();
  });

  it('subtracts exactly', () => {
    expect(subtractDecimal('10', '3.5')).toBe('6.5');
    expect(subtractDecimal('0.1', '0.3')).toBe('-0.2');
  });
});

describe('exact JSON numbers', () => {
  it('keeps 64-bit ids and float-looking money as the digits sent', () => {
    const parsed = parseJsonExact<{ id: string; fee: string; price: string; ok: boolean; text: string }>(
      '{"id":9007199254740993123,"fee":0.0009290592,"price":40000.4,"ok":true,"text":"a,\\"b\\":1}"}',
    );
    expect(parsed).toEqual({ id: '9007199254740993123', fee: '0.0009290592', price: '40000.4', ok: true, text: 'a,"b":1}' });
    expect(String(JSON.parse('{"id":9007199254740993123}').id)).not.toBe('9007199254740993123'); // what plain JSON.parse does
  });

  it('writes exponents out exactly', () => {
    expect(plainNumber('1.5e-7')).toBe('0.00000015');
    expect(plainNumber('-2E3')).toBe('-2000');
    expect(plainNumber('12.5e1')).toBe('125');
    expect(plainNumber('42')).toBe('42');
  });

  it('quotes members inside arrays of objects and leaves array elements alone', () => {
    expect(quoteJsonNumbers('{"result":[{"size":-3,"left":0}],"payload":[1,2]}')).toBe('{"result":[{"size":"-3","left":"0"}],"payload":[1,2]}');
  });
});

describe('funding schedule', () => {
  it('rolls a known funding time forward by whole intervals', async () => {
    const { rollFundingTime } = await import('../src/core/futures-exchange.js');
    expect(rollFundingTime(10_000, 8_000, 5_000)).toBe(10_000); // still ahead
    expect(rollFundingTime(10_000, 8_000, 10_000)).toBe(18_000); // applied just now: the next one
    expect(rollFundingTime(10_000, 8_000, 33_999)).toBe(34_000);
    expect(rollFundingTime(10_000, 8_000, 34_000)).toBe(42_000);
  });
});
