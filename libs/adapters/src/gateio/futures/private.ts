import { requireExactContracts } from '../../core/contracts.js';
import { GatewayError } from '../../core/errors.js';
import type { ContractInfo } from '../../core/futures-exchange.js';
import type { FuturesBalance, FuturesPrivateExchange, FuturesPrivateListener, LeverageSetting, MarginMode, Position } from '../../core/futures-private.js';
import { allPages, pageOf } from '../../core/paging.js';
import { PositionRefresher } from '../../core/position-refresher.js';
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
import { gateioFuturesSettings } from './config.js';
import { PRIVATE_CHANNEL, SIZE_DECIMAL_HEADER } from './constants.js';
import { futuresWsOrderCalls, type FuturesOrderCalls } from './order-calls.js';
import { contractCatalogue } from './parse.js';
import {
  balanceFromAccount,
  fillFromPush,
  accountUserId,
  requireSinglePositionMode,
  ordersFromWire,
  openPositionsFromWire,
  tradeHistoryFills,
  futuresBalanceFromAccount,
  orderBody,
  orderFromPush,
  orderFromWire,
  positionFromWire,
  requireLeverageInRange,
} from './private-parse.js';
import { GateioFuturesPrivateRest, MY_TRADES_PAGE, ORDERS_PAGE } from './private-rest.js';
import type { WireFuturesBalancePush, WireFuturesOrder, WireFuturesOrderPush, WireFuturesTradeHistoryItem, WireFuturesPositionPush, WireFuturesUserTrade } from './private-wire.js';
import { GATEIO_FUTURES } from './public.js';
import { GateioFuturesPublicRest } from './rest.js';

/**
 * Gate.io USDT perpetual futures trading: signed REST v4 under /futures/usdt and the
 * authenticated futures.orders / usertrades / positions / balances channels (subscribed with
 * the account's user id first in the payload, as the venue requires). Single position mode.
 * Orders are sized in base units on the unified side and in signed contracts on the wire; a
 * size that is not a whole number of contracts is refused, never rounded. Orders travel over REST
 * or, configured so, over the websocket API.
 */
export class GateioFuturesPrivate extends PrivateExchangeBase<FuturesPrivateListener> implements FuturesPrivateExchange {
  readonly listsAllOpenOrders = true;

  private readonly publicRest: GateioFuturesPublicRest;
  private readonly rest: GateioFuturesPrivateRest;
  private readonly orders: FuturesOrderCalls;
  protected readonly privateStream: ShardedWsClient;
  private readonly positions: PositionRefresher;
  private contracts = new Map<string, ContractInfo>();
  private balanceRead: Promise<void> | undefined;

  constructor(config: PrivateVenueConfig) {
    super(GATEIO_FUTURES, gateioSymbolMapper(), config);
    const settings = gateioFuturesSettings(config);
    this.publicRest = this.ownRest(new GateioFuturesPublicRest(this.venue, settings.restBaseUrl, this.metrics));
    this.rest = this.ownRest(new GateioFuturesPrivateRest(this.venue, settings.restBaseUrl, config.credentials, this.clock, this.metrics));
    const wsApi =
      settings.orderTransport === 'ws'
        ? new GateioWsApi({ ...this.streamContext, url: settings.wsUrl, market: 'futures', credentials: config.credentials, headers: SIZE_DECIMAL_HEADER, exactNumbers: true })
        : undefined;
    this.orderChannel = wsApi;
    this.orders = wsApi ? futuresWsOrderCalls(wsApi, this.rest, this.rest.limits) : this.rest;
    this.positions = new PositionRefresher(
      (contract) => this.readPosition(contract),
      (position) => this.listener?.onPosition(position),
      this.logger,
      settings.positionPollMs,
    );
    this.privateStream = gateioPrivateStream({
      ...this.streamContext,
      url: settings.wsUrl,
      market: 'futures',
      headers: SIZE_DECIMAL_HEADER,
      exactNumbers: true,
      credentials: config.credentials,
      handlers: {
        [PRIVATE_CHANNEL.orders]: (result) => this.onOrders(result),
        [PRIVATE_CHANNEL.userTrades]: (result) => this.onTrades(result),
        [PRIVATE_CHANNEL.positions]: (result) => this.onPositions(result as WireFuturesPositionPush[]),
        [PRIVATE_CHANNEL.balances]: (result) => this.onBalances(result as WireFuturesBalancePush[]),
      },
    });
  }

  protected serverTimeMs(): Promise<number> {
    return this.publicRest.serverTime();
  }

  protected async loadSymbols(): Promise<SymbolInfo[]> {
    const { infos, contracts } = contractCatalogue(await this.publicRest.contracts());
    this.contracts = contracts;
    return infos;
  }

  protected async openPrivateStream(): Promise<void> {
    // The private channels want the account's user id first in every payload.
    requireSinglePositionMode(await this.rest.account());
    const user = accountUserId(await this.rest.accountDetail());
    for (const channel of [PRIVATE_CHANNEL.orders, PRIVATE_CHANNEL.userTrades, PRIVATE_CHANNEL.positions]) {
      this.privateStream.subscribe(gateioTopic(channel, [user, '!all']));
    }
    this.privateStream.subscribe(gateioTopic(PRIVATE_CHANNEL.balances, [user]));
    for (const position of await this.getPositions()) this.positions.seen(this.contractInfo(position.symbol).venueSymbol, position);
    this.positions.start();
  }

  override async close(): Promise<void> {
    this.positions.stop();
    await super.close();
  }

  protected probeAuthenticated(): Promise<unknown> {
    return this.rest.account();
  }

  listContracts(): readonly ContractInfo[] {
    return [...this.contracts.values()];
  }

  contractInfo(symbol: Pair): ContractInfo {
    const info = this.catalog.get(symbol); // NOT_FOUND for a contract the venue does not list
    return this.contracts.get(info.venueSymbol)!;
  }

  async placeOrder(request: OrderRequest): Promise<OrderState> {
    const contract = this.contractInfo(request.symbol);
    const contracts = requireExactContracts(request.quantity, contract.contractMultiplier, contract.venueSymbol);
    return orderFromWire(await this.orders.placeOrder(orderBody(request, contract, contracts)), contract);
  }

  async cancelOrder(ref: OrderRef): Promise<OrderState> {
    const contract = this.contractInfo(ref.symbol);
    return orderFromWire(await this.orders.cancelOrder(gateioOrderId(ref, this.venue)), contract);
  }

  async getOrder(ref: OrderRef): Promise<OrderState> {
    const contract = this.contractInfo(ref.symbol);
    try {
      return orderFromWire(await this.orders.getOrder(gateioOrderId(ref, this.venue)), contract);
    } catch (error) {
      // A "t-..." text resolves only while the order is open and for 60 s after: later, look
      // among the contract's finished orders (resolving a placement that timed out needs it).
      if (ref.orderId || !(error instanceof GatewayError) || error.kind !== 'not_found') throw error;
      const text = textFromClientOrderId(ref.clientOrderId ?? '', this.venue);
      const finished = (await this.rest.orders('finished', contract.venueSymbol)).find((wire) => wire.text === text);
      if (!finished) throw error;
      return orderFromWire(finished, contract);
    }
  }

  async listOpenOrders(symbol?: Pair): Promise<OrderState[]> {
    const only = symbol ? this.contractInfo(symbol) : undefined;
    // Paged: a kill-switch sweep must see every open order, not the first page.
    const read = (rows: readonly WireFuturesOrder[]) => ordersFromWire(rows, this.contracts);
    return allPages(
      async (index) => pageOf(await this.rest.orders('open', only?.venueSymbol, index * ORDERS_PAGE), ORDERS_PAGE, read),
      (order) => order.orderId,
    );
  }

  async getBalances(): Promise<Balance[]> {
    return [balanceFromAccount(await this.rest.account())];
  }

  async getFuturesBalance(): Promise<FuturesBalance> {
    return futuresBalanceFromAccount(await this.rest.account());
  }

  async setLeverage(symbol: Pair, leverage: number, marginMode: MarginMode): Promise<LeverageSetting> {
    const contract = this.contractInfo(symbol);
    requireLeverageInRange(leverage, contract, this.venue);
    const position = positionFromWire(await this.rest.setLeverage(contract.venueSymbol, leverage, marginMode === 'cross'), contract);
    this.positions.changed(contract.venueSymbol);
    return { symbol: contract.symbol, leverage: position.leverage, marginMode: position.marginMode };
  }

  async getPositions(symbol?: Pair): Promise<Position[]> {
    if (symbol) return [await this.readPosition(this.contractInfo(symbol).venueSymbol)];
    return openPositionsFromWire(await this.rest.positions(), this.contracts);
  }

  async fillsSince(sinceMs: number, symbols: readonly Pair[]): Promise<Fill[]> {
    const fills: Fill[] = [];
    const from = Math.floor(sinceMs / 1000);
    const to = Math.ceil(this.clock.now() / 1000) + 1;
    const venueSymbols = symbols.length > 0 ? symbols.map((symbol) => this.contractInfo(symbol).venueSymbol) : [undefined];
    for (const venueSymbol of venueSymbols) {
      // Paged: a recovery window can hold more than one page of fills. An unreadable row fails
      // the recovery (the caller keeps its watermark and retries): skipping it would let the
      // watermark pass a fill the venue did make.
      const read = (rows: readonly WireFuturesTradeHistoryItem[]) => tradeHistoryFills(rows, this.contracts);
      const page = async (index: number) => pageOf(await this.rest.myTrades(venueSymbol, from, to, index * MY_TRADES_PAGE), MY_TRADES_PAGE, read);
      fills.push(...(await allPages(page, (fill) => `${fill.fillId}/${fill.orderId}`)));
    }
    return fills.filter((fill) => fill.timestampMs >= sinceMs).sort((a, b) => a.timestampMs - b.timestampMs);
  }

  private async readPosition(venueSymbol: string): Promise<Position> {
    const contract = this.contracts.get(venueSymbol);
    if (!contract) throw new GatewayError('not_found', `${this.venue} lists no contract ${venueSymbol}`, { venue: this.venue });
    try {
      return positionFromWire(await this.rest.position(venueSymbol), contract);
    } catch (error) {
      // No position yet on this contract: flat.
      if (error instanceof GatewayError && error.kind === 'not_found' && error.venueCode === 'POSITION_NOT_FOUND') {
        return positionFromWire({ contract: venueSymbol, size: '0', leverage: '0' }, contract);
      }
      throw error;
    }
  }

  private onOrders(items: unknown): void {
    deliverPushItems<WireFuturesOrderPush, OrderState>(
      items,
      PRIVATE_CHANNEL.orders,
      (wire) => this.readWith(wire?.contract, (contract) => orderFromPush(wire, contract)),
      (order) => this.listener?.onOrder(order),
      this.pushContext,
    );
  }

  private onTrades(items: unknown): void {
    deliverPushItems<WireFuturesUserTrade, Fill>(
      items,
      PRIVATE_CHANNEL.userTrades,
      (wire) => this.readWith(wire?.contract, (contract) => fillFromPush(wire, contract)),
      (fill) => this.listener?.onFill(fill),
      this.pushContext,
    );
  }

  /** The item read against its contract; undefined for a contract the catalogue does not list. */
  private readWith<T>(name: unknown, read: (contract: ContractInfo) => T): T | undefined {
    const contract = typeof name === 'string' ? this.contracts.get(name) : undefined;
    return contract ? read(contract) : undefined;
  }

  private onPositions(pushes: WireFuturesPositionPush[]): void {
    for (const wire of Array.isArray(pushes) ? pushes : []) {
      if (this.contracts.has(wire.contract)) this.positions.changed(wire.contract);
    }
  }

  /** futures.balances says how the balance moved, not what is available: re-read the account (coalesced). */
  private onBalances(updates: WireFuturesBalancePush[]): void {
    if (!Array.isArray(updates) || updates.length === 0 || this.balanceRead) return;
    this.balanceRead = this.rest
      .account()
      .then((account) => this.listener?.onBalances([balanceFromAccount(account)], Date.now()))
      .catch((error: Error) => this.logger.warn({ err: error.message }, 'futures account re-read failed'))
      .finally(() => (this.balanceRead = undefined));
  }
}
