import type { PrivateDealsV3Api, PrivateOrdersV3Api, PushDataV3ApiWrapper } from '@cexgw/mexc-proto';
import { GatewayError } from '../../core/errors.js';
import { PrivateExchangeBase } from '../../core/private-exchange-base.js';
import type { Balance, Fill, OrderRef, OrderRequest, OrderState, PrivateVenueConfig } from '../../core/private-exchange.js';
import { deliverPushItems } from '../../core/push-items.js';
import { endpointLimits } from '../../core/rate-limiter.js';
import type { Pair } from '../../core/symbol.js';
import { nowMicros, type SymbolInfo } from '../../core/types.js';
import { mexcSpotSettings } from './config.js';
import { serverTimeMs, symbolInfosFromExchangeInfo } from './parse.js';
import { int64 } from './int64.js';
import {
  balanceFromPush,
  balancesFromAccount,
  fillFromDeal,
  fillFromMyTrade,
  listOf,
  orderFromCancel,
  orderFromPlacement,
  orderFromPush,
  orderFromWire,
  symbolOfPush,
  venueOrderType,
} from './private-parse.js';
import { MexcSpotPrivateRest, MY_TRADES_PAGE } from './private-rest.js';
import { MEXC_SPOT } from './public.js';
import { MEXC_SPOT_RATE_LIMITS } from './rate-limits.js';
import { MexcSpotPublicRest } from './rest.js';
import { MexcFrameRouter } from './router.js';
import { mexcSymbolMapper } from './symbols.js';
import { MexcUserStream } from './user-stream.js';

/** MEXC spot trading: signed REST v3 and the listenKey protobuf stream. */
export class MexcSpotPrivate extends PrivateExchangeBase {
  readonly listsAllOpenOrders = false;

  private readonly publicRest: MexcSpotPublicRest;
  private readonly rest: MexcSpotPrivateRest;
  protected readonly privateStream: MexcUserStream;

  constructor(config: PrivateVenueConfig) {
    super(MEXC_SPOT, mexcSymbolMapper(), config);
    const settings = mexcSpotSettings(config);
    const rateLimits = endpointLimits(MEXC_SPOT_RATE_LIMITS); // one IP bucket for both clients
    this.publicRest = this.ownRest(new MexcSpotPublicRest(this.venue, settings.restBaseUrl, this.metrics, rateLimits));
    this.rest = this.ownRest(new MexcSpotPrivateRest(this.venue, settings.restBaseUrl, config.credentials, this.clock, this.metrics, rateLimits));
    const router = new MexcFrameRouter(
      {
        privateOrders: (push) => this.onOrderPush(push),
        privateDeals: (push) => this.onDealPush(push),
        privateAccount: (push) => this.onAccountPush(push),
      },
      this.metrics,
      this.logger,
    );
    this.privateStream = new MexcUserStream(
      this.rest,
      settings.wsUrl,
      { onMessage: (data, isBinary) => router.handleFrame(data, isBinary, nowMicros()), onStateChange: this.relayStreamState },
      this.metrics,
      this.logger,
      config.onSecret,
    );
  }

  protected async serverTimeMs(): Promise<number> {
    return serverTimeMs(await this.publicRest.serverTime());
  }

  protected async loadSymbols(): Promise<SymbolInfo[]> {
    return symbolInfosFromExchangeInfo(await this.publicRest.exchangeInfo());
  }

  protected openPrivateStream(): Promise<void> {
    return this.privateStream.start();
  }

  protected probeAuthenticated(): Promise<unknown> {
    return this.rest.account();
  }

  async placeOrder(request: OrderRequest): Promise<OrderState> {
    const info = this.catalog.get(request.symbol);
    const params = {
      symbol: info.venueSymbol,
      side: request.side === 'buy' ? 'BUY' : 'SELL',
      type: venueOrderType(request),
      quantity: request.quantity || undefined,
      quoteOrderQty: request.quoteQuantity || undefined,
      price: request.price || undefined,
      newClientOrderId: request.clientOrderId,
    };
    return orderFromPlacement(await this.rest.placeOrder(params), { ...request, symbol: info.symbol });
  }

  async cancelOrder(ref: OrderRef): Promise<OrderState> {
    const info = this.catalog.get(ref.symbol);
    return orderFromCancel(await this.rest.cancelOrder(info.venueSymbol, venueRef(ref)), info.symbol, this.clock.now());
  }

  async getOrder(ref: OrderRef): Promise<OrderState> {
    const info = this.catalog.get(ref.symbol);
    return orderFromWire(await this.rest.getOrder(info.venueSymbol, venueRef(ref)), info.symbol);
  }

  async listOpenOrders(symbol?: Pair): Promise<OrderState[]> {
    // MEXC lists open orders per symbol only.
    const infos = symbol ? [this.catalog.get(symbol)] : this.catalog.list().filter((info) => info.status === 'trading');
    if (!symbol && infos.length > 50) {
      throw new GatewayError('invalid_argument', 'mexc_spot lists open orders per symbol: give ListOpenOrders a symbol');
    }
    const lists = await Promise.all(infos.map(async (info) => listOf(await this.rest.openOrders(info.venueSymbol), 'open orders').map((wire) => orderFromWire(wire, info.symbol))));
    return lists.flat();
  }

  async getBalances(): Promise<Balance[]> {
    return balancesFromAccount(await this.rest.account());
  }

  async fillsSince(sinceMs: number, symbols: readonly Pair[]): Promise<Fill[]> {
    const fills: Fill[] = [];
    const untilMs = this.clock.now() + 1_000;
    for (const symbol of symbols) {
      const info = this.catalog.get(symbol);
      for (const trade of await this.tradesIn(info.venueSymbol, sinceMs, untilMs)) fills.push(fillFromMyTrade(trade, info.symbol));
    }
    return fills.sort((a, b) => a.timestampMs - b.timestampMs);
  }

  /**
   * Every fill of [fromMs, toMs]. MEXC answers at most 100 per call and does not document which
   * 100 when more match, so a full page splits the window in halves until no page is full.
   */
  private async tradesIn(venueSymbol: string, fromMs: number, toMs: number): Promise<unknown[]> {
    const page = listOf(await this.rest.myTrades(venueSymbol, fromMs, toMs), 'trades');
    if (page.length < MY_TRADES_PAGE || toMs - fromMs < 1) return page;
    const middle = Math.floor((fromMs + toMs) / 2);
    return [...(await this.tradesIn(venueSymbol, fromMs, middle)), ...(await this.tradesIn(venueSymbol, middle + 1, toMs))];
  }

  // Decoded bodies are the generated classes (every field set, defaults included); each push holds
  // one body. A body that does not read is counted and dropped: a lost fill comes back from REST
  // recovery.
  private symbolOf(push: PushDataV3ApiWrapper): Pair {
    return symbolOfPush(push.symbol, (venueSymbol) => this.symbolOfVenue(venueSymbol));
  }

  private onOrderPush(push: PushDataV3ApiWrapper): void {
    const sentMs = int64(push.sendTime);
    deliverPushItems(
      [push.privateOrders],
      push.channel,
      (body: PrivateOrdersV3Api) => orderFromPush(body, this.symbolOf(push), sentMs),
      (order) => this.listener?.onOrder(order),
      this.pushContext,
    );
  }

  private onDealPush(push: PushDataV3ApiWrapper): void {
    deliverPushItems(
      [push.privateDeals],
      push.channel,
      (body: PrivateDealsV3Api) => fillFromDeal(body, this.symbolOf(push)),
      (fill) => this.listener?.onFill(fill),
      this.pushContext,
    );
  }

  private onAccountPush(push: PushDataV3ApiWrapper): void {
    const sentMs = int64(push.sendTime) || Date.now();
    deliverPushItems([push.privateAccount], push.channel, balanceFromPush, (balance) => this.listener?.onBalances([balance], sentMs), this.pushContext);
  }
}

function venueRef(ref: OrderRef): { orderId?: string; origClientOrderId?: string } {
  if (ref.orderId) return { orderId: ref.orderId };
  if (ref.clientOrderId) return { origClientOrderId: ref.clientOrderId };
  throw new GatewayError('invalid_argument', 'give order_id or client_order_id');
}
