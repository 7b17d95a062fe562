import { randomBytes } from 'node:crypto';
import { encodePush } from '@cexgw/mexc-proto';
import type { Account, AccountEvent, Accounts } from '../../engine/index.js';
import type { MexcSymbolSpec } from './catalogue.js';
import { privateAccountBody, privateDealsBody, privateOrdersBody } from './private-format.js';
import type { MexcWsConnection } from './ws-connection.js';

/** A listenKey is valid for 60 minutes after creation or the last keepalive (PUT). */
export const LISTEN_KEY_TTL_MS = 60 * 60 * 1000;
/** Each listenKey carries at most 5 websocket connections. */
export const MAX_CONNECTIONS_PER_LISTEN_KEY = 5;

export const PRIVATE_TOPICS = ['spot@private.orders.v3.api.pb', 'spot@private.deals.v3.api.pb', 'spot@private.account.v3.api.pb'] as const;
export type PrivateTopic = (typeof PRIVATE_TOPICS)[number];

export function isPrivateTopic(name: string): name is PrivateTopic {
  return (PRIVATE_TOPICS as readonly string[]).includes(name);
}

interface ListenKeyEntry {
  key: string;
  account: Account;
  /** Wall-clock expiry (ms). */
  expiresAt: number;
  conns: Set<MexcWsConnection>;
}

/** The user data stream keys: POST creates, PUT extends, DELETE closes (and its sockets), GET lists. */
export class ListenKeys {
  private readonly entries = new Map<string, ListenKeyEntry>();
  private readonly sweeper: NodeJS.Timeout;
  readonly stats = { created: 0, extended: 0, closed: 0, expired: 0 };

  constructor(readonly ttlMs: number = LISTEN_KEY_TTL_MS) {
    this.sweeper = setInterval(() => this.sweep(), Math.max(10, Math.min(30_000, Math.floor(ttlMs / 4))));
    this.sweeper.unref?.();
  }

  create(account: Account): string {
    const key = randomBytes(32).toString('hex');
    this.entries.set(key, { key, account, expiresAt: Date.now() + this.ttlMs, conns: new Set() });
    this.stats.created += 1;
    return key;
  }

  /** Extends a key of this account; false when it does not exist (or expired). */
  keepAlive(account: Account, key: string): boolean {
    const e = this.valid(key);
    if (!e || e.account !== account) return false;
    e.expiresAt = Date.now() + this.ttlMs;
    this.stats.extended += 1;
    return true;
  }

  /** Invalidates a key of this account and closes its sockets; false when it does not exist. */
  close(account: Account, key: string): boolean {
    const e = this.valid(key);
    if (!e || e.account !== account) return false;
    this.drop(e);
    this.stats.closed += 1;
    return true;
  }

  keysOf(account: Account): string[] {
    return [...this.entries.values()].filter((e) => e.account === account && e.expiresAt > Date.now()).map((e) => e.key);
  }

  /** The account of a valid key that can take one more connection. */
  admit(key: string): { account: Account } | 'invalid' | 'full' {
    const e = this.valid(key);
    if (!e) return 'invalid';
    if (e.conns.size >= MAX_CONNECTIONS_PER_LISTEN_KEY) return 'full';
    return { account: e.account };
  }

  attach(key: string, conn: MexcWsConnection): void {
    this.entries.get(key)?.conns.add(conn);
  }

  detach(conn: MexcWsConnection): void {
    if (conn.listenKey !== undefined) this.entries.get(conn.listenKey)?.conns.delete(conn);
  }

  dispose(): void {
    clearInterval(this.sweeper);
  }

  private valid(key: string): ListenKeyEntry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= Date.now()) {
      this.drop(e);
      this.stats.expired += 1;
      return undefined;
    }
    return e;
  }

  private drop(e: ListenKeyEntry): void {
    this.entries.delete(e.key);
    for (const c of [...e.conns]) c.closeWithoutStatus();
    e.conns.clear();
  }

  private sweep(): void {
    const now = Date.now();
    for (const e of [...this.entries.values()]) {
      if (e.expiresAt <= now) {
        this.drop(e);
        this.stats.expired += 1;
      }
    }
  }
}

/**
 * Pushes an account's events to its listenKey connections that subscribed the private topics:
 * orders -> privateOrders (304), fills -> privateDeals (306), balance changes -> privateAccount (307).
 */
export class PrivateStreams {
  private readonly subs = new Map<PrivateTopic, Map<Account, Set<MexcWsConnection>>>();
  private readonly detach: () => void;

  constructor(
    accounts: Accounts,
    private readonly symbols: Map<string, MexcSymbolSpec>,
    private readonly now: () => number,
  ) {
    for (const t of PRIVATE_TOPICS) this.subs.set(t, new Map());
    this.detach = accounts.onEvent((e) => this.onEvent(e));
  }

  subscribe(conn: MexcWsConnection, topic: PrivateTopic): void {
    if (!conn.account) return;
    const byAccount = this.subs.get(topic) as Map<Account, Set<MexcWsConnection>>;
    let set = byAccount.get(conn.account);
    if (!set) byAccount.set(conn.account, (set = new Set()));
    set.add(conn);
  }

  unsubscribe(conn: MexcWsConnection, topic: PrivateTopic): void {
    if (conn.account) this.subs.get(topic)?.get(conn.account)?.delete(conn);
  }

  removeConnection(conn: MexcWsConnection): void {
    for (const t of PRIVATE_TOPICS) this.unsubscribe(conn, t);
  }

  close(): void {
    this.detach();
  }

  private targets(topic: PrivateTopic, account: Account): Set<MexcWsConnection> | undefined {
    const set = this.subs.get(topic)?.get(account);
    return set && set.size > 0 ? set : undefined;
  }

  private onEvent(e: AccountEvent): void {
    switch (e.type) {
      case 'order': {
        const conns = this.targets('spot@private.orders.v3.api.pb', e.order.account);
        const spec = this.symbols.get(e.order.symbol);
        if (!conns || !spec) return;
        const frame = encodePush({
          channel: 'spot@private.orders.v3.api.pb',
          symbol: spec.symbol,
          sendTime: this.now(),
          privateOrders: privateOrdersBody(spec, e.order, e.change === 'new' ? undefined : e.fill),
        });
        for (const c of conns) c.send(frame);
        return;
      }
      case 'fill': {
        const conns = this.targets('spot@private.deals.v3.api.pb', e.fill.account);
        const spec = this.symbols.get(e.fill.symbol);
        if (!conns || !spec) return;
        const frame = encodePush({ channel: 'spot@private.deals.v3.api.pb', symbol: spec.symbol, sendTime: this.now(), privateDeals: privateDealsBody(spec, e.fill) });
        for (const c of conns) c.send(frame);
        return;
      }
      case 'balance': {
        const conns = this.targets('spot@private.account.v3.api.pb', e.account);
        if (!conns) return;
        const frame = encodePush({ channel: 'spot@private.account.v3.api.pb', createTime: e.timestamp, sendTime: this.now(), privateAccount: privateAccountBody(e) });
        for (const c of conns) c.send(frame);
        return;
      }
    }
  }
}
