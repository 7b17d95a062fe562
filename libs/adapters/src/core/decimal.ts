// Exact decimal handling for prices and quantities. Values stay decimal strings end to end;
// arithmetic, where needed (notional checks, tick multiples), is done on scaled bigints.

const LOOSE_DECIMAL_PATTERN = /^\d+(?:\.\d*)?$|^\.\d+$/;

/** True for a plain non-negative decimal string such as "0", "12", "0.001" (no sign, no exponent). */
export function isDecimalString(value: string): boolean {
  return LOOSE_DECIMAL_PATTERN.test(value);
}

/**
 * Canonical form of a non-negative decimal string: no leading zeros in the integer part, no
 * trailing zeros in the fraction, no dangling point. "0.4705000000" -> "0.4705", "010" -> "10".
 * Two strings denote the same value exactly when their canonical forms are equal.
 * Written as a character loop because it runs for every level of every book frame.
 */
export function canonicalDecimal(value: string): string {
  const len = value.length;
  let start = 0;
  while (start < len - 1 && value.charCodeAt(start) === 48 /* 0 */ && value.charCodeAt(start + 1) !== 46 /* . */) {
    start++;
  }
  const dot = value.indexOf('.', start);
  if (dot === -1) return start === 0 ? value : value.slice(start);
  let end = len;
  while (end > dot + 1 && value.charCodeAt(end - 1) === 48) end--;
  if (end === dot + 1) end = dot; // "12." or "12.000" -> "12"
  if (start === 0 && end === len && dot > 0) return value;
  const out = value.slice(start, end);
  return out.charCodeAt(0) === 46 ? '0' + out : out;
}

/** Whether a canonical decimal string is zero. */
export function isZeroDecimal(canonical: string): boolean {
  return canonical === '0';
}

/**
 * Compares two CANONICAL non-negative decimal strings exactly: -1, 0 or 1.
 * A longer integer part is larger; equal-length integer parts compare digit by digit, then the
 * fractions digit by digit with missing digits read as 0.
 */
export function compareDecimal(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a.indexOf('.');
  const ib = b.indexOf('.');
  const intLength = ia === -1 ? a.length : ia;
  if (intLength !== (ib === -1 ? b.length : ib)) return intLength < (ib === -1 ? b.length : ib) ? -1 : 1;
  for (let i = 0; i < intLength; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  const end = Math.max(a.length, b.length);
  for (let i = intLength + 1; i < end; i++) {
    const d = (i < a.length ? a.charCodeAt(i) : 48) - (i < b.length ? b.charCodeAt(i) : 48);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** Number of digits after the decimal point of a decimal string ("0.010" -> 3). */
export function decimalPlaces(value: string): number {
  const dot = value.indexOf('.');
  return dot === -1 ? 0 : value.length - dot - 1;
}

/** A decimal as an integer scaled by 10^scale: exact, for arithmetic. */
export interface ScaledDecimal {
  readonly units: bigint;
  readonly scale: number;
}

export function toScaled(value: string): ScaledDecimal {
  if (!isDecimalString(value)) throw new RangeError(`not a decimal string: ${JSON.stringify(value)}`);
  const dot = value.indexOf('.');
  if (dot === -1) return { units: BigInt(value), scale: 0 };
  const intPart = value.slice(0, dot) || '0';
  const frac = value.slice(dot + 1);
  return { units: BigInt(intPart + frac), scale: frac.length };
}

function rescale(d: ScaledDecimal, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale);
}

export function fromScaled(units: bigint, scale: number): string {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }
  return (negative ? '-' : '') + canonicalDecimal(digits);
}

/** Exact product of two decimal strings, canonical. */
export function multiplyDecimal(a: string, b: string): string {
  const x = toScaled(a);
  const y = toScaled(b);
  return fromScaled(x.units * y.units, x.scale + y.scale);
}

/** Exact sum of two decimal strings, canonical. */
export function addDecimal(a: string, b: string): string {
  const x = toScaled(a);
  const y = toScaled(b);
  const scale = Math.max(x.scale, y.scale);
  return fromScaled(rescale(x, scale) + rescale(y, scale), scale);
}

/** Whether `value` is a whole multiple of `step` (both decimal strings, step > 0). */
export function isMultipleOf(value: string, step: string): boolean {
  const x = toScaled(value);
  const y = toScaled(step);
  if (y.units === 0n) return true;
  const scale = Math.max(x.scale, y.scale);
  return rescale(x, scale) % rescale(y, scale) === 0n;
}

/** "0.01" for 2, "1" for 0: the smallest increment with the given number of decimals. */
export function stepFromPrecision(precision: number): string {
  return precision <= 0 ? '1' : `0.${'0'.repeat(precision - 1)}1`;
}

/** A percentage string as a fraction: "0.2" (%) -> "0.002". */
export function percentToFraction(percent: string): string {
  const { units, scale } = toScaled(percent);
  return fromScaled(units, scale + 2);
}

/** Exact a - b of two non-negative decimal strings; the result may be negative ("-0.5"). */
export function subtractDecimal(a: string, b: string): string {
  const x = toScaled(a);
  const y = toScaled(b);
  const scale = Math.max(x.scale, y.scale);
  return fromScaled(rescale(x, scale) - rescale(y, scale), scale);
}

/**
 * Canonical form of a decimal string that may carry a sign ("-0.50" -> "-0.5", "+1" -> "1",
 * "-0" -> "0"), or undefined when it is not a plain decimal. For venue values such as PnL.
 */
export function canonicalSignedDecimal(value: string): string | undefined {
  const negative = value.startsWith('-');
  const digits = negative || value.startsWith('+') ? value.slice(1) : value;
  if (!isDecimalString(digits)) return undefined;
  const canonical = canonicalDecimal(digits);
  return negative && canonical !== '0' ? `-${canonical}` : canonical;
}
