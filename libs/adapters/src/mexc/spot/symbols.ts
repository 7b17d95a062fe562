import { CachedSymbolMapper } from '../../core/symbol.js';

/** Quote assets tried, longest first, when splitting a pair exchangeInfo has not listed yet. */
const KNOWN_QUOTES = ['USDT', 'USDC', 'USDE', 'BTC', 'ETH', 'EUR', 'BRL', 'TRY', 'MX'];

/**
 * MEXC spells pairs BASEQUOTE (BTCUSDT), which cannot be split without knowing the quote, so
 * exchangeInfo registers every listed pair; only unlisted spellings fall back to known quotes.
 */
export function mexcSymbolMapper(): CachedSymbolMapper {
  return new CachedSymbolMapper(
    (symbol) => `${symbol.base}${symbol.quote}`,
    (venueSymbol) => {
      const quote = KNOWN_QUOTES.find((q) => venueSymbol.length > q.length && venueSymbol.endsWith(q));
      return quote ? { base: venueSymbol.slice(0, -quote.length), quote } : undefined;
    },
  );
}
