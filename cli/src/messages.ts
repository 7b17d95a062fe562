// The cexgw.v1 messages as the CLI receives them from @grpc/proto-loader (libs/grpc's loader
// options: snake_case fields, defaults filled in, enums and 64-bit integers as strings).
// Only what the CLI reads; decimals stay strings from the wire to the terminal.

export interface SymbolMsg {
  base: string;
  quote: string;
}

export interface TradeMsg {
  symbol: SymbolMsg | null;
  trade_id: string;
  price: string;
  quantity: string;
  taker_side: string;
  timestamp_ms: string;
}

export interface TickerMsg {
  symbol: SymbolMsg | null;
  last_price: string;
  best_bid: string;
  best_bid_quantity: string;
  best_ask: string;
  best_ask_quantity: string;
  high_24h: string;
  low_24h: string;
  base_volume_24h: string;
  quote_volume_24h: string;
  change_percent_24h: string;
  timestamp_ms: string;
}

export interface OrderMsg {
  order_id: string;
  client_order_id: string;
  symbol: SymbolMsg | null;
  side: string;
  type: string;
  time_in_force: string;
  post_only: boolean;
  status: string;
  price: string;
  quantity: string;
  filled_quantity: string;
  filled_quote_quantity: string;
  average_fill_price: string;
  created_ms: string;
  updated_ms: string;
  reason: string;
}

export interface FillMsg {
  cursor: string;
  fill_id: string;
  order_id: string;
  client_order_id: string;
  symbol: SymbolMsg | null;
  side: string;
  price: string;
  quantity: string;
  fee: string;
  fee_asset: string;
  is_maker: boolean;
  timestamp_ms: string;
}

export interface BalanceMsg {
  asset: string;
  free: string;
  locked: string;
}

export interface StreamMetricsMsg {
  stream: string;
  subscribers: number;
  messages: string;
  latency_avg_us: number;
  latency_p99_us: number;
  max_queue_depth: string;
  slow_consumer_events: string;
}

export interface MetricsMsg {
  venue: string;
  role: string;
  ws_connections_established: string;
  rest_request_latency_avg_ms: number;
  cache_hit_rate: number;
  error_counts_by_type: Record<string, string>;
  connection_reuse_rate: number;
  streams: StreamMetricsMsg[];
  book_resyncs: string;
  ws_messages_received: string;
  ws_messages_malformed: string;
  rest_requests: string;
  uptime_s: number;
  rss_bytes: string;
}

export interface VenueHealthMsg {
  venue: string;
  rest_connectivity: boolean;
  websocket_connectivity: boolean;
  authentication: boolean;
  exchange_specific_features: boolean;
  detail: string;
}

export interface FuturesOrderMsg {
  order: OrderMsg;
  contracts: string;
  base_quantity: string;
  filled_contracts: string;
  reduce_only: boolean;
}

export interface PositionMsg {
  symbol: SymbolMsg;
  side: string;
  contracts: string;
  base_quantity: string;
  entry_price: string;
  mark_price: string;
  leverage: number;
  margin_mode: string;
  margin: string;
  unrealised_pnl: string;
  realised_pnl: string;
  liquidation_price: string;
  updated_ms: string;
}
