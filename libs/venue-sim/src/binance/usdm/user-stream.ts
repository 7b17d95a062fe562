import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { parseJsonObject, SimWsServer } from '../../common/sim-ws-server.js';
import { SimWsConnection } from '../../common/ws-connection.js';
import type { Account, AccountEvent, PerpEvent } from '../../engine/index.js';
import { PING_INTERVAL_MS } from '../common/stream-server.js';
import type { BinanceUsdmContext } from './context.js';
import * as pf from './private-format.js';

class UserConnection extends SimWsConnection {
  /** The listenKeys this connection listens to, and their accounts. */
  readonly keys = new Map<string, Account>();
  /** Stream mode (/private/stream): events wrapped {"stream": <listenKey>, "data"}. */
  combined = false;
}

/**
 * The user data stream on the /private route: /private/ws?listenKey=<key> (events as they are) or
 * /private/stream?streams=<key>/... (wrapped {"stream","data"}), where listenKeys are streams:
 * subscribed in the URL or live with {"method":"SUBSCRIBE","params":[<listenKey>],"id":N}, as
 * Binance's connector does (it connects with none, then subscribes).
 * ORDER_TRADE_UPDATE for every order change and fill, ACCOUNT_UPDATE for every wallet and position
 * change (reason ORDER, FUNDING_FEE, ...), ACCOUNT_CONFIG_UPDATE for a leverage change, and
 * `listenKeyExpired` when the key lapses. A key that is not live is refused (400).
 */
export class UsdmUserStreamServer extends SimWsServer<UserConnection> {
  private readonly detachAccounts: () => void;
  private readonly detachPerp: () => void;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly ctx: BinanceUsdmContext,
    pingIntervalMs = PING_INTERVAL_MS,
  ) {
    super(ctx.counters);
    this.detachAccounts = ctx.accounts.onEvent((e) => this.onAccountEvent(e));
    this.detachPerp = ctx.perp.onEvent((e) => this.onPerpEvent(e));
    ctx.listenKeys.onExpired = ({ key }) => {
      for (const conn of [...this.connections]) {
        if (!conn.keys.delete(key)) continue;
        const expired = JSON.stringify({ e: 'listenKeyExpired', E: ctx.now(), listenKey: key });
        conn.send(conn.combined ? `{"stream":"${key}","data":${expired}}` : expired);
        if (!conn.combined) conn.closeWithoutStatus();
      }
    };
    let lastPing = Date.now();
    this.timer = setInterval(
      () => {
        ctx.listenKeys.sweep();
        if (Date.now() - lastPing < pingIntervalMs) return;
        lastPing = Date.now();
        for (const conn of this.connections) if (conn.socket.readyState === conn.socket.OPEN) conn.socket.ping();
      },
      Math.min(pingIntervalMs, 1000),
    );
    this.timer.unref?.();
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://sim.local');
    const combined = url.pathname === '/private/stream';
    if (!combined && url.pathname !== '/private/ws') return false;
    const keys = combined ? (url.searchParams.get('streams') ?? '').split('/').filter(Boolean) : [url.searchParams.get('listenKey') ?? ''];
    const accounts = keys.map((key) => this.ctx.listenKeys.accountOf(key));
    if (accounts.some((account) => !account)) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = new UserConnection(ws, this.ctx);
      conn.combined = combined;
      keys.forEach((key, i) => conn.keys.set(key, accounts[i]!));
      this.accept(conn, ws, (data) => this.onRequest(conn, data.toString()));
    });
    return true;
  }

  /** Live SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS of listenKeys on a stream-mode connection. */
  private onRequest(conn: UserConnection, text: string): void {
    const request = parseJsonObject(text) as { method?: unknown; params?: unknown; id?: unknown } | undefined;
    if (!request) return;
    const id = request.id ?? null;
    const params = Array.isArray(request.params) ? request.params.filter((p): p is string => typeof p === 'string') : [];
    if (request.method === 'SUBSCRIBE') {
      const accounts = params.map((key) => this.ctx.listenKeys.accountOf(key));
      if (accounts.some((account) => !account)) {
        conn.sendJson({ error: { code: 2, msg: 'Invalid request: not a live listenKey' }, id });
        return;
      }
      params.forEach((key, i) => conn.keys.set(key, accounts[i]!));
      conn.sendJson({ result: null, id });
    } else if (request.method === 'UNSUBSCRIBE') {
      for (const key of params) conn.keys.delete(key);
      conn.sendJson({ result: null, id });
    } else if (request.method === 'LIST_SUBSCRIPTIONS') {
      conn.sendJson({ result: [...conn.keys.keys()], id });
    }
  }

  override async close(): Promise<void> {
    clearInterval(this.timer);
    await super.close();
  }

  protected closeChannels(): void {
    this.detachAccounts();
    this.detachPerp();
  }

  protected forget(): void {}

  private send(account: Account, event: Record<string, unknown>): void {
    let text: string | undefined;
    for (const conn of this.connections) {
      for (const [key, held] of conn.keys) {
        if (held !== account) continue;
        text ??= JSON.stringify(event);
        conn.send(conn.combined ? `{"stream":"${key}","data":${text}}` : text);
      }
    }
  }

  private onAccountEvent(e: AccountEvent): void {
    if (e.type !== 'order') return; // fills ride on their order's event; balances on ACCOUNT_UPDATE
    const spec = this.ctx.contracts.get(e.order.symbol);
    if (!spec) return;
    const now = this.ctx.now();
    this.send(e.order.account, { e: 'ORDER_TRADE_UPDATE', E: now, T: now, o: pf.orderUpdate(spec, e.order, e.change, e.change === 'new' ? undefined : e.fill) });
  }

  private onPerpEvent(e: PerpEvent): void {
    const now = this.ctx.now();
    if (e.type !== 'position') return; // a wallet change comes with a position event of its cause
    const p = e.position;
    if (e.cause === 'leverage') {
      this.send(p.account, { e: 'ACCOUNT_CONFIG_UPDATE', E: now, T: now, ac: { s: p.symbol, l: this.ctx.perp.effectiveLeverage(p) } });
      return;
    }
    const spec = this.ctx.contracts.get(p.symbol);
    if (!spec) return;
    const reason = e.cause === 'funding' ? 'FUNDING_FEE' : e.cause === 'margin' ? 'MARGIN_TYPE_CHANGE' : 'ORDER';
    this.send(p.account, { e: 'ACCOUNT_UPDATE', E: now, T: now, a: { m: reason, B: [pf.walletUpdate(this.ctx, p.account)], P: [pf.positionUpdate(this.ctx, spec, p)] } });
  }
}
