// Command cexgw-example is a small Go client of cex-gateway, built from the .proto files alone
// (./generate.sh writes the code into ./gen). It streams an order book for a few seconds, keeping
// a local copy from the snapshot and deltas, then places a limit buy below the market on the
// Trading service, reads it back and cancels it.
//
//	./generate.sh
//	export CEXGW_TOKEN=<gateway token>
//	go run . -market-data 127.0.0.1:50052 -trading 127.0.0.1:50062 -symbol BTC/USDT
//
// Errors print the gRPC code, its details and the cexgw-* trailers, and exit 1.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/big"
	"os"
	"sort"
	"strings"
	"time"

	cexgwv1 "github.com/cex-gateway/cexgw/examples/go/gen/cexgw/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

func main() {
	marketData := flag.String("market-data", "127.0.0.1:50052", "MarketData service address")
	tradingAddr := flag.String("trading", "127.0.0.1:50062", "Trading service address (token from $CEXGW_TOKEN)")
	symbolFlag := flag.String("symbol", "BTC/USDT", "symbol as BASE/QUOTE")
	duration := flag.Duration("duration", 3*time.Second, "how long to stream the book")
	quantity := flag.String("quantity", "0.001", "order quantity in base units")
	clientOrderID := flag.String("client-order-id", fmt.Sprintf("go-%d", time.Now().UnixMilli()), "client order id (idempotency key)")
	flag.Parse()

	base, quote, ok := strings.Cut(*symbolFlag, "/")
	token := os.Getenv("CEXGW_TOKEN")
	if !ok || token == "" {
		fmt.Fprintln(os.Stderr, "usage: CEXGW_TOKEN=<token> cexgw-example [-market-data addr] [-trading addr] [-symbol BASE/QUOTE]")
		os.Exit(2)
	}
	symbol := &cexgwv1.Symbol{Base: base, Quote: quote}

	// Local loopback without TLS; use credentials.NewClientTLSFromFile for a TLS gateway.
	mdConn := mustConnect(*marketData)
	defer mdConn.Close()
	md := cexgwv1.NewMarketDataClient(mdConn)
	bids := streamBook(md, symbol, *duration)

	// A price well below the market, on the symbol's price tick, so that the order rests.
	var trailer metadata.MD
	symbols, err := md.ListSymbols(context.Background(), &cexgwv1.ListSymbolsRequest{Quote: quote}, grpc.Trailer(&trailer))
	check("ListSymbols", err, trailer)
	info := findSymbol(symbols.Symbols, symbol)
	if info == nil || bids.best(true) == nil {
		fail("no %s/%s market or no bids", base, quote)
	}
	price := belowMarket(bids.best(true).Price, info.PriceTick, info.PricePrecision)

	trConn := mustConnect(*tradingAddr)
	defer trConn.Close()
	trading := cexgwv1.NewTradingClient(trConn)
	ctx := metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+token)

	order, err := trading.PlaceOrder(ctx, &cexgwv1.PlaceOrderRequest{
		Symbol: symbol, Side: cexgwv1.Side_SIDE_BUY, Type: cexgwv1.OrderType_ORDER_TYPE_LIMIT,
		Quantity: *quantity, Price: price, ClientOrderId: *clientOrderID,
	}, grpc.Trailer(&trailer))
	check("PlaceOrder", err, trailer)
	fmt.Printf("placed order %s (client order id %s): %s %s %s @ %s, %s\n", order.OrderId, order.ClientOrderId, order.Side, order.Quantity, *symbolFlag, order.Price, order.Status)

	order, err = trading.GetOrder(ctx, &cexgwv1.GetOrderRequest{Symbol: symbol, ClientOrderId: *clientOrderID}, grpc.Trailer(&trailer))
	check("GetOrder", err, trailer)
	fmt.Printf("read back order %s: %s, filled %s\n", order.OrderId, order.Status, order.FilledQuantity)

	order, err = trading.CancelOrder(ctx, &cexgwv1.CancelOrderRequest{Symbol: symbol, OrderId: order.OrderId}, grpc.Trailer(&trailer))
	check("CancelOrder", err, trailer)
	fmt.Printf("cancelled order %s: %s\n", order.OrderId, order.Status)
}

// book is one side of an order book, keyed by the exact value of the price, so that "65000.10"
// and "65000.1" are one level. Decimals stay exact (math/big), never float64.
type book map[string]*cexgwv1.PriceLevel

func (b book) apply(levels []*cexgwv1.PriceLevel) {
	for _, level := range levels {
		key := decimal(level.Price).RatString()
		if decimal(level.Quantity).Sign() == 0 {
			delete(b, key) // quantity "0" removes the level
		} else {
			b[key] = level
		}
	}
}

// best is the highest level (bids) or the lowest (asks); nil when the side is empty.
func (b book) best(highest bool) *cexgwv1.PriceLevel {
	var best *cexgwv1.PriceLevel
	for _, level := range b {
		if best == nil || (decimal(level.Price).Cmp(decimal(best.Price)) > 0) == highest {
			best = level
		}
	}
	return best
}

// streamBook follows StreamOrderBook for d: a reset snapshot replaces the book, a delta sets
// levels, and the sequence must go up by exactly one each message.
func streamBook(md cexgwv1.MarketDataClient, symbol *cexgwv1.Symbol, d time.Duration) (bids book) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	time.AfterFunc(d, cancel) // a cancel, not a deadline: the server sees no time limit
	stream, err := md.StreamOrderBook(ctx, &cexgwv1.StreamOrderBookRequest{Symbol: symbol})
	check("StreamOrderBook", err, nil)
	bids, asks := book{}, book{}
	var sequence, lastUpdateID uint64
	messages, snapshots := 0, 0
	for {
		update, err := stream.Recv()
		if ctx.Err() != nil || errors.Is(err, io.EOF) {
			break // our own cancel after d, or the server ended the stream
		}
		check("StreamOrderBook", err, stream.Trailer())
		if update.Sequence != sequence+1 {
			fail("sequence jumped from %d to %d", sequence, update.Sequence)
		}
		sequence = update.Sequence
		if update.Reset_ {
			bids, asks = book{}, book{}
			snapshots++
			if snapshots == 1 {
				fmt.Printf("snapshot %s/%s: %d bids, %d asks\n", symbol.Base, symbol.Quote, len(update.Bids), len(update.Asks))
			}
		}
		bids.apply(update.Bids)
		asks.apply(update.Asks)
		lastUpdateID = update.LastUpdateId
		messages++
	}
	bestBid, bestAsk := bids.best(true), asks.best(false)
	fmt.Printf("book %s/%s after %d messages (snapshots: %d, update id %d): best bid %s x %s, best ask %s x %s\n",
		symbol.Base, symbol.Quote, messages, snapshots, lastUpdateID, bestBid.GetPrice(), bestBid.GetQuantity(), bestAsk.GetPrice(), bestAsk.GetQuantity())
	return bids
}

// belowMarket is 90 % of the best bid, rounded down to a multiple of the price tick, exactly.
func belowMarket(bestBid, tick string, precision uint32) string {
	ticks := new(big.Rat).Quo(new(big.Rat).Mul(decimal(bestBid), big.NewRat(9, 10)), decimal(tick))
	whole := new(big.Int).Quo(ticks.Num(), ticks.Denom()) // rounds down: the price is positive
	return new(big.Rat).Mul(new(big.Rat).SetInt(whole), decimal(tick)).FloatString(int(precision))
}

func findSymbol(symbols []*cexgwv1.SymbolInfo, want *cexgwv1.Symbol) *cexgwv1.SymbolInfo {
	for _, info := range symbols {
		if info.Symbol.GetBase() == want.Base && info.Symbol.GetQuote() == want.Quote {
			return info
		}
	}
	return nil
}

func mustConnect(address string) *grpc.ClientConn {
	conn, err := grpc.NewClient(address, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		fail("%s: %v", address, err)
	}
	return conn
}

func decimal(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		fail("not a decimal: %q", s)
	}
	return r
}

// check exits with the gRPC code, details and the gateway's cexgw-* trailers when err is set.
func check(call string, err error, trailer metadata.MD) {
	if err == nil {
		return
	}
	st := status.Convert(err)
	fmt.Fprintf(os.Stderr, "%s failed: %s: %s\n", call, st.Code(), st.Message())
	keys := make([]string, 0, len(trailer))
	for key := range trailer {
		if strings.HasPrefix(key, "cexgw-") {
			keys = append(keys, key)
		}
	}
	sort.Strings(keys)
	for _, key := range keys {
		fmt.Fprintf(os.Stderr, "  %s: %s\n", key, strings.Join(trailer[key], ", "))
	}
	os.Exit(1)
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}
