import { GatewayError, type Pair } from '@cexgw/adapters';

const ASSET_PATTERN = /^[A-Za-z0-9]{1,20}$/;

function invalid(message: string): GatewayError {
  return new GatewayError('invalid_argument', message);
}

/**
 * A client's value quoted for an error message: JSON-escaped (control, zero-width and direction
 * characters show as escapes) and cut to `max` characters, so that an error never echoes a
 * megabyte back in a status trailer (which the HTTP/2 connection would refuse).
 */
export function quoteForMessage(value: string, max = 40): string {
  return value.length > max ? `${JSON.stringify(value.slice(0, max))}… (${value.length} characters)` : JSON.stringify(value);
}

/** Trims ASCII whitespace only: other "spaces" (no-break, zero-width, BOM) are not part of a valid value. */
function trimAscii(value: string): string {
  return value.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}

/** A request's {base, quote}, checked and upper-cased, or INVALID_ARGUMENT saying what is wrong. */
export function requireSymbol(value: { base?: string; quote?: string } | null | undefined, field = 'symbol'): Pair {
  if (!value) throw invalid(`${field} is required, e.g. {"base": "BTC", "quote": "USDT"}`);
  const base = trimAscii(value.base ?? '');
  const quote = trimAscii(value.quote ?? '');
  if (!base || !quote) throw invalid(`${field} needs both base and quote, e.g. {"base": "BTC", "quote": "USDT"}`);
  // Checked before upper-casing: Unicode letters such as "ſ" or "ı" upper-case to ASCII ("S", "I").
  if (!ASSET_PATTERN.test(base)) throw invalid(`${field}.base ${quoteForMessage(value.base ?? '')} is not an asset code (1-20 letters or digits)`);
  if (!ASSET_PATTERN.test(quote)) throw invalid(`${field}.quote ${quoteForMessage(value.quote ?? '')} is not an asset code (1-20 letters or digits)`);
  return { base: base.toUpperCase(), quote: quote.toUpperCase() };
}

export function requireSymbols(values: ReadonlyArray<{ base?: string; quote?: string }> | undefined, field = 'symbols'): Pair[] {
  if (!values || values.length === 0) throw invalid(`${field} needs at least one symbol, e.g. [{"base": "BTC", "quote": "USDT"}]`);
  if (values.length > 200) throw invalid(`${field} has ${values.length} symbols; at most 200 per stream`);
  return values.map((value, i) => requireSymbol(value, `${field}[${i}]`));
}

/** A uint32 field within bounds (0 means "default"). */
export function boundedCount(value: number | undefined, field: string, max: number): number {
  const n = value ?? 0;
  if (!Number.isInteger(n) || n < 0) throw invalid(`${field} must be a non-negative integer`);
  if (n > max) throw invalid(`${field} is ${n}; at most ${max}`);
  return n;
}
