import { GatewayError } from './errors.js';
import type { PublicExchange, VenueConfig } from './exchange.js';
import type { PrivateExchange, PrivateVenueConfig } from './private-exchange.js';
import type { VenueOptionTable } from './venue-options.js';

/** Where a live venue answers: the adapters' default endpoints. */
export interface VenueEndpoints {
  readonly restBaseUrl: string;
  readonly wsUrl: string;
}

/** What a venue folder contributes: its id and how to build its adapters. */
export interface VenueModule {
  readonly id: string;
  readonly market: 'spot' | 'futures';
  /** The live venue's endpoints, used when a config names none (tools put a proxy in front of them). */
  readonly liveEndpoints: VenueEndpoints;
  /** The switches its adapters accept in VenueConfig.options (CEXGW_<VENUE>_<NAME> in the services), checked at start-up. */
  readonly options: VenueOptionTable;
  createPublic(config: VenueConfig): PublicExchange;
  /** Absent while a venue offers market data only. */
  createPrivate?(config: PrivateVenueConfig): PrivateExchange;
}

/**
 * Builds adapters by venue id. Venue folders register a VenueModule; callers never import a
 * venue directly, so adding a venue is adding its folder and its registration line.
 */
export class ExchangeFactory {
  private readonly modules = new Map<string, VenueModule>();

  register(module: VenueModule): this {
    this.modules.set(module.id, module);
    return this;
  }

  venueIds(): string[] {
    return [...this.modules.keys()];
  }

  module(venueId: string): VenueModule {
    const module = this.modules.get(venueId);
    if (!module) {
      throw new GatewayError('invalid_argument', `unknown venue id "${venueId}"; known: ${this.venueIds().join(', ')}`);
    }
    return module;
  }

  createPublic(venueId: string, config: VenueConfig = {}): PublicExchange {
    return this.module(venueId).createPublic(config);
  }

  createPrivate(venueId: string, config: PrivateVenueConfig): PrivateExchange {
    const module = this.module(venueId);
    if (!module.createPrivate) throw new GatewayError('unimplemented', `${venueId} has no trading adapter`);
    return module.createPrivate(config);
  }

  /** Both halves of one venue, as the spec's FullExchangeFactory.create_exchange_pair. */
  createPair(venueId: string, config: PrivateVenueConfig): { public: PublicExchange; private: PrivateExchange } {
    return { public: this.createPublic(venueId, config), private: this.createPrivate(venueId, config) };
  }
}
