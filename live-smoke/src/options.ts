import type { Pair } from '@cexgw/adapters';

export type Target = 'live' | 'sim';

export interface SmokeOptions {
  readonly target: Target;
  /** Venue ids, in the order given (default: every venue of the suite). */
  readonly venues: readonly string[];
  readonly symbol: Pair;
  /** How long the synchronised book is kept before it is compared with a fresh REST snapshot. */
  readonly durationMs: number;
  /** Reachability probe and every single network step are bounded by this. */
  readonly connectTimeoutMs: number;
  /** The post-only order's distance below the best bid, as a fraction ("0.1" = 10 %). */
  readonly orderOffset: string;
}

/** A command line the suite cannot run with: printed as one line, exit code 2. */
export class UsageError extends Error {}

export const USAGE = `usage: npm run test:live -- [--target live|sim] [--venue ID[,ID...]] [--symbol BASE/QUOTE]
                          [--duration 60s] [--connect-timeout 3s] [--order-offset 10%]

  --target           live (default): the real venues at the adapters' default endpoints, or the
                     CEXGW_<VENUE>_REST_URL / _WS_URL the services read; sim: starts the simulated
                     venues in this process and runs the same suite against them, private part included
  --venue            venues to check (default: all), comma separated or repeated
  --symbol           the pair checked on every venue (default BTC/USDT)
  --duration         how long the synchronised book is kept before it is compared with a fresh REST
                     snapshot (default 60s live, 10s sim); units ms, s or m
  --connect-timeout  reachability probe per endpoint, and the unit of every step's deadline (default 3s)
  --order-offset     how far below the best bid the post-only order is placed (default 10%)

Private part (balances, a post-only order far from the market placed and cancelled by client order
id, fills since the run began): live only with CEXGW_LIVE_TRADING=1 and keys in
CEXGW_<VENUE>_API_KEY / _API_SECRET (or _API_KEY_FILE / _API_SECRET_FILE); always on the
simulators' test keys with --target sim.

Exit code: 0 every check passed, 1 a check failed, 2 bad usage, 3 nothing failed but a venue was unreachable.`;

/** "60s", "1500ms", "2m" or plain seconds ("60"). */
export function parseDuration(text: string, what: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!match) throw new UsageError(`${what} must be a duration such as 60s, 1500ms or 2m, got ${JSON.stringify(text)}`);
  const value = Number(match[1]);
  const ms = match[2] === 'ms' ? value : match[2] === 'm' ? value * 60_000 : value * 1000;
  if (!(ms > 0)) throw new UsageError(`${what} must be more than zero, got ${JSON.stringify(text)}`);
  return Math.round(ms);
}

/** "10%" or "10" (percent) as a fraction string, strictly between 0 and 1. */
function parseOffset(text: string): string {
  const match = /^(\d{1,2}(?:\.\d+)?)%?$/.exec(text.trim());
  const percent = match ? Number(match[1]) : NaN;
  if (!match || !(percent > 0 && percent < 100)) throw new UsageError(`--order-offset must be a percentage between 0 and 100 such as 10%, got ${JSON.stringify(text)}`);
  const [whole, fraction = ''] = match[1]!.split('.');
  // percent / 100, exactly: shift the decimal point two places.
  const digits = `${whole!.padStart(2, '0')}${fraction}`;
  return `0.${digits}`.replace(/0+$/, '').replace(/\.$/, '');
}

function parseSymbol(text: string): Pair {
  const match = /^([A-Za-z0-9]+)\/([A-Za-z0-9]+)$/.exec(text.trim());
  if (!match) throw new UsageError(`--symbol must be BASE/QUOTE such as BTC/USDT, got ${JSON.stringify(text)}`);
  return { base: match[1]!.toUpperCase(), quote: match[2]!.toUpperCase() };
}

/** Parses the suite's command line; `known` are the venue ids it can check. Throws UsageError. */
export function parseOptions(argv: readonly string[], known: readonly string[]): SmokeOptions | 'help' {
  const values = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return 'help';
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!['--target', '--venue', '--symbol', '--duration', '--connect-timeout', '--order-offset'].includes(flag)) {
      throw new UsageError(`unknown argument ${JSON.stringify(arg)} (--help lists the options)`);
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    values.set(flag, [...(values.get(flag) ?? []), value]);
  }
  const last = (flag: string) => values.get(flag)?.at(-1);

  const target = last('--target') ?? 'live';
  if (target !== 'live' && target !== 'sim') throw new UsageError(`--target must be live or sim, got ${JSON.stringify(target)}`);
  const venues = (values.get('--venue') ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  for (const venue of venues) {
    if (!known.includes(venue)) throw new UsageError(`unknown venue ${JSON.stringify(venue)}; known: ${known.join(', ')}`);
  }
  return {
    target,
    venues: venues.length > 0 ? [...new Set(venues)] : known,
    symbol: parseSymbol(last('--symbol') ?? 'BTC/USDT'),
    // Against a simulator the book procedure is the same at any length: 10 s keeps CI short.
    durationMs: parseDuration(last('--duration') ?? (target === 'live' ? '60s' : '10s'), '--duration'),
    connectTimeoutMs: parseDuration(last('--connect-timeout') ?? '3s', '--connect-timeout'),
    orderOffset: parseOffset(last('--order-offset') ?? '10%'),
  };
}
