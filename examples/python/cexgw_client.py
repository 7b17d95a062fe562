#!/usr/bin/env python3
"""A small Python client of cex-gateway, with code generated from the .proto files alone.

    export CEXGW_TOKEN=<gateway token>
    python cexgw_client.py --market-data 127.0.0.1:50052 --trading 127.0.0.1:50062 --symbol BTC/USDT

Streams an order book for a few seconds, keeping a local copy from the snapshot and deltas, then
places a limit buy below the market on the Trading service, reads it back and cancels it. Errors
print the gRPC code, its details and the cexgw-* trailers, and exit 1. Needs grpcio and
grpcio-tools (requirements.txt); the stubs are generated at start by cexgw_stubs.py.
"""
import argparse
import os
import sys
import time
from decimal import Decimal

import cexgw_stubs

cexgw_stubs.generate()
import grpc  # noqa: E402
from cexgw.v1 import common_pb2, market_data_pb2, market_data_pb2_grpc, trading_pb2, trading_pb2_grpc  # noqa: E402


def fail_rpc(call, error):
    """Prints the code, details and the gateway's cexgw-* trailers of a failed call; exits 1."""
    print(f"{call} failed: {error.code().name}: {error.details()}", file=sys.stderr)
    for key, value in sorted(error.trailing_metadata() or ()):
        if key.startswith("cexgw-"):
            print(f"  {key}: {value}", file=sys.stderr)
    sys.exit(1)


def apply(side, levels):
    """Sets each level; quantity "0" removes it. Keys are exact Decimals, never floats."""
    for level in levels:
        if Decimal(level.quantity) == 0:
            side.pop(Decimal(level.price), None)
        else:
            side[Decimal(level.price)] = level


def stream_book(market_data, symbol, seconds):
    """Follows StreamOrderBook: a reset snapshot replaces the book, a delta sets levels, and the
    sequence goes up by exactly one each message. Returns the best bid and ask."""
    bids, asks = {}, {}
    sequence = messages = snapshots = last_update_id = 0
    name = f"{symbol.base}/{symbol.quote}"
    try:
        for update in market_data.StreamOrderBook(market_data_pb2.StreamOrderBookRequest(symbol=symbol), timeout=seconds):
            if update.sequence != sequence + 1:
                sys.exit(f"sequence jumped from {sequence} to {update.sequence}")
            sequence = update.sequence
            if update.reset:
                bids.clear()
                asks.clear()
                snapshots += 1
                if snapshots == 1:
                    print(f"snapshot {name}: {len(update.bids)} bids, {len(update.asks)} asks", flush=True)
            apply(bids, update.bids)
            apply(asks, update.asks)
            last_update_id = update.last_update_id
            messages += 1
    except grpc.RpcError as error:
        if error.code() != grpc.StatusCode.DEADLINE_EXCEEDED:  # our own time limit ends the stream
            fail_rpc("StreamOrderBook", error)
    best_bid = bids[max(bids)] if bids else market_data_pb2.PriceLevel()
    best_ask = asks[min(asks)] if asks else market_data_pb2.PriceLevel()
    print(f"book {name} after {messages} messages (snapshots: {snapshots}, update id {last_update_id}): "
          f"best bid {best_bid.price} x {best_bid.quantity}, best ask {best_ask.price} x {best_ask.quantity}", flush=True)
    return best_bid


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--market-data", default="127.0.0.1:50052", help="MarketData service address")
    parser.add_argument("--trading", default="127.0.0.1:50062", help="Trading service address (token from $CEXGW_TOKEN)")
    parser.add_argument("--symbol", default="BTC/USDT", help="BASE/QUOTE")
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to stream the book")
    parser.add_argument("--quantity", default="0.001", help="order quantity in base units")
    parser.add_argument("--client-order-id", default=f"py-{int(time.time() * 1000)}", help="idempotency key")
    args = parser.parse_args()
    token = os.environ.get("CEXGW_TOKEN")
    if not token or "/" not in args.symbol:
        parser.error("set CEXGW_TOKEN and give --symbol as BASE/QUOTE")
    base, quote = args.symbol.split("/", 1)
    symbol = common_pb2.Symbol(base=base, quote=quote)

    # Local loopback without TLS; use grpc.secure_channel(address, grpc.ssl_channel_credentials()) for TLS.
    with grpc.insecure_channel(args.market_data) as md_channel, grpc.insecure_channel(args.trading) as tr_channel:
        market_data = market_data_pb2_grpc.MarketDataStub(md_channel)
        best_bid = stream_book(market_data, symbol, args.seconds)

        # A price well below the market, on the symbol's price tick, so that the order rests.
        try:
            listed = market_data.ListSymbols(market_data_pb2.ListSymbolsRequest(quote=quote)).symbols
        except grpc.RpcError as error:
            fail_rpc("ListSymbols", error)
        info = next((s for s in listed if s.symbol == symbol), None)
        if info is None or not best_bid.price:
            sys.exit(f"no {args.symbol} market or no bids")
        tick = Decimal(info.price_tick)
        price = f"{Decimal(best_bid.price) * Decimal('0.9') // tick * tick:.{info.price_precision}f}"

        trading = trading_pb2_grpc.TradingStub(tr_channel)
        auth = (("authorization", f"Bearer {token}"),)
        call = "PlaceOrder"
        try:
            order = trading.PlaceOrder(trading_pb2.PlaceOrderRequest(
                symbol=symbol, side=common_pb2.SIDE_BUY, type=trading_pb2.ORDER_TYPE_LIMIT,
                quantity=args.quantity, price=price, client_order_id=args.client_order_id), metadata=auth)
            print(f"placed order {order.order_id} (client order id {order.client_order_id}): "
                  f"{common_pb2.Side.Name(order.side)} {order.quantity} {args.symbol} @ {order.price}, "
                  f"{trading_pb2.OrderStatus.Name(order.status)}", flush=True)
            call = "GetOrder"
            order = trading.GetOrder(trading_pb2.GetOrderRequest(symbol=symbol, client_order_id=args.client_order_id), metadata=auth)
            print(f"read back order {order.order_id}: {trading_pb2.OrderStatus.Name(order.status)}, filled {order.filled_quantity}", flush=True)
            call = "CancelOrder"
            order = trading.CancelOrder(trading_pb2.CancelOrderRequest(symbol=symbol, order_id=order.order_id), metadata=auth)
            print(f"cancelled order {order.order_id}: {trading_pb2.OrderStatus.Name(order.status)}", flush=True)
        except grpc.RpcError as error:
            fail_rpc(call, error)


if __name__ == "__main__":
    main()
