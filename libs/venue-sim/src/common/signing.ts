import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC and hash helpers shared by the venues' request signing. */

export function hmacHex(algorithm: 'sha256' | 'sha512', secret: string, message: string): string {
  return createHmac(algorithm, secret).update(message).digest('hex');
}

export function sha512Hex(payload: string | Buffer): string {
  return createHash('sha512').update(payload).digest('hex');
}

/** Constant-time comparison of two signature strings (exact bytes: case matters). */
export function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
