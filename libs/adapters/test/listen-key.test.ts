import { afterEach, describe, expect, it, vi } from 'vitest';
import { ListenKey, type ListenKeyEndpoints } from '../src/core/listen-key.js';
import { silentLogger } from '../src/core/logger.js';

// The listenKey lifecycle MEXC and Binance USDⓈ-M share: a key at start, a keepalive every 30
// minutes, a new key (and the old connection dropped) when the keepalive fails, one renewal at a
// time, and the key given back at close.

function venue() {
  let issued = 0;
  const valid = new Set<string>();
  const calls: string[] = [];
  const endpoints: ListenKeyEndpoints = {
    create: () => {
      const key = `key-${++issued}`;
      valid.add(key);
      calls.push(`create ${key}`);
      return Promise.resolve(key);
    },
    keepAlive: (key) => {
      calls.push(`keepalive ${key}`);
      return valid.has(key) ? Promise.resolve({}) : Promise.reject(new Error('-1125 This listenKey does not exist.'));
    },
    remove: (key) => {
      calls.push(`remove ${key}`);
      valid.delete(key);
      return Promise.resolve({});
    },
  };
  return { endpoints, valid, calls };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ListenKey', () => {
  it('keeps its key alive every 30 minutes and replaces it (dropping the connection) when the venue no longer accepts it', async () => {
    vi.useFakeTimers();
    const { endpoints, valid, calls } = venue();
    const secrets: string[] = [];
    let replaced = 0;
    const listenKey = new ListenKey({ endpoints, logger: silentLogger, onSecret: (key) => secrets.push(key), onReplaced: () => replaced++ });
    await listenKey.start();
    expect(listenKey.current).toBe('key-1');

    await vi.advanceTimersByTimeAsync(30 * 60 * 1000);
    expect(calls).toEqual(['create key-1', 'keepalive key-1']);
    expect(replaced).toBe(0);

    valid.delete('key-1'); // the venue expired it
    await vi.advanceTimersByTimeAsync(30 * 60 * 1000);
    expect(listenKey.current).toBe('key-2');
    expect(replaced).toBe(1);
    expect(secrets).toEqual(['key-1', 'key-2']);
    expect(calls.slice(2)).toEqual(['keepalive key-1', 'keepalive key-1', 'create key-2']);
    await listenKey.close();
  });

  it('renews once for concurrent requests, and keeps a key the venue still accepts', async () => {
    const { endpoints, valid, calls } = venue();
    const listenKey = new ListenKey({ endpoints, logger: silentLogger, onReplaced: () => {} });
    await listenKey.start();
    await listenKey.renew('socket closed');
    expect(listenKey.current).toBe('key-1'); // still valid: kept

    valid.clear();
    await Promise.all([listenKey.renew('socket closed'), listenKey.renew('the venue expired the listenKey')]);
    expect(listenKey.current).toBe('key-2');
    expect(calls.filter((c) => c.startsWith('create'))).toEqual(['create key-1', 'create key-2']);
    await listenKey.close();
  });

  it('gives the key back at close and stops keeping it alive', async () => {
    vi.useFakeTimers();
    const { endpoints, calls } = venue();
    const listenKey = new ListenKey({ endpoints, logger: silentLogger, onReplaced: () => {} });
    await listenKey.start();
    await listenKey.close();
    await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
    expect(calls).toEqual(['create key-1', 'remove key-1']);
  });

  it('logs a failed renewal and leaves the retry to the reconnect', async () => {
    const { endpoints, valid } = venue();
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (_fields: object, message: string) => void warnings.push(message) };
    let fail = false;
    const listenKey = new ListenKey({ endpoints: { ...endpoints, create: () => (fail ? Promise.reject(new Error('HTTP 503')) : endpoints.create()) }, logger, onReplaced: () => {} });
    await listenKey.start();
    valid.clear();
    fail = true;
    await expect(listenKey.renew('socket closed')).resolves.toBeUndefined();
    expect(warnings).toEqual(['listenKey renewal failed; the reconnect will retry']);
    expect(listenKey.current).toBe('key-1');
  });
});
