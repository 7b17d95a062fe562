import { CachedSymbolMapper } from '../../core/symbol.js';

/** Quote assets tried, longest first, when splitting a pair exchangeInfo has not listed yet. */
const KNOWN_QUOTES = ['FDUSD', 'USDT', 'USDC', 'TUSD', 'BUSD', 'BTC', 'ETH', 'BNB', 'EUR', 'TRY', 'BRL'];

/**
 * Binance spells pairs BASEQUOTE (BTCUSDT) on spot and USDⓈ-M, which cannot be split without the
 * quote, so exchangeInfo registers every listed pair; only unlisted spellings fall back to known
 * quotes. Streams name symbols in lower case (btcusdt@depth@100ms); events carry them upper case.
 */
export function binanceSymbolMapper(): CachedSymbolMapper {
  return new CachedSymbolMapper(
    (symbol) => `${symbol.base}${symbol.quote}`,
    (venueSymbol) => {
      const quote = KNOWN_QUOTES.find((q) => venueSymbol.length > q.length && venueSymbol.endsWith(q));
      return quote ? { base: venueSymbol.slice(0, -quote.length), quote } : undefined;
    },
  );
}
