import { canonicalSignedDecimal } from './decimal.js';
import { GatewayError } from './errors.js';
import { plainNumber } from './exact-json.js';

// Strict readers for venue answers and pushes on the private side, where a guess costs money: a
// value that is absent where the venue always sends it, or present but unreadable, is an error
// (malformed_response) that names the venue and the field; never "0", "undefined" or a default
// side. The caller decides what an unreadable item costs (refuse the answer, or drop and count
// one push item). JSON numbers are accepted where the venue sends them: a number that plain
// JSON.parse produced is read through its shortest decimal form, which is exact for every
// value a double holds exactly (ids within 2^53, timestamps); money that a venue sends as JSON
// numbers must be parsed exactly first (exact-json.ts).

const SHOWN = 40;

export class WireReader {
  constructor(readonly venue: string) {}

  malformed(what: string, value: unknown, expected: string): GatewayError {
    let shown: string;
    try {
      shown = JSON.stringify(value) ?? String(value);
    } catch {
      shown = String(value);
    }
    if (shown.length > SHOWN) shown = `${shown.slice(0, SHOWN)}…`;
    return new GatewayError('malformed_response', `${this.venue} sent ${what} ${shown}, which is not ${expected}`, { venue: this.venue });
  }

  /** An id the venue always sends: a non-empty string, or a non-negative safe integer. */
  id(value: unknown, what: string): string {
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
    throw this.malformed(what, value, 'an id');
  }

  /** A signed decimal the venue always sends, canonical ("-0.50" -> "-0.5"). */
  decimal(value: unknown, what: string): string {
    const text = typeof value === 'string' ? value : typeof value === 'number' && Number.isFinite(value) ? plainNumber(String(value)) : undefined;
    const canonical = text === undefined || text === '' ? undefined : canonicalSignedDecimal(text);
    if (canonical === undefined) throw this.malformed(what, value, 'a number');
    return canonical;
  }

  /** A decimal the venue may leave out (or send empty or null): "0" then; present but unreadable is an error. */
  decimalOrZero(value: unknown, what: string): string {
    return value === undefined || value === null || value === '' ? '0' : this.decimal(value, what);
  }

  /** A decimal that must be greater than zero (a fill's price or size). */
  positive(value: unknown, what: string): string {
    const d = this.decimal(value, what);
    if (d === '0' || d.startsWith('-')) throw this.malformed(what, value, 'a positive number');
    return d;
  }

  /** A decimal that must not be negative (an amount, a fee paid, a balance). */
  unsigned(value: unknown, what: string): string {
    const d = this.decimal(value, what);
    if (d.startsWith('-')) throw this.malformed(what, value, 'a non-negative number');
    return d;
  }

  /** A price the venue reports as absent, empty, "0" or negative when there is none: "". */
  priceOrEmpty(value: unknown, what: string): string {
    const d = this.decimalOrZero(value, what);
    return d === '0' || d.startsWith('-') ? '' : d;
  }

  /** One of a closed set of values (a side, a status, a role). */
  oneOf<T extends string | number>(value: unknown, allowed: readonly T[], what: string): T {
    if (allowed.includes(value as T)) return value as T;
    throw this.malformed(what, value, `one of ${allowed.join(', ')}`);
  }

  boolean(value: unknown, what: string): boolean {
    if (typeof value === 'boolean') return value;
    throw this.malformed(what, value, 'true or false');
  }

  /** A string that may be absent (a client order id, a text): "" then. */
  optionalText(value: unknown, what: string): string {
    if (value === undefined || value === null) return '';
    if (typeof value === 'string') return value;
    throw this.malformed(what, value, 'a string');
  }

  /** A string the venue always sends (an asset, a symbol). */
  text(value: unknown, what: string): string {
    if (typeof value === 'string' && value !== '') return value;
    throw this.malformed(what, value, 'a non-empty string');
  }

  /** Milliseconds since the epoch from milliseconds (number or digits, a fraction truncated). */
  millis(value: unknown, what: string): number {
    return this.time(value, what, 1);
  }

  /** Milliseconds since the epoch from seconds with an optional fraction ("1700000000.123"). */
  millisFromSeconds(value: unknown, what: string): number {
    return this.time(value, what, 1000);
  }

  private time(value: unknown, what: string, unitMs: number): number {
    const text = typeof value === 'number' ? plainNumber(String(value)) : typeof value === 'string' ? value : '';
    const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
    const ms = match ? (unitMs === 1 ? Number(match[1]) : Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0').slice(0, 3))) : NaN;
    if (!Number.isSafeInteger(ms)) throw this.malformed(what, value, unitMs === 1 ? 'a time in milliseconds' : 'a time in seconds');
    return ms;
  }

  /** An object the venue always sends (an answer, a push item). */
  object(value: unknown, what: string): Record<string, unknown> {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    throw this.malformed(what, value, 'an object');
  }

  /** A list the venue always sends. */
  list(value: unknown, what: string): unknown[] {
    if (Array.isArray(value)) return value;
    throw this.malformed(what, value, 'a list');
  }
}
