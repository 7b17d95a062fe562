/**
 * A venue-neutral trading pair, {base, quote}: what the API calls a symbol, for spot pairs and
 * for the pair a perpetual contract is on. (Not named Symbol, which would shadow JavaScript's.)
 */
export interface Pair {
  readonly base: string;
  readonly quote: string;
}

/** "BTC/USDT": the key used for maps, metrics and logs. */
export function symbolKey(symbol: Pair): string {
  return `${symbol.base}/${symbol.quote}`;
}

/** Converts between the unified {base, quote} and one venue's spelling, both ways. */
export interface SymbolMapper {
  toVenue(symbol: Pair): string;
  /** Undefined when the venue symbol cannot be split (unknown to the mapper). */
  fromVenue(venueSymbol: string): Pair | undefined;
  readonly stats: CacheStats;
}

export interface CacheStats {
  hits: number;
  misses: number;
}

export function hitRate(stats: CacheStats): number {
  const total = stats.hits + stats.misses;
  return total === 0 ? 1 : stats.hits / total;
}

/**
 * A symbol mapper with caches in both directions. The venue supplies how to split and join;
 * conversions after the first are a map lookup with no allocation: unified -> venue goes
 * through a base -> quote -> venue two-level map so no key string is built per call, and
 * venue -> unified returns the same frozen Pair object every time.
 */
export class CachedSymbolMapper implements SymbolMapper {
  private readonly toVenueCache = new Map<string, Map<string, string>>();
  private readonly fromVenueCache = new Map<string, Pair>();
  readonly stats: CacheStats = { hits: 0, misses: 0 };

  constructor(
    private readonly join: (symbol: Pair) => string,
    private readonly split: (venueSymbol: string) => Pair | undefined,
  ) {}

  /** Teaches the mapper a pair the venue listed (needed where the spelling is ambiguous, as in BTCUSDT). */
  register(symbol: Pair, venueSymbol: string): Pair {
    const frozen = Object.freeze({ base: symbol.base, quote: symbol.quote });
    let byQuote = this.toVenueCache.get(frozen.base);
    if (!byQuote) this.toVenueCache.set(frozen.base, (byQuote = new Map<string, string>()));
    byQuote.set(frozen.quote, venueSymbol);
    this.fromVenueCache.set(venueSymbol, frozen);
    return frozen;
  }

  toVenue(symbol: Pair): string {
    const cached = this.toVenueCache.get(symbol.base)?.get(symbol.quote);
    if (cached !== undefined) {
      this.stats.hits++;
      return cached;
    }
    this.stats.misses++;
    const venueSymbol = this.join(symbol);
    this.register(symbol, venueSymbol);
    return venueSymbol;
  }

  fromVenue(venueSymbol: string): Pair | undefined {
    const cached = this.fromVenueCache.get(venueSymbol);
    if (cached !== undefined) {
      this.stats.hits++;
      return cached;
    }
    this.stats.misses++;
    const symbol = this.split(venueSymbol);
    return symbol && this.register(symbol, venueSymbol);
  }
}

/** A mapper for venues that spell pairs as BASE<sep>QUOTE (Gate.io: BTC_USDT). */
export function separatorSymbolMapper(separator: string): CachedSymbolMapper {
  return new CachedSymbolMapper(
    (s) => `${s.base}${separator}${s.quote}`,
    (v) => {
      const at = v.indexOf(separator);
      if (at <= 0 || at === v.length - separator.length) return undefined;
      return { base: v.slice(0, at), quote: v.slice(at + separator.length) };
    },
  );
}
