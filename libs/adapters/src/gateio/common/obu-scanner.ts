import { readCheckedLevels, type TextPosition } from '../../core/json-levels.js';
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
const CLOSE_BRACE = 125;
const MINUS = 45;

const RESULT_MARKER = '"result":{';

let at = 0;
const levelsAt: TextPosition = { at: 0 };

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

/**
 * Reads a "string" without escapes at `at`; undefined when there is none. Control characters
 * (which JSON forbids in strings) are not looked for here: the caller checks `s`, and levels are
 * read by core's readCheckedLevels.
 */
function readString(text: string): string | undefined {
  if (text.charCodeAt(at) !== QUOTE) return undefined;
  const end = text.indexOf('"', at + 1);
  if (end < 0) return undefined;
  const value = text.slice(at + 1, end);
  if (value.indexOf('\\') !== -1) return undefined;
  at = end + 1;
  return value;
}

function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) < 0x20) return true;
  return false;
}

/** Skips digits at `at`; false when there are none. */
function skipDigits(text: string): boolean {
  const start = at;
  for (;;) {
    const digit = text.charCodeAt(at) - 48;
    if (!(digit >= 0 && digit <= 9)) return at > start;
    at++;
  }
}

/** Skips a JSON number at `at` (no leading zeros, as JSON requires); false when there is none. */
function skipNumber(text: string): boolean {
  if (text.charCodeAt(at) === MINUS) at++;
  const leadingZero = text.charCodeAt(at) === 48;
  const start = at;
  if (!skipDigits(text) || (leadingZero && at - start > 1)) return false;
  if (text.charCodeAt(at) === 46 /* . */) {
    at++;
    if (!skipDigits(text)) return false;
  }
  const e = text.charCodeAt(at);
  if (e === 101 || e === 69) {
    at++;
    const sign = text.charCodeAt(at);
    if (sign === 43 || sign === MINUS) at++;
    if (!skipDigits(text)) return false;
  }
  return true;
}

/** Skips a "string" without escapes or control characters at `at`; false when there is none. */
function skipString(text: string): boolean {
  if (text.charCodeAt(at) !== QUOTE) return false;
  for (let i = at + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      at = i + 1;
      return true;
    }
    if (code < 0x20 || code === 92 /* \\ */) return false;
  }
  return false;
}

/** Skips `word` at `at`; false when it is not there. */
function skipWord(text: string, word: string): boolean {
  if (!text.startsWith(word, at)) return false;
  at += word.length;
  return true;
}

/**
 * Skips one `"key":value` member of the envelope with a flat value (string, number, true, false,
 * null). The members the router reads must say what the router would act on: "channel" this
 * channel, "event" update or all, "error" null; otherwise the frame is the router's to judge.
 */
function skipFlatMember(text: string, channelMarker: string): boolean {
  const start = at;
  if (!skipString(text) || text.charCodeAt(at) !== COLON) return false;
  if (at - start === 9 && text.startsWith('"channel"', start)) {
    if (!text.startsWith(channelMarker, start)) return false;
  } else if (at - start === 7 && text.startsWith('"event"', start)) {
    if (!text.startsWith(':"update"', at) && !text.startsWith(':"all"', at)) return false;
  } else if (at - start === 7 && text.startsWith('"error"', start)) {
    if (!text.startsWith(':null', at)) return false;
  }
  at++;
  switch (text.charCodeAt(at)) {
    case QUOTE:
      return skipString(text);
    case 116: // t
      return skipWord(text, 'true');
    case 102: // f
      return skipWord(text, 'false');
    case 110: // n
      return skipWord(text, 'null');
    default:
      return skipNumber(text);
  }
}

// A connection's frames share their envelope's shape, so the last head that passed and the last
// tail's member name are kept: the usual frame is checked with one comparison each.
let knownHead = '';
let knownTailName = '';

/** Whether text[0..end) is `{` followed by flat members each followed by `,` (the envelope before "result"). */
function envelopeHead(text: string, end: number, channelMarker: string): boolean {
  if (end === knownHead.length && text.startsWith(knownHead)) return true;
  if (text.charCodeAt(0) !== 123 /* { */) return false;
  at = 1;
  while (at < end) {
    if (!skipFlatMember(text, channelMarker) || text.charCodeAt(at) !== COMMA) return false;
    at++;
  }
  if (at !== end) return false;
  knownHead = text.slice(0, end);
  return true;
}

/** Whether text from `at` is flat members each preceded by `,`, then the closing `}` and nothing else. */
function envelopeTail(text: string, channelMarker: string): boolean {
  // The usual tail: one numeric member, e.g. ,"time_ms":1747054612925}
  if (knownTailName && text.startsWith(knownTailName, at)) {
    const start = at;
    at += knownTailName.length;
    if (skipNumber(text) && at === text.length - 1 && text.charCodeAt(at) === CLOSE_BRACE) return true;
    at = start;
  }
  const first = at;
  for (;;) {
    const c = text.charCodeAt(at++);
    if (c === CLOSE_BRACE) {
      if (at !== text.length) return false;
      const colon = text.indexOf(':', first);
      // One member with a number (the router reads no numbers): its name is what the next frame's tail is checked against.
      const digit = text.charCodeAt(colon + 1);
      if (colon > 0 && colon < at - 2 && text.lastIndexOf(',', at) === first && (digit === MINUS || (digit >= 48 && digit <= 57))) knownTailName = text.slice(first, colon + 1);
      return true;
    }
    if (c !== COMMA || !skipFlatMember(text, channelMarker)) return false;
  }
}

/** The `full` key, as readKey reports it. */
const FULL = 'full';

/**
 * Reads a member name of `result` without allocating: the one-letter keys come back as interned
 * one-character strings, "full" as FULL, anything else as '' (which no case matches).
 */
function readKey(text: string): string {
  if (text.charCodeAt(at) !== QUOTE) return '';
  if (text.charCodeAt(at + 2) === QUOTE) {
    const key = ONE_LETTER_KEYS[text.charCodeAt(at + 1)] ?? '';
    at += 3;
    return key;
  }
  if (text.startsWith('"full"', at)) {
    at += 6;
    return FULL;
  }
  return '';
}

const ONE_LETTER_KEYS: Record<number, string> = { 116: 't', 85: 'U', 117: 'u', 115: 's', 98: 'b', 97: 'a' };

/** Reads [["p","q"],...] at `at`, every level checked as it is read (core's readCheckedLevels). */
function readLevels(text: string): WireLevel[] | undefined {
  levelsAt.at = at;
  const levels = readCheckedLevels(text, levelsAt);
  at = levelsAt.at;
  return levels;
}

/**
 * The `result` of a compact obu push (spot.obu, futures.obu: the same format), or undefined to
 * fall back on JSON.parse. `channelMarker` is `"channel":"<channel>"`. Every level it returns
 * is checked (BookFeed's LevelsChecked): a level the book would refuse sends the frame to
 * JSON.parse and the feed's own check, which count it.
 */
export function scanObuPush(text: string, channelMarker = '"channel":"spot.obu"'): WireObuUpdate | undefined {
  const result = text.indexOf(RESULT_MARKER);
  if (result < 0 || text.indexOf(channelMarker) < 0) return undefined;
  if (!envelopeHead(text, result, channelMarker)) return undefined;
  at = result + RESULT_MARKER.length;
  const update: WireObuUpdate = { t: 0, s: '', u: NaN };
  for (;;) {
    const key = readKey(text);
    if (text.charCodeAt(at) !== COLON) return undefined;
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
        if (stream === undefined || hasControlCharacter(stream)) return undefined;
        update.s = stream;
        break;
      }
      case FULL:
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
  if (!envelopeTail(text, channelMarker)) return undefined;
  return update;
}
