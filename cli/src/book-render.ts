import { Decimal, type BookFollower, type Level } from '@cexgw/client';
import { symbolText, timeText } from './format.js';
import { alignDecimals } from './table.js';

// The book as text (the live TTY table and --once) and as JSON: pure functions of a BookView.

export interface BookView {
  readonly symbol: string;
  readonly address: string;
  readonly depth: number;
  /** Best first, at most `depth` each. */
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
  readonly sequence: string;
  readonly updateId: string;
  readonly venueTimestampMs: string;
  readonly messages: number;
  readonly ratePerSec: number;
  readonly sequenceGaps: number;
}

export function bookView(follower: BookFollower, depth: number, address: string, ratePerSec: number): BookView {
  const { book, stats } = follower;
  const { bids, asks } = book.top(depth);
  return {
    symbol: symbolText(book.symbol ?? follower.symbol),
    address,
    depth,
    bids,
    asks,
    sequence: String(book.sequence),
    updateId: book.lastUpdateId,
    venueTimestampMs: book.venueTimestampMs,
    messages: stats.messages,
    ratePerSec,
    sequenceGaps: stats.gaps,
  };
}

/** best ask - best bid, exactly; undefined when a side is empty. */
export function spreadOf(view: Pick<BookView, 'bids' | 'asks'>): string | undefined {
  const bid = view.bids[0];
  const ask = view.asks[0];
  return bid && ask ? Decimal.parse(ask.price).minus(Decimal.parse(bid.price)).toString() : undefined;
}

const ANSI = { green: '\x1b[32m', red: '\x1b[31m', bold: '\x1b[1m', dim: '\x1b[2m', reset: '\x1b[0m' };

export interface RenderOptions {
  /** ANSI colours: bids green, asks red, headings bold. */
  readonly color: boolean;
}

/** The book as a table: bid size | bid | ask | ask size, best prices on the first row. */
export function renderBook(view: BookView, options: RenderOptions): string {
  // Codes wrap the visible characters only, so padding stays outside and trimming still works.
  const paint = (code: string, text: string) => (options.color ? text.replace(/\S(.*\S)?/, (visible) => `${code}${visible}${ANSI.reset}`) : text);
  const rows = Math.max(view.bids.length, view.asks.length);
  const cell = (levels: readonly Level[], field: 'price' | 'quantity') => alignDecimals(Array.from({ length: rows }, (_, i) => levels[i]?.[field] ?? ''));
  const columns = [cell(view.bids, 'quantity'), cell(view.bids, 'price'), cell(view.asks, 'price'), cell(view.asks, 'quantity')];
  const headers = ['bid size', 'bid', 'ask', 'ask size'];
  const widths = columns.map((column, c) => Math.max(headers[c]!.length, ...column.map((v) => v.length)));
  const pad = (text: string, c: number) => (c < 2 ? text.padStart(widths[c]!) : c === 2 ? text.padEnd(widths[c]!) : text.padStart(widths[c]!));
  const line = (cells: readonly string[], paintCell: (text: string, c: number) => string) =>
    `${paintCell(pad(cells[0]!, 0), 0)}  ${paintCell(pad(cells[1]!, 1), 1)} │ ${paintCell(pad(cells[2]!, 2), 2)}  ${paintCell(pad(cells[3]!, 3), 3)}`.trimEnd();

  const spread = spreadOf(view);
  const rate = `${view.ratePerSec.toFixed(1)} msg/s`;
  const out = [
    `${paint(ANSI.bold, view.symbol)}  ${view.address}  update ${view.updateId}  seq ${view.sequence}  ${rate}  ${view.messages} msgs${view.sequenceGaps ? `  ${view.sequenceGaps} SEQUENCE GAPS` : ''}`,
    `best bid ${view.bids[0]?.price ?? '-'}  best ask ${view.asks[0]?.price ?? '-'}  spread ${spread ?? '-'}  venue time ${timeText(view.venueTimestampMs)}`,
    '',
    line(headers, (text) => paint(ANSI.dim, text)),
    ...Array.from({ length: rows }, (_, r) =>
      line(
        columns.map((column) => column[r]!),
        (text, c) => paint(c < 2 ? ANSI.green : ANSI.red, text),
      ),
    ),
  ];
  if (rows === 0) out.push('(empty book)');
  return `${out.join('\n')}\n`;
}

/** The book as one JSON object (levels as the gateway sent them, best first). */
export function bookJson(view: BookView): Record<string, unknown> {
  return {
    symbol: view.symbol,
    sequence: view.sequence,
    update_id: view.updateId,
    venue_timestamp_ms: view.venueTimestampMs,
    best_bid: view.bids[0]?.price ?? null,
    best_ask: view.asks[0]?.price ?? null,
    spread: spreadOf(view) ?? null,
    bids: view.bids,
    asks: view.asks,
    messages: view.messages,
  };
}
