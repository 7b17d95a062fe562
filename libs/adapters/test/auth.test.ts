import { createHash, createHmac } from 'node:crypto';
import { GateApiV4Auth } from 'gate-api';
import { describe, expect, it, vi } from 'vitest';
import { encodeQuery } from '../src/core/rest-client.js';
import { gateioRestAuth, gateioWsAuth } from '../src/gateio/common/auth.js';
import { mexcAuth } from '../src/mexc/spot/auth.js';
import type { ServerClock } from '../src/core/server-clock.js';
import { ServerClock as Clock } from '../src/core/server-clock.js';

const fixedClock = (ms: number) => ({ now: () => ms }) as ServerClock;

describe('MEXC signing', () => {
  it('reproduces the documented SIGNED example (spot v3 docs, "SIGNED Endpoint Examples for POST /api/v3/order")', () => {
    const auth = mexcAuth({ apiKey: 'mx0aBYs33eIilxBWC5', apiSecret: '45d0b3c26f2644f19bfb98b07741b2f5' }, fixedClock(1644489390087));
    const signed = auth.sign({ method: 'POST', path: '/api/v3/order', queryString: 'symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=11', body: '' });
    expect(signed.queryString).toBe(
      'symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=11&recvWindow=5000&timestamp=1644489390087&signature=fd3e4e8543c5188531eb7279d68ae7d26a573d0fc5ab0d18eb692451654d837a',
    );
    expect(signed.headers['X-MEXC-APIKEY']).toBe('mx0aBYs33eIilxBWC5');
  });
});

describe('Gate.io signing', () => {
  const credentials = { apiKey: 'key', apiSecret: 'secret' };

  it('signs method, path, query, SHA-512 of the body and the timestamp in seconds', () => {
    const body = '{"currency_pair":"BTC_USDT"}';
    const signed = gateioRestAuth(credentials, fixedClock(1_700_000_000_999)).sign({ method: 'POST', path: '/api/v4/spot/orders', queryString: '', body });
    const bodyHash = createHash('sha512').update(body).digest('hex');
    const expected = createHmac('sha512', 'secret').update(`POST\n/api/v4/spot/orders\n\n${bodyHash}\n1700000000`).digest('hex');
    expect(signed.headers).toEqual({ KEY: 'key', Timestamp: '1700000000', SIGN: expected });
    // An empty body hashes to SHA-512 of "" (the documented constant for GET requests).
    const get = gateioRestAuth(credentials, fixedClock(1_700_000_000_000)).sign({ method: 'GET', path: '/api/v4/spot/accounts', queryString: 'currency=BTC', body: '' });
    expect(get.headers.SIGN).toBe(
      createHmac('sha512', 'secret')
        .update(
          'GET\n/api/v4/spot/accounts\ncurrency=BTC\ncf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e\n1700000000',
        )
        .digest('hex'),
    );
  });

  it("signs the query not URL-encoded, as gate-api (Gate's official SDK) signs it, while sending it encoded", () => {
    // gate-api's own signer is the oracle: same request, same second, same signature.
    const now = 1_700_000_000_000;
    vi.useFakeTimers({ now, toFake: ['Date'] });
    try {
      const official = new GateApiV4Auth();
      official.key = 'key';
      official.secret = 'secret';
      const params = { currency_pair: 'BTC_USDT', text: 't-a b,c/d' };
      const config = official.applyToRequest({ method: 'GET', url: 'https://api.gateio.ws/api/v4/spot/orders', params, headers: {} });
      const queryString = encodeQuery(params);
      expect(queryString).toBe('currency_pair=BTC_USDT&text=t-a%20b%2Cc%2Fd');
      const ours = gateioRestAuth(credentials, fixedClock(now)).sign({ method: 'GET', path: '/api/v4/spot/orders', queryString, body: '' });
      expect(ours.headers).toEqual({ KEY: 'key', Timestamp: config.headers!.Timestamp, SIGN: config.headers!.SIGN });
    } finally {
      vi.useRealTimers();
    }
  });

  it('signs websocket channel requests', () => {
    const auth = gateioWsAuth(credentials, 'spot.orders', 'subscribe', 1_700_000_000);
    expect(auth).toEqual({ method: 'api_key', KEY: 'key', SIGN: createHmac('sha512', 'secret').update('channel=spot.orders&event=subscribe&time=1700000000').digest('hex') });
  });
});

describe('ServerClock', () => {
  it('measures the venue offset from the midpoint of the round trip', async () => {
    const clock = new Clock(async () => Date.now() + 5_000);
    const offset = await clock.sync();
    expect(offset).toBeGreaterThan(4_900);
    expect(offset).toBeLessThan(5_100);
    expect(clock.now() - Date.now()).toBeGreaterThan(4_900);
  });
});
