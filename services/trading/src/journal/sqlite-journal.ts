import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { symbolKey, type Fill, type OrderRequest, type Pair } from '@cexgw/adapters';
import { Checkpointer } from './checkpointer.js';
import type { FillSource, JournaledFill, OrderRecord, OrderRecordStatus, OrderRecordUpdate, TradingJournal } from './journal.js';
import { fillFromRow, orderFromRow, parseSymbolKey, type FillRow, type OrderRow } from './rows.js';

/**
 * How hard a commit waits for the disk (SQLite PRAGMA synchronous, WAL mode). Measured with
 * bench/trading-fill-path.js on the reference machine (2 cores, ext4 on a virtual disk), fill
 * path = onFill -> journal commit -> fan-out, one fill per commit:
 *
 *                       in process p50 / p99     to a gRPC client (own process) p50 / p99
 *   FULL                ~190-290 us / 0.5-1.0 ms   ~430 us / 1.5-2.2 ms
 *   NORMAL (default)    ~33 us / ~0.12 ms          ~60 us / ~0.3 ms (see the bench)
 *
 * FULL fsyncs the log in every commit; this disk's fsync alone has a p99 of 0.5-4 ms, so FULL
 * cannot meet the fill path's p99 < 1 ms budget here. NORMAL is the default:
 *  - a crash of the PROCESS (kill -9, OOM, a bug) loses nothing: every commit is in the OS
 *    before the fill is streamed;
 *  - a crash of the MACHINE (power, kernel) can lose the commits of the last ~100 ms: the
 *    checkpoint worker (checkpointer.ts) syncs the log to disk every CEXGW_JOURNAL_CHECKPOINT_MS
 *    (like PostgreSQL's synchronous_commit=off with wal_writer_delay). What that costs, and how
 *    it is contained:
 *      fills:  lost fills come back from the venue's REST history (recovery runs at every
 *              start, from the surviving watermark minus a margin). The cursors they had may
 *              have been streamed already, so after an unclean stop the cursor sequence jumps
 *              ahead by CURSOR_GAP_AFTER_UNCLEAN_STOP: a streamed cursor is never given to a
 *              different fill. A client may then see a fill id twice (dedupe by fill_id); it
 *              never misses one.
 *      orders: a lost idempotency record could let a retried client order id be sent twice, so
 *              after an unclean stop the trading service looks new ids up at the venue before
 *              sending them, for 10 minutes (OrderManager.verifyNewIdsUntilMs).
 *    The session marker that detects unclean stops is itself always committed with fsync.
 * FULL (CEXGW_JOURNAL_SYNC=full) is there for disks whose fsync is fast (NVMe with power-loss
 * protection: tens of microseconds), where durability of every commit costs nothing.
 */
export type JournalSyncMode = 'full' | 'normal';

export const CURSOR_GAP_AFTER_UNCLEAN_STOP = 1_000_000;

export const DEFAULT_CHECKPOINT_INTERVAL_MS = 100;
const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

const SCHEMA_VERSION = 1;
const SESSION_KEY = 'journal.session';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS fills (
  cursor          INTEGER PRIMARY KEY AUTOINCREMENT,
  fill_id         TEXT    NOT NULL,
  order_id        TEXT    NOT NULL,
  client_order_id TEXT    NOT NULL,
  symbol          TEXT    NOT NULL,
  side            TEXT    NOT NULL,
  price           TEXT    NOT NULL,
  quantity        TEXT    NOT NULL,
  fee             TEXT    NOT NULL,
  fee_asset       TEXT    NOT NULL,
  is_maker        INTEGER NOT NULL,
  timestamp_ms    INTEGER NOT NULL,
  source          TEXT    NOT NULL,
  journaled_ms    INTEGER NOT NULL
);
-- The venue's fill id identifies an execution. Order and symbol are part of the key because a
-- self-trade (our buy against our sell) is one venue trade id reported once per order.
CREATE UNIQUE INDEX IF NOT EXISTS fills_venue_identity ON fills (fill_id, order_id, symbol);
CREATE INDEX IF NOT EXISTS fills_symbol_time ON fills (symbol, timestamp_ms);

CREATE TABLE IF NOT EXISTS orders (
  client_order_id TEXT    PRIMARY KEY,
  venue_order_id  TEXT    NOT NULL DEFAULT '',
  symbol          TEXT    NOT NULL,
  request         TEXT    NOT NULL,
  state           TEXT,
  status          TEXT    NOT NULL CHECK (status IN ('pending', 'acknowledged', 'unknown', 'failed')),
  reason          TEXT    NOT NULL DEFAULT '',
  created_ms      INTEGER NOT NULL,
  updated_ms      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS orders_status ON orders (status);
CREATE INDEX IF NOT EXISTS orders_venue_order_id ON orders (venue_order_id);

CREATE TABLE IF NOT EXISTS kv (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;

export interface SqliteJournalOptions {
  readonly path: string;
  readonly sync?: JournalSyncMode;
  /** WAL checkpoints by a worker thread every this many ms (0 = inside commits, SQLite's default). */
  readonly checkpointIntervalMs?: number;
  readonly onCheckpointError?: (message: string) => void;
  /** Clock for journaled_ms (tests). */
  readonly now?: () => number;
}

/** The fill journal as an embedded SQLite file (WAL mode), one file per venue id. */
export class SqliteJournal implements TradingJournal {
  readonly path: string;
  readonly sync: JournalSyncMode;
  /** True when this open followed an unclean stop (crash, kill -9, power loss). */
  readonly recoveredFromUncleanStop: boolean;

  private readonly db: Database.Database;
  private readonly now: () => number;
  private closed = false;
  private readonly checkpointer: Checkpointer | undefined;
  private readonly statements;
  private readonly appendMany: (fills: readonly Fill[], source: FillSource) => JournaledFill[];

  constructor(options: SqliteJournalOptions) {
    this.path = options.path;
    this.sync = options.sync ?? 'normal';
    this.now = options.now ?? Date.now;
    if (this.path !== ':memory:') mkdirSync(dirname(this.path), { recursive: true });
    this.db = new Database(this.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${this.sync === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('foreign_keys = ON');
    // Another process holding a write lock (a second instance on the same file) waits briefly, then errors.
    this.db.pragma('busy_timeout = 2000');
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new Error(`journal ${this.path} has schema ${version}, newer than this build (${SCHEMA_VERSION})`);
    this.db.exec(SCHEMA);
    this.db.pragma(`user_version = ${SCHEMA_VERSION}`);

    this.statements = {
      // Looked up first: an INSERT that hits the unique key would still consume a cursor.
      fillExists: this.db.prepare('SELECT 1 FROM fills WHERE fill_id = ? AND order_id = ? AND symbol = ?').pluck(),
      insertFill: this.db.prepare(
        `INSERT INTO fills (fill_id, order_id, client_order_id, symbol, side, price, quantity, fee, fee_asset, is_maker, timestamp_ms, source, journaled_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (fill_id, order_id, symbol) DO NOTHING
         RETURNING cursor`,
      ),
      fillsAfter: this.db.prepare(
        'SELECT cursor, fill_id, order_id, client_order_id, symbol, side, price, quantity, fee, fee_asset, is_maker, timestamp_ms FROM fills WHERE cursor > ? ORDER BY cursor LIMIT ?',
      ),
      lastCursor: this.db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'fills'`).pluck(),
      lastFillTimes: this.db.prepare('SELECT symbol, MAX(timestamp_ms) AS t FROM fills GROUP BY symbol'),
      insertOrder: this.db.prepare(
        `INSERT INTO orders (client_order_id, symbol, request, status, created_ms, updated_ms) VALUES (?, ?, ?, 'pending', ?, ?)
         ON CONFLICT (client_order_id) DO NOTHING`,
      ),
      getOrder: this.db.prepare('SELECT * FROM orders WHERE client_order_id = ?'),
      deleteOrder: this.db.prepare('DELETE FROM orders WHERE client_order_id = ?'),
      activeSymbols: this.db.prepare('SELECT symbol FROM orders UNION SELECT DISTINCT symbol FROM fills').pluck(),
      getValue: this.db.prepare('SELECT value FROM kv WHERE key = ?').pluck(),
      setValue: this.db.prepare('INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      deleteValue: this.db.prepare('DELETE FROM kv WHERE key = ?'),
    };

    this.appendMany = this.db.transaction((fills: readonly Fill[], source: FillSource) => {
      const added: JournaledFill[] = [];
      const journaledMs = this.now();
      for (const fill of fills) {
        const key = symbolKey(fill.symbol);
        if (this.statements.fillExists.get(fill.fillId, fill.orderId, key) !== undefined) continue;
        const row = this.statements.insertFill.get(
          fill.fillId,
          fill.orderId,
          fill.clientOrderId,
          key,
          fill.side,
          fill.price,
          fill.quantity,
          fill.fee,
          fill.feeAsset,
          fill.isMaker ? 1 : 0,
          fill.timestampMs,
          source,
          journaledMs,
        ) as { cursor: number } | undefined;
        if (row) added.push({ ...fill, cursor: row.cursor });
      }
      return added;
    });

    this.recoveredFromUncleanStop = this.openSession();

    const interval = options.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS;
    if (interval > 0 && this.path !== ':memory:') {
      // The writer checkpoints only if the worker falls far behind (~40 MB of log).
      this.db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
      this.checkpointer = new Checkpointer(this.path, interval, options.onCheckpointError);
    }
  }

  /** Marks this session open; after an unclean stop under NORMAL, moves the cursor sequence past anything that might have been streamed. */
  private openSession(): boolean {
    const previous = this.statements.getValue.get(SESSION_KEY) as string | undefined;
    // The session marker itself is always committed with fsync, whatever the mode: if it could
    // be lost together with the session's fills, the next open would not know to leave a gap.
    this.db.pragma('synchronous = FULL');
    this.db.transaction(() => {
      if (previous !== undefined) {
        const session = JSON.parse(previous) as { sync?: JournalSyncMode };
        if (session.sync !== 'full') {
          this.db.prepare(`UPDATE sqlite_sequence SET seq = seq + ${CURSOR_GAP_AFTER_UNCLEAN_STOP} WHERE name = 'fills'`).run();
        }
      }
      this.statements.setValue.run(SESSION_KEY, JSON.stringify({ sync: this.sync, openedMs: this.now(), pid: process.pid }));
    })();
    this.db.pragma(`synchronous = ${this.sync === 'full' ? 'FULL' : 'NORMAL'}`);
    return previous !== undefined;
  }

  async appendFills(fills: readonly Fill[], source: FillSource): Promise<JournaledFill[]> {
    return this.appendFillsSync(fills, source);
  }

  /** The synchronous core of appendFills (the SQLite implementation needs no await). */
  appendFillsSync(fills: readonly Fill[], source: FillSource): JournaledFill[] {
    if (fills.length === 0) return [];
    return this.appendMany(fills, source);
  }

  async fillsAfter(cursor: number, limit: number): Promise<JournaledFill[]> {
    return (this.statements.fillsAfter.all(cursor, limit) as FillRow[]).map(fillFromRow);
  }

  async lastCursor(): Promise<number> {
    return (this.statements.lastCursor.get() as number | undefined) ?? 0;
  }

  async lastFillTimes(): Promise<Map<string, number>> {
    const rows = this.statements.lastFillTimes.all() as Array<{ symbol: string; t: number }>;
    return new Map(rows.map((row) => [row.symbol, row.t]));
  }

  async insertOrder(clientOrderId: string, request: OrderRequest, nowMs: number): Promise<boolean> {
    const result = this.statements.insertOrder.run(clientOrderId, symbolKey(request.symbol), JSON.stringify(request), nowMs, nowMs);
    return result.changes === 1;
  }

  async getOrder(clientOrderId: string): Promise<OrderRecord | undefined> {
    const row = this.statements.getOrder.get(clientOrderId) as OrderRow | undefined;
    return row && orderFromRow(row);
  }

  async updateOrder(clientOrderId: string, update: OrderRecordUpdate, nowMs: number): Promise<void> {
    const sets: string[] = ['updated_ms = @updated_ms'];
    const params: Record<string, unknown> = { client_order_id: clientOrderId, updated_ms: nowMs };
    if (update.status !== undefined) {
      sets.push('status = @status');
      params.status = update.status;
    }
    if (update.venueOrderId !== undefined) {
      sets.push('venue_order_id = @venue_order_id');
      params.venue_order_id = update.venueOrderId;
    }
    if (update.state !== undefined) {
      sets.push('state = @state');
      params.state = JSON.stringify(update.state);
    }
    if (update.reason !== undefined) {
      sets.push('reason = @reason');
      params.reason = update.reason;
    }
    this.db.prepare(`UPDATE orders SET ${sets.join(', ')} WHERE client_order_id = @client_order_id`).run(params);
  }

  async deleteOrder(clientOrderId: string): Promise<void> {
    this.statements.deleteOrder.run(clientOrderId);
  }

  async ordersWithStatus(statuses: readonly OrderRecordStatus[]): Promise<OrderRecord[]> {
    if (statuses.length === 0) return [];
    const rows = this.db.prepare(`SELECT * FROM orders WHERE status IN (${statuses.map(() => '?').join(', ')}) ORDER BY created_ms`).all(...statuses) as OrderRow[];
    return rows.map(orderFromRow);
  }

  async activeSymbols(): Promise<Pair[]> {
    return (this.statements.activeSymbols.all() as string[]).map(parseSymbolKey);
  }

  async getValue(key: string): Promise<string | undefined> {
    return this.statements.getValue.get(key) as string | undefined;
  }

  async setValue(key: string, value: string): Promise<void> {
    this.statements.setValue.run(key, value);
  }

  /** Closes the file, marking the session clean (the next open needs no cursor gap). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.checkpointer?.stop();
    this.statements.deleteValue.run(SESSION_KEY);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}
