// Some venues put money and 64-bit ids in JSON numbers (Gate.io's futures order ids exceed
// 2^53; its private futures pushes carry prices and fees as numbers). JSON.parse would round
// them through a double. These helpers turn every numeric object member into the string of
// digits the venue sent before parsing, so nothing is rounded on the way in. Used on low-rate
// private traffic only; market-data hot paths have their own readers.

// A member name right after "{" or "," (a quote preceded by either cannot be inside a string,
// where quotes are escaped), then a JSON number up to the next delimiter.
const NUMERIC_MEMBER = /([{,]\s*"[^"\\]*"\s*:\s*)(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?=\s*[,}\]])/g;

/**
 * Exponents no venue amount needs. Beyond them a number is left as written ("1e999999999"),
 * which no decimal reader accepts: writing its digits out would build a string of up to a
 * billion characters (or throw RangeError) from one short frame.
 */
const MAX_EXPONENT = 400;

/** "1.5e-7" -> "0.00000015"; plain numbers unchanged. Exact (string arithmetic only). */
export function plainNumber(text: string): string {
  const e = text.search(/[eE]/);
  if (e < 0) return text;
  const negative = text.startsWith('-');
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  if (!(Math.abs(exponent) <= MAX_EXPONENT)) return text;
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const point = (dot < 0 ? mantissa.length : dot) + exponent;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  out = out.replace(/^0+(?=\d)/, '');
  if (out.includes('.')) out = out.replace(/0+$/, '').replace(/\.$/, '');
  return (negative && /[1-9]/.test(out) ? '-' : '') + out;
}

/** The JSON text with every numeric object member turned into a string of the same digits. */
export function quoteJsonNumbers(text: string): string {
  return text.replace(NUMERIC_MEMBER, (_match, head: string, number: string) => `${head}"${plainNumber(number)}"`);
}

/** JSON.parse after quoteJsonNumbers: numeric members arrive as exact strings. */
export function parseJsonExact<T>(text: string): T {
  return JSON.parse(quoteJsonNumbers(text)) as T;
}
