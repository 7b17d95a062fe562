import {
  canonicalSignedDecimal,
  compareDecimal,
  isDecimalString,
  symbolKey,
  type Fill,
  type FundingRate,
  type Level,
  type MarkPrice,
  type Pair,
  type SymbolInfo,
  type Ticker,
  type Trade,
} from '@cexgw/adapters';

// What the adapter hands its callers must make sense whatever the venue said: these checks read
// the unified values (the wire itself is held against the venue's contract elsewhere).

const positive = (value: string) => isDecimalString(value) && compareDecimal(value, '0') > 0;
/** Venue times after 2017 and no more than a day ahead of this machine's clock. */
const plausibleTime = (ms: number) => Number.isSafeInteger(ms) && ms > 1_483_228_800_000 && ms < Date.now() + 86_400_000;

export function symbolProblems(info: SymbolInfo): string[] {
  const problems: string[] = [];
  if (info.status !== 'trading') problems.push(`${symbolKey(info.symbol)} is ${info.status}, not trading`);
  if (!positive(info.priceTick)) problems.push(`price tick ${JSON.stringify(info.priceTick)} is not a positive decimal`);
  if (!positive(info.quantityStep)) problems.push(`quantity step ${JSON.stringify(info.quantityStep)} is not a positive decimal`);
  return problems;
}

/** Levels best first, strictly ordered, positive; best bid below best ask. */
export function bookProblems(book: { readonly bids: readonly Level[]; readonly asks: readonly Level[] }): string[] {
  const problems: string[] = [];
  for (const side of ['bids', 'asks'] as const) {
    const levels = book[side];
    if (levels.length === 0) problems.push(`no ${side}`);
    levels.forEach(([price, quantity], i) => {
      if (!positive(price) || !positive(quantity)) problems.push(`${side} level ${i + 1} is ${quantity} @ ${price}`);
      const previous = levels[i - 1];
      if (previous && positive(price) && positive(previous[0])) {
        const order = compareDecimal(previous[0], price);
        if (side === 'bids' ? order <= 0 : order >= 0) problems.push(`${side} out of order at level ${i + 1}: ${previous[0]} then ${price}`);
      }
    });
  }
  const bid = book.bids[0]?.[0];
  const ask = book.asks[0]?.[0];
  if (bid && ask && positive(bid) && positive(ask) && compareDecimal(bid, ask) >= 0) problems.push(`crossed: best bid ${bid} is not below best ask ${ask}`);
  return problems;
}

export function tradeProblems(trade: Trade, symbol: Pair): string[] {
  const problems: string[] = [];
  const what = `trade ${trade.tradeId || '(no id)'}`;
  if (symbolKey(trade.symbol) !== symbolKey(symbol)) problems.push(`${what} is for ${symbolKey(trade.symbol)}`);
  if (!positive(trade.price) || !positive(trade.quantity)) problems.push(`${what} is ${trade.quantity} @ ${trade.price}`);
  if (trade.takerSide !== 'buy' && trade.takerSide !== 'sell') problems.push(`${what} has taker side ${JSON.stringify(trade.takerSide)}`);
  if (!plausibleTime(trade.timestampMs)) problems.push(`${what} has time ${trade.timestampMs}`);
  return problems;
}

/** One of our fills from the venue's history, asked for from `sinceMs` on. */
export function fillProblems(fill: Fill, symbol: Pair, sinceMs: number): string[] {
  const problems: string[] = [];
  const what = `fill ${fill.fillId || '(no id)'}`;
  if (!fill.fillId || !fill.orderId) problems.push(`${what} lacks a fill or order id`);
  if (symbolKey(fill.symbol) !== symbolKey(symbol)) problems.push(`${what} is for ${symbolKey(fill.symbol)}`);
  if (!positive(fill.price) || !positive(fill.quantity)) problems.push(`${what} is ${fill.quantity} @ ${fill.price}`);
  if (fill.side !== 'buy' && fill.side !== 'sell') problems.push(`${what} has side ${JSON.stringify(fill.side)}`);
  if (fill.timestampMs < sinceMs) problems.push(`${what} at ${fill.timestampMs} is before the time asked (${sinceMs})`);
  return problems;
}

export function tickerProblems(ticker: Ticker, symbol: Pair): string[] {
  const problems: string[] = [];
  if (symbolKey(ticker.symbol) !== symbolKey(symbol)) problems.push(`ticker is for ${symbolKey(ticker.symbol)}`);
  for (const [name, value] of [
    ['last price', ticker.lastPrice],
    ['best bid', ticker.bestBid],
    ['best ask', ticker.bestAsk],
  ] as const) {
    // A ticker channel may leave out what it does not carry (""), never send nonsense.
    if (value !== '' && !positive(value)) problems.push(`ticker ${name} is ${JSON.stringify(value)}`);
  }
  if (positive(ticker.bestBid) && positive(ticker.bestAsk) && compareDecimal(ticker.bestBid, ticker.bestAsk) > 0) {
    problems.push(`ticker best bid ${ticker.bestBid} is above best ask ${ticker.bestAsk}`);
  }
  if (ticker.lastPrice === '' && ticker.bestBid === '' && ticker.bestAsk === '') problems.push('ticker carries no price at all');
  return problems;
}

export function futuresProblems(funding: FundingRate, mark: MarkPrice): string[] {
  const problems: string[] = [];
  if (canonicalSignedDecimal(funding.rate) === undefined) problems.push(`funding rate ${JSON.stringify(funding.rate)} is not a decimal`);
  if (funding.nextFundingTimeMs <= Date.now() - 60_000) problems.push(`next funding time ${funding.nextFundingTimeMs} is in the past`);
  if (!positive(mark.markPrice)) problems.push(`mark price ${JSON.stringify(mark.markPrice)} is not positive`);
  if (!positive(mark.indexPrice)) problems.push(`index price ${JSON.stringify(mark.indexPrice)} is not positive`);
  return problems;
}

/** Problems of many items, each distinct problem once, with how often it came. */
export function distinctProblems(lists: Iterable<readonly string[]>): string[] {
  const counts = new Map<string, number>();
  for (const list of lists) for (const problem of list) counts.set(problem, (counts.get(problem) ?? 0) + 1);
  return [...counts].map(([problem, n]) => (n > 1 ? `${problem} (${n} times)` : problem));
}
