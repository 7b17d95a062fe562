import type { Account } from '../engine/index.js';

interface Sub<Conn> {
  conn: Conn;
  /** Symbols, or "all" (a "!all" payload, or a channel without symbols). */
  keys: Set<string> | 'all';
}

/**
 * Who listens to which authenticated channel: per channel and account, each connection with the
 * symbols it asked for (or all of them). Shared by the venues' private websocket channels.
 */
export class PrivateSubscriptions<Conn, Channel extends string> {
  private readonly subs = new Map<Channel, Map<Account, Sub<Conn>[]>>();

  constructor(readonly channels: readonly Channel[]) {
    for (const c of channels) this.subs.set(c, new Map());
  }

  subscribe(channel: Channel, conn: Conn, account: Account, keys: readonly string[] | 'all'): void {
    const byAccount = this.subs.get(channel) as Map<Account, Sub<Conn>[]>;
    let list = byAccount.get(account);
    if (!list) byAccount.set(account, (list = []));
    const existing = list.find((s) => s.conn === conn);
    if (keys === 'all' || (existing && existing.keys === 'all')) {
      if (existing) existing.keys = 'all';
      else list.push({ conn, keys: 'all' });
      return;
    }
    if (existing) for (const k of keys) (existing.keys as Set<string>).add(k);
    else list.push({ conn, keys: new Set(keys) });
  }

  unsubscribe(channel: Channel, conn: Conn, keys: readonly string[] | 'all'): void {
    for (const list of (this.subs.get(channel) as Map<Account, Sub<Conn>[]>).values()) {
      const i = list.findIndex((s) => s.conn === conn);
      if (i < 0) continue;
      const sub = list[i] as Sub<Conn>;
      if (keys === 'all' || sub.keys === 'all') list.splice(i, 1);
      else {
        for (const k of keys) sub.keys.delete(k);
        if (sub.keys.size === 0) list.splice(i, 1);
      }
    }
  }

  removeConnection(conn: Conn): void {
    for (const c of this.channels) this.unsubscribe(c, conn, 'all');
  }

  /** Connections of `account` on `channel` that want `key` (undefined: every one of them). */
  targets(channel: Channel, account: Account, key?: string): Conn[] {
    const list = this.subs.get(channel)?.get(account);
    if (!list) return [];
    return list.filter((s) => s.keys === 'all' || key === undefined || s.keys.has(key)).map((s) => s.conn);
  }
}
