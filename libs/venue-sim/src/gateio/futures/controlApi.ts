import { handleControl as handleCommonControl, standardControlHooks, type ControlResponse } from "../../common/controlApi.js";
import { tryParseScaled } from "../../engine/index.js";
import type { GateFuturesContext } from "./context.js";
import * as fmt from "./format.js";
import type { GateFuturesWsServer } from "./wsServer.js";

/**
 * The futures /__sim/ control API: the shared routes (book?contract=&depth=, faults, flow, step,
 * stats) plus POST /__sim/liquidate {contract, side: "buy"|"sell", size, price?},
 * GET /__sim/funding[?contract=] and POST /__sim/funding/apply (settle funding now).
 */

export type { ControlResponse };

const bad = (message: string): ControlResponse => ({ status: 400, body: { error: message } });

function fundingState(ctx: GateFuturesContext, name: string) {
  const s = ctx.funding.snapshot(name);
  return { mark_price: s.mark, index_price: s.index, funding_rate: s.fundingRate, funding_next_apply_ms: s.nextApplyMs, funding_interval_ms: s.intervalMs, history: ctx.funding.history(name).slice(0, 10) };
}

function extraRoute(ctx: GateFuturesContext, method: string, path: string, query: URLSearchParams, body: unknown): ControlResponse | undefined {
  const route = `${method} ${path}`;
  switch (route) {
    case "POST /__sim/liquidate": {
      if (typeof body !== "object" || body === null) return bad("body must be a JSON object");
      const b = body as Record<string, unknown>;
      const contract = String(b.contract ?? "");
      const spec = ctx.contracts.get(contract);
      if (!spec) return bad(`unknown contract ${JSON.stringify(contract)}`);
      if (b.side !== "buy" && b.side !== "sell") return bad('side must be "buy" or "sell"');
      const size = Number(b.size ?? 1);
      if (!Number.isSafeInteger(size) || size <= 0) return bad("size must be a positive integer (contracts)");
      let price: string;
      if (b.price === undefined) {
        price = fmt.price(spec, ctx.funding.markAtPriceScale(contract));
      } else {
        const scaled = tryParseScaled(String(b.price), fmt.priceScaleOf(spec));
        if (scaled === undefined || scaled <= 0n) return bad(`price must be a positive decimal with at most ${fmt.priceScaleOf(spec)} decimals`);
        price = fmt.price(spec, scaled);
      }
      const liq = { contract, price, size: b.side === "buy" ? size : -size, timeMs: ctx.now() };
      ctx.liquidations.emit(liq);
      return { status: 200, body: { ok: true, ...liq } };
    }
    case "GET /__sim/funding": {
      const name = query.get("contract");
      if (name !== null) {
        if (!ctx.contracts.has(name)) return bad(`unknown contract ${JSON.stringify(name)}`);
        return { status: 200, body: fundingState(ctx, name) };
      }
      return { status: 200, body: Object.fromEntries([...ctx.contracts.keys()].map((n) => [n, fundingState(ctx, n)])) };
    }
    case "POST /__sim/funding/apply":
      return { status: 200, body: { settled: ctx.funding.applyDue(true) } };
  }
  return undefined;
}

export function handleControl(ctx: GateFuturesContext, ws: GateFuturesWsServer, method: string, path: string, query: URLSearchParams, body: unknown): ControlResponse {
  const extra = extraRoute(ctx, method, path, query, body);
  if (extra) return extra;
  const standard = standardControlHooks({ core: ctx, ws });
  return handleCommonControl(
    {
      ...standard,
      bookSymbolParam: "contract",
      symbols: () => ctx.contracts.keys(),
      hasSymbol: (c) => ctx.contracts.has(c),
      renderLevels: (c, levels) => fmt.arrayLevels(ctx.contracts.get(c)!, levels),
      armSkip: () => ws.depth.armSkip(),
    },
    method,
    path,
    query,
    body,
  );
}
