import { requireExactContracts, requireLeverageInRange } from '../../core/contracts.js';
import { GatewayError } from '../../core/errors.js';
import type { ContractInfo } from '../../core/futures-exchange.js';
import type { FuturesBalance, FuturesPrivateExchange, FuturesPrivateListener, LeverageSetting, MarginMode, Position } from '../../core/futures-private.js';
import { PositionRefresher } from '../../core/position-refresher.js';
import { PrivateExchangeBase } from '../../core/private-exchange-base.js';
import type { Balance, Fill, OrderRef, OrderRequest, OrderState, PrivateVenueConfig } from '../../core/private-exchange.js';
import type { Pair } from '../../core/symbol.js';
import type { SymbolInfo } from '../../core/types.js';
import { readVenueOptions } from '../../core/venue-options.js';
import { ClientOrderIds, fillsFromHistory } from '../common/fill-history.js';
import { serverTimeOf } from '../common/market-parse.js';
import { BinancePublicRest } from '../common/public-rest.js';
import { BinanceRateLimits } from '../common/rate-limits.js';
import { binanceSymbolMapper } from '../common/symbols.js';
import { BINANCE_USDM_OPTIONS } from './config.js';
import { BINANCE_USDM_REST_URL, BINANCE_USDM_WS_URL } from './constants.js';
import { BINANCE_USDM, read } from './parse.js';
import {
  balanceFromAccount,
  fillFromUserTrade,
  futuresBalanceFromAccount,
  leverageOf,
  marginTypeOf,
  maxLeverages,
  orderFromWire,
  positionFromRisk,
  readUsdmUserEvent,
  requireOneWayMode,
  venueOrderParams,
  type OrderAnswer,
  type UsdmUserEvent,
} from './private-parse.js';
import { BinanceUsdmPrivateRest, USER_TRADES_PAGE, USER_TRADES_WINDOW_MS, type OrderKey } from './private-rest.js';
import { loadUsdmCatalogue, USDM_PATHS } from './public.js';
import { BINANCE_USDM_LIMITS } from './rate-limits.js';
import { BinanceUsdmUserStream } from './user-stream.js';

/** The settle asset of USDⓈ-M (the gateway trades USDT-margined perpetuals). */
const SETTLE_ASSET = 'USDT';
/** "No need to change margin type.": the contract already has the margin type asked for. */
const MARGIN_TYPE_UNCHANGED = '-4046';

/**
 * Binance USDⓈ-M perpetual futures trading: signed REST under /fapi and the listenKey user data
 * stream (ORDER_TRADE_UPDATE, ACCOUNT_UPDATE). One-way position mode only (hedge mode is refused
 * at start, as on Gate.io). Sizes are base units on the unified side, whole LOT_SIZE steps per the
 * venue; a size between steps is refused, never rounded.
 */
export class BinanceUsdmPrivate extends PrivateExchangeBase<FuturesPrivateListener> implements FuturesPrivateExchange {
  readonly listsAllOpenOrders = true;

  private readonly publicRest: BinancePublicRest;
  private readonly rest: BinanceUsdmPrivateRest;
  protected readonly privateStream: BinanceUsdmUserStream;
  private readonly positions: PositionRefresher;
  private readonly clientIds: ClientOrderIds;
  private contracts = new Map<string, ContractInfo>();
  private balanceRead: Promise<void> | undefined;

  constructor(config: PrivateVenueConfig) {
    super(BINANCE_USDM, binanceSymbolMapper(), config);
    const options = readVenueOptions(BINANCE_USDM, BINANCE_USDM_OPTIONS, config.options);
    const restBaseUrl = config.restBaseUrl ?? BINANCE_USDM_REST_URL;
    const rateLimits = new BinanceRateLimits(BINANCE_USDM_LIMITS, this.metrics); // one IP weight for both clients
    this.publicRest = this.ownRest(new BinancePublicRest(this.venue, restBaseUrl, USDM_PATHS, this.metrics, rateLimits));
    this.rest = this.ownRest(new BinanceUsdmPrivateRest(this.venue, restBaseUrl, config.credentials, this.clock, this.metrics, rateLimits));
    this.clientIds = new ClientOrderIds(async (venueSymbol, orderId) => this.readOrder(this.contracts.get(venueSymbol)!, { orderId }).then((o) => o.clientOrderId));
    this.positions = new PositionRefresher(
      (venueSymbol) => this.readPosition(venueSymbol),
      (position) => this.listener?.onPosition(position),
      this.logger,
      options.position_poll_ms,
    );
    this.privateStream = new BinanceUsdmUserStream(
      this.rest,
      config.wsUrl ?? BINANCE_USDM_WS_URL,
      { onEvent: (event) => this.onEvent(event), onState: (up, detail) => this.listener?.onStreamState(up, detail) },
      this.metrics,
      this.logger,
      config.onSecret,
    );
  }

  protected async serverTimeMs(): Promise<number> {
    return serverTimeOf(read, await this.publicRest.serverTime());
  }

  protected async loadSymbols(): Promise<SymbolInfo[]> {
    const { infos, contracts } = await loadUsdmCatalogue(this.publicRest);
    this.contracts = contracts;
    return infos;
  }

  protected async openPrivateStream(): Promise<void> {
    // Signed reads, so after the clock: hedge mode is refused, and the account's leverage cap per contract is its first notional bracket.
    requireOneWayMode(await this.rest.positionMode());
    const caps = maxLeverages(await this.rest.leverageBrackets());
    this.contracts = new Map([...this.contracts].map(([venueSymbol, contract]) => [venueSymbol, { ...contract, maxLeverage: caps.get(venueSymbol) ?? contract.maxLeverage }]));
    await this.privateStream.start();
    for (const position of await this.getPositions()) this.positions.seen(this.contractInfo(position.symbol).venueSymbol, position);
    this.positions.start();
  }

  protected probeAuthenticated(): Promise<unknown> {
    return this.rest.account();
  }

  override async close(): Promise<void> {
    this.positions.stop();
    await super.close();
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
    requireExactContracts(request.quantity, contract.contractMultiplier, contract.venueSymbol);
    const answer = await this.rest.placeOrder({
      symbol: contract.venueSymbol,
      side: request.side === 'buy' ? 'BUY' : 'SELL',
      ...venueOrderParams(request),
      quantity: request.quantity,
      price: request.price || undefined,
      newClientOrderId: request.clientOrderId,
    });
    return this.complete(answer, contract, 'placed');
  }

  async cancelOrder(ref: OrderRef): Promise<OrderState> {
    const contract = this.contractInfo(ref.symbol);
    return this.complete(await this.rest.cancelOrder(contract.venueSymbol, orderKey(ref)), contract, 'cancelled');
  }

  async getOrder(ref: OrderRef): Promise<OrderState> {
    return this.readOrder(this.contractInfo(ref.symbol), orderKey(ref));
  }

  async listOpenOrders(symbol?: Pair): Promise<OrderState[]> {
    const only = symbol ? this.contractInfo(symbol) : undefined;
    return read.list(await this.rest.openOrders(only?.venueSymbol), 'open orders').flatMap((item) => {
      const contract = only ?? this.contracts.get(read.text(read.object(item, 'an order').symbol, 'a symbol'));
      return contract ? [orderFromWire(item, contract, 'queried')] : [];
    });
  }

  async getBalances(): Promise<Balance[]> {
    return [balanceFromAccount(await this.rest.account(), SETTLE_ASSET)];
  }

  async getFuturesBalance(): Promise<FuturesBalance> {
    return futuresBalanceFromAccount(await this.rest.account(), SETTLE_ASSET);
  }

  /** The margin type first (unchanged is fine), then the leverage; both before anything else is sent. */
  async setLeverage(symbol: Pair, leverage: number, marginMode: MarginMode): Promise<LeverageSetting> {
    const contract = this.contractInfo(symbol);
    requireLeverageInRange(leverage, contract, this.venue);
    try {
      await this.rest.setMarginType(contract.venueSymbol, marginTypeOf(marginMode));
    } catch (error) {
      if (!(error instanceof GatewayError) || error.venueCode !== MARGIN_TYPE_UNCHANGED) throw error;
    }
    const set = leverageOf(await this.rest.setLeverage(contract.venueSymbol, leverage));
    this.positions.changed(contract.venueSymbol);
    return { symbol: contract.symbol, leverage: set, marginMode };
  }

  async getPositions(symbol?: Pair): Promise<Position[]> {
    if (symbol) return [await this.readPosition(this.contractInfo(symbol).venueSymbol)];
    return read.list(await this.rest.positions(), 'positions').flatMap((item) => {
      const contract = this.contracts.get(read.text(read.object(item, 'a position').symbol, 'a symbol'));
      if (!contract) return [];
      const position = positionFromRisk(item, contract);
      return position.side === 'flat' ? [] : [position];
    });
  }

  async fillsSince(sinceMs: number, symbols: readonly Pair[]): Promise<Fill[]> {
    const markets = symbols.map((symbol) => {
      const contract = this.contractInfo(symbol);
      return { venueSymbol: contract.venueSymbol, toFill: (trade: unknown) => fillFromUserTrade(trade, contract) };
    });
    const history = {
      page: (venueSymbol: string, range: Parameters<BinanceUsdmPrivateRest['userTrades']>[1]) => this.rest.userTrades(venueSymbol, range),
      windowMs: USER_TRADES_WINDOW_MS,
      pageSize: USER_TRADES_PAGE,
    };
    return fillsFromHistory(read, history, this.clientIds, markets, sinceMs, this.clock.now() + 1_000);
  }

  private async readOrder(contract: ContractInfo, key: OrderKey): Promise<OrderState> {
    return orderFromWire(await this.rest.getOrder(contract.venueSymbol, key), contract, 'queried');
  }

  /** A placement or cancel answer lacks the filled quote: when something filled, the order is read back for it. */
  private async complete(answer: unknown, contract: ContractInfo, kind: OrderAnswer): Promise<OrderState> {
    const order = orderFromWire(answer, contract, kind);
    return order.filledQuantity === '0' ? order : this.readOrder(contract, { orderId: order.orderId });
  }

  private async readPosition(venueSymbol: string): Promise<Position> {
    const contract = this.contracts.get(venueSymbol);
    if (!contract) throw new GatewayError('not_found', `${this.venue} lists no contract ${venueSymbol}`, { venue: this.venue });
    const [item] = read.list(await this.rest.positions(venueSymbol), 'positions');
    return positionFromRisk(item, contract);
  }

  /** A user data event; one that does not read is counted and dropped (a lost fill comes back from REST recovery). */
  private onEvent(event: Record<string, unknown>): void {
    let read: UsdmUserEvent;
    try {
      read = readUsdmUserEvent(event, (venueSymbol) => this.contracts.get(venueSymbol));
    } catch (error) {
      this.metrics.wsMessagesMalformed++;
      this.logger.warn({ event: event.e, err: (error as Error).message }, 'malformed user data event dropped');
      return;
    }
    if (read.order) this.clientIds.note(read.order.orderId, read.order.clientOrderId);
    if (read.fill) this.listener?.onFill(read.fill);
    if (read.order) this.listener?.onOrder(read.order);
    // ACCOUNT_UPDATE says what changed; the REST answers carry every field exactly: re-read (coalesced).
    for (const venueSymbol of read.positionsChanged ?? []) this.positions.changed(venueSymbol);
    if (read.walletChanged) this.rereadBalance();
  }

  private rereadBalance(): void {
    if (this.balanceRead) return;
    this.balanceRead = this.rest
      .account()
      .then((account) => this.listener?.onBalances([balanceFromAccount(account, SETTLE_ASSET)], Date.now()))
      .catch((error: Error) => this.logger.warn({ err: error.message }, 'futures account re-read failed'))
      .finally(() => (this.balanceRead = undefined));
  }
}

function orderKey(ref: OrderRef): OrderKey {
  if (ref.orderId) return { orderId: ref.orderId };
  if (ref.clientOrderId) return { origClientOrderId: ref.clientOrderId };
  throw new GatewayError('invalid_argument', 'give order_id or client_order_id');
}
