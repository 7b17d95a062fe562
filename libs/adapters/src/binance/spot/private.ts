import { GatewayError } from '../../core/errors.js';
import { PrivateExchangeBase } from '../../core/private-exchange-base.js';
import type { Balance, Fill, OrderRef, OrderRequest, OrderState, PrivateVenueConfig } from '../../core/private-exchange.js';
import type { Pair } from '../../core/symbol.js';
import type { SymbolInfo } from '../../core/types.js';
import { readVenueOptions } from '../../core/venue-options.js';
import { binanceSigner } from '../common/auth.js';
import { ClientOrderIds, fillsFromHistory } from '../common/fill-history.js';
import { serverTimeOf } from '../common/market-parse.js';
import { BinancePublicRest } from '../common/public-rest.js';
import { BinanceRateLimits } from '../common/rate-limits.js';
import { binanceSymbolMapper } from '../common/symbols.js';
import { BINANCE_SPOT_OPTIONS } from './config.js';
import { BINANCE_SPOT_REST_URL, BINANCE_SPOT_WS_API_URL } from './constants.js';
import { BINANCE_SPOT, read, symbolInfosFromExchangeInfo } from './parse.js';
import { balancesFromAccount, fillFromMyTrade, orderFromWire, readUserEvent, venueOrderParams, type UserEvent } from './private-parse.js';
import { BinanceSpotPrivateRest, MY_TRADES_PAGE, MY_TRADES_WINDOW_MS, type OrderKey } from './private-rest.js';
import { SPOT_PATHS } from './public.js';
import { BINANCE_SPOT_LIMITS } from './rate-limits.js';
import { BinanceSpotUserStream } from './user-stream.js';

/**
 * Where the WebSocket API answers: the `ws_api_url` option; else, when the market streams are
 * served from the REST API's own host and port (a simulator, or one proxy in front of both),
 * `/ws-api/v3` there; else the live venue's (which has it on a host of its own).
 */
export function wsApiUrlOf(config: PrivateVenueConfig): string {
  const { ws_api_url: option } = readVenueOptions(BINANCE_SPOT, BINANCE_SPOT_OPTIONS, config.options);
  if (option) return option;
  if (config.wsUrl && config.restBaseUrl && new URL(config.wsUrl).host === new URL(config.restBaseUrl).host) return `${config.wsUrl.replace(/\/+$/, '')}/ws-api/v3`;
  return BINANCE_SPOT_WS_API_URL;
}

/** Binance spot trading: signed REST /api/v3 and the user data stream of the WebSocket API. */
export class BinanceSpotPrivate extends PrivateExchangeBase {
  /** GET /api/v3/openOrders without a symbol answers every open order of the account. */
  readonly listsAllOpenOrders = true;

  private readonly publicRest: BinancePublicRest;
  private readonly rest: BinanceSpotPrivateRest;
  protected readonly privateStream: BinanceSpotUserStream;
  private readonly clientIds = new ClientOrderIds(
    async (venueSymbol, orderId) => orderFromWire(await this.rest.getOrder(venueSymbol, { orderId }), this.catalog.byVenueSymbol(venueSymbol)!.symbol).clientOrderId,
  );

  constructor(config: PrivateVenueConfig) {
    super(BINANCE_SPOT, binanceSymbolMapper(), config);
    const restBaseUrl = config.restBaseUrl ?? BINANCE_SPOT_REST_URL;
    const rateLimits = new BinanceRateLimits(BINANCE_SPOT_LIMITS, this.metrics); // one IP weight for both clients
    this.publicRest = this.ownRest(new BinancePublicRest(this.venue, restBaseUrl, SPOT_PATHS, this.metrics, rateLimits));
    this.rest = this.ownRest(new BinanceSpotPrivateRest(this.venue, restBaseUrl, config.credentials, this.clock, this.metrics, rateLimits));
    this.privateStream = new BinanceSpotUserStream(
      wsApiUrlOf(config),
      config.credentials,
      binanceSigner(config.credentials),
      this.clock,
      { onEvent: (event) => this.onEvent(event), onState: (up, detail) => this.listener?.onStreamState(up, detail) },
      this.metrics,
      this.logger,
    );
  }

  protected async serverTimeMs(): Promise<number> {
    return serverTimeOf(read, await this.publicRest.serverTime());
  }

  protected async loadSymbols(): Promise<SymbolInfo[]> {
    return symbolInfosFromExchangeInfo(await this.publicRest.exchangeInfo());
  }

  protected openPrivateStream(): Promise<void> {
    this.privateStream.start(); // connects and subscribes in the background; its state reaches the listener
    return Promise.resolve();
  }

  protected probeAuthenticated(): Promise<unknown> {
    return this.rest.account();
  }

  async placeOrder(request: OrderRequest): Promise<OrderState> {
    const info = this.catalog.get(request.symbol);
    const answer = await this.rest.placeOrder({
      symbol: info.venueSymbol,
      side: request.side === 'buy' ? 'BUY' : 'SELL',
      ...venueOrderParams(request),
      quantity: request.quantity || undefined,
      quoteOrderQty: request.quoteQuantity || undefined,
      price: request.price || undefined,
      newClientOrderId: request.clientOrderId,
    });
    return orderFromWire(answer, info.symbol, 'placed');
  }

  async cancelOrder(ref: OrderRef): Promise<OrderState> {
    const info = this.catalog.get(ref.symbol);
    return orderFromWire(await this.rest.cancelOrder(info.venueSymbol, orderKey(ref)), info.symbol, 'cancelled');
  }

  async getOrder(ref: OrderRef): Promise<OrderState> {
    const info = this.catalog.get(ref.symbol);
    return orderFromWire(await this.rest.getOrder(info.venueSymbol, orderKey(ref)), info.symbol);
  }

  async listOpenOrders(symbol?: Pair): Promise<OrderState[]> {
    const only = symbol ? this.catalog.get(symbol) : undefined;
    return read.list(await this.rest.openOrders(only?.venueSymbol), 'open orders').map((item) => {
      const venueSymbol = read.text(read.object(item, 'an order').symbol, 'a symbol');
      const listed = only ?? this.catalog.byVenueSymbol(venueSymbol);
      if (!listed) throw read.malformed('an open order symbol', venueSymbol, 'a symbol the venue lists');
      return orderFromWire(item, listed.symbol);
    });
  }

  async getBalances(): Promise<Balance[]> {
    return balancesFromAccount(await this.rest.account());
  }

  async fillsSince(sinceMs: number, symbols: readonly Pair[]): Promise<Fill[]> {
    const markets = symbols.map((symbol) => {
      const info = this.catalog.get(symbol);
      return { venueSymbol: info.venueSymbol, toFill: (trade: unknown) => fillFromMyTrade(trade, info.symbol) };
    });
    const history = {
      page: (venueSymbol: string, range: Parameters<BinanceSpotPrivateRest['myTrades']>[1]) => this.rest.myTrades(venueSymbol, range),
      windowMs: MY_TRADES_WINDOW_MS,
      pageSize: MY_TRADES_PAGE,
    };
    return fillsFromHistory(read, history, this.clientIds, markets, sinceMs, this.clock.now() + 1_000);
  }

  /** A user data event; one that does not read is counted and dropped (a lost fill comes back from REST recovery). */
  private onEvent(event: Record<string, unknown>): void {
    let read: UserEvent;
    try {
      read = readUserEvent(event, (venueSymbol) => this.catalog.byVenueSymbol(venueSymbol)?.symbol);
    } catch (error) {
      this.metrics.wsMessagesMalformed++;
      this.logger.warn({ event: event.e, err: (error as Error).message }, 'malformed user data event dropped');
      return;
    }
    if (read.order) this.clientIds.note(read.order.orderId, read.order.clientOrderId);
    if (read.fill) this.listener?.onFill(read.fill);
    if (read.order) this.listener?.onOrder(read.order);
    if (read.balances) this.listener?.onBalances(read.balances, read.timestampMs ?? Date.now());
  }
}

function orderKey(ref: OrderRef): OrderKey {
  if (ref.orderId) return { orderId: ref.orderId };
  if (ref.clientOrderId) return { origClientOrderId: ref.clientOrderId };
  throw new GatewayError('invalid_argument', 'give order_id or client_order_id');
}
