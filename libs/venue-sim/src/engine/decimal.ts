/**
 * Exact decimals as scaled integers. A value v with scale s stands for v / 10^s.
 * Prices and quantities never pass through a float.
 */

const DECIMAL_RE = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses "123.45" into 12345n at scale 2. Throws if malformed or finer than the scale. */
export function parseScaled(text: string, scale: number): bigint {
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) throw new Error(`not a decimal: ${JSON.stringify(text)}`);
  const [, sign, int, frac = ''] = m;
  const trimmedFrac = frac.replace(/0+$/, '');
  if (trimmedFrac.length > scale) throw new Error(`${text} has more than ${scale} decimals`);
  const digits = int + trimmedFrac.padEnd(scale, '0');
  const value = BigInt(digits);
  return sign ? -value : value;
}

/** Like parseScaled but returns undefined instead of throwing. */
export function tryParseScaled(text: string, scale: number): bigint | undefined {
  try {
    return parseScaled(text, scale);
  } catch {
    return undefined;
  }
}

/**
 * Renders a scaled integer. `fixed` keeps exactly `scale` decimals ("0.00020");
 * otherwise trailing zeros (and a bare dot) are removed ("0.0002", "65000").
 */
export function formatScaled(value: bigint, scale: number, fixed = false): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  let text: string;
  if (scale === 0) {
    text = abs.toString();
  } else {
    const digits = abs.toString().padStart(scale + 1, '0');
    const int = digits.slice(0, digits.length - scale);
    let frac = digits.slice(digits.length - scale);
    if (!fixed) frac = frac.replace(/0+$/, '');
    text = frac.length > 0 ? `${int}.${frac}` : int;
  }
  return negative && abs !== 0n ? `-${text}` : text;
}

/** 10^n as bigint. */
export function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Rescales a value from one scale to another, truncating toward zero when shrinking. */
export function rescale(value: bigint, from: number, to: number): bigint {
  if (to === from) return value;
  if (to > from) return value * pow10(to - from);
  return value / pow10(from - to);
}

/** Integer division rounding half away from zero. */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new Error('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (2n * d);
  return negative ? -q : q;
}
