import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { delay, readBody, readJsonBody, send } from "../../common/http.js";
import type { GateSpotContext } from "./context.js";
import { handleControl } from "./controlApi.js";
import { GateRestError, injectedErrorResponse, methodNotAllowed, notFound } from "./restErrors.js";
import { handlePublicGet } from "./restRoutes.js";
import { verifySignedRequest } from "./privateAuth.js";
import { handlePrivate, isPrivateRoute } from "./privateRoutes.js";
import type { GateWsServer } from "./wsServer.js";

export const REST_PREFIX = "/api/v4";
const RATE_LIMIT = 200;
const RATE_WINDOW_MS = 10_000;

/** Per-endpoint request counting for the X-Gate-RateLimit-* headers (200 r / 10 s at the venue). */
class RateCounter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  hit(endpoint: string, now: number): { remain: number; reset: number } {
    let w = this.windows.get(endpoint);
    if (!w || now - w.start >= RATE_WINDOW_MS) this.windows.set(endpoint, (w = { start: now, count: 0 }));
    w.count += 1;
    const remain = Math.max(0, RATE_LIMIT - w.count);
    return { remain, reset: Math.floor((remain === 0 ? w.start + RATE_WINDOW_MS : now) / 1000) };
  }
}

/** One node:http server carrying the venue's REST API, its websocket upgrade and /__sim/. */
export function createGateSpotHttpServer(ctx: GateSpotContext, ws: GateWsServer): Server {
  const rate = new RateCounter();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://sim.local");
    const path = url.pathname;
    const method = req.method ?? "GET";

    if (path.startsWith("/__sim/")) {
      const parsed = await readJsonBody(req);
      if ("error" in parsed) {
        send(res, 400, "application/json", JSON.stringify({ error: parsed.error }));
        return;
      }
      const body = parsed.body;
      const out = handleControl(ctx, ws, method, path, url.searchParams, body);
      send(res, out.status, "application/json", JSON.stringify(out.body));
      return;
    }

    ctx.counters.restRequests += 1;
    if (ctx.faults.latencyMs > 0) await delay(ctx.faults.latencyMs);
    const injected = ctx.faults.takeHttpError();
    if (injected !== undefined) {
      const r = injectedErrorResponse(injected);
      send(res, injected, r.contentType, r.body);
      return;
    }

    const now = ctx.now();
    const limit = rate.hit(path, now);
    const headers = {
      "X-Gate-RateLimit-Requests-Remain": String(limit.remain),
      "X-Gate-RateLimit-Limit": String(RATE_LIMIT),
      "X-Gate-RateLimit-Reset-Timestamp": String(limit.reset),
    };
    try {
      if (!path.startsWith(`${REST_PREFIX}/`)) throw notFound();
      const rel = path.slice(REST_PREFIX.length);
      if (isPrivateRoute(method, rel)) {
        const rawUrl = req.url ?? "";
        const q = rawUrl.indexOf("?");
        const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
        const rawQuery = q < 0 ? "" : rawUrl.slice(q + 1);
        const rawBody = await readBody(req);
        const account = verifySignedRequest(ctx, method, rawPath, rawQuery, rawBody, req.headers);
        const out = handlePrivate(ctx, account, method, rel, url.searchParams, rawBody);
        send(res, out.status, "application/json", JSON.stringify(out.body), headers);
        return;
      }
      if (method !== "GET") throw methodNotAllowed();
      const body = handlePublicGet(ctx, path.slice(REST_PREFIX.length), url.searchParams);
      send(res, 200, "application/json", JSON.stringify(body), headers);
    } catch (e) {
      if (e instanceof GateRestError) {
        send(res, e.status, "application/json", JSON.stringify(e.body()), headers);
      } else {
        send(res, 500, "application/json", JSON.stringify({ label: "INTERNAL", message: "Internal server error" }), headers);
      }
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, "application/json", JSON.stringify({ label: "INTERNAL", message: "Internal server error" })));
  });
  server.on("upgrade", (req, socket, head) => {
    if (!ws.handleUpgrade(req, socket, head)) socket.destroy();
  });
  return server;
}
