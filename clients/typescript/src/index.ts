// @cexgw/client: the TypeScript SDK of cex-gateway.
export { Backoff, type BackoffOptions } from './backoff.js';
export { BookFollower, type BookFollowerEvents, type BookFollowerOptions, type BookFollowerState } from './book-follower.js';
export { CrossVenueBook, type CrossVenueBookEvents, type CrossVenueBookOptions, type CrossVenueSource, type CrossVenueView } from './cross-venue-book.js';
export { canonicalDecimal, compareUnsigned, Decimal, isDecimal, isZero } from './decimal.js';
export { Endpoint, type EndpointLike, type EndpointOptions } from './endpoint.js';
export * from './errors.js';
export { FileCursorStore, type FillCursorStore, type StoredCursor } from './fill-cursor.js';
export { FillFollower, type FillDelivery, type FillFollowerEvents, type FillFollowerOptions } from './fill-follower.js';
export { OrderBook, type Level } from './order-book.js';
export { bestAcross, bestCrossSpread, type BestPrice, type CrossSpread, type VenueQuote } from './spread.js';
export { formatSymbol, toSymbol, type SymbolLike } from './symbols.js';
export { Trader, type FuturesOrderParams, type OrderRef, type PlaceOrderParams, type SideLike, type TraderOptions } from './trader.js';

// The generated cexgw.v1 messages, enums, codecs and grpc-js clients (ts-proto), for direct use.
export * as proto from './proto.js';
export { Side, type Symbol as SymbolMessage, type PriceLevel } from './generated/cexgw/v1/common.js';
export { OrderBookUpdateKind, type OrderBookUpdate, type SymbolInfo } from './generated/cexgw/v1/market_data.js';
export { OrderStatus, OrderType, TimeInForce, type Balance, type Fill, type Order } from './generated/cexgw/v1/trading.js';
export { MarginMode, PositionSide, type FuturesBalance, type FuturesOrder, type Position } from './generated/cexgw/v1/futures_trading.js';
