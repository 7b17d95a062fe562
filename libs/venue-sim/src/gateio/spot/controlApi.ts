import type { GateSpotContext } from "./context.js";
import { parseFaultRequest } from "./faults.js";
import * as fmt from "./format.js";
import type { GateWsServer } from "./wsServer.js";

/** JSON control API under /__sim/ (not part of the venue): book, faults, flow, stats. */

export interface ControlResponse {
  status: number;
  body: unknown;
}

const bad = (message: string): ControlResponse => ({ status: 400, body: { error: message } });

export function handleControl(ctx: GateSpotContext, ws: GateWsServer, method: string, path: string, query: URLSearchParams, body: unknown): ControlResponse {
  const route = `${method} ${path}`;
  switch (route) {
    case "GET /__sim/book": {
      const pair = query.get("currency_pair") ?? "";
      const spec = ctx.pairs.get(pair);
      if (!spec) return bad(`unknown currency_pair ${JSON.stringify(pair)}`);
      const depthText = query.get("depth");
      const depth = depthText === null ? undefined : Number(depthText);
      if (depth !== undefined && (!Number.isInteger(depth) || depth < 1)) return bad("depth must be a positive integer");
      const view = ctx.engine.view(pair, depth);
      return { status: 200, body: { u: view.updateId, bids: fmt.levels(spec, view.bids), asks: fmt.levels(spec, view.asks) } };
    }
    case "GET /__sim/faults":
      return { status: 200, body: ctx.faults.describe() };
    case "POST /__sim/faults": {
      const fault = parseFaultRequest(body);
      if (typeof fault === "string") return bad(fault);
      const result: Record<string, unknown> = { ok: true, kind: fault.kind };
      switch (fault.kind) {
        case "drop_sockets":
          ctx.faults.counts.dropSockets += 1;
          result.connections = ws.dropAll();
          break;
        case "close_sockets":
          ctx.faults.counts.closeSockets += 1;
          result.connections = ws.closeAll();
          break;
        case "skip_sequence":
          ctx.faults.counts.skipSequence += 1;
          result.streams = ws.depth.armSkip();
          break;
        case "http_error":
          ctx.faults.armHttpError(fault.status, fault.count);
          break;
        case "latency":
          ctx.faults.latencyMs = fault.ms;
          ctx.faults.counts.latencyChanges += 1;
          break;
        case "clock_skew":
          ctx.faults.clockSkewMs = fault.ms;
          ctx.faults.counts.clockSkewChanges += 1;
          break;
        case "clear":
          ctx.faults.clear();
          break;
      }
      return { status: 200, body: result };
    }
    case "POST /__sim/flow": {
      if (typeof body !== "object" || body === null) return bad("body must be a JSON object");
      const b = body as Record<string, unknown>;
      if (b.ratePerSec !== undefined) {
        const rate = Number(b.ratePerSec);
        if (!Number.isFinite(rate) || rate < 0) return bad("ratePerSec must be a number >= 0");
        ctx.driver.setRate(rate);
      }
      if (b.paused !== undefined) {
        if (typeof b.paused !== "boolean") return bad("paused must be a boolean");
        ctx.driver.setPaused(b.paused);
      }
      return { status: 200, body: { ratePerSec: ctx.driver.ratePerSec, paused: ctx.driver.paused } };
    }
    case "POST /__sim/step": {
      const count = Number((body as Record<string, unknown> | null)?.count ?? 1);
      if (!Number.isInteger(count) || count < 1 || count > 1_000_000) return bad("count must be an integer in 1..1000000");
      ctx.driver.stepAll(count);
      return { status: 200, body: { updateIds: Object.fromEntries([...ctx.pairs.keys()].map((p) => [p, ctx.engine.updateId(p)])) } };
    }
    case "GET /__sim/stats": {
      const symbols: Record<string, unknown> = {};
      for (const p of ctx.pairs.keys()) {
        const book = ctx.engine.book(p);
        symbols[p] = { u: ctx.engine.updateId(p), bidLevels: book.levelCount("bid"), askLevels: book.levelCount("ask"), trades: ctx.market.trades(p).length };
      }
      return {
        status: 200,
        body: {
          ws: { connections: ws.connectionCount, connectionsTotal: ctx.counters.wsConnectionsTotal, messagesSent: ctx.counters.wsMessagesSent, messagesReceived: ctx.counters.wsMessagesReceived },
          rest: { requests: ctx.counters.restRequests },
          flow: { ratePerSec: ctx.driver.ratePerSec, paused: ctx.driver.paused },
          faults: ctx.faults.describe(),
          symbols,
        },
      };
    }
    default:
      return { status: 404, body: { error: `no control route ${route}` } };
  }
}
