import { GatewayError } from '../../core/errors.js';
import { allPages, pageOf } from '../../core/paging.js';
import { PrivateExchangeBase } from '../../core/private-exchange-base.js';
import type { Balance, Fill, OrderRef, OrderRequest, OrderState, PrivateVenueConfig } from '../../core/private-exchange.js';
import { deliverPushItems } from '../../core/push-items.js';
import type { Pair } from '../../core/symbol.js';
import type { SymbolInfo } from '../../core/types.js';
import type { ShardedWsClient } from '../../core/ws-client.js';
import { gateioOrderId, textFromClientOrderId } from '../common/client-order-id.js';
import { gateioPrivateStream } from '../common/private-stream.js';
import { gateioSymbolMapper } from '../common/symbols.js';
import { GateioWsApi } from '../common/ws-api.js';
import { gateioTopic } from '../common/ws-envelope.js';
import { gateioSpotSettings } from './config.js';
import { spotWsOrderCalls, type SpotOrderCalls } from './order-calls.js';
import { symbolInfosFromPairs } from './parse.js';
import { balanceFromAccount, balanceFromPush, balanceTimeMs, fillFromWire, openOrdersFromGroups, orderBody, orderFromPush, orderFromWire } from './private-parse.js';
import { GateioSpotPrivateRest, MY_TRADES_MAX_PAGES, MY_TRADES_PAGE, OPEN_ORDERS_PAGE } from './private-rest.js';
import type { WireBalanceUpdate, WireSpotOrder, WireSpotOrderPush, WireUserTrade } from './private-wire.js';
import { GATEIO_SPOT } from './public.js';
import { GateioSpotPublicRest } from './rest.js';

const PRIVATE_CHANNELS = ['spot.orders', 'spot.usertrades', 'spot.balances'] as const;
/** Fill history is asked for in windows of at most this many seconds (Gate: `from` alone = 7 days). */
const TRADE_WINDOW_S = 7 * 24 * 3600;
const orderKey = (order: OrderState) => order.orderId;

/**
 * Gate.io spot trading: signed REST v4 and the authenticated spot.orders/usertrades/balances
 * channels; orders over REST or, configured so, over the websocket API.
 */
export class GateioSpotPrivate extends PrivateExchangeBase {
  readonly listsAllOpenOrders = true;

  private readonly publicRest: GateioSpotPublicRest;
  private readonly rest: GateioSpotPrivateRest;
  private readonly orders: SpotOrderCalls;
  protected readonly privateStream: ShardedWsClient;

  constructor(config: PrivateVenueConfig) {
    super(GATEIO_SPOT, gateioSymbolMapper(), config);
    const settings = gateioSpotSettings(config);
    this.publicRest = this.ownRest(new GateioSpotPublicRest(this.venue, settings.restBaseUrl, this.metrics));
    this.rest = this.ownRest(new GateioSpotPrivateRest(this.venue, settings.restBaseUrl, config.credentials, this.clock, this.metrics));
    const wsApi = settings.orderTransport === 'ws' ? new GateioWsApi({ ...this.streamContext, url: settings.wsUrl, market: 'spot', credentials: config.credentials }) : undefined;
    this.orderChannel = wsApi;
    this.orders = wsApi ? spotWsOrderCalls(wsApi, this.rest, this.rest.limits) : this.rest;
    this.privateStream = gateioPrivateStream({
      ...this.streamContext,
      url: settings.wsUrl,
      market: 'spot',
      credentials: config.credentials,
      handlers: {
        'spot.orders': (result) => this.onOrders(result),
        'spot.usertrades': (result) => this.onTrades(result),
        'spot.balances': (result) => this.onBalances(result),
      },
    });
  }

  protected serverTimeMs(): Promise<number> {
    return this.publicRest.serverTime();
  }

  protected async loadSymbols(): Promise<SymbolInfo[]> {
    return symbolInfosFromPairs(await this.publicRest.currencyPairs(), Math.floor(Date.now() / 1000));
  }

  protected async openPrivateStream(): Promise<void> {
    for (const channel of PRIVATE_CHANNELS) this.privateStream.subscribe(gateioTopic(channel, ['!all']));
  }

  protected probeAuthenticated(): Promise<unknown> {
    return this.rest.accounts();
  }

  async placeOrder(request: OrderRequest): Promise<OrderState> {
    const info = this.catalog.get(request.symbol);
    return orderFromWire(await this.orders.placeOrder(orderBody(request, info.venueSymbol)), info.symbol);
  }

  async cancelOrder(ref: OrderRef): Promise<OrderState> {
    const info = this.catalog.get(ref.symbol);
    return orderFromWire(await this.orders.cancelOrder(gateioOrderId(ref, this.venue), info.venueSymbol), info.symbol);
  }

  async getOrder(ref: OrderRef): Promise<OrderState> {
    const info = this.catalog.get(ref.symbol);
    try {
      return orderFromWire(await this.orders.getOrder(gateioOrderId(ref, this.venue), info.venueSymbol), info.symbol);
    } catch (error) {
      // Gate.io resolves a client id ("t-...") only while its order is open; a finished one is
      // found among the pair's finished orders. Resolving a placement that timed out needs both.
      if (ref.orderId || !(error instanceof GatewayError) || error.kind !== 'not_found') throw error;
      const text = textFromClientOrderId(ref.clientOrderId ?? '');
      const finished = (await this.rest.finishedOrders(info.venueSymbol)).find((wire) => wire.text === text);
      if (!finished) throw error;
      return orderFromWire(finished, info.symbol);
    }
  }

  async listOpenOrders(symbol?: Pair): Promise<OrderState[]> {
    // Paged (100 a page; on /spot/open_orders, 100 a page per pair): a kill-switch sweep must see all.
    if (symbol) {
      const info = this.catalog.get(symbol);
      const read = (rows: readonly WireSpotOrder[]) => rows.map((wire) => orderFromWire(wire, info.symbol));
      return allPages(async (index) => pageOf(await this.rest.openOrders(info.venueSymbol, index + 1), OPEN_ORDERS_PAGE, read), orderKey);
    }
    const symbolOf = (pair: string) => this.catalog.byVenueSymbol(pair)?.symbol;
    // A page is full when any pair's group is: that pair may have more on the next page.
    return allPages(async (index) => {
      const groups = await this.rest.allOpenOrders(index + 1);
      return { items: openOrdersFromGroups(groups, symbolOf), full: groups.some((group) => group.orders.length >= OPEN_ORDERS_PAGE) };
    }, orderKey);
  }

  async getBalances(): Promise<Balance[]> {
    return (await this.rest.accounts()).map(balanceFromAccount);
  }

  async fillsSince(sinceMs: number, symbols: readonly Pair[]): Promise<Fill[]> {
    const fills: Fill[] = [];
    const to = Math.ceil(this.clock.now() / 1000) + 1;
    for (const symbol of symbols) {
      const info = this.catalog.get(symbol);
      // Gate answers `from` alone with 7 days from it, and refuses ranges over 30 days: always
      // both bounds, in windows of at most a week.
      for (let from = Math.floor(sinceMs / 1000); from <= to; from += TRADE_WINDOW_S) {
        fills.push(...(await this.fillsIn(info.venueSymbol, info.symbol, from, Math.min(to, from + TRADE_WINDOW_S - 1))));
      }
    }
    return fills.filter((fill) => fill.timestampMs >= sinceMs).sort((a, b) => a.timestampMs - b.timestampMs);
  }

  /**
   * Every fill of [from, to] (seconds, inclusive). Gate pages only while limit x (page - 1) <=
   * 1000, so a window that fills both pages is split in halves until each half fits.
   */
  private async fillsIn(pair: string, symbol: Pair, from: number, to: number): Promise<Fill[]> {
    const fills: Fill[] = [];
    for (let page = 1; page <= MY_TRADES_MAX_PAGES; page++) {
      const trades = await this.rest.myTrades(pair, from, to, page);
      for (const trade of trades) fills.push(fillFromWire(trade, symbol));
      if (trades.length < MY_TRADES_PAGE) return fills;
    }
    if (to <= from) {
      throw new GatewayError('venue_unavailable', `${this.venue}: more than ${MY_TRADES_PAGE * MY_TRADES_MAX_PAGES} fills of ${pair} in one second cannot be paged; recovery will retry`, {
        venue: this.venue,
        retryable: true,
      });
    }
    const middle = Math.floor((from + to) / 2);
    return [...(await this.fillsIn(pair, symbol, from, middle)), ...(await this.fillsIn(pair, symbol, middle + 1, to))];
  }

  private onOrders(items: unknown): void {
    deliverPushItems<WireSpotOrderPush, OrderState>(
      items,
      'spot.orders',
      (wire) => this.readWith(wire?.currency_pair, (symbol) => orderFromPush(wire, symbol)),
      (order) => this.listener?.onOrder(order),
      this.pushContext,
    );
  }

  private onTrades(items: unknown): void {
    deliverPushItems<WireUserTrade, Fill>(
      items,
      'spot.usertrades',
      (wire) => this.readWith(wire?.currency_pair, (symbol) => fillFromWire(wire, symbol)),
      (fill) => this.listener?.onFill(fill),
      this.pushContext,
    );
  }

  private onBalances(items: unknown): void {
    const balances: Balance[] = [];
    let timestampMs = 0;
    deliverPushItems<WireBalanceUpdate, Balance>(
      items,
      'spot.balances',
      (wire) => {
        timestampMs ||= balanceTimeMs(wire);
        return balanceFromPush(wire);
      },
      (balance) => balances.push(balance),
      this.pushContext,
    );
    if (balances.length > 0) this.listener?.onBalances(balances, timestampMs || Date.now());
  }

  /** The item read against its pair's symbol; undefined for a pair the catalogue cannot name. */
  private readWith<T>(currencyPair: unknown, read: (symbol: Pair) => T): T | undefined {
    const symbol = typeof currencyPair === 'string' ? this.symbolOfVenue(currencyPair) : undefined;
    return symbol ? read(symbol) : undefined;
  }
}
