import type { Account, AccountEvent } from "../../engine/index.js";
import { hmacHex, sameSignature } from "../../common/signing.js";
import type { GateSpotContext } from "./context.js";
import { wsBalanceJson, wsOrderJson, wsUserTradeJson } from "./privateFormat.js";
import type { GateWsConnection } from "./wsConnection.js";
import { update, type ClientRequest } from "./wsProtocol.js";

/**
 * The authenticated spot channels of websocket v4: spot.orders, spot.usertrades (payload: pairs
 * or "!all") and spot.balances (no payload). A request carries
 * auth = {method: "api_key", KEY, SIGN = hex HMAC-SHA512(secret, "channel=<c>&event=<e>&time=<t>")}.
 */

export type PrivateChannel = "spot.orders" | "spot.usertrades" | "spot.balances";
export const PRIVATE_CHANNELS: readonly PrivateChannel[] = ["spot.orders", "spot.usertrades", "spot.balances"];

export const WS_AUTH_MAX_GAP_SEC = 60;

/** Why an auth object is refused; undefined when it is good. */
export function checkAuth(ctx: GateSpotContext, request: ClientRequest & { auth?: unknown }, channel: string, event: string): { account: Account } | string {
  const auth = request.auth;
  if (typeof auth !== "object" || auth === null) return "missing auth";
  const a = auth as Record<string, unknown>;
  if (a.method !== "api_key") return "invalid auth method";
  const key = typeof a.KEY === "string" ? a.KEY : "";
  const sign = typeof a.SIGN === "string" ? a.SIGN : "";
  const time = typeof request.time === "number" || typeof request.time === "string" ? String(request.time) : "";
  if (!/^\d+$/.test(time) || Math.abs(ctx.now() / 1000 - Number(time)) > WS_AUTH_MAX_GAP_SEC) return "request time too far from server time";
  const account = ctx.accounts.byApiKey(key);
  if (!account) return "invalid key";
  const expected = hmacHex("sha512", account.apiSecret, `channel=${channel}&event=${event}&time=${time}`);
  if (!sameSignature(expected, sign)) return "invalid signature";
  return { account };
}

interface Sub {
  conn: GateWsConnection;
  /** Pairs, or "all" ("!all" / spot.balances). */
  pairs: Set<string> | "all";
}

export class PrivateChannels {
  private readonly subs = new Map<PrivateChannel, Map<Account, Sub[]>>();
  private readonly detach: () => void;

  constructor(private readonly ctx: GateSpotContext) {
    for (const c of PRIVATE_CHANNELS) this.subs.set(c, new Map());
    this.detach = ctx.accounts.onEvent((e) => this.onEvent(e));
  }

  subscribe(channel: PrivateChannel, conn: GateWsConnection, account: Account, pairs: readonly string[] | "all"): void {
    const byAccount = this.subs.get(channel) as Map<Account, Sub[]>;
    let list = byAccount.get(account);
    if (!list) byAccount.set(account, (list = []));
    const existing = list.find((s) => s.conn === conn);
    if (pairs === "all" || (existing && existing.pairs === "all")) {
      if (existing) existing.pairs = "all";
      else list.push({ conn, pairs: "all" });
      return;
    }
    if (existing) for (const p of pairs) (existing.pairs as Set<string>).add(p);
    else list.push({ conn, pairs: new Set(pairs) });
  }

  unsubscribe(channel: PrivateChannel, conn: GateWsConnection, pairs: readonly string[] | "all"): void {
    for (const list of (this.subs.get(channel) as Map<Account, Sub[]>).values()) {
      const i = list.findIndex((s) => s.conn === conn);
      if (i < 0) continue;
      const sub = list[i] as Sub;
      if (pairs === "all" || sub.pairs === "all") list.splice(i, 1);
      else {
        for (const p of pairs) sub.pairs.delete(p);
        if (sub.pairs.size === 0) list.splice(i, 1);
      }
    }
  }

  removeConnection(conn: GateWsConnection): void {
    for (const c of PRIVATE_CHANNELS) this.unsubscribe(c, conn, "all");
  }

  close(): void {
    this.detach();
  }

  private push(channel: PrivateChannel, account: Account, pair: string | undefined, item: unknown): void {
    const list = this.subs.get(channel)?.get(account);
    if (!list || list.length === 0) return;
    const frame = update(this.ctx.now(), channel, [item]);
    for (const s of list) if (s.pairs === "all" || pair === undefined || s.pairs.has(pair)) s.conn.send(frame);
  }

  private onEvent(e: AccountEvent): void {
    switch (e.type) {
      case "order": {
        const spec = this.ctx.pairs.get(e.order.symbol);
        if (!spec) return;
        const event = e.change === "new" ? "put" : e.change === "fill" ? "update" : "finish";
        this.push("spot.orders", e.order.account, spec.id, wsOrderJson(spec, e.order, event));
        return;
      }
      case "fill": {
        const spec = this.ctx.pairs.get(e.fill.symbol);
        if (spec) this.push("spot.usertrades", e.fill.account, spec.id, wsUserTradeJson(spec, e.fill));
        return;
      }
      case "balance":
        this.push("spot.balances", e.account, undefined, wsBalanceJson(e));
        return;
    }
  }
}
