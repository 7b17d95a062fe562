import { createHmac, createSecretKey } from 'node:crypto';
import type { Credentials } from '../../core/private-exchange.js';
import type { AuthStrategy } from '../../core/rest-client.js';
import type { ServerClock } from '../../core/server-clock.js';

/** recvWindow sent with every signed request (the venue's maximum is 60000). */
export const RECV_WINDOW_MS = 5000;

/**
 * MEXC spot v3 SIGNED endpoints: recvWindow and timestamp (venue time) appended to the query,
 * `signature` = lowercase hex HMAC-SHA256 over totalParams (query string followed by the body),
 * the key in the X-MEXC-APIKEY header.
 */
export function mexcAuth(credentials: Credentials, clock: ServerClock): AuthStrategy {
  // Imported once: an HMAC keyed by a string imports the key on every signed request.
  const key = createSecretKey(Buffer.from(credentials.apiSecret, 'utf8'));
  return {
    sign(request) {
      const query = `${request.queryString ? `${request.queryString}&` : ''}recvWindow=${RECV_WINDOW_MS}&timestamp=${clock.now()}`;
      const signature = createHmac('sha256', key)
        .update(query + request.body)
        .digest('hex');
      return { headers: { 'X-MEXC-APIKEY': credentials.apiKey, 'content-type': 'application/json' }, queryString: `${query}&signature=${signature}` };
    },
  };
}
