import { FlowDriver, MatchingEngine, parseScaled, Prng, SyntheticFlow, hashString, type Instrument, type MatchingEngineOptions } from '../engine/index.js';

/** Synthetic market of one catalogue entry: starting price and order sizes (decimal strings). */
export interface MarketProfile {
  mid: string;
  minQty: string;
  maxQty: string;
  levelGapTicks: number;
  halfSpreadTicks: number;
  volatilityTicks: number;
}

/** What the engine and the flow need of a venue's catalogue entry, whatever the venue names its fields. */
export interface ListedInstrument {
  symbol: string;
  priceScale: number;
  qtyScale: number;
  market: MarketProfile;
}

/** Options of the seeded flow, the same for every simulated venue. */
export interface SeededFlowOptions {
  /** Seed of the synthetic order flow (same seed, same sequence of book changes). */
  seed?: number;
  /** Venue symbols to list; default: the whole catalogue. */
  symbols?: string[];
  /** Flow steps (book changes) per second, per symbol. Default 20. */
  flowRatePerSec?: number;
  /** Start with the flow paused (drive it with POST /__sim/step or /__sim/flow). */
  flowPaused?: boolean;
  /** Flow timer granularity in ms (default 5): 1 spreads a high rate evenly for latency benchmarks. */
  flowTickMs?: number;
}

/**
 * Resolves the requested venue symbols against a catalogue, in the order asked for; all of them
 * are checked before anything is built so that a typo fails fast with the list of known ones.
 */
export function resolveListing<Spec>(requested: string[] | undefined, catalogueDefault: readonly string[], find: (id: string) => Spec | undefined, noun: string): Map<string, Spec> {
  const ids = requested && requested.length > 0 ? requested : [...catalogueDefault];
  const listed = new Map<string, Spec>();
  for (const id of ids) {
    const spec = find(id);
    if (!spec) throw new Error(`unknown ${noun} ${id}; known: ${catalogueDefault.join(', ')}`);
    listed.set(id, spec);
  }
  return listed;
}

/**
 * Builds the matching engine with one instrument and one seeded synthetic flow per listed entry.
 * Each flow's PRNG is seeded from the run seed and the symbol, so adding a symbol leaves the
 * others' sequences unchanged.
 */
export function buildSeededMarket<Spec>(
  listed: Map<string, Spec>,
  describe: (spec: Spec) => ListedInstrument,
  engineIds: Omit<MatchingEngineOptions, 'clock'>,
  options: SeededFlowOptions,
  clock: () => number,
) {
  const engine = new MatchingEngine({ clock, ...engineIds });
  const seed = options.seed ?? 1;
  const flows: SyntheticFlow[] = [];
  const initialPrices = new Map<string, bigint>();
  for (const spec of listed.values()) {
    const { symbol, priceScale, qtyScale, market: m } = describe(spec);
    const instrument: Instrument = { symbol, priceScale, qtyScale, tickSize: 1n, lotSize: 1n };
    engine.addInstrument(instrument);
    const mid = parseScaled(m.mid, priceScale);
    initialPrices.set(symbol, mid);
    const flow = new SyntheticFlow(engine, symbol, new Prng((seed ^ hashString(symbol)) >>> 0), {
      midPrice: mid,
      minQuantity: parseScaled(m.minQty, qtyScale),
      maxQuantity: parseScaled(m.maxQty, qtyScale),
      levelGapTicks: m.levelGapTicks,
      halfSpreadTicks: m.halfSpreadTicks,
      volatilityTicks: m.volatilityTicks,
    });
    flow.seed();
    flows.push(flow);
  }
  const driver = new FlowDriver(flows, { ratePerSec: options.flowRatePerSec ?? 20, paused: options.flowPaused ?? false, tickMs: options.flowTickMs });
  return { engine, flows, driver, initialPrices };
}
