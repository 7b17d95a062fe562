import { Decimal } from './decimal.js';
import type { Level } from './order-book.js';

/** One venue's top of book as the cross-venue view reports it. */
export interface VenueQuote {
  /** Venue id, e.g. "gateio_spot". */
  readonly venue: string;
  readonly bid: Level | undefined;
  readonly ask: Level | undefined;
  /** Taker fee rate as a fraction ("0.002" = 0.2 %), "" when the venue did not say. */
  readonly takerFeeRate: string;
  /** The venue's book is followed and synchronised now. */
  readonly live: boolean;
  /** Not live, or no message for longer than the view's staleAfterMs. Stale venues are left out of the best prices. */
  readonly stale: boolean;
  /** Milliseconds since this client received the venue's last book message. */
  readonly ageMs: number;
  /** The gateway sequence and the venue's update id the book is at. */
  readonly sequence: number;
  readonly lastUpdateId: string;
  /** The venue's event time of the last message, epoch ms ("0" when the venue gives none). */
  readonly venueTimestampMs: string;
  /** When the gateway received that venue frame, epoch µs. */
  readonly gatewayReceivedUs: string;
  /** When this client received the message, epoch µs. */
  readonly receivedAtUs: number;
}

/** The best price on one side across venues. */
export interface BestPrice {
  readonly venue: string;
  readonly price: string;
  readonly quantity: string;
}

/** Buying at one venue's ask and selling at another's bid, per unit of base, after taker fees. */
export interface CrossSpread {
  readonly buyVenue: string;
  readonly sellVenue: string;
  /** The buy venue's best ask and the sell venue's best bid. */
  readonly buyPrice: string;
  readonly sellPrice: string;
  /** What both tops allow: min(ask quantity, bid quantity), base units. */
  readonly quantity: string;
  /** sellPrice - buyPrice, quote per base unit. */
  readonly gross: string;
  /** sellPrice x (1 - sell taker fee) - buyPrice x (1 + buy taker fee), exact. Positive = profitable as takers. */
  readonly net: string;
  /** net / (buyPrice x (1 + buy fee)) in basis points, truncated to 2 decimals (display only). */
  readonly netBps: string;
  /** False when a venue's taker fee is unknown (counted as 0). */
  readonly feesKnown: boolean;
}

const TEN_THOUSAND = Decimal.parse('10000');

function fee(rate: string): Decimal {
  return rate === '' ? Decimal.ZERO : Decimal.parse(rate);
}

/** The highest bid (`bids`) or lowest ask across the fresh venues; ties go to the larger quantity. */
export function bestAcross(quotes: readonly VenueQuote[], side: 'bid' | 'ask'): BestPrice | undefined {
  let best: { venue: string; level: Level; price: Decimal; quantity: Decimal } | undefined;
  for (const quote of quotes) {
    const level = quote[side];
    if (quote.stale || !level) continue;
    const price = Decimal.parse(level.price);
    const quantity = Decimal.parse(level.quantity);
    const order = best === undefined ? 1 : side === 'bid' ? price.compare(best.price) : best.price.compare(price);
    if (order > 0 || (order === 0 && quantity.compare(best!.quantity) > 0)) best = { venue: quote.venue, level, price, quantity };
  }
  return best && { venue: best.venue, price: best.level.price, quantity: best.level.quantity };
}

/** The buy-here-sell-there pair of fresh venues with the highest net spread, or undefined with fewer than two. */
export function bestCrossSpread(quotes: readonly VenueQuote[]): CrossSpread | undefined {
  let best: { spread: CrossSpread; net: Decimal } | undefined;
  for (const buy of quotes) {
    if (buy.stale || !buy.ask) continue;
    const ask = Decimal.parse(buy.ask.price);
    const cost = ask.times(Decimal.ONE.plus(fee(buy.takerFeeRate)));
    for (const sell of quotes) {
      if (sell === buy || sell.stale || !sell.bid) continue;
      const bid = Decimal.parse(sell.bid.price);
      const net = bid.times(Decimal.ONE.minus(fee(sell.takerFeeRate))).minus(cost);
      if (best && net.compare(best.net) <= 0) continue;
      const askQuantity = Decimal.parse(buy.ask.quantity);
      const bidQuantity = Decimal.parse(sell.bid.quantity);
      best = {
        net,
        spread: {
          buyVenue: buy.venue,
          sellVenue: sell.venue,
          buyPrice: buy.ask.price,
          sellPrice: sell.bid.price,
          quantity: (askQuantity.compare(bidQuantity) <= 0 ? askQuantity : bidQuantity).toString(),
          gross: bid.minus(ask).toString(),
          net: net.toString(),
          netBps: cost.units === 0n ? '0' : net.times(TEN_THOUSAND).dividedBy(cost, 2).toString(),
          feesKnown: buy.takerFeeRate !== '' && sell.takerFeeRate !== '',
        },
      };
    }
  }
  return best?.spread;
}
