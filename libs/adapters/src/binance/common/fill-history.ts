import type { Fill } from '../../core/private-exchange.js';
import type { WireReader } from '../../core/wire-read.js';

/** One page of a market's trade history: by time window, or from a trade id on. */
export type TradeHistoryPage = (range: { startTime: number; endTime: number } | { fromId: number }) => Promise<unknown>;

/**
 * Every trade of [fromMs, toMs] from a Binance trade-history endpoint (spot myTrades, USDⓈ-M
 * userTrades): windows of at most `windowMs` (the venue's limit, 24 h on spot, 7 days on USDⓈ-M),
 * each paged on by trade id while a page comes back full.
 */
export async function tradesIn(read: WireReader, page: TradeHistoryPage, fromMs: number, toMs: number, windowMs: number, pageSize: number): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let start = fromMs; start <= toMs; start += windowMs) {
    const end = Math.min(start + windowMs - 1, toMs);
    let rows = read.list(await page({ startTime: start, endTime: end }), 'trades');
    out.push(...rows);
    while (rows.length >= pageSize) {
      const lastId = Number(read.id(read.object(rows[rows.length - 1], 'a trade').id, 'a trade id'));
      rows = read.list(await page({ fromId: lastId + 1 }), 'trades');
      const inWindow = rows.filter((row) => read.millis(read.object(row, 'a trade').time, 'a trade time') <= end);
      out.push(...inWindow);
      if (inWindow.length < rows.length) break;
    }
  }
  return out;
}

/** Client order ids kept at most (order ids of recent fills). */
const KEPT = 10_000;

/**
 * The client order id of each of our orders by venue order id. Binance's trade histories do not
 * carry it; the private stream does (kept as orders pass), and an order seen only in history is
 * asked for once.
 */
export class ClientOrderIds {
  private readonly byOrderId = new Map<string, string>();

  constructor(private readonly lookUp: (venueSymbol: string, orderId: string) => Promise<string>) {}

  note(orderId: string, clientOrderId: string): void {
    if (!clientOrderId) return;
    if (this.byOrderId.size >= KEPT && !this.byOrderId.has(orderId)) this.byOrderId.delete(this.byOrderId.keys().next().value!);
    this.byOrderId.set(orderId, clientOrderId);
  }

  async of(venueSymbol: string, orderId: string): Promise<string> {
    const known = this.byOrderId.get(orderId);
    if (known !== undefined) return known;
    const found = await this.lookUp(venueSymbol, orderId);
    this.note(orderId, found);
    return found;
  }
}

/** Where a market's trade history is read: its endpoint by venue symbol, its window and page limits. */
export interface TradeHistory {
  readonly page: (venueSymbol: string, range: Parameters<TradeHistoryPage>[0]) => Promise<unknown>;
  readonly windowMs: number;
  readonly pageSize: number;
}

/**
 * Every fill of the symbols in [sinceMs, untilMs] from the trade history, oldest first, each with
 * its order's client order id; `toFill` reads one trade of that symbol.
 */
export async function fillsFromHistory(
  read: WireReader,
  history: TradeHistory,
  clientIds: ClientOrderIds,
  symbols: readonly { readonly venueSymbol: string; readonly toFill: (trade: unknown) => Fill }[],
  sinceMs: number,
  untilMs: number,
): Promise<Fill[]> {
  const fills: Fill[] = [];
  for (const { venueSymbol, toFill } of symbols) {
    const page: TradeHistoryPage = (range) => history.page(venueSymbol, range);
    for (const trade of await tradesIn(read, page, sinceMs, untilMs, history.windowMs, history.pageSize)) {
      const fill = toFill(trade);
      fills.push({ ...fill, clientOrderId: await clientIds.of(venueSymbol, fill.orderId) });
    }
  }
  return fills.sort((a, b) => a.timestampMs - b.timestampMs);
}
