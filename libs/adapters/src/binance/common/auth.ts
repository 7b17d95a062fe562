import { createHmac, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import type { Credentials } from '../../core/private-exchange.js';
import type { AuthStrategy } from '../../core/rest-client.js';
import type { ServerClock } from '../../core/server-clock.js';

/** recvWindow sent with every signed request (the venue's default; its maximum is 60000). */
export const RECV_WINDOW_MS = 5000;

/**
 * A Binance signer for one key. HMAC keys sign with the secret (lower-case hex HMAC-SHA256);
 * Ed25519 keys, whose "secret" is the PEM private key, sign with it (base64). Binance also
 * accepts RSA keys, which this gateway does not offer. (binance-spot-api-docs rest-api.md,
 * "SIGNED Endpoint security"; the USDⓈ-M docs sign the same way.)
 */
export interface BinanceSigner {
  sign(payload: string): string;
}

export function binanceSigner(credentials: Credentials): BinanceSigner {
  const secret = credentials.apiSecret.trim();
  if (secret.startsWith('-----BEGIN')) {
    let key: KeyObject;
    try {
      key = createPrivateKey(secret);
    } catch (error) {
      throw new Error(`the Binance API secret looks like a PEM key but does not read as one: ${(error as Error).message}`, { cause: error });
    }
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the Binance API secret is a ${key.asymmetricKeyType} key; only HMAC secrets and Ed25519 keys are supported`);
    return { sign: (payload) => sign(null, Buffer.from(payload), key).toString('base64') };
  }
  return { sign: (payload) => createHmac('sha256', credentials.apiSecret).update(payload).digest('hex') };
}

/**
 * SIGNED REST endpoints: `recvWindow` and `timestamp` (venue time) appended to the parameters,
 * `signature` over the query string followed by the body exactly as sent (the signer's encoding,
 * URL-encoded), the key in X-MBX-APIKEY.
 */
export function binanceAuth(credentials: Credentials, clock: ServerClock): AuthStrategy {
  const signer = binanceSigner(credentials);
  return {
    sign(request) {
      const query = `${request.queryString ? `${request.queryString}&` : ''}recvWindow=${RECV_WINDOW_MS}&timestamp=${clock.now()}`;
      const signature = encodeURIComponent(signer.sign(query + request.body));
      return { headers: { 'X-MBX-APIKEY': credentials.apiKey }, queryString: `${query}&signature=${signature}` };
    },
  };
}
