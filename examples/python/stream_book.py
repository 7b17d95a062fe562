#!/usr/bin/env python3
"""Streams an order book from cex-gateway with stubs generated from the .proto files alone.

    python stream_book.py 127.0.0.1:50052 BTC USDT [--quiet-seconds 0.8]

Generates the Python stubs from ../../protos into a temporary folder (cexgw_stubs.py),
applies StreamOrderBook messages exactly as the API contract says (snapshot replaces, delta
sets levels, quantity "0" removes, sequence contiguous), prints "ready" after the first
snapshot, and once the stream has been quiet for --quiet-seconds prints the book as one JSON
line and exits.
"""
import argparse
import json
import threading
import time
from decimal import Decimal

import cexgw_stubs


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("address")
    parser.add_argument("base")
    parser.add_argument("quote")
    parser.add_argument("--quiet-seconds", type=float, default=0.8)
    args = parser.parse_args()

    cexgw_stubs.generate()
    import grpc
    from cexgw.v1 import common_pb2, market_data_pb2, market_data_pb2_grpc

    channel = grpc.insecure_channel(args.address)
    stub = market_data_pb2_grpc.MarketDataStub(channel)
    request = market_data_pb2.StreamOrderBookRequest(symbol=common_pb2.Symbol(base=args.base, quote=args.quote))

    book = {"bids": {}, "asks": {}}
    state = {"sequence": 0, "last_update_id": 0, "messages": 0, "last_at": time.monotonic(), "error": None}
    snapshot_kind = market_data_pb2.ORDER_BOOK_UPDATE_KIND_SNAPSHOT

    def apply_levels(side, levels):
        for level in levels:
            if Decimal(level.quantity) == 0:
                book[side].pop(Decimal(level.price), None)
            else:
                book[side][Decimal(level.price)] = Decimal(level.quantity)

    def reader():
        try:
            for update in stub.StreamOrderBook(request):
                if update.sequence != state["sequence"] + 1:
                    state["error"] = f"sequence jumped from {state['sequence']} to {update.sequence}"
                state["sequence"] = update.sequence
                if update.kind == snapshot_kind:
                    book["bids"].clear()
                    book["asks"].clear()
                    if state["messages"] == 0:
                        print("ready", flush=True)
                apply_levels("bids", update.bids)
                apply_levels("asks", update.asks)
                state["last_update_id"] = update.last_update_id
                state["messages"] += 1
                state["last_at"] = time.monotonic()
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.CANCELLED:
                state["error"] = f"{error.code().name}: {error.details()}"

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    while state["messages"] < 2 or time.monotonic() - state["last_at"] < args.quiet_seconds:
        if state["error"] or not thread.is_alive():
            break
        time.sleep(0.05)

    def render(side, reverse):
        return [[format(p, "f"), format(q, "f")] for p, q in sorted(book[side].items(), reverse=reverse)]

    print(json.dumps({
        "error": state["error"],
        "messages": state["messages"],
        "last_update_id": state["last_update_id"],
        "bids": render("bids", True),
        "asks": render("asks", False),
    }), flush=True)
    channel.close()


if __name__ == "__main__":
    main()
