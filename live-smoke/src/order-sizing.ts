import { compareDecimal, fromScaled, multiplyDecimal, subtractDecimal, toScaled, type SymbolInfo } from '@cexgw/adapters';

// The smallest order the venue accepts at a price far below the market, computed exactly.

/** a and b as integers of one common scale. */
function common(a: string, b: string): [bigint, bigint, number] {
  const x = toScaled(a);
  const y = toScaled(b);
  const scale = Math.max(x.scale, y.scale);
  return [x.units * 10n ** BigInt(scale - x.scale), y.units * 10n ** BigInt(scale - y.scale), scale];
}

/** ceil(a / b) for positive decimals. */
function ceilDiv(a: string, b: string): bigint {
  const [x, y] = common(a, b);
  return (x + y - 1n) / y;
}

/** The largest multiple of `step` at or below `value`. */
export function floorToStep(value: string, step: string): string {
  const [x, y, scale] = common(value, step);
  return fromScaled((x / y) * y, scale);
}

/** `offset` (a fraction, "0.1") below `bestBid`, down to the price tick. */
export function priceBelow(bestBid: string, offset: string, tick: string): string {
  return floorToStep(multiplyDecimal(bestBid, subtractDecimal('1', offset)), tick);
}

/** The least whole number of quantity steps at or above the minimum quantity and the minimum notional at `price`. */
export function smallestQuantity(info: SymbolInfo, price: string): string {
  const step = info.quantityStep;
  let steps = 1n;
  if (info.minQuantity && compareDecimal(info.minQuantity, '0') > 0) steps = bigMax(steps, ceilDiv(info.minQuantity, step));
  if (info.minNotional && compareDecimal(info.minNotional, '0') > 0) steps = bigMax(steps, ceilDiv(info.minNotional, multiplyDecimal(price, step)));
  return multiplyDecimal(step, steps.toString());
}

const bigMax = (a: bigint, b: bigint) => (a > b ? a : b);
