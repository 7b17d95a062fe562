// What the MEXC benchmark drives directly: the adapter's own router and core book, as the
// service uses them (no network in a frame benchmark).
export { AdapterMetrics, BookFeed, MexcFrameRouter, silentLogger } from '@cexgw/adapters';
export { mexcSymbolMapper as mexcSymbolMapperForBench } from '../libs/adapters/dist/mexc/spot/symbols.js';
export { MexcDepthSync } from '../libs/adapters/dist/mexc/spot/book-sync.js';
