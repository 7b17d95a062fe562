import { invalidParam, invalidRequestBody } from './rest-errors.js';

/** Query-string readers of Gate's REST v4 (spot and futures), refusing bad values with INVALID_PARAM_VALUE. */

/** Go's strconv.ParseBool, which the venue's query binding uses. */
export function parseBool(q: URLSearchParams, name: string): boolean | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v)) return false;
  throw invalidParam(name, v);
}

export function parseInt(q: URLSearchParams, name: string, min: number, max?: number): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw invalidParam(name, v);
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < min || (max !== undefined && n > max)) throw invalidParam(name, v);
  return n;
}

/** A request body as JSON (undefined when empty), or INVALID_REQUEST_BODY. */
export function parseJsonBody(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw invalidRequestBody();
  }
}
