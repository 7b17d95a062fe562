import pg from 'pg';
import { GatewayError, symbolKey, type Fill, type OrderRequest, type Pair } from '@cexgw/adapters';
import type { FillSource, JournaledFill, OrderRecord, OrderRecordStatus, OrderRecordUpdate, TradingJournal } from './journal.js';
import { applyMigrations } from './pg-schema.js';
import { fillFromRow, orderFromRow, parseSymbolKey, type FillRow, type OrderRow } from './rows.js';

// The fill journal on PostgreSQL, for a trading service run as an active/standby pair on two
// machines (CEXGW_JOURNAL_URL=postgres://...). The same contract as the SQLite journal: an order
// is recorded pending before it is sent, fills are unique by (venue fill id, order, symbol),
// cursors strictly increase and are never reused. Durability is the server's: with PostgreSQL's
// default synchronous_commit=on a fill is on disk before it is streamed, so no cursor gap is ever
// needed after a crash of this process.
//
// Every write carries the writer's lease (holder, epoch) and runs as one call of a function that
// checks it first (pg-migrations.ts): a process that lost its lease can no longer write, even if
// it has not noticed yet.

/** SQLSTATE raised by cexgw.fence when the writer's lease is gone. */
const LEASE_LOST_SQLSTATE = 'CX001';

/** A write refused because this process no longer holds (or never held) the journal's lease. */
export class LeaseLostError extends GatewayError {
  constructor(message: string) {
    super('venue_unavailable', message, { retryable: true });
  }
}

export interface JournalWriter {
  readonly holder: string;
  readonly epoch: number;
}

export interface PgJournalOptions {
  /** postgres://user[:password]@host:port/database (the password may also come from PGPASSWORD). */
  readonly url: string;
  /** The journal's name in the database: one per venue account (default: the venue id). */
  readonly name: string;
  /** Connections for journal reads and writes (the lease has its own). */
  readonly poolSize?: number;
  /** A statement or connection attempt taking longer fails (the fill pipeline then recovers from REST). */
  readonly timeoutMs?: number;
  /** Clock for journaled_ms (tests). */
  readonly now?: () => number;
  /** Told when a write finds the lease gone (the process must stop at once). */
  readonly onLeaseLost?: (message: string) => void;
}

const DEFAULT_TIMEOUT_MS = 5_000;

export class PgJournal implements TradingJournal {
  readonly name: string;
  private readonly pool: pg.Pool;
  private readonly now: () => number;
  private writer: JournalWriter | undefined;
  private closed = false;

  private constructor(
    private readonly options: PgJournalOptions,
    pool: pg.Pool,
  ) {
    this.name = options.name;
    this.pool = pool;
    this.now = options.now ?? Date.now;
  }

  /** Connects, applies the migrations this build knows, and registers the journal. */
  static async open(options: PgJournalOptions): Promise<PgJournal> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 4,
      connectionTimeoutMillis: timeoutMs,
      query_timeout: timeoutMs,
      statement_timeout: timeoutMs,
      keepAlive: true,
      application_name: `cexgw-journal-${options.name}`.slice(0, 63),
    });
    // A connection that dies while idle must not crash the process: the next query reconnects.
    pool.on('error', () => undefined);
    try {
      await applyMigrations(pool);
      await pool.query('INSERT INTO cexgw.journals (journal) VALUES ($1) ON CONFLICT (journal) DO NOTHING', [options.name]);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return new PgJournal(options, pool);
  }

  /** Writes from now on carry this lease (set by the lease on acquisition; undefined = refuse writes). */
  setWriter(writer: JournalWriter | undefined): void {
    this.writer = writer;
  }

  private fence(): JournalWriter {
    if (this.writer) return this.writer;
    throw new LeaseLostError(`journal ${this.name}: this process does not hold the journal's lease, so it may not write`);
  }

  /**
   * Runs one statement. A refusal by the fence deposes this process; any other failure is the
   * journal's (not the venue's): UNAVAILABLE to callers, saying so.
   */
  private async query<R extends pg.QueryResultRow>(query: pg.QueryConfig | string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(query as pg.QueryConfig, values);
    } catch (error) {
      const message = (error as Error).message;
      if ((error as { code?: string }).code === LEASE_LOST_SQLSTATE) {
        this.writer = undefined;
        this.options.onLeaseLost?.(message);
        throw new LeaseLostError(message);
      }
      throw new GatewayError('venue_unavailable', `the trading journal (PostgreSQL, journal ${this.name}) failed: ${message}; retry shortly`, { retryable: true, cause: error });
    }
  }

  async appendFills(fills: readonly Fill[], source: FillSource): Promise<JournaledFill[]> {
    if (fills.length === 0) return [];
    const { holder, epoch } = this.fence();
    const payload = JSON.stringify(fills.map((f) => [f.fillId, f.orderId, f.clientOrderId, symbolKey(f.symbol), f.side, f.price, f.quantity, f.fee, f.feeAsset, f.isMaker, f.timestampMs]));
    const { rows } = await this.query<{ fill_index: number; assigned_cursor: string }>({
      name: 'cexgw_append_fills',
      text: 'SELECT fill_index, assigned_cursor FROM cexgw.append_fills($1, $2, $3, $4, $5, $6)',
      values: [this.name, holder, epoch, payload, source, this.now()],
    });
    return rows.map((row) => ({ ...fills[row.fill_index]!, cursor: Number(row.assigned_cursor) }));
  }

  async fillsAfter(cursor: number, limit: number): Promise<JournaledFill[]> {
    const { rows } = await this.query<FillRow>({
      name: 'cexgw_fills_after',
      text: `SELECT cursor, fill_id, order_id, client_order_id, symbol, side, price, quantity, fee, fee_asset, is_maker, timestamp_ms
               FROM cexgw.fills WHERE journal = $1 AND cursor > $2 ORDER BY cursor LIMIT $3`,
      values: [this.name, cursor, limit],
    });
    return rows.map(fillFromRow);
  }

  async lastCursor(): Promise<number> {
    const { rows } = await this.query<{ last_cursor: string }>('SELECT last_cursor FROM cexgw.journals WHERE journal = $1', [this.name]);
    return Number(rows[0]?.last_cursor ?? 0);
  }

  async lastFillTimes(): Promise<Map<string, number>> {
    const { rows } = await this.query<{ symbol: string; t: string }>('SELECT symbol, MAX(timestamp_ms) AS t FROM cexgw.fills WHERE journal = $1 GROUP BY symbol', [this.name]);
    return new Map(rows.map((row) => [row.symbol, Number(row.t)]));
  }

  async insertOrder(clientOrderId: string, request: OrderRequest, nowMs: number): Promise<boolean> {
    const { holder, epoch } = this.fence();
    const { rows } = await this.query<{ inserted: boolean }>({
      name: 'cexgw_insert_order',
      text: 'SELECT cexgw.insert_order($1, $2, $3, $4, $5, $6, $7) AS inserted',
      values: [this.name, holder, epoch, clientOrderId, symbolKey(request.symbol), JSON.stringify(request), nowMs],
    });
    return rows[0]?.inserted === true;
  }

  async getOrder(clientOrderId: string): Promise<OrderRecord | undefined> {
    const { rows } = await this.query<OrderRow>({
      name: 'cexgw_get_order',
      text: 'SELECT * FROM cexgw.orders WHERE journal = $1 AND client_order_id = $2',
      values: [this.name, clientOrderId],
    });
    return rows[0] && orderFromRow(rows[0]);
  }

  async updateOrder(clientOrderId: string, update: OrderRecordUpdate, nowMs: number): Promise<void> {
    const { holder, epoch } = this.fence();
    await this.query({
      name: 'cexgw_update_order',
      text: 'SELECT cexgw.update_order($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      values: [
        this.name,
        holder,
        epoch,
        clientOrderId,
        update.status ?? null,
        update.venueOrderId ?? null,
        update.state === undefined ? null : JSON.stringify(update.state),
        update.reason ?? null,
        nowMs,
      ],
    });
  }

  async deleteOrder(clientOrderId: string): Promise<void> {
    const { holder, epoch } = this.fence();
    await this.query({ name: 'cexgw_delete_order', text: 'SELECT cexgw.delete_order($1, $2, $3, $4)', values: [this.name, holder, epoch, clientOrderId] });
  }

  async ordersWithStatus(statuses: readonly OrderRecordStatus[]): Promise<OrderRecord[]> {
    if (statuses.length === 0) return [];
    const { rows } = await this.query<OrderRow>('SELECT * FROM cexgw.orders WHERE journal = $1 AND status = ANY($2::text[]) ORDER BY created_ms', [this.name, statuses]);
    return rows.map(orderFromRow);
  }

  async activeSymbols(): Promise<Pair[]> {
    const { rows } = await this.query<{ symbol: string }>('SELECT symbol FROM cexgw.orders WHERE journal = $1 UNION SELECT DISTINCT symbol FROM cexgw.fills WHERE journal = $1', [this.name]);
    return rows.map((row) => parseSymbolKey(row.symbol));
  }

  async getValue(key: string): Promise<string | undefined> {
    const { rows } = await this.query<{ value: string }>('SELECT value FROM cexgw.kv WHERE journal = $1 AND key = $2', [this.name, key]);
    return rows[0]?.value;
  }

  async setValue(key: string, value: string): Promise<void> {
    const { holder, epoch } = this.fence();
    await this.query({ name: 'cexgw_set_value', text: 'SELECT cexgw.set_value($1, $2, $3, $4, $5)', values: [this.name, holder, epoch, key, value] });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.writer = undefined;
    await this.pool.end();
  }
}
