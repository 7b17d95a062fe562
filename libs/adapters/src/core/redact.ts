// Secrets inside TEXT (a venue frame quoted in a log line, an error message, a close reason),
// where field-name redaction cannot reach: the values of secret-named JSON fields (quoted plainly
// or JSON-escaped inside another string, and even when the text was cut in the middle of a
// value), secret query parameters (MEXC's listenKey and signature), bearer tokens, and long hex
// runs (HMAC signatures: Gate.io SIGN is 128 hex digits, MEXC's signature 64).

export const REDACTED_TEXT = '[Redacted]';

const NAMES = 'api[_-]?key|api[_-]?secret|secret(?:[_-]?key)?|sign(?:ature)?|key|listen[_-]?key|token|authorization|password|x-[a-z0-9]+-apikey|timestamp-signature';
/** "NAME": "value" with plain quotes, or \"NAME\":\"value\" inside a JSON string; the value may be cut off. */
const JSON_FIELD = new RegExp(`(\\\\?")(${NAMES})\\1(\\s*:\\s*)\\1[^"\\\\]*`, 'gi');
const QUERY_PARAM = /\b(listenKey|signature|api_?key|token)=[^&\s"'\\)]+/gi;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi;
const LONG_HEX = /\b[0-9a-fA-F]{64,}\b/g;

/** `text` with every secret-looking value replaced by [Redacted]. Cheap enough for log lines, never for hot paths. */
export function redactSecretText(text: string): string {
  return text
    .replace(JSON_FIELD, (_match, quote: string, name: string, colon: string) => `${quote}${name}${quote}${colon}${quote}${REDACTED_TEXT}`)
    .replace(QUERY_PARAM, (_match, name: string) => `${name}=${REDACTED_TEXT}`)
    .replace(BEARER, (_match, scheme: string) => `${scheme} ${REDACTED_TEXT}`)
    .replace(LONG_HEX, REDACTED_TEXT);
}

/** A venue frame for a log line: secrets redacted first, then cut to `max` characters. */
export function frameForLog(text: string, max = 200): string {
  const clean = redactSecretText(text);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
