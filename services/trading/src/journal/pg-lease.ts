import pg from 'pg';
import { silentLogger, sleep, type Logger } from '@cexgw/adapters';
import { LeaseLostError, type JournalWriter } from './pg-journal.js';

// One active writer per journal: a lease row in PostgreSQL (cexgw.leases), on a connection of
// its own so that renewals never queue behind journal writes.
//
// Why a lease row and not an advisory lock: an advisory lock is released when its connection
// drops, but the process that held it may be alive and still sending orders (its database
// connection was cut, not the venue's); and a paused process (SIGSTOP) keeps its connection and
// its lock forever. A lease bounds both by time, and time is measured by each side on its own
// monotonic clock, never by comparing clocks of two machines:
//
//  - the holder counts its lease valid until (when it SENT its last successful renewal) + ttl,
//    and checks that synchronously before every order it sends (assertHeld): a holder that was
//    paused, or could not reach the database, stops by itself, whether or not it ever learns
//    that someone took over;
//  - a standby takes over only after it has seen the same (epoch, version) for ttl + margin on
//    its own clock. It first saw that version after the holder sent the renewal that wrote it,
//    so the holder has stopped at least `margin` before the standby starts;
//  - the takeover increments the epoch by compare-and-set; every journal write checks the
//    epoch in the database (cexgw.fence), so a deposed writer that wakes up cannot write either.

export interface LeaseHolder {
  readonly holder: string;
  /** Where clients reach the holder (its advertised gRPC address). */
  readonly address: string;
  readonly epoch: number;
}

export interface PgLeaseOptions {
  readonly url: string;
  readonly journal: string;
  /** This process: unique per start. */
  readonly holder: string;
  readonly address: string;
  /** How long a lease lasts without renewal (renewed every ttl/3). */
  readonly ttlMs: number;
  /** A standby waits this much longer than the ttl before it takes over (clock rates, scheduling). */
  readonly takeoverMarginMs: number;
  /** How often a standby looks at the lease. */
  readonly pollMs: number;
  readonly logger?: Logger;
  /** Called on acquisition and on loss, so the journal writes with the right lease (or none). */
  readonly onWriter: (writer: JournalWriter | undefined) => void;
}

interface LeaseRow {
  epoch: string;
  holder: string;
  address: string;
  ttl_ms: number;
  version: string;
  released: boolean;
}

/** Milliseconds on the monotonic clock: a wall-clock step (NTP, an operator) cannot move a lease. */
const monotonicMs = () => performance.now();

export type LeaseState = 'standby' | 'active' | 'lost' | 'closed';

export class PgLease {
  private client: pg.Client | undefined;
  private state: LeaseState = 'standby';
  private epoch = 0;
  private validUntil = 0;
  private observedKey = '';
  private observedSince = 0;
  private lastSeen: LeaseHolder | undefined;
  private lostReason = '';
  private renewer: NodeJS.Timeout | undefined;
  private expiry: NodeJS.Timeout | undefined;
  private renewing = false;
  private readonly lostListeners: Array<(reason: string) => void> = [];
  private readonly logger: Logger;

  constructor(private readonly options: PgLeaseOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  get status(): LeaseState {
    return this.state;
  }

  /** The holder this process last saw (itself once active): what a standby names to its callers. */
  get activeHolder(): LeaseHolder | undefined {
    if (this.state === 'active') return { holder: this.options.holder, address: this.options.address, epoch: this.epoch };
    return this.lastSeen;
  }

  get currentEpoch(): number {
    return this.epoch;
  }

  /** Throws unless this process holds the lease right now (checked before every order sent). */
  assertHeld(): void {
    if (this.state === 'active' && monotonicMs() < this.validUntil) return;
    if (this.state === 'active') this.lose('the lease expired before it could be renewed (database unreachable, or this process was paused)');
    throw new LeaseLostError(`this instance does not hold the ${this.options.journal} lease${this.lostReason ? ` (${this.lostReason})` : ''}: it sends no orders`);
  }

  onLost(listener: (reason: string) => void): void {
    this.lostListeners.push(listener);
  }

  /** Waits until this process holds the lease (or `signal` aborts); then keeps it renewed. */
  async acquire(signal?: AbortSignal): Promise<LeaseHolder> {
    while (!signal?.aborted && this.state === 'standby') {
      try {
        if (await this.tryAcquire()) return this.activeHolder!;
      } catch (error) {
        this.logger.warn({ err: (error as Error).message }, 'lease: database not reachable; retrying');
        this.dropClient();
      }
      await sleep(this.options.pollMs);
    }
    throw new LeaseLostError(this.state === 'closed' ? 'the lease was closed' : 'stopped while waiting for the lease');
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const timeout = Math.max(100, Math.floor(this.options.ttlMs / 3));
    const client = new pg.Client({
      connectionString: this.options.url,
      connectionTimeoutMillis: timeout,
      query_timeout: timeout,
      statement_timeout: timeout,
      keepAlive: true,
      application_name: `cexgw-lease-${this.options.journal}`.slice(0, 63),
    });
    client.on('error', () => this.dropClient());
    this.client = client;
    try {
      await client.connect();
    } catch (error) {
      this.dropClient();
      throw error;
    }
    return client;
  }

  private dropClient(): void {
    const client = this.client;
    this.client = undefined;
    void client?.end().catch(() => undefined);
  }

  /** One look at the lease row: takes it when absent, released, or unchanged for ttl + margin. */
  private async tryAcquire(): Promise<boolean> {
    const client = await this.connection();
    const { journal, holder, address, ttlMs } = this.options;
    const sentAt = monotonicMs();
    const { rows } = await client.query<LeaseRow>('SELECT epoch, holder, address, ttl_ms, version, released FROM cexgw.leases WHERE journal = $1', [journal]);
    const row = rows[0];
    let taken: Array<{ epoch: string }>;
    if (!row) {
      ({ rows: taken } = await client.query<{ epoch: string }>(
        'INSERT INTO cexgw.leases (journal, epoch, holder, address, ttl_ms) VALUES ($1, 1, $2, $3, $4) ON CONFLICT (journal) DO NOTHING RETURNING epoch',
        [journal, holder, address, ttlMs],
      ));
    } else {
      this.lastSeen = { holder: row.holder, address: row.address, epoch: Number(row.epoch) };
      const key = `${row.epoch}/${row.version}/${row.released}`;
      if (key !== this.observedKey) {
        this.observedKey = key;
        this.observedSince = sentAt;
        if (!row.released) return false;
      }
      if (!row.released && monotonicMs() - this.observedSince < row.ttl_ms + this.options.takeoverMarginMs) return false;
      ({ rows: taken } = await client.query<{ epoch: string }>(
        `UPDATE cexgw.leases SET epoch = epoch + 1, holder = $2, address = $3, ttl_ms = $4, version = 0, released = false, acquired_at = now(), renewed_at = now()
          WHERE journal = $1 AND epoch = $5 AND version = $6 AND released = $7 RETURNING epoch`,
        [journal, holder, address, ttlMs, row.epoch, row.version, row.released],
      ));
    }
    if (taken.length === 0) return false; // someone else was faster
    this.becomeActive(Number(taken[0]!.epoch), sentAt, row);
    return true;
  }

  private becomeActive(epoch: number, sentAt: number, previous: LeaseRow | undefined): void {
    this.epoch = epoch;
    this.state = 'active';
    this.extend(sentAt);
    this.options.onWriter({ holder: this.options.holder, epoch });
    this.logger.warn(
      { journal: this.options.journal, epoch, previousHolder: previous?.holder, previousAddress: previous?.address, previousReleased: previous?.released },
      'lease acquired: this instance is now the active one',
    );
    const every = Math.max(50, Math.floor(this.options.ttlMs / 3));
    this.renewer = setInterval(() => void this.renew(), every);
  }

  /** The lease is valid until `sentAt + ttl`; a timer deposes this process then unless renewed. */
  private extend(sentAt: number): void {
    this.validUntil = sentAt + this.options.ttlMs;
    clearTimeout(this.expiry);
    this.expiry = setTimeout(
      () => {
        if (this.state === 'active' && monotonicMs() >= this.validUntil) this.lose('could not renew the lease within its ttl (database unreachable?)');
      },
      Math.max(0, this.validUntil - monotonicMs()) + 1,
    );
  }

  private async renew(): Promise<void> {
    if (this.state !== 'active' || this.renewing) return;
    this.renewing = true;
    try {
      if (monotonicMs() >= this.validUntil) {
        this.lose('the lease expired before it could be renewed (database unreachable, or this process was paused)');
        return;
      }
      const client = await this.connection();
      const sentAt = monotonicMs();
      const { rows } = await client.query('UPDATE cexgw.leases SET version = version + 1, renewed_at = now() WHERE journal = $1 AND holder = $2 AND epoch = $3 AND NOT released RETURNING version', [
        this.options.journal,
        this.options.holder,
        this.epoch,
      ]);
      if (this.state !== 'active') return;
      if (rows.length === 0) this.lose('another instance took the lease over');
      else if (monotonicMs() >= this.validUntil) this.lose('the lease expired while its renewal was in flight');
      else this.extend(sentAt);
    } catch (error) {
      this.logger.warn({ err: (error as Error).message }, 'lease renewal failed; retrying until the lease expires');
      this.dropClient();
    } finally {
      this.renewing = false;
    }
  }

  /** Deposed: no more orders, no more writes, from this moment. */
  private lose(reason: string): void {
    if (this.state !== 'active') return;
    this.state = 'lost';
    this.lostReason = reason;
    this.stopTimers();
    this.options.onWriter(undefined);
    this.logger.error({ journal: this.options.journal, epoch: this.epoch, reason }, 'LEASE LOST: this instance is deposed and sends nothing more');
    for (const listener of this.lostListeners) listener(reason);
  }

  /** Told by the journal that a write found the lease gone. */
  deposedByJournal(message: string): void {
    this.lose(`the journal refused a write: ${message}`);
  }

  private stopTimers(): void {
    clearInterval(this.renewer);
    clearTimeout(this.expiry);
    this.renewer = undefined;
    this.expiry = undefined;
  }

  /**
   * Graceful stop: hands the lease over at once (a standby takes it on its next look, without
   * waiting for the ttl), then closes the connection.
   */
  async release(): Promise<void> {
    const wasActive = this.state === 'active';
    this.state = 'closed';
    this.stopTimers();
    this.options.onWriter(undefined);
    if (wasActive) {
      try {
        const client = await this.connection();
        await client.query('UPDATE cexgw.leases SET released = true WHERE journal = $1 AND holder = $2 AND epoch = $3', [this.options.journal, this.options.holder, this.epoch]);
        this.logger.info({ journal: this.options.journal, epoch: this.epoch }, 'lease released');
      } catch (error) {
        this.logger.warn({ err: (error as Error).message }, 'lease release failed: a standby takes over when the lease expires');
      }
    }
    this.dropClient();
  }
}
