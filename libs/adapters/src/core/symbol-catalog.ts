import { GatewayError } from './errors.js';
import { symbolKey, type CachedSymbolMapper, type Pair } from './symbol.js';
import type { SymbolInfo } from './types.js';

/** The symbols a venue lists, by venue spelling, with the lookup every RPC starts from. */
export class SymbolCatalog {
  private infos = new Map<string, SymbolInfo>();

  constructor(
    private readonly venue: string,
    readonly mapper: CachedSymbolMapper,
  ) {}

  get size(): number {
    return this.infos.size;
  }

  /** Replaces the listing (symbols are registered with the mapper as they come). */
  replace(infos: Iterable<SymbolInfo>): void {
    const next = new Map<string, SymbolInfo>();
    for (const info of infos) {
      this.mapper.register(info.symbol, info.venueSymbol);
      next.set(info.venueSymbol, info);
    }
    this.infos = next;
  }

  list(): readonly SymbolInfo[] {
    return [...this.infos.values()];
  }

  /** The rules of a listed symbol; NOT_FOUND for anything the venue does not list. */
  get(symbol: Pair): SymbolInfo {
    const info = this.infos.get(this.mapper.toVenue(symbol));
    if (!info) throw new GatewayError('not_found', `${this.venue} does not list ${symbolKey(symbol)}`, { venue: this.venue });
    return info;
  }

  byVenueSymbol(venueSymbol: string): SymbolInfo | undefined {
    return this.infos.get(venueSymbol);
  }
}
