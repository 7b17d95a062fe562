import { readCheckedLevels, type TextPosition } from '../../core/json-levels.js';

// A single-pass reader for the one frame kind that arrives thousands of times a second: a
// combined-stream depthUpdate, {"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate",...}}.
// It gives back exactly what JSON.parse would, for exactly the compact JSON Binance sends: the
// envelope's two members in that order, the event's members e, E, T, s, U, u, pu, b, a in any
// order, non-negative integers of at most 15 digits, strings without escapes, no whitespace, and
// levels that pass the book's rule (checked as they are read: the frame's levels need no second
// walk, LevelsChecked). Anything else returns undefined and the frame takes JSON.parse, so unusual
// input costs speed, never correctness. (Gate's obu-scanner.ts does the same for its envelope;
// each reads its own, and both read levels with core's readCheckedLevels.)

const QUOTE = 34;
const COLON = 58;
const COMMA = 44;
const CLOSE_BRACE = 125;

const HEAD = '{"stream":"';
const DATA = ',"data":{';

export interface StreamFrame {
  readonly stream: string;
  readonly data: Record<string, unknown>;
}

let at = 0;
const levelsAt: TextPosition = { at: 0 };

/** A non-negative integer at `at` (JSON: no leading zero); NaN when there is none or it is too long to be exact. */
function readInteger(text: string): number {
  const start = at;
  let value = 0;
  for (;;) {
    const digit = text.charCodeAt(at) - 48;
    if (!(digit >= 0 && digit <= 9)) break;
    value = value * 10 + digit;
    at++;
  }
  const length = at - start;
  return length === 0 || length > 15 || (length > 1 && text.charCodeAt(start) === 48) ? NaN : value;
}

/** A "string" at `at` with no escape or control character; undefined otherwise. */
function readString(text: string): string | undefined {
  if (text.charCodeAt(at) !== QUOTE) return undefined;
  const end = text.indexOf('"', at + 1);
  if (end < 0) return undefined;
  for (let i = at + 1; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 92 /* \ */) return undefined;
  }
  const value = text.slice(at + 1, end);
  at = end + 1;
  return value;
}

/** [["price","quantity"],...] at `at`, every level checked as it is read (core's readCheckedLevels). */
function readLevels(text: string): [string, string][] | undefined {
  levelsAt.at = at;
  const levels = readCheckedLevels(text, levelsAt);
  at = levelsAt.at;
  return levels;
}

/** The frame as JSON.parse reads it, when it is a compact depthUpdate event of a combined stream; undefined otherwise. */
export function scanDepthFrame(text: string): StreamFrame | undefined {
  if (!text.startsWith(HEAD)) return undefined;
  at = HEAD.length - 1; // the stream name's opening quote
  const stream = readString(text);
  if (stream === undefined || stream.indexOf('@depth') < 0 || !text.startsWith(DATA, at)) return undefined;
  at += DATA.length;
  const data: Record<string, unknown> = {};
  for (;;) {
    const key = readString(text);
    if (key === undefined || text.charCodeAt(at) !== COLON) return undefined;
    at++;
    switch (key) {
      case 'e':
      case 's': {
        const value = readString(text);
        if (value === undefined) return undefined;
        data[key] = value;
        break;
      }
      case 'E':
      case 'T':
      case 'U':
      case 'u':
      case 'pu': {
        const value = readInteger(text);
        if (Number.isNaN(value)) return undefined;
        data[key] = value;
        break;
      }
      case 'b':
      case 'a': {
        const levels = readLevels(text);
        if (!levels) return undefined;
        data[key] = levels;
        break;
      }
      default:
        return undefined;
    }
    const next = text.charCodeAt(at++);
    if (next === CLOSE_BRACE) break;
    if (next !== COMMA) return undefined;
  }
  if (data.e !== 'depthUpdate' || at !== text.length - 1 || text.charCodeAt(at) !== CLOSE_BRACE) return undefined;
  return { stream, data };
}
