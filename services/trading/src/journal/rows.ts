import type { OrderRequest, OrderState, Side, Pair } from '@cexgw/adapters';
import type { JournaledFill, OrderRecord, OrderRecordStatus } from './journal.js';

// Journal rows as both stores return them: SQLite gives integers as numbers and booleans as
// 0/1; PostgreSQL gives bigints as strings (exact) and booleans as booleans.

type Integer = number | string;

export interface FillRow {
  cursor: Integer;
  fill_id: string;
  order_id: string;
  client_order_id: string;
  symbol: string;
  side: string;
  price: string;
  quantity: string;
  fee: string;
  fee_asset: string;
  is_maker: number | boolean;
  timestamp_ms: Integer;
}

export interface OrderRow {
  client_order_id: string;
  venue_order_id: string;
  symbol: string;
  request: string;
  state: string | null;
  status: OrderRecordStatus;
  reason: string;
  created_ms: Integer;
  updated_ms: Integer;
}

/** "BTC/USDT" -> { base: 'BTC', quote: 'USDT' } (the journals' symbol key). */
export function parseSymbolKey(key: string): Pair {
  const slash = key.indexOf('/');
  return { base: key.slice(0, slash), quote: key.slice(slash + 1) };
}

export function fillFromRow(row: FillRow): JournaledFill {
  return {
    cursor: Number(row.cursor),
    fillId: row.fill_id,
    orderId: row.order_id,
    clientOrderId: row.client_order_id,
    symbol: parseSymbolKey(row.symbol),
    side: row.side as Side,
    price: row.price,
    quantity: row.quantity,
    fee: row.fee,
    feeAsset: row.fee_asset,
    isMaker: row.is_maker === 1 || row.is_maker === true,
    timestampMs: Number(row.timestamp_ms),
  };
}

export function orderFromRow(row: OrderRow): OrderRecord {
  return {
    clientOrderId: row.client_order_id,
    venueOrderId: row.venue_order_id,
    symbol: parseSymbolKey(row.symbol),
    request: JSON.parse(row.request) as OrderRequest,
    state: row.state ? (JSON.parse(row.state) as OrderState) : undefined,
    status: row.status,
    reason: row.reason,
    createdMs: Number(row.created_ms),
    updatedMs: Number(row.updated_ms),
  };
}
