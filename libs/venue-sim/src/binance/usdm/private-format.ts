import { BALANCE_SCALE, divRound, formatScaled, perpMath, pow10, rescale, type Account, type ClientOrder, type Fill, type PerpPosition } from '../../engine/index.js';
import { priceScaleOf, type BinanceUsdmContractSpec } from './catalogue.js';
import type { BinanceUsdmContext } from './context.js';
import * as fmt from './format.js';

/**
 * Binance USDⓈ-M private renderings: REST orders, trades, positions and the account (the fields of
 * the connector's models), and the user data stream's ORDER_TRADE_UPDATE / ACCOUNT_UPDATE parts.
 * Money (balances, PnL, fees, margins) is printed with 8 decimals.
 */

const money = (v: bigint): string => formatScaled(divRound(v, pow10(BALANCE_SCALE - 8)), 8, true);

export type UsdmStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED';

export function statusOf(o: ClientOrder): UsdmStatus {
  if (o.status === 'filled') return 'FILLED';
  if (o.status === 'open') return o.filledQty > 0n ? 'PARTIALLY_FILLED' : 'NEW';
  return o.finish === 'cancelled' || o.finish === 'liquidated' ? 'CANCELED' : 'EXPIRED';
}

const typeOf = (o: ClientOrder): string => (o.venueOrder ? 'LIQUIDATION' : o.type === 'market' ? 'MARKET' : 'LIMIT');
const tifOf = (o: ClientOrder): string => (o.timeInForce === 'poc' ? 'GTX' : o.timeInForce.toUpperCase());

/** The average fill price at the contract's price precision (exact when it divides), "0" before any fill. */
function averagePrice(spec: BinanceUsdmContractSpec, o: ClientOrder): string {
  if (o.filledQty === 0n) return '0';
  const extra = 4;
  return formatScaled(divRound(o.filledQuote * pow10(extra), o.filledQty), priceScaleOf(spec) + extra);
}

/** Fields every order answer shares. */
function orderCore(spec: BinanceUsdmContractSpec, o: ClientOrder): Record<string, unknown> {
  return {
    clientOrderId: o.clientOrderId ?? '',
    executedQty: fmt.qty(spec, o.filledQty),
    orderId: Number(o.id),
    origQty: fmt.qty(spec, o.quantity ?? o.filledQty),
    price: fmt.price(spec, o.price ?? 0n),
    reduceOnly: o.reduceOnly === true,
    side: o.side === 'buy' ? 'BUY' : 'SELL',
    positionSide: 'BOTH',
    status: statusOf(o),
    stopPrice: '0',
    closePosition: false,
    symbol: spec.symbol,
    timeInForce: tifOf(o),
    type: typeOf(o),
    origType: typeOf(o),
    updateTime: o.updateTime,
    workingType: 'CONTRACT_PRICE',
    priceProtect: false,
    priceMatch: 'NONE',
    selfTradePreventionMode: 'EXPIRE_MAKER',
    goodTillDate: 0,
  };
}

/** POST /fapi/v1/order (RESULT) and DELETE /fapi/v1/order answers (NewOrderResponse, CancelOrderResponse). */
export function actionJson(spec: BinanceUsdmContractSpec, o: ClientOrder): Record<string, unknown> {
  return { ...orderCore(spec, o), cumQty: fmt.qty(spec, o.filledQty) };
}

/** GET /fapi/v1/order and openOrders items (QueryOrderResponse). */
export function orderJson(spec: BinanceUsdmContractSpec, o: ClientOrder): Record<string, unknown> {
  return { ...orderCore(spec, o), avgPrice: averagePrice(spec, o), cumQuote: fmt.quote(spec, o.filledQuote), time: o.createTime };
}

/** GET /fapi/v1/userTrades item. */
export function userTradeJson(spec: BinanceUsdmContractSpec, f: Fill): Record<string, unknown> {
  return {
    buyer: f.side === 'buy',
    commission: money(f.fee),
    commissionAsset: f.feeAsset,
    id: f.tradeId,
    maker: f.role === 'maker',
    orderId: Number(f.order.id),
    price: fmt.price(spec, f.price),
    qty: fmt.qty(spec, f.quantity),
    quoteQty: fmt.quote(spec, f.quote),
    realizedPnl: '0',
    side: f.side === 'buy' ? 'BUY' : 'SELL',
    positionSide: 'BOTH',
    symbol: spec.symbol,
    time: f.timestamp,
  };
}

/** ORDER_TRADE_UPDATE's `o`: x NEW, TRADE (with the fill), CANCELED or EXPIRED. */
export function orderUpdate(spec: BinanceUsdmContractSpec, o: ClientOrder, change: 'new' | 'fill' | 'finish', fill: Fill | undefined): Record<string, unknown> {
  const status = statusOf(o);
  return {
    s: spec.symbol,
    c: o.clientOrderId ?? '',
    S: o.side === 'buy' ? 'BUY' : 'SELL',
    o: typeOf(o),
    f: tifOf(o),
    q: fmt.qty(spec, o.quantity ?? o.filledQty),
    p: fmt.price(spec, o.price ?? 0n),
    ap: averagePrice(spec, o),
    sp: '0',
    x: fill ? 'TRADE' : change === 'new' ? 'NEW' : status === 'CANCELED' ? 'CANCELED' : 'EXPIRED',
    X: status,
    i: Number(o.id),
    l: fmt.qty(spec, fill?.quantity ?? 0n),
    z: fmt.qty(spec, o.filledQty),
    L: fmt.price(spec, fill?.price ?? 0n),
    N: fill ? fill.feeAsset : 'USDT',
    n: money(fill?.fee ?? 0n),
    T: fill?.timestamp ?? o.updateTime,
    t: fill ? fill.tradeId : 0,
    b: '0',
    a: '0',
    m: fill ? fill.role === 'maker' : false,
    R: o.reduceOnly === true,
    wt: 'CONTRACT_PRICE',
    ot: typeOf(o),
    ps: 'BOTH',
    cp: false,
    rp: '0',
    pP: false,
    si: 0,
    ss: 0,
    V: 'EXPIRE_MAKER',
    pm: 'NONE',
    gtd: 0,
  };
}

/** A position's figures at the current mark. */
function positionFigures(ctx: BinanceUsdmContext, spec: BinanceUsdmContractSpec, p: PerpPosition) {
  const mark = ctx.funding.markScaled(spec.symbol);
  const markS = rescale(mark.value, mark.scale, BALANCE_SCALE);
  const math = ctx.perp.math(spec.symbol);
  return {
    amount: formatScaled(p.size, math.qtyScale),
    entry: money(p.entry),
    mark: formatScaled(mark.value, mark.scale),
    unrealised: money(ctx.perp.unrealised(p, markS)),
    liquidation: money(perpMath.liquidationPrice(math, p)),
    notional: money(perpMath.notional(math, p.size, markS)),
  };
}

/** GET /fapi/v2/positionRisk item (one-way mode: positionSide BOTH). */
export function positionRiskJson(ctx: BinanceUsdmContext, spec: BinanceUsdmContractSpec, p: PerpPosition): Record<string, unknown> {
  const f = positionFigures(ctx, spec, p);
  const isolated = p.leverage !== 0;
  return {
    entryPrice: f.entry,
    breakEvenPrice: f.entry,
    marginType: isolated ? 'isolated' : 'cross',
    isAutoAddMargin: 'false',
    isolatedMargin: isolated ? money(p.margin) : '0.00000000',
    leverage: String(ctx.perp.effectiveLeverage(p)),
    liquidationPrice: f.liquidation,
    markPrice: f.mark,
    maxNotionalValue: '50000000',
    positionAmt: f.amount,
    notional: f.notional,
    isolatedWallet: isolated ? money(p.margin) : '0',
    symbol: spec.symbol,
    unRealizedProfit: f.unrealised,
    positionSide: 'BOTH',
    updateTime: p.updateTime,
  };
}

/** GET /fapi/v3/positionRisk item (only contracts with a position or open orders are listed). */
export function positionRiskV3Json(ctx: BinanceUsdmContext, spec: BinanceUsdmContractSpec, p: PerpPosition): Record<string, unknown> {
  const f = positionFigures(ctx, spec, p);
  const isolated = p.leverage !== 0;
  return {
    symbol: spec.symbol,
    positionSide: 'BOTH',
    positionAmt: f.amount,
    entryPrice: f.entry,
    breakEvenPrice: f.entry,
    markPrice: f.mark,
    unRealizedProfit: f.unrealised,
    liquidationPrice: f.liquidation,
    isolatedMargin: isolated ? money(p.margin) : '0',
    notional: f.notional,
    marginAsset: 'USDT',
    isolatedWallet: isolated ? money(p.margin) : '0',
    initialMargin: money(p.margin),
    maintMargin: '0',
    positionInitialMargin: money(p.margin),
    openOrderInitialMargin: '0',
    adl: 0,
    bidNotional: '0',
    askNotional: '0',
    updateTime: p.updateTime,
  };
}

/** ACCOUNT_UPDATE's position entry. */
export function positionUpdate(ctx: BinanceUsdmContext, spec: BinanceUsdmContractSpec, p: PerpPosition): Record<string, unknown> {
  const f = positionFigures(ctx, spec, p);
  return {
    s: spec.symbol,
    pa: f.amount,
    ep: f.entry,
    bep: f.entry,
    cr: money(p.historyPnl + p.realised.pnl),
    up: f.unrealised,
    mt: p.leverage === 0 ? 'cross' : 'isolated',
    iw: p.leverage === 0 ? '0' : money(p.margin),
    ps: 'BOTH',
  };
}

/** The account's USDT line: wallet, unrealised PnL, margins, available. */
export function assetLine(ctx: BinanceUsdmContext, account: Account) {
  const wallet = ctx.perp.wallet(account);
  let unrealised = 0n;
  for (const p of ctx.perp.positions(account)) {
    if (p.size === 0n) continue;
    const mark = ctx.funding.markScaled(p.symbol);
    unrealised += ctx.perp.unrealised(p, rescale(mark.value, mark.scale, BALANCE_SCALE));
  }
  const positionMargin = ctx.perp.positionMargin(wallet);
  const orderMargin = ctx.perp.orderMargin(account);
  return { wallet: wallet.total, unrealised, positionMargin, orderMargin, available: ctx.perp.available(account) };
}

/** ACCOUNT_UPDATE's balance entry. */
export function walletUpdate(ctx: BinanceUsdmContext, account: Account): Record<string, unknown> {
  const line = assetLine(ctx, account);
  return { a: 'USDT', wb: money(line.wallet), cw: money(line.wallet), bc: '0' };
}

/** GET /fapi/v3/account. */
export function accountJson(ctx: BinanceUsdmContext, account: Account): Record<string, unknown> {
  const l = assetLine(ctx, account);
  const initial = l.positionMargin + l.orderMargin;
  const asset = {
    asset: 'USDT',
    walletBalance: money(l.wallet),
    unrealizedProfit: money(l.unrealised),
    marginBalance: money(l.wallet + l.unrealised),
    maintMargin: '0.00000000',
    initialMargin: money(initial),
    positionInitialMargin: money(l.positionMargin),
    openOrderInitialMargin: money(l.orderMargin),
    crossWalletBalance: money(l.wallet),
    crossUnPnl: money(l.unrealised),
    availableBalance: money(l.available),
    maxWithdrawAmount: money(l.available),
    updateTime: ctx.now(),
  };
  const positions = ctx.perp
    .positions(account)
    .filter((p) => p.size !== 0n)
    .map((p) => {
      const spec = ctx.contracts.get(p.symbol)!;
      const f = positionFigures(ctx, spec, p);
      return {
        symbol: p.symbol,
        positionSide: 'BOTH',
        positionAmt: f.amount,
        unrealizedProfit: f.unrealised,
        isolatedMargin: p.leverage === 0 ? '0' : money(p.margin),
        notional: f.notional,
        isolatedWallet: p.leverage === 0 ? '0' : money(p.margin),
        initialMargin: money(p.margin),
        maintMargin: '0',
        updateTime: p.updateTime,
      };
    });
  return {
    totalInitialMargin: asset.initialMargin,
    totalMaintMargin: '0.00000000',
    totalWalletBalance: asset.walletBalance,
    totalUnrealizedProfit: asset.unrealizedProfit,
    totalMarginBalance: asset.marginBalance,
    totalPositionInitialMargin: asset.positionInitialMargin,
    totalOpenOrderInitialMargin: asset.openOrderInitialMargin,
    totalCrossWalletBalance: asset.crossWalletBalance,
    totalCrossUnPnl: asset.crossUnPnl,
    availableBalance: asset.availableBalance,
    maxWithdrawAmount: asset.maxWithdrawAmount,
    assets: [asset],
    positions,
  };
}

/** GET /fapi/v3/balance item. */
export function balanceJson(ctx: BinanceUsdmContext, account: Account): Record<string, unknown> {
  const l = assetLine(ctx, account);
  return {
    accountAlias: `sim${account.uid}`,
    asset: 'USDT',
    balance: money(l.wallet),
    crossWalletBalance: money(l.wallet),
    crossUnPnl: money(l.unrealised),
    availableBalance: money(l.available),
    maxWithdrawAmount: money(l.available),
    marginAvailable: true,
    updateTime: ctx.now(),
  };
}
