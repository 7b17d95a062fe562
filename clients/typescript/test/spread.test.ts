import { describe, expect, it } from 'vitest';
import { bestAcross, bestCrossSpread, type VenueQuote } from '@cexgw/client';

// The cross-venue arithmetic on hand-made tops of book: the fee-adjusted spread, ties, and stale
// venues left out.

function quote(venue: string, bid: [string, string] | undefined, ask: [string, string] | undefined, takerFeeRate: string, stale = false): VenueQuote {
  const level = (l: [string, string] | undefined) => l && { price: l[0], quantity: l[1] };
  return { venue, bid: level(bid), ask: level(ask), takerFeeRate, live: !stale, stale, ageMs: 1, sequence: 1, lastUpdateId: '1', venueTimestampMs: '0', gatewayReceivedUs: '0', receivedAtUs: 0 };
}

describe('cross-venue spread', () => {
  it('buys at the cheaper ask and sells at the richer bid, net of both taker fees, exactly', () => {
    const quotes = [quote('a', ['100.0', '2'], ['100.5', '1.5'], '0.001'), quote('b', ['101.2', '0.7'], ['101.3', '3'], '0.002')];
    // buy a @ 100.5 x 1.001 = 100.6005; sell b @ 101.2 x 0.998 = 100.9976; net 0.3971
    expect(bestCrossSpread(quotes)).toEqual({
      buyVenue: 'a',
      sellVenue: 'b',
      buyPrice: '100.5',
      sellPrice: '101.2',
      quantity: '0.7',
      gross: '0.7',
      net: '0.3971',
      netBps: '39.47',
      feesKnown: true,
    });
    expect(bestAcross(quotes, 'bid')).toEqual({ venue: 'b', price: '101.2', quantity: '0.7' });
    expect(bestAcross(quotes, 'ask')).toEqual({ venue: 'a', price: '100.5', quantity: '1.5' });
  });

  it('reports the least negative spread when nothing crosses, and says when a fee is unknown', () => {
    const quotes = [quote('a', ['99', '1'], ['100', '1'], '0.001'), quote('b', ['99.5', '1'], ['100.2', '1'], '')];
    const spread = bestCrossSpread(quotes)!;
    expect([spread.buyVenue, spread.sellVenue, spread.net, spread.feesKnown]).toEqual(['a', 'b', '-0.6', false]);
  });

  it('leaves stale venues out, needs two venues, and breaks price ties by quantity', () => {
    const quotes = [quote('a', ['100', '1'], ['101', '1'], '0'), quote('b', ['100', '5'], ['101', '2'], '0'), quote('c', ['200', '1'], ['50', '1'], '0', true)];
    expect(bestAcross(quotes, 'bid')).toEqual({ venue: 'b', price: '100', quantity: '5' });
    expect(bestCrossSpread(quotes)?.net).toBe('-1');
    expect(bestCrossSpread([quotes[0]!, quotes[2]!])).toBeUndefined();
  });
});
