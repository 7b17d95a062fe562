import { randomBytes } from 'node:crypto';
import type { Account } from '../../engine/index.js';

/** A listenKey is valid for 60 minutes after creation or the last keepalive. */
export const LISTEN_KEY_TTL_MS = 60 * 60 * 1000;

interface KeyEntry {
  key: string;
  account: Account;
  expiresAt: number;
}

/**
 * The accounts' listenKeys: one per account (POST answers the live one, extended, or a new one),
 * PUT extends it, DELETE ends it; an expired key is told `listenKeyExpired` and its sockets closed.
 */
export class ListenKeys {
  private readonly byAccount = new Map<Account, KeyEntry>();
  private readonly byKey = new Map<string, KeyEntry>();
  readonly stats = { created: 0, extended: 0, closed: 0, expired: 0 };
  onExpired?: (entry: { key: string; account: Account }) => void;

  constructor(readonly ttlMs: number = LISTEN_KEY_TTL_MS) {}

  open(account: Account): string {
    const live = this.live(account);
    if (live) {
      live.expiresAt = Date.now() + this.ttlMs;
      return live.key;
    }
    const entry = { key: randomBytes(32).toString('base64url').slice(0, 64), account, expiresAt: Date.now() + this.ttlMs };
    this.byAccount.set(account, entry);
    this.byKey.set(entry.key, entry);
    this.stats.created += 1;
    return entry.key;
  }

  /** False when the account has no live key (the venue answers -1125). */
  keepAlive(account: Account): boolean {
    const live = this.live(account);
    if (!live) return false;
    live.expiresAt = Date.now() + this.ttlMs;
    this.stats.extended += 1;
    return true;
  }

  close(account: Account): void {
    const live = this.byAccount.get(account);
    if (!live) return;
    this.byAccount.delete(account);
    this.byKey.delete(live.key);
    this.stats.closed += 1;
  }

  accountOf(key: string): Account | undefined {
    const entry = this.byKey.get(key);
    return entry && this.live(entry.account) === entry ? entry.account : undefined;
  }

  /** Expires what is due (called on a timer). */
  sweep(): void {
    const now = Date.now();
    for (const entry of [...this.byKey.values()]) {
      if (entry.expiresAt > now) continue;
      this.byKey.delete(entry.key);
      if (this.byAccount.get(entry.account) === entry) this.byAccount.delete(entry.account);
      this.stats.expired += 1;
      this.onExpired?.(entry);
    }
  }

  private live(account: Account): KeyEntry | undefined {
    const entry = this.byAccount.get(account);
    return entry && entry.expiresAt > Date.now() ? entry : undefined;
  }
}
