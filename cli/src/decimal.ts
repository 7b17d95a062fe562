// Exact arithmetic on the API's decimal strings ("65000.1", "0.00012"): comparisons for sorting
// book levels and the spread, never through floating point.

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

interface Parts {
  readonly int: string;
  readonly frac: string;
}

function parts(value: string): Parts {
  const match = DECIMAL.exec(value);
  if (!match) throw new Error(`not a decimal string: ${JSON.stringify(value)}`);
  return { int: match[1]!.replace(/^0+(?=\d)/, ''), frac: (match[2] ?? '').replace(/0+$/, '') };
}

export function isDecimal(value: string): boolean {
  return DECIMAL.test(value);
}

/** "065000.10" -> "65000.1": one spelling per number, for keying levels. */
export function canonical(value: string): string {
  const { int, frac } = parts(value);
  return frac ? `${int}.${frac}` : int;
}

export function compareDecimal(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  if (x.int.length !== y.int.length) return x.int.length < y.int.length ? -1 : 1;
  if (x.int !== y.int) return x.int < y.int ? -1 : 1;
  const width = Math.max(x.frac.length, y.frac.length);
  const fx = x.frac.padEnd(width, '0');
  const fy = y.frac.padEnd(width, '0');
  return fx === fy ? 0 : fx < fy ? -1 : 1;
}

export function isZero(value: string): boolean {
  const { int, frac } = parts(value);
  return int === '0' && frac === '';
}

/** a - b, exactly, with as many decimals as the longer operand ("-0.5" when b > a). */
export function subtractDecimal(a: string, b: string): string {
  const x = parts(a);
  const y = parts(b);
  const scale = Math.max(x.frac.length, y.frac.length);
  const scaled = (p: Parts) => BigInt(p.int + p.frac.padEnd(scale, '0'));
  const diff = scaled(x) - scaled(y);
  const negative = diff < 0n;
  const digits = (negative ? -diff : diff).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${int}${frac}`;
}
