import type { FillMsg, FuturesOrderMsg, OrderMsg, PositionMsg, SymbolMsg, TickerMsg, TradeMsg } from './messages.js';

// One line per message for the tails and the order commands; decimals printed as received.

export function symbolText(symbol: SymbolMsg | null | undefined): string {
  return symbol ? `${symbol.base}/${symbol.quote}` : '-';
}

/** "ORDER_STATUS_PARTIALLY_FILLED" -> "partially_filled"; "" or *_UNSPECIFIED -> "-". */
export function enumText(value: string, prefix: string): string {
  const short = value.startsWith(prefix) ? value.slice(prefix.length) : value;
  return short === '' || short === 'UNSPECIFIED' ? '-' : short.toLowerCase();
}

/** Epoch ms (as the string the wire gives) -> ISO 8601 UTC; "-" for 0. */
export function timeText(epochMs: string | number): string {
  const ms = Number(epochMs);
  return ms > 0 && Number.isFinite(ms) ? new Date(ms).toISOString() : '-';
}

const orBlank = (value: string) => (value === '' ? '-' : value);

export function tradeLine(t: TradeMsg): string {
  return `${timeText(t.timestamp_ms)} ${symbolText(t.symbol)} ${enumText(t.taker_side, 'SIDE_')} ${t.quantity} @ ${t.price} trade_id=${t.trade_id}`;
}

export function tickerLine(t: TickerMsg): string {
  const size = (q: string) => (q === '' ? '' : ` x ${q}`);
  return (
    `${timeText(t.timestamp_ms)} ${symbolText(t.symbol)} last ${orBlank(t.last_price)} bid ${orBlank(t.best_bid)}${size(t.best_bid_quantity)} ask ${orBlank(t.best_ask)}${size(t.best_ask_quantity)}` +
    ` 24h high=${orBlank(t.high_24h)} low=${orBlank(t.low_24h)} vol=${orBlank(t.base_volume_24h)} quote_vol=${orBlank(t.quote_volume_24h)} change=${orBlank(t.change_percent_24h)}%`
  );
}

export function orderLine(o: OrderMsg): string {
  const parts = [
    timeText(o.updated_ms || o.created_ms),
    symbolText(o.symbol),
    enumText(o.side, 'SIDE_'),
    enumText(o.type, 'ORDER_TYPE_'),
    `${orBlank(o.quantity)} @ ${o.price === '' ? 'market' : o.price}`,
    enumText(o.status, 'ORDER_STATUS_'),
    `filled=${orBlank(o.filled_quantity)}`,
    `avg=${orBlank(o.average_fill_price)}`,
    `tif=${enumText(o.time_in_force, 'TIME_IN_FORCE_')}`,
  ];
  if (o.post_only) parts.push('post_only');
  parts.push(`order_id=${orBlank(o.order_id)}`, `client_order_id=${orBlank(o.client_order_id)}`);
  if (o.reason) parts.push(`reason=${JSON.stringify(o.reason)}`);
  return parts.join(' ');
}

export function fillLine(f: FillMsg): string {
  return (
    `${timeText(f.timestamp_ms)} ${symbolText(f.symbol)} ${enumText(f.side, 'SIDE_')} ${f.quantity} @ ${f.price} ${f.is_maker ? 'maker' : 'taker'}` +
    ` fee=${orBlank(f.fee)}${f.fee_asset ? ` ${f.fee_asset}` : ''} order_id=${orBlank(f.order_id)} client_order_id=${orBlank(f.client_order_id)} fill_id=${orBlank(f.fill_id)} cursor=${f.cursor}`
  );
}

/** A message as one JSON line, exactly as received (snake_case, decimals and 64-bit integers as strings). */
export function jsonLine(message: unknown): string {
  return `${JSON.stringify(message)}\n`;
}

export function futuresOrderLine(f: FuturesOrderMsg): string {
  return `${orderLine(f.order)} contracts=${orBlank(f.contracts)} filled_contracts=${orBlank(f.filled_contracts)}${f.reduce_only ? ' reduce_only' : ''}`;
}

export function positionLine(p: PositionMsg): string {
  return (
    `${timeText(p.updated_ms)} ${symbolText(p.symbol)} ${enumText(p.side, 'POSITION_SIDE_')} ${p.contracts} contracts (${p.base_quantity})` +
    ` entry=${orBlank(p.entry_price)} mark=${orBlank(p.mark_price)} ${p.leverage}x ${enumText(p.margin_mode, 'MARGIN_MODE_')}` +
    ` margin=${orBlank(p.margin)} upnl=${orBlank(p.unrealised_pnl)} rpnl=${orBlank(p.realised_pnl)} liq=${orBlank(p.liquidation_price)}`
  );
}
