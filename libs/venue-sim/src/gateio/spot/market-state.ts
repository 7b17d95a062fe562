/** Trade history and 24h statistics are venue-neutral; Gate's simulator uses the shared implementation. */
export { MarketState, type DayStats } from '../../common/market-state.js';
