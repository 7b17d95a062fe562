import type { IncomingMessage } from 'node:http';

/** True when the request opts in to decimal sizes (X-Gate-Size-Decimal: 1). */
export function wantsDecimalSizes(req: IncomingMessage): boolean {
  const v = req.headers['x-gate-size-decimal'];
  return (Array.isArray(v) ? v[0] : v)?.trim() === '1';
}
