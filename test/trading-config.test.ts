import { describe, expect, it } from 'vitest';
import { loadClientTokens, readSecret } from '@cexgw/grpc';
import { ConfigError, describeConfig, loadConfig, secretVariables, urlPassword } from '../services/trading/src/config.js';

// Configuration of the trading service: from the environment and files, with clear errors,
// and nothing secret in what may be logged.

const KEY = 'mx0vglTESTKEY0123456789';
const SECRET = 'S3cr3t-abcdefghijklmnopqrstuvwxyz';
const TOKEN = 'tok-0123456789abcdef0123';

const base = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  CEXGW_VENUE: 'mexc_spot',
  CEXGW_MEXC_SPOT_API_KEY: KEY,
  CEXGW_MEXC_SPOT_API_SECRET: SECRET,
  CEXGW_CLIENT_TOKENS: TOKEN,
  ...extra,
});

const files: Record<string, string> = {
  '/run/secrets/key': `${KEY}\n`,
  '/run/secrets/secret': `  ${SECRET}  \n`,
  '/run/secrets/tokens': `# clients\n${TOKEN}\n\ntok-second-client-000000\n`,
  '/run/secrets/empty': '\n',
  '/run/secrets/journal_url': 'postgres://cexgw:pg-Pa55word-xyz@db.internal:5432/cexgw\n',
};
const readFile = (path: string) => {
  if (!(path in files)) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return files[path]!;
};

function configError(env: NodeJS.ProcessEnv, argv: string[] = []): string {
  try {
    loadConfig(env, argv, readFile);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('trading configuration', () => {
  it('has safe defaults: loopback, the venue port, NORMAL journal sync with the checkpoint worker, no limits, kill switch off', () => {
    const config = loadConfig(base(), [], readFile);
    expect(config).toMatchObject({
      venue: 'mexc_spot',
      address: '127.0.0.1:50061',
      credentials: { apiKey: KEY, apiSecret: SECRET },
      clientTokens: [TOKEN],
      tls: undefined,
      journalPath: 'data/mexc_spot-journal.sqlite',
      journalSync: 'normal',
      journalCheckpointMs: 100,
      killSwitchAtStart: false,
      killSwitchFile: 'data/mexc_spot.kill',
      placeTimeoutMs: 10_000,
      recoveryMarginMs: 60_000,
      streamQueueCapacity: 4096,
      logLevel: 'info',
    });
    expect(config.limits.allowedSymbols).toBeUndefined();
    expect(loadConfig(base({ CEXGW_VENUE: 'gateio_spot', CEXGW_GATEIO_SPOT_API_KEY: KEY, CEXGW_GATEIO_SPOT_API_SECRET: SECRET }), [], readFile).address).toBe('127.0.0.1:50062');
    const futures = loadConfig(base({ CEXGW_GATEIO_FUTURES_API_KEY: KEY, CEXGW_GATEIO_FUTURES_API_SECRET: SECRET }), ['--venue', 'gateio_futures'], readFile);
    expect([futures.venue, futures.address]).toEqual(['gateio_futures', '127.0.0.1:50063']);
  });

  it('reads everything it is given', () => {
    const config = loadConfig(
      base({
        CEXGW_GRPC_ADDRESS: '127.0.0.1:7000',
        CEXGW_MEXC_SPOT_REST_URL: 'http://127.0.0.1:1/api/v3',
        CEXGW_MEXC_SPOT_WS_URL: 'ws://127.0.0.1:1/ws',
        CEXGW_MEXC_SPOT_INTERVAL: '10ms',
        CEXGW_JOURNAL_PATH: '/var/lib/cexgw/mexc.sqlite',
        CEXGW_JOURNAL_SYNC: 'FULL',
        CEXGW_TRADING_SYMBOLS: 'BTC/USDT,ETH_USDT',
        CEXGW_TRADING_MAX_NOTIONAL: 'USDT:25000',
        CEXGW_TRADING_MAX_QUANTITY: '2',
        CEXGW_KILL_SWITCH: 'true',
        CEXGW_STREAM_QUEUE: '64',
        CEXGW_FILL_RECOVERY_INTERVAL_MS: '0',
      }),
      [],
      readFile,
    );
    expect(config.address).toBe('127.0.0.1:7000');
    expect(config.venueConfig).toEqual({ restBaseUrl: 'http://127.0.0.1:1/api/v3', wsUrl: 'ws://127.0.0.1:1/ws', options: { interval: '10ms' } });
    expect(config.journalSync).toBe('full');
    expect(config.killSwitchFile).toBe('/var/lib/cexgw/mexc_spot.kill');
    expect([...config.limits.allowedSymbols!]).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(config.recoverySymbols).toEqual([
      { base: 'BTC', quote: 'USDT' },
      { base: 'ETH', quote: 'USDT' },
    ]);
    expect(Object.fromEntries(config.limits.maxNotional)).toEqual({ USDT: '25000' });
    expect(Object.fromEntries(config.limits.maxQuantity)).toEqual({ '*': '2' });
    expect(config.killSwitchAtStart).toBe(true);
    expect(config.streamQueueCapacity).toBe(64);
    expect(config.recoveryIntervalMs).toBe(0);
  });

  it('reads keys, secrets and tokens from files, and never passes them on as venue options', () => {
    const config = loadConfig(
      {
        CEXGW_VENUE: 'mexc_spot',
        CEXGW_MEXC_SPOT_API_KEY_FILE: '/run/secrets/key',
        CEXGW_MEXC_SPOT_API_SECRET_FILE: '/run/secrets/secret',
        CEXGW_CLIENT_TOKENS_FILE: '/run/secrets/tokens',
      },
      [],
      readFile,
    );
    expect(config.credentials).toEqual({ apiKey: KEY, apiSecret: SECRET });
    expect(config.clientTokens).toEqual([TOKEN, 'tok-second-client-000000']);
    expect(config.venueConfig.options).toEqual({});
    expect(loadConfig(base(), [], readFile).venueConfig.options).toEqual({});
  });

  it.each([
    [{ CEXGW_VENUE: '' }, 'no venue id: set CEXGW_VENUE or pass --venue'],
    [{ CEXGW_VENUE: 'MEXC spot' }, 'is not a venue id'],
    [{ CEXGW_MEXC_SPOT_API_KEY: '' }, 'no venue credentials: set CEXGW_MEXC_SPOT_API_KEY (or the same names with _FILE'],
    [{ CEXGW_MEXC_SPOT_API_KEY: '', CEXGW_MEXC_SPOT_API_SECRET: '' }, 'set CEXGW_MEXC_SPOT_API_KEY and CEXGW_MEXC_SPOT_API_SECRET'],
    [{ CEXGW_MEXC_SPOT_API_KEY_FILE: '/run/secrets/key' }, 'set CEXGW_MEXC_SPOT_API_KEY or CEXGW_MEXC_SPOT_API_KEY_FILE, not both'],
    [{ CEXGW_MEXC_SPOT_API_KEY: '', CEXGW_MEXC_SPOT_API_KEY_FILE: '/nope' }, 'cannot read CEXGW_MEXC_SPOT_API_KEY_FILE /nope: ENOENT'],
    [{ CEXGW_MEXC_SPOT_API_KEY: '', CEXGW_MEXC_SPOT_API_KEY_FILE: '/run/secrets/empty' }, 'CEXGW_MEXC_SPOT_API_KEY_FILE /run/secrets/empty is empty'],
    [{ CEXGW_CLIENT_TOKENS: '' }, 'no client token configured: set CEXGW_CLIENT_TOKENS'],
    [{ CEXGW_CLIENT_TOKENS: 'short' }, 'client token #1 is 5 characters; at least 16 are required'],
    [{ CEXGW_CLIENT_TOKENS_FILE: '/run/secrets/tokens' }, 'set CEXGW_CLIENT_TOKENS or CEXGW_CLIENT_TOKENS_FILE, not both'],
    [{ CEXGW_TLS_CERT_FILE: '/c.pem' }, 'TLS needs both CEXGW_TLS_CERT_FILE and CEXGW_TLS_KEY_FILE'],
    [{ CEXGW_TLS_CLIENT_CA_FILE: '/ca.pem' }, 'CEXGW_TLS_CLIENT_CA_FILE needs CEXGW_TLS_CERT_FILE and CEXGW_TLS_KEY_FILE'],
    [{ CEXGW_JOURNAL_SYNC: 'off' }, 'CEXGW_JOURNAL_SYNC must be full or normal, got "off"'],
    [{ CEXGW_KILL_SWITCH: 'maybe' }, 'CEXGW_KILL_SWITCH must be 1/0, true/false'],
    [{ CEXGW_STREAM_QUEUE: '8' }, 'CEXGW_STREAM_QUEUE must be an integer >= 16, got "8"'],
    [{ CEXGW_ORDER_TIMEOUT_MS: '1.5' }, 'CEXGW_ORDER_TIMEOUT_MS must be an integer >= 100'],
    [{ CEXGW_TRADING_MAX_NOTIONAL: '1e6' }, 'CEXGW_TRADING_MAX_NOTIONAL: the default limit "1e6" is not a decimal number: exponent notation'],
  ] as Array<[Record<string, string>, string]>)('refuses %j with a clear message', (extra, message) => {
    const env = base();
    for (const [key, value] of Object.entries(extra)) {
      if (value === '') delete env[key];
      else env[key] = value;
    }
    expect(configError(env)).toContain(message);
  });

  it('never puts a secret or a token in what it logs about itself', () => {
    const described = JSON.stringify(describeConfig(loadConfig(base({ CEXGW_TRADING_MAX_NOTIONAL: '100' }), [], readFile)));
    expect(described).not.toContain(KEY);
    expect(described).not.toContain(SECRET);
    expect(described).not.toContain(TOKEN);
    expect(described).toContain('"clientTokensConfigured":1');
  });

  it('never echoes a secret or a token in an error', () => {
    expect(() => loadClientTokens({ CEXGW_CLIENT_TOKENS: 'has space in it 0123456789' })).toThrow('client token #1 contains spaces');
    try {
      loadClientTokens({ CEXGW_CLIENT_TOKENS: 'abc' });
    } catch (error) {
      expect((error as Error).message).not.toContain('abc');
    }
    expect(readSecret({ X: '  value  ' }, 'X')).toBe('value');
  });

  describe('venue settings', () => {
    it.each([
      [{ CEXGW_MEXC_SPOT_INTERVALL: '10ms' }, 'CEXGW_MEXC_SPOT_INTERVALL is not a setting of mexc_spot; it reads CEXGW_MEXC_SPOT_REST_URL, CEXGW_MEXC_SPOT_WS_URL, CEXGW_MEXC_SPOT_API_KEY'],
      [{ CEXGW_MEXC_SPOT_INTERVAL: '1s' }, 'CEXGW_MEXC_SPOT_INTERVAL must be "100ms" or "10ms", got "1s"'],
      [{ CEXGW_MEXC_SPOT_REST_URL: 'api.mexc.com' }, 'CEXGW_MEXC_SPOT_REST_URL must be a http or https URL, got "api.mexc.com"'],
      [{ CEXGW_MEXC_SPOT_WS_URL: 'https://wbs-api.mexc.com/ws' }, 'CEXGW_MEXC_SPOT_WS_URL must be a ws or wss URL'],
      [{ CEXGW_VENUE: 'mexc_futures' }, 'unknown venue id "mexc_futures"; known: mexc_spot, gateio_spot, gateio_futures'],
    ] as Array<[Record<string, string>, string]>)('refuses %j, naming the variable and what it takes', (extra, message) => {
      expect(configError(base(extra))).toContain(message);
    });

    it('refuses a futures position poll that is not a whole number, where it once polled every millisecond', () => {
      const futures = (poll: string) =>
        base({ CEXGW_VENUE: 'gateio_futures', CEXGW_GATEIO_FUTURES_API_KEY: KEY, CEXGW_GATEIO_FUTURES_API_SECRET: SECRET, CEXGW_GATEIO_FUTURES_POSITION_POLL_MS: poll });
      expect(configError(futures('5s'))).toBe('CEXGW_GATEIO_FUTURES_POSITION_POLL_MS must be a whole number from 100 to 3600000, or 0 (off), got "5s"');
      expect(configError(futures('10'))).toContain('CEXGW_GATEIO_FUTURES_POSITION_POLL_MS must be a whole number from 100 to 3600000');
      expect(loadConfig(futures('250'), [], readFile).venueConfig.options).toEqual({ position_poll_ms: '250' });
    });

    it('takes the Gate.io order transport, rest or ws, and refuses anything else', () => {
      const spot = (transport: string) => base({ CEXGW_VENUE: 'gateio_spot', CEXGW_GATEIO_SPOT_API_KEY: KEY, CEXGW_GATEIO_SPOT_API_SECRET: SECRET, CEXGW_GATEIO_SPOT_ORDER_TRANSPORT: transport });
      expect(loadConfig(spot('ws'), [], readFile).venueConfig.options).toEqual({ order_transport: 'ws' });
      expect(configError(spot('websocket'))).toBe('CEXGW_GATEIO_SPOT_ORDER_TRANSPORT must be "rest" or "ws", got "websocket"');
    });
  });

  describe('the journal store', () => {
    it('is SQLite by default and PostgreSQL when a URL is given, named after the venue, advertising the listen address', () => {
      const sqlite = loadConfig(base(), [], readFile);
      expect(sqlite.journalUrl).toBeUndefined();
      const pg = loadConfig(base({ CEXGW_JOURNAL_URL_FILE: '/run/secrets/journal_url', CEXGW_GRPC_ADDRESS: '0.0.0.0:50061' }), [], readFile);
      expect(pg.journalUrl).toBe('postgres://cexgw:pg-Pa55word-xyz@db.internal:5432/cexgw');
      expect(pg.journalName).toBe('mexc_spot');
      expect(pg.advertiseAddress).toBe('0.0.0.0:50061');
      expect(pg.lease).toEqual({ ttlMs: 3_000, takeoverMarginMs: 1_000, pollMs: 250 });
      // CEXGW_JOURNAL=sqlite keeps a mounted URL unused (docker compose outside the ha profile).
      expect(loadConfig(base({ CEXGW_JOURNAL_URL_FILE: '/run/secrets/journal_url', CEXGW_JOURNAL: 'sqlite' }), [], readFile).journalUrl).toBeUndefined();
    });

    it.each([
      [{ CEXGW_JOURNAL: 'postgres' }, 'CEXGW_JOURNAL=postgres needs CEXGW_JOURNAL_URL'],
      [{ CEXGW_JOURNAL: 'mysql' }, 'CEXGW_JOURNAL must be sqlite or postgres'],
      [{ CEXGW_JOURNAL_URL: 'mysql://x@y/z' }, 'must be a postgres:// (or postgresql://) URL'],
      [{ CEXGW_REQUIRE_POSTGRES_JOURNAL: '1' }, 'is the standby of an active/standby pair'],
      [{ CEXGW_JOURNAL_URL: 'postgres://h/db', CEXGW_JOURNAL_NAME: 'has space' }, 'CEXGW_JOURNAL_NAME must be'],
      [{ CEXGW_JOURNAL_URL: 'postgres://h/db', CEXGW_LEASE_TTL_MS: '100' }, 'CEXGW_LEASE_TTL_MS must be an integer >= 300'],
    ] as Array<[Record<string, string>, string]>)('refuses %j with a clear message', (extra, message) => {
      expect(configError(base(extra))).toContain(message);
    });

    it('keeps the database password out of what it logs, and out of the environment after reading', () => {
      const config = loadConfig(base({ CEXGW_JOURNAL_URL: 'postgres://cexgw:pg-Pa55word-xyz@db.internal:5432/cexgw' }), [], readFile);
      const described = JSON.stringify(describeConfig(config));
      expect(described).not.toContain('pg-Pa55word-xyz');
      expect(described).toContain('postgres://cexgw:***@db.internal:5432/cexgw (mexc_spot)');
      expect(urlPassword(config.journalUrl)).toBe('pg-Pa55word-xyz'); // handed to the log scrubber
      expect(secretVariables('mexc_spot')).toContain('CEXGW_JOURNAL_URL');
    });
  });
});
