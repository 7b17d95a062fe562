import { describe, expect, it } from 'vitest';
import { hitRate, separatorSymbolMapper } from '../src/core/symbol.js';

describe('CachedSymbolMapper', () => {
  it('converts both ways and caches', () => {
    const mapper = separatorSymbolMapper('_');
    expect(mapper.toVenue({ base: 'BTC', quote: 'USDT' })).toBe('BTC_USDT');
    expect(mapper.toVenue({ base: 'BTC', quote: 'USDT' })).toBe('BTC_USDT');
    const a = mapper.fromVenue('BTC_USDT');
    expect(a).toEqual({ base: 'BTC', quote: 'USDT' });
    expect(mapper.fromVenue('BTC_USDT')).toBe(a); // same frozen object: no allocation per call
    expect(mapper.stats).toEqual({ hits: 3, misses: 1 });
    expect(hitRate(mapper.stats)).toBeCloseTo(3 / 4);
  });

  it('refuses what it cannot split', () => {
    const mapper = separatorSymbolMapper('_');
    expect(mapper.fromVenue('BTCUSDT')).toBeUndefined();
    expect(mapper.fromVenue('_USDT')).toBeUndefined();
  });
});
