import { handleControl as handleCommonControl, standardControlHooks } from '../../common/control-api.js';
import type { ControlResponse } from '../../common/control-response.js';
import { formatScaled, tryParseScaled, type Account } from '../../engine/index.js';
import type { GateFuturesContext } from './context.js';
import * as fmt from './format.js';
import { accountJson, money, positionJson } from './private-format.js';
import { positionViews } from './private-views.js';
import type { GateFuturesWsServer } from './ws-server.js';
import { upgradeNotice } from '../common/ws-protocol.js';

/**
 * The futures /__sim/ control API: the shared routes (book?contract=&depth=, faults, flow, step,
 * stats, account?apiKey=, fills?apiKey=, cross {symbol, side, quantity (contracts)}) plus
 * POST /__sim/liquidate {contract, side: "buy"|"sell", size, price?} (a public print only),
 * GET /__sim/funding[?contract=], POST /__sim/funding/apply (settle funding now: open positions
 * pay or get it; answers {settled, payments: [{apiKey, contract, change}]}) and POST /__sim/mark {contract, price | null} (pin the mark price, or unpin it;
 * positions the new mark reaches are liquidated at once).
 */

export type { ControlResponse };

const bad = (message: string): ControlResponse => ({ status: 400, body: { error: message } });

function fundingState(ctx: GateFuturesContext, name: string) {
  const s = ctx.funding.snapshot(name);
  return {
    mark_price: s.mark,
    index_price: s.index,
    funding_rate: s.fundingRate,
    funding_next_apply_ms: s.nextApplyMs,
    funding_interval_ms: s.intervalMs,
    history: ctx.funding.history(name).slice(0, 10),
  };
}

function extraRoute(ctx: GateFuturesContext, method: string, path: string, query: URLSearchParams, body: unknown): ControlResponse | undefined {
  const route = `${method} ${path}`;
  switch (route) {
    case 'POST /__sim/liquidate': {
      if (typeof body !== 'object' || body === null) return bad('body must be a JSON object');
      const b = body as Record<string, unknown>;
      const contract = String(b.contract ?? '');
      const spec = ctx.contracts.get(contract);
      if (!spec) return bad(`unknown contract ${JSON.stringify(contract)}`);
      if (b.side !== 'buy' && b.side !== 'sell') return bad('side must be "buy" or "sell"');
      const size = Number(b.size ?? 1);
      if (!Number.isSafeInteger(size) || size <= 0) return bad('size must be a positive integer (contracts)');
      let price: string;
      if (b.price === undefined) {
        price = fmt.price(spec, ctx.funding.markAtPriceScale(contract));
      } else {
        const scaled = tryParseScaled(String(b.price), fmt.priceScaleOf(spec));
        if (scaled === undefined || scaled <= 0n) return bad(`price must be a positive decimal with at most ${fmt.priceScaleOf(spec)} decimals`);
        price = fmt.price(spec, scaled);
      }
      const liq = { contract, price, size: b.side === 'buy' ? size : -size, timeMs: ctx.now() };
      ctx.liquidations.emit(liq);
      return { status: 200, body: { ok: true, ...liq } };
    }
    case 'GET /__sim/funding': {
      const name = query.get('contract');
      if (name !== null) {
        if (!ctx.contracts.has(name)) return bad(`unknown contract ${JSON.stringify(name)}`);
        return { status: 200, body: fundingState(ctx, name) };
      }
      return { status: 200, body: Object.fromEntries([...ctx.contracts.keys()].map((n) => [n, fundingState(ctx, n)])) };
    }
    case 'POST /__sim/funding/apply':
      return applyFunding(ctx);
    case 'POST /__sim/mark':
      return pinMark(ctx, body);
  }
  return undefined;
}

/** Settles funding now on every contract; answers how many settled and what each open position paid (negative) or got. */
function applyFunding(ctx: GateFuturesContext): ControlResponse {
  const payments: { apiKey: string; contract: string; change: string }[] = [];
  const off = ctx.perp.onEvent((e) => {
    if (e.type === 'wallet' && e.kind === 'fund') payments.push({ apiKey: e.wallet.account.apiKey, contract: e.symbol, change: money(e.change) });
  });
  try {
    return { status: 200, body: { settled: ctx.funding.applyDue(true), payments } };
  } finally {
    off();
  }
}

function pinMark(ctx: GateFuturesContext, body: unknown): ControlResponse {
  if (typeof body !== 'object' || body === null) return bad('body must be a JSON object');
  const b = body as Record<string, unknown>;
  const contract = String(b.contract ?? '');
  if (!ctx.contracts.has(contract)) return bad(`unknown contract ${JSON.stringify(contract)}`);
  const scale = ctx.funding.markScaleOf(contract);
  if (b.price === null) {
    ctx.funding.setMark(contract, undefined);
  } else {
    const mark = tryParseScaled(String(b.price ?? ''), scale);
    if (mark === undefined || mark <= 0n) return bad(`price must be a positive decimal with at most ${scale} decimals, or null to unpin`);
    ctx.funding.setMark(contract, mark);
  }
  const liquidated = ctx.risk.check(contract).map((l) => ({
    apiKey: l.account.apiKey,
    size: Number(l.size),
    liq_price: formatScaled(l.liqPrice, l.markScale),
    order_id: l.orderId,
  }));
  const s = ctx.funding.snapshot(contract);
  return { status: 200, body: { contract, mark_price: s.mark, index_price: s.index, pinned: b.price !== null, liquidated } };
}

/** The futures parts of GET /__sim/account: the REST account object and every position. */
function describeAccount(ctx: GateFuturesContext, account: Account): Record<string, unknown> {
  const views = positionViews(ctx, account);
  return { futures: accountJson(account, ctx.perp, views, ctx.dualMode.has(account)), positions: views.map((v) => positionJson(v, false)) };
}

export function handleControl(ctx: GateFuturesContext, ws: GateFuturesWsServer, method: string, path: string, query: URLSearchParams, body: unknown): ControlResponse {
  const extra = extraRoute(ctx, method, path, query, body);
  if (extra) return extra;
  const standard = standardControlHooks({ core: ctx, ws });
  return handleCommonControl(
    {
      ...standard,
      bookSymbolParam: 'contract',
      symbols: () => ctx.contracts.keys(),
      hasSymbol: (c) => ctx.contracts.has(c),
      renderLevels: (c, levels) => fmt.arrayLevels(ctx.contracts.get(c)!, levels),
      armSkip: () => ws.depth.armSkip(),
      requestReconnect: () => ws.broadcast(upgradeNotice(ctx.now(), 'futures')),
      accounts: {
        accounts: ctx.accounts,
        engine: ctx.engine,
        hasSymbol: (c) => ctx.contracts.has(c),
        venueTradeId: (f) => String(f.tradeId),
        describeAccount: (a) => describeAccount(ctx, a),
      },
    },
    method,
    path,
    query,
    body,
  );
}
