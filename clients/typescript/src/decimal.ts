// Exact arithmetic on the API's decimal strings ("65000.1", "0.00012", "-3.5"). Book code
// compares prices as strings without allocating; the spread arithmetic scales to BigInt.
// Never through floating point.

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

const DOT = 46; // '.'
const ZERO = 48; // '0'

/** True for an unsigned or signed plain decimal ("1", "0.5", "-2.25"); no exponent, no separators. */
export function isDecimal(value: string): boolean {
  return DECIMAL.test(value);
}

/** Index of the '.' (or the length when there is none). */
function pointOf(value: string): number {
  const point = value.indexOf('.');
  return point < 0 ? value.length : point;
}

/** Index of the first significant integer digit (leading zeros skipped, one digit kept). */
function integerStart(value: string, point: number): number {
  let i = 0;
  while (i < point - 1 && value.charCodeAt(i) === ZERO) i++;
  return i;
}

/**
 * Compares two unsigned decimal strings exactly, allocating nothing: "65000.10" equals "65000.1",
 * "9.9" is below "10". The order book's hot path; signed values go through `Decimal`.
 */
export function compareUnsigned(a: string, b: string): number {
  const pointA = pointOf(a);
  const pointB = pointOf(b);
  // Same length and same point: digit strings compare as numbers (the usual case in one book).
  if (a.length === b.length && pointA === pointB) return a === b ? 0 : a < b ? -1 : 1;
  const startA = integerStart(a, pointA);
  const startB = integerStart(b, pointB);
  const lengthA = pointA - startA;
  const lengthB = pointB - startB;
  if (lengthA !== lengthB) return lengthA < lengthB ? -1 : 1;
  for (let i = 0; i < lengthA; i++) {
    const d = a.charCodeAt(startA + i) - b.charCodeAt(startB + i);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  // Fractions: a missing digit counts as 0, so trailing zeros never matter.
  const fractionA = a.length - pointA - 1;
  const fractionB = b.length - pointB - 1;
  const width = Math.max(fractionA, fractionB);
  for (let i = 1; i <= width; i++) {
    const x = i <= fractionA ? a.charCodeAt(pointA + i) : ZERO;
    const y = i <= fractionB ? b.charCodeAt(pointB + i) : ZERO;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** "0", "0.000", "00": a level quantity that removes the level. Allocates nothing. */
export function isZero(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c !== ZERO && c !== DOT) return false;
  }
  return value.length > 0;
}

/** An exact decimal: `units` x 10^-`scale`. */
export class Decimal {
  private constructor(
    readonly units: bigint,
    readonly scale: number,
  ) {}

  static readonly ZERO = new Decimal(0n, 0);
  static readonly ONE = new Decimal(1n, 0);

  /** Parses a decimal string; throws a readable error for anything else. */
  static parse(value: string): Decimal {
    const match = DECIMAL.exec(value);
    if (!match) throw new Error(`not a decimal string: ${JSON.stringify(value)}`);
    const fraction = match[3] ?? '';
    const units = BigInt(match[2]! + fraction);
    return new Decimal(match[1] ? -units : units, fraction.length);
  }

  private rescale(scale: number): bigint {
    return this.units * 10n ** BigInt(scale - this.scale);
  }

  plus(other: Decimal): Decimal {
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.rescale(scale) + other.rescale(scale), scale);
  }

  minus(other: Decimal): Decimal {
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.rescale(scale) - other.rescale(scale), scale);
  }

  times(other: Decimal): Decimal {
    return new Decimal(this.units * other.units, this.scale + other.scale);
  }

  /** this / other, truncated toward zero to `scale` decimals (for display ratios only). */
  dividedBy(other: Decimal, scale: number): Decimal {
    if (other.units === 0n) throw new Error('division by zero');
    // (a / 10^sa) / (b / 10^sb) = a * 10^(sb + scale - sa) / b, in units of 10^-scale
    const shift = other.scale + scale - this.scale;
    const numerator = shift >= 0 ? this.units * 10n ** BigInt(shift) : this.units;
    const denominator = shift >= 0 ? other.units : other.units * 10n ** BigInt(-shift);
    return new Decimal(numerator / denominator, scale);
  }

  /** Cut to `scale` decimals, toward zero ("65000.19" -> "65000.1" at 1): a price below a bid stays below it. */
  truncate(scale: number): Decimal {
    if (scale >= this.scale) return this;
    return new Decimal(this.units / 10n ** BigInt(this.scale - scale), scale);
  }

  compare(other: Decimal): number {
    const scale = Math.max(this.scale, other.scale);
    const a = this.rescale(scale);
    const b = other.rescale(scale);
    return a === b ? 0 : a < b ? -1 : 1;
  }

  get isNegative(): boolean {
    return this.units < 0n;
  }

  /** Plain decimal text, trailing fraction zeros removed: "1.50" -> "1.5", "-0.000" -> "0". */
  toString(): string {
    const negative = this.units < 0n;
    const digits = (negative ? -this.units : this.units).toString().padStart(this.scale + 1, '0');
    const integer = digits.slice(0, digits.length - this.scale);
    const fraction = digits.slice(digits.length - this.scale).replace(/0+$/, '');
    const text = fraction ? `${integer}.${fraction}` : integer;
    return negative && text !== '0' ? `-${text}` : text;
  }
}

/** One spelling per number: "065000.10" -> "65000.1". */
export function canonicalDecimal(value: string): string {
  return Decimal.parse(value).toString();
}
