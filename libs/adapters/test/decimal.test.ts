import { describe, expect, it } from 'vitest';
import { addDecimal, canonicalDecimal, compareDecimal, decimalPlaces, isDecimalString, isMultipleOf, multiplyDecimal, percentToFraction, stepFromPrecision } from '../src/core/decimal.js';

describe('canonicalDecimal', () => {
  it.each([
    ['0.4705000000', '0.4705'],
    ['16.4700000000', '16.47'],
    ['010', '10'],
    ['0', '0'],
    ['0.000', '0'],
    ['00.5', '0.5'],
    ['12.', '12'],
    ['100', '100'],
    ['73236.4', '73236.4'],
    ['.5', '0.5'],
  ])('%s -> %s', (input, expected) => {
    expect(canonicalDecimal(input)).toBe(expected);
  });
});

describe('compareDecimal', () => {
  it('orders exactly, beyond float precision', () => {
    expect(compareDecimal('0.10000000000000001', '0.1')).toBe(1);
    expect(compareDecimal('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareDecimal('99.9', '100')).toBe(-1);
    expect(compareDecimal('100', '100')).toBe(0);
    expect(compareDecimal('1.05', '1.5')).toBe(-1);
    expect(compareDecimal('2', '1.999')).toBe(1);
  });

  it('agrees with numeric order on random canonical values', () => {
    const values = Array.from({ length: 300 }, (_, i) => canonicalDecimal((((i * 7919) % 1000) / 37).toFixed(i % 6)));
    const sorted = [...values].sort(compareDecimal);
    for (let i = 1; i < sorted.length; i++) expect(Number(sorted[i - 1])).toBeLessThanOrEqual(Number(sorted[i]));
  });
});

describe('exact arithmetic', () => {
  it('multiplies and adds without float error', () => {
    expect(multiplyDecimal('0.1', '0.2')).toBe('0.02');
    expect(multiplyDecimal('65000.1', '0.0003')).toBe('19.50003');
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
  });

  it('checks multiples of a step', () => {
    expect(isMultipleOf('0.003', '0.001')).toBe(true);
    expect(isMultipleOf('0.0035', '0.001')).toBe(false);
    expect(isMultipleOf('65000.1', '0.1')).toBe(true);
  });

  it('converts precision and percent', () => {
    expect(stepFromPrecision(0)).toBe('1');
    expect(stepFromPrecision(3)).toBe('0.001');
    expect(percentToFraction('0.2')).toBe('0.002');
    expect(decimalPlaces('0.010')).toBe(3);
  });

  it('recognises decimal strings', () => {
    expect(isDecimalString('1.5')).toBe(true);
    expect(isDecimalString('1e5')).toBe(false);
    expect(isDecimalString('-1')).toBe(false);
    expect(isDecimalString('NaN')).toBe(false);
    expect(isDecimalString('')).toBe(false);
  });
});
