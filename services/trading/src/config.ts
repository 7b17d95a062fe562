import { dirname, join } from 'node:path';
import { createExchangeFactory, type Credentials, type Pair, type VenueModule } from '@cexgw/adapters';
import { defaultAddress, loadClientTokens, loadTlsFiles, readSecret, venueConfigFromEnv, venueEnvPrefix, type TlsFiles, type VenueEnvConfig } from '@cexgw/grpc';
import type { JournalSyncMode } from './journal/sqlite-journal.js';
import { parseAssetLimits, parseSymbolList, type PreTradeLimits } from './limits.js';

/** A configuration the service cannot start with. main exits with code 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly exitCode = 2;
}

export interface TradingConfig {
  readonly venue: string;
  readonly address: string;
  readonly venueConfig: VenueEnvConfig;
  /** Never logged; scrubbed from logs by value. */
  readonly credentials: Credentials;
  /** Never logged; scrubbed from logs by value. */
  readonly clientTokens: readonly string[];
  readonly tls: TlsFiles | undefined;
  readonly journalPath: string;
  readonly journalSync: JournalSyncMode;
  readonly journalCheckpointMs: number;
  /** PostgreSQL journal (and active/standby lease) instead of the SQLite file; may hold a password: never logged. */
  readonly journalUrl: string | undefined;
  /** The journal's name in the database: the venue account (default: the venue id). */
  readonly journalName: string;
  /** The address clients reach this instance at, named by its standby partner. */
  readonly advertiseAddress: string;
  readonly lease: { readonly ttlMs: number; readonly takeoverMarginMs: number; readonly pollMs: number };
  readonly limits: PreTradeLimits;
  readonly killSwitchAtStart: boolean;
  readonly killSwitchFile: string;
  readonly killSwitchPollMs: number;
  readonly placeTimeoutMs: number;
  readonly resolveGraceMs: number;
  readonly resolveIntervalMs: number;
  readonly recoveryMarginMs: number;
  readonly recoveryIntervalMs: number;
  readonly recoverySymbols: readonly Pair[];
  readonly streamQueueCapacity: number;
  readonly shutdownGraceMs: number;
  readonly logLevel: string;
}

/** A venue's module as configuration needs it (its id and declared options): the registered venues by default. */
export type VenueLookup = (venue: string) => Pick<VenueModule, 'id' | 'options'>;

const registeredVenues: VenueLookup = (venue) => createExchangeFactory().module(venue);
const registeredIds = () => createExchangeFactory().venueIds().join(', ');

/** The environment variables that hold secrets for a venue (scrubbed from process.env after reading). */
export function secretVariables(venue: string): string[] {
  const prefix = venueEnvPrefix(venue);
  return [`${prefix}API_KEY`, `${prefix}API_SECRET`, 'CEXGW_CLIENT_TOKENS', 'CEXGW_JOURNAL_URL'];
}

/**
 * The PostgreSQL journal URL when the journal is on PostgreSQL, undefined for SQLite. CEXGW_JOURNAL
 * chooses (sqlite, postgres); by default a configured URL means PostgreSQL.
 */
function journalUrlOf(env: NodeJS.ProcessEnv, readFile?: (path: string) => string): string | undefined {
  const url = wrap(() => readSecret(env, 'CEXGW_JOURNAL_URL', readFile));
  const store = (env.CEXGW_JOURNAL || (url ? 'postgres' : 'sqlite')).trim().toLowerCase();
  if (store !== 'sqlite' && store !== 'postgres') throw new ConfigError(`CEXGW_JOURNAL must be sqlite or postgres, got ${JSON.stringify(env.CEXGW_JOURNAL)}`);
  if (store === 'sqlite') {
    if (flag(env, 'CEXGW_REQUIRE_POSTGRES_JOURNAL')) {
      throw new ConfigError(
        'this instance is the standby of an active/standby pair (CEXGW_REQUIRE_POSTGRES_JOURNAL=1) and runs only on the shared PostgreSQL journal: set CEXGW_JOURNAL=postgres and CEXGW_JOURNAL_URL[_FILE] (docker compose: --env-file ha.env). On a journal of its own it would trade beside the active instance',
      );
    }
    return undefined;
  }
  if (!url) throw new ConfigError('CEXGW_JOURNAL=postgres needs CEXGW_JOURNAL_URL (or CEXGW_JOURNAL_URL_FILE): postgres://user[:password]@host:port/database');
  if (!/^postgres(ql)?:\/\//.test(url)) throw new ConfigError('CEXGW_JOURNAL_URL must be a postgres:// (or postgresql://) URL');
  return url;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new ConfigError(`${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = (env[name] ?? '').trim().toLowerCase();
  if (raw === '' || raw === '0' || raw === 'false' || raw === 'no' || raw === 'off') return false;
  if (raw === '1' || raw === 'true' || raw === 'yes' || raw === 'on') return true;
  throw new ConfigError(`${name} must be 1/0, true/false, yes/no or on/off, got ${JSON.stringify(env[name])}`);
}

function wrap<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError((error as Error).message);
  }
}

/**
 * Configuration from the environment (12-factor). Secrets come from the environment or from
 * files, never from the command line:
 *
 *   CEXGW_VENUE                        venue id (or --venue): a registered venue (libs/adapters/src/venues.ts)
 *   CEXGW_GRPC_ADDRESS                 listen address (default 127.0.0.1:<the venue's trading port in libs/grpc/src/default-ports.ts>)
 *   CEXGW_<VENUE>_REST_URL / _WS_URL   venue endpoints (default: the live venue)
 *   CEXGW_<VENUE>_<OPTION>             venue option passed to the adapter (declared by the venue module; an unknown
 *                                      one or a bad value is refused)
 *   CEXGW_<VENUE>_API_KEY[_FILE]       venue API key, or a file holding it (required)
 *   CEXGW_<VENUE>_API_SECRET[_FILE]    venue API secret, or a file holding it (required)
 *   CEXGW_CLIENT_TOKENS[_FILE]         gateway client tokens, comma separated or one per line (required)
 *   CEXGW_TLS_CERT_FILE / _KEY_FILE    TLS (PEM); required to listen beyond loopback
 *   CEXGW_TLS_CLIENT_CA_FILE           require client certificates signed by this CA (mutual TLS)
 *   CEXGW_JOURNAL_PATH                 fill journal (default ./data/<venue>-journal.sqlite)
 *   CEXGW_JOURNAL_SYNC                 normal (default) or full: see journal/sqlite-journal.ts
 *   CEXGW_JOURNAL_CHECKPOINT_MS        background WAL checkpoint (and disk sync) interval, 0 = in commits (default 100)
 *   CEXGW_JOURNAL                      sqlite or postgres (default: postgres when CEXGW_JOURNAL_URL is set, else sqlite)
 *   CEXGW_JOURNAL_URL[_FILE]           postgres://user[:password]@host:port/db: the journal on PostgreSQL, shared by an
 *                                      active/standby pair (see journal/pg-lease.ts); the password may also come from PGPASSWORD
 *   CEXGW_JOURNAL_NAME                 the journal's name in that database, one per venue account (default: the venue id)
 *   CEXGW_REQUIRE_POSTGRES_JOURNAL     1 = refuse to start on SQLite (a standby must never trade on a journal of its own)
 *   CEXGW_ADVERTISE_ADDRESS            host:port clients reach this instance at, named by its standby (default: the listen address)
 *   CEXGW_LEASE_TTL_MS                 lease time to live: an active that cannot renew stops sending after it (default 3000)
 *   CEXGW_LEASE_TAKEOVER_MARGIN_MS     a standby waits ttl + this after the last renewal it saw (default 1000)
 *   CEXGW_LEASE_POLL_MS                how often a standby looks at the lease (default 250)
 *   CEXGW_TRADING_SYMBOLS              symbol allow-list, e.g. BTC/USDT,ETH/USDT (default: all)
 *   CEXGW_TRADING_MAX_NOTIONAL         max price x quantity per order: 10000, or USDT:10000,USDC:5000
 *   CEXGW_TRADING_MAX_QUANTITY         max base quantity per order: 5, or BTC:0.5,ETH:10
 *   CEXGW_KILL_SWITCH                  1 = engaged from start (refuse orders, cancel open ones)
 *   CEXGW_KILL_SWITCH_FILE             engaged while this file exists (default <journal dir>/<venue>.kill)
 *   CEXGW_KILL_SWITCH_POLL_MS          how often the file is checked (default 1000)
 *   CEXGW_ORDER_TIMEOUT_MS             placement deadline before the outcome counts as unknown (default 10000)
 *   CEXGW_ORDER_RESOLVE_GRACE_MS       "no such order" this long after an unknown attempt = never placed (default 60000)
 *   CEXGW_ORDER_RESOLVE_INTERVAL_MS    background resolution of unknown orders (default 5000)
 *   CEXGW_FILL_RECOVERY_MARGIN_MS      REST recovery looks back this far before the watermark (default 60000)
 *   CEXGW_FILL_RECOVERY_INTERVAL_MS    periodic recovery as a safety net, 0 = off (default 60000)
 *   CEXGW_FILL_RECOVERY_SYMBOLS        symbols always recovered, e.g. BTC/USDT (default: the allow-list)
 *   CEXGW_STREAM_QUEUE                 per-client stream queue (default 4096)
 *   CEXGW_SHUTDOWN_GRACE_MS            SIGTERM: time for in-flight placements to finish (default 10000)
 *   LOG_LEVEL                          pino level (default info)
 *   CEXGW_METRICS_ADDRESS              Prometheus endpoint host:port or off (default 127.0.0.1:<gRPC port + 1000>; read by main.ts)
 */
export function loadConfig(env: NodeJS.ProcessEnv, argv: readonly string[], readFile?: (path: string) => string, venueOf: VenueLookup = registeredVenues): TradingConfig {
  const at = argv.indexOf('--venue');
  const venue = (at >= 0 ? argv[at + 1] : env.CEXGW_VENUE) ?? '';
  if (!venue) throw new ConfigError(`no venue id: set CEXGW_VENUE or pass --venue (${registeredIds()})`);
  if (!/^[a-z0-9_]+$/.test(venue)) throw new ConfigError(`venue id ${JSON.stringify(venue)} is not a venue id (${registeredIds()})`);
  const prefix = venueEnvPrefix(venue);
  const venueConfig = wrap(() => venueConfigFromEnv(venueOf(venue), env));

  const apiKey = wrap(() => readSecret(env, `${prefix}API_KEY`, readFile));
  const apiSecret = wrap(() => readSecret(env, `${prefix}API_SECRET`, readFile));
  if (!apiKey || !apiSecret) {
    const missing = [!apiKey && `${prefix}API_KEY`, !apiSecret && `${prefix}API_SECRET`].filter(Boolean).join(' and ');
    throw new ConfigError(`no venue credentials: set ${missing} (or the same names with _FILE pointing at a file that holds the value)`);
  }
  const clientTokens = wrap(() => loadClientTokens(env, readFile));
  const tls = wrap(() => loadTlsFiles(env));

  const journalPath = env.CEXGW_JOURNAL_PATH || join('data', `${venue}-journal.sqlite`);
  const journalUrl = journalUrlOf(env, readFile);
  const journalName = env.CEXGW_JOURNAL_NAME || venue;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(journalName)) throw new ConfigError(`CEXGW_JOURNAL_NAME must be 1-64 letters, digits, "_", "-" or ".", got ${JSON.stringify(journalName)}`);
  const journalSync = (env.CEXGW_JOURNAL_SYNC || 'normal').toLowerCase();
  if (journalSync !== 'full' && journalSync !== 'normal') throw new ConfigError(`CEXGW_JOURNAL_SYNC must be full or normal, got ${JSON.stringify(env.CEXGW_JOURNAL_SYNC)}`);

  const allowedSymbols = wrap(() => parseSymbolList(env.CEXGW_TRADING_SYMBOLS, 'CEXGW_TRADING_SYMBOLS'));
  const limits: PreTradeLimits = {
    allowedSymbols,
    maxNotional: wrap(() => parseAssetLimits(env.CEXGW_TRADING_MAX_NOTIONAL, 'CEXGW_TRADING_MAX_NOTIONAL')),
    maxQuantity: wrap(() => parseAssetLimits(env.CEXGW_TRADING_MAX_QUANTITY, 'CEXGW_TRADING_MAX_QUANTITY')),
  };
  const recoveryList = wrap(() => parseSymbolList(env.CEXGW_FILL_RECOVERY_SYMBOLS, 'CEXGW_FILL_RECOVERY_SYMBOLS')) ?? allowedSymbols ?? new Set<string>();
  const recoverySymbols = [...recoveryList].map((key) => {
    const [base, quote] = key.split('/') as [string, string];
    return { base, quote };
  });

  const address = env.CEXGW_GRPC_ADDRESS || wrap(() => defaultAddress(venue, 'trading'));
  const leaseTtlMs = integer(env, 'CEXGW_LEASE_TTL_MS', 3_000, 300);
  return {
    venue,
    address,
    venueConfig,
    credentials: { apiKey, apiSecret },
    clientTokens,
    tls,
    journalPath,
    journalSync,
    journalCheckpointMs: integer(env, 'CEXGW_JOURNAL_CHECKPOINT_MS', 100, 0),
    journalUrl,
    journalName,
    advertiseAddress: env.CEXGW_ADVERTISE_ADDRESS || address,
    lease: {
      ttlMs: leaseTtlMs,
      takeoverMarginMs: integer(env, 'CEXGW_LEASE_TAKEOVER_MARGIN_MS', 1_000, 0),
      pollMs: integer(env, 'CEXGW_LEASE_POLL_MS', 250, 20),
    },
    limits,
    killSwitchAtStart: flag(env, 'CEXGW_KILL_SWITCH'),
    killSwitchFile: env.CEXGW_KILL_SWITCH_FILE || join(dirname(journalPath), `${venue}.kill`),
    killSwitchPollMs: integer(env, 'CEXGW_KILL_SWITCH_POLL_MS', 1_000, 50),
    placeTimeoutMs: integer(env, 'CEXGW_ORDER_TIMEOUT_MS', 10_000, 100),
    resolveGraceMs: integer(env, 'CEXGW_ORDER_RESOLVE_GRACE_MS', 60_000, 0),
    resolveIntervalMs: integer(env, 'CEXGW_ORDER_RESOLVE_INTERVAL_MS', 5_000, 100),
    recoveryMarginMs: integer(env, 'CEXGW_FILL_RECOVERY_MARGIN_MS', 60_000, 0),
    recoveryIntervalMs: integer(env, 'CEXGW_FILL_RECOVERY_INTERVAL_MS', 60_000, 0),
    recoverySymbols,
    streamQueueCapacity: integer(env, 'CEXGW_STREAM_QUEUE', 4096, 16),
    shutdownGraceMs: integer(env, 'CEXGW_SHUTDOWN_GRACE_MS', 10_000, 0),
    logLevel: env.LOG_LEVEL || 'info',
  };
}

/** What is safe to log of a configuration: no credentials, no tokens, only their presence. */
export function describeConfig(config: TradingConfig): Record<string, unknown> {
  return {
    address: config.address,
    restBaseUrl: config.venueConfig.restBaseUrl ?? '(live venue)',
    wsUrl: config.venueConfig.wsUrl ?? '(live venue)',
    tls: config.tls ? (config.tls.clientCaFile ? 'mutual TLS' : 'TLS') : 'off',
    clientTokensConfigured: config.clientTokens.length,
    journal: config.journalUrl ? `${redactUrlPassword(config.journalUrl)} (${config.journalName})` : config.journalPath,
    ...(config.journalUrl ? { advertiseAddress: config.advertiseAddress, leaseTtlMs: config.lease.ttlMs } : { journalSync: config.journalSync }),
    allowedSymbols: config.limits.allowedSymbols ? [...config.limits.allowedSymbols] : 'all',
    maxNotional: Object.fromEntries(config.limits.maxNotional),
    maxQuantity: Object.fromEntries(config.limits.maxQuantity),
    killSwitchAtStart: config.killSwitchAtStart,
    killSwitchFile: config.killSwitchFile,
  };
}

/** postgres://user:secret@host/db -> postgres://user:***@host/db */
export function redactUrlPassword(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

/** The password inside a journal URL, if any (added to the log scrubber's secrets). */
export function urlPassword(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
