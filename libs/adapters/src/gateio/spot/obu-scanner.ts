import type { WireLevel, WireObuUpdate } from './wire.js';

// A single-pass reader for spot.obu pushes, the one frame kind that arrives thousands of times
// a second. It reads only the `result` object and hands back the same WireObuUpdate that
// JSON.parse would give, skipping the envelope. It accepts exactly the compact JSON the venue
// sends (no whitespace, no escapes, known keys); anything else returns undefined and the frame
// takes the generic JSON.parse route, so unusual input costs speed, never correctness. The
// envelope around `result` must be flat members (strings, numbers, true/false/null) closed by
// "}": a truncated or broken frame is left to JSON.parse, which counts it as malformed.

const QUOTE = 34;
const COLON = 58;
const COMMA = 44;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const CLOSE_BRACE = 125;
const MINUS = 45;

const RESULT_MARKER = '"result":{';

// The envelope's other members ("channel", "event", "time_ms", ...): flat JSON values only.
const VALUE = '(?:"[^"\\\\\\u0000-\\u001f]*"|-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|true|false|null)';
const ENVELOPE_HEAD = new RegExp(`\\{(?:"[A-Za-z_]+":${VALUE},)*`, 'y');
const ENVELOPE_TAIL = new RegExp(`(?:,"[A-Za-z_]+":${VALUE})*\\}$`, 'y');

let at = 0;

/** Reads a non-negative integer at `at`; NaN when there is none (or it has a leading zero, which JSON forbids). */
function readInteger(text: string): number {
  let value = 0;
  const start = at;
  if (text.charCodeAt(at) === 48 /* 0 */) {
    const next = text.charCodeAt(at + 1) - 48;
    if (next >= 0 && next <= 9) return NaN;
  }
  for (;;) {
    const digit = text.charCodeAt(at) - 48;
    if (!(digit >= 0 && digit <= 9)) break; // NaN past the end of the text: a frame cut inside a number
    value = value * 10 + digit;
    at++;
  }
  return at === start || at - start > 15 ? NaN : value;
}

/** Reads a "string" without escapes or control characters at `at`; undefined when there is none. */
function readString(text: string): string | undefined {
  if (text.charCodeAt(at) !== QUOTE) return undefined;
  const end = text.indexOf('"', at + 1);
  if (end < 0) return undefined;
  for (let i = at + 1; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 92 /* \\ */) return undefined;
  }
  const value = text.slice(at + 1, end);
  at = end + 1;
  return value;
}

/** Reads [["p","q"],...] at `at`. */
function readLevels(text: string): WireLevel[] | undefined {
  if (text.charCodeAt(at) !== OPEN_BRACKET) return undefined;
  at++;
  const levels: WireLevel[] = [];
  if (text.charCodeAt(at) === CLOSE_BRACKET) {
    at++;
    return levels;
  }
  for (;;) {
    if (text.charCodeAt(at) !== OPEN_BRACKET) return undefined;
    at++;
    const price = readString(text);
    if (price === undefined || text.charCodeAt(at) !== COMMA) return undefined;
    at++;
    const amount = readString(text);
    if (amount === undefined || text.charCodeAt(at) !== CLOSE_BRACKET) return undefined;
    at++;
    levels.push([price, amount]);
    const next = text.charCodeAt(at++);
    if (next === CLOSE_BRACKET) return levels;
    if (next !== COMMA) return undefined;
  }
}

/**
 * The `result` of a compact obu push (spot.obu, futures.obu: the same format), or undefined to
 * fall back on JSON.parse. `channelMarker` is `"channel":"<channel>"`.
 */
export function scanObuPush(text: string, channelMarker = '"channel":"spot.obu"'): WireObuUpdate | undefined {
  const result = text.indexOf(RESULT_MARKER);
  if (result < 0 || text.indexOf(channelMarker) < 0) return undefined;
  ENVELOPE_HEAD.lastIndex = 0;
  if (!ENVELOPE_HEAD.test(text) || ENVELOPE_HEAD.lastIndex !== result) return undefined;
  at = result + RESULT_MARKER.length;
  const update: WireObuUpdate = { t: 0, s: '', u: NaN };
  for (;;) {
    const key = readString(text);
    if (key === undefined || text.charCodeAt(at) !== COLON) return undefined;
    at++;
    switch (key) {
      case 't':
        update.t = readInteger(text);
        break;
      case 'U':
        update.U = readInteger(text);
        break;
      case 'u':
        update.u = readInteger(text);
        break;
      case 's': {
        const stream = readString(text);
        if (stream === undefined) return undefined;
        update.s = stream;
        break;
      }
      case 'full':
        if (text.startsWith('true', at)) {
          update.full = true;
          at += 4;
        } else if (text.startsWith('false', at)) {
          at += 5;
        } else return undefined;
        break;
      case 'b': {
        const bids = readLevels(text);
        if (!bids) return undefined;
        update.b = bids;
        break;
      }
      case 'a': {
        const asks = readLevels(text);
        if (!asks) return undefined;
        update.a = asks;
        break;
      }
      default:
        return undefined;
    }
    const next = text.charCodeAt(at++);
    if (next === CLOSE_BRACE) break;
    if (next !== COMMA || text.charCodeAt(at) === MINUS) return undefined;
  }
  if (Number.isNaN(update.t) || Number.isNaN(update.u) || (update.U !== undefined && Number.isNaN(update.U)) || !update.s) return undefined;
  ENVELOPE_TAIL.lastIndex = at;
  if (!ENVELOPE_TAIL.test(text)) return undefined;
  return update;
}
