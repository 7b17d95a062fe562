import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { delay, readBody, readJsonBody, send } from "../../common/http.js";
import type { MexcSpotContext } from "./context.js";
import { handleControl } from "./controlApi.js";
import { injectedErrorResponse, methodNotAllowed, MexcRestError } from "./restErrors.js";
import { handlePublicGet } from "./restRoutes.js";
import { verifySignedRequest } from "./privateAuth.js";
import { handleSignedRequest, SIGNED_PATHS } from "./privateRoutes.js";
import type { MexcWsServer } from "./wsServer.js";

const JSON_TYPE = "application/json;charset=UTF-8";

/** One node:http server carrying the venue's REST API, its websocket upgrade and /__sim/. */
export function createMexcSpotHttpServer(ctx: MexcSpotContext, ws: MexcWsServer): Server {
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
      const out = handleControl(ctx, ws, method, path, url.searchParams, parsed.body);
      send(res, out.status, "application/json", JSON.stringify(out.body));
      return;
    }

    ctx.counters.restRequests += 1;
    if (ctx.faults.latencyMs > 0) await delay(ctx.faults.latencyMs);
    const injected = ctx.faults.takeHttpError();
    if (injected !== undefined) {
      const r = injectedErrorResponse(injected);
      send(res, injected, r.contentType, r.body, r.headers);
      return;
    }
    const route = `${method} ${path}`;
    try {
      if (SIGNED_PATHS.has(route)) {
        const rawUrl = req.url ?? "";
        const q = rawUrl.indexOf("?");
        const rawQuery = q < 0 ? "" : rawUrl.slice(q + 1);
        const rawBody = method === "GET" ? "" : await readBody(req);
        const signed = verifySignedRequest(ctx, req.headers, rawQuery, rawBody);
        send(res, 200, JSON_TYPE, JSON.stringify(handleSignedRequest(ctx, route, signed)));
        return;
      }
      if (method !== "GET") throw methodNotAllowed();
      send(res, 200, JSON_TYPE, JSON.stringify(handlePublicGet(ctx, path, url.searchParams)));
    } catch (e) {
      const err = e instanceof MexcRestError ? e : new MexcRestError(500, 500, "Internal error");
      send(res, err.status, JSON_TYPE, JSON.stringify(err.body()));
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, JSON_TYPE, JSON.stringify({ code: 500, msg: "Internal error" })));
  });
  server.on("upgrade", (req, socket, head) => {
    if (!ws.handleUpgrade(req, socket, head)) socket.destroy();
  });
  return server;
}
