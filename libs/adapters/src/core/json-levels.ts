// Book levels in compact JSON, [["price","quantity"],...], read and checked in one walk for the
// venue scanners that read their busiest frames by hand (Gate's obu, Binance's diff depth).
// Every level returned passes BookFeed's rule (LevelsChecked), so the feed does not walk the
// levels a second time; anything else (an escape, a sign, an exponent, a control character,
// whitespace, a zero price) returns undefined, and the scanner leaves the frame to JSON.parse
// and the feed's own check, which counts it.

const QUOTE = 34;
const COMMA = 44;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** Where a scanner stands in its text: each scanner keeps one and reuses it for every frame. */
export interface TextPosition {
  at: number;
}

/** A "price" or "quantity" at the position: digits and at most one point, at least one digit; a price with a non-zero digit. */
function readDecimal(text: string, position: TextPosition, isPrice: boolean): string | undefined {
  const at = position.at;
  if (text.charCodeAt(at) !== QUOTE) return undefined;
  const start = at + 1;
  let digits = 0;
  let nonZero = !isPrice;
  let point = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      if (c !== 48) nonZero = true;
    } else if (c === QUOTE) {
      if (digits === 0 || !nonZero) return undefined;
      position.at = i + 1;
      return text.slice(start, i);
    } else if (c !== 46 || point) return undefined;
    else point = true;
  }
  return undefined;
}

/** The levels at the position, each checked as it is read, and the position moved past them; undefined for anything else. */
export function readCheckedLevels(text: string, position: TextPosition): Array<[string, string]> | undefined {
  if (text.charCodeAt(position.at) !== OPEN_BRACKET) return undefined;
  position.at++;
  const levels: Array<[string, string]> = [];
  if (text.charCodeAt(position.at) === CLOSE_BRACKET) {
    position.at++;
    return levels;
  }
  for (;;) {
    if (text.charCodeAt(position.at) !== OPEN_BRACKET) return undefined;
    position.at++;
    const price = readDecimal(text, position, true);
    if (price === undefined || text.charCodeAt(position.at) !== COMMA) return undefined;
    position.at++;
    const quantity = readDecimal(text, position, false);
    if (quantity === undefined || text.charCodeAt(position.at) !== CLOSE_BRACKET) return undefined;
    position.at++;
    levels.push([price, quantity]);
    const next = text.charCodeAt(position.at++);
    if (next === CLOSE_BRACKET) return levels;
    if (next !== COMMA) return undefined;
  }
}
