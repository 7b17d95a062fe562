import type { CrossVenueView, VenueQuote } from '@cexgw/client';
import { renderTable } from './table.js';

// The cross-venue view as text: one row per venue (top of book, fee, freshness, where the time
// went), the best prices across venues, and the best fee-adjusted spread. Decimals as received.

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '-');

/** Venue event time to gateway receipt, and gateway receipt to this client (one clock each way; skew shows). */
export function latencies(quote: VenueQuote): { venueToGatewayMs: number; gatewayToClientMs: number } {
  const gatewayUs = Number(quote.gatewayReceivedUs);
  const venueMs = Number(quote.venueTimestampMs);
  return {
    venueToGatewayMs: gatewayUs > 0 && venueMs > 0 ? gatewayUs / 1000 - venueMs : NaN,
    gatewayToClientMs: gatewayUs > 0 && quote.receivedAtUs > 0 ? (quote.receivedAtUs - gatewayUs) / 1000 : NaN,
  };
}

function state(quote: VenueQuote): string {
  if (!quote.live) return 'STALE (not following)';
  return quote.stale ? 'STALE (quiet)' : 'live';
}

export function renderSpread(view: CrossVenueView): string {
  const best = (side: 'bestBid' | 'bestAsk') => (view[side] ? `${view[side].price} ${view[side].venue}` : '-');
  const rows = view.venues.map((q) => {
    const { venueToGatewayMs, gatewayToClientMs } = latencies(q);
    return [
      q.venue,
      q.bid?.price ?? '-',
      q.bid?.quantity ?? '-',
      q.ask?.price ?? '-',
      q.ask?.quantity ?? '-',
      q.takerFeeRate || '?',
      ms(q.ageMs),
      ms(venueToGatewayMs),
      ms(gatewayToClientMs),
      state(q),
    ];
  });
  const table = renderTable(['venue', 'bid', 'bid size', 'ask', 'ask size', 'taker fee', 'age', 'venue→gw', 'gw→client', 'state'], rows, [
    'left',
    'decimal',
    'decimal',
    'decimal',
    'decimal',
    'left',
    'right',
    'right',
    'right',
    'left',
  ]);
  const s = view.spread;
  const spread = s
    ? `spread: buy ${s.buyVenue} at ${s.buyPrice}, sell ${s.sellVenue} at ${s.sellPrice} (size ${s.quantity}): gross ${s.gross}, net ${s.net} after taker fees (${s.netBps} bps)${s.feesKnown ? '' : ', a fee unknown'}`
    : 'spread: - (fewer than two fresh venues)';
  return `${view.symbol} on ${view.venues.length} venues  best bid ${best('bestBid')}  best ask ${best('bestAsk')}\n${table}${spread}\n`;
}
