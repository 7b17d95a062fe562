import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TradingJournal } from '../services/trading/src/journal/journal.js';
import { LeaseLostError, PgJournal } from '../services/trading/src/journal/pg-journal.js';
import { PgLease } from '../services/trading/src/journal/pg-lease.js';
import { SCHEMA_VERSION } from '../services/trading/src/journal/pg-schema.js';
import { journalContract } from './support/journal-contract.js';
import { openLeasedJournal, queryOnce, startTestPostgres, uniqueJournalName, type LeasedJournal, type TestCluster } from './support/postgres.js';
import { fill } from './support/scripted-private-exchange.js';
import { until } from './support/wait.js';

// The PostgreSQL journal on a throwaway cluster (scripts/postgres-cluster.js): the same
// TradingJournal contract as SQLite, then what is PostgreSQL's own: versioned migrations, one
// database for several journals, cursors assigned in commit order under concurrent writers, and
// the lease that fences every write.

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startTestPostgres();
});
afterAll(async () => {
  await cluster?.stop();
});

let name: string;
const opened = new Map<TradingJournal, LeasedJournal>();
beforeEach(() => {
  name = uniqueJournalName();
});

journalContract('PostgreSQL', () => ({
  open: async () => {
    const leased = await openLeasedJournal(cluster.url, name);
    opened.set(leased.journal, leased);
    return leased.journal;
  },
  close: async (journal: TradingJournal) => {
    await opened.get(journal)!.close();
    opened.delete(journal);
  },
  committed: async (cursor: number) => (await queryOnce(cluster.url, 'SELECT 1 FROM cexgw.fills WHERE journal = $1 AND cursor = $2', [name, cursor])).length === 1,
}));

describe('PgJournal', () => {
  it('applies each migration once, records it, and refuses a database migrated by a newer build', async () => {
    const a = await PgJournal.open({ url: cluster.url, name });
    const b = await PgJournal.open({ url: cluster.url, name });
    const versions = await queryOnce<{ version: number }>(cluster.url, 'SELECT version FROM cexgw.schema_migrations ORDER BY version');
    expect(versions.map((row) => row.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1));
    await Promise.all([a.close(), b.close()]);

    await queryOnce(cluster.url, "INSERT INTO cexgw.schema_migrations (version, name) VALUES ($1, 'from the future')", [SCHEMA_VERSION + 1]);
    try {
      await expect(PgJournal.open({ url: cluster.url, name })).rejects.toThrow(/newer than this build/);
    } finally {
      await queryOnce(cluster.url, 'DELETE FROM cexgw.schema_migrations WHERE version = $1', [SCHEMA_VERSION + 1]);
    }
  });

  it('keeps the journals of several venue accounts apart in one database', async () => {
    const spot = await openLeasedJournal(cluster.url, `${name}-spot`);
    const futures = await openLeasedJournal(cluster.url, `${name}-futures`);
    await spot.journal.appendFills([fill(), fill()], 'stream');
    const shared = fill();
    expect((await futures.journal.appendFills([shared], 'stream')).map((f) => f.cursor)).toEqual([1]);
    expect((await spot.journal.appendFills([shared], 'stream')).map((f) => f.cursor)).toEqual([3]);
    await futures.journal.insertOrder(
      'same-id',
      { symbol: shared.symbol, side: 'buy', type: 'market', quantity: '1', price: '', quoteQuantity: '', timeInForce: 'ioc', postOnly: false, clientOrderId: 'same-id' },
      1,
    );
    expect(await spot.journal.getOrder('same-id')).toBeUndefined();
    await Promise.all([spot.close(), futures.close()]);
  });

  it('assigns cursors in commit order, without gaps, to concurrent appends from several connections', async () => {
    const { journal, close } = await openLeasedJournal(cluster.url, name);
    const batches = Array.from({ length: 40 }, (_, i) => Array.from({ length: 1 + (i % 4) }, () => fill()));
    const results = await Promise.all(batches.map((batch) => journal.appendFills(batch, 'stream')));
    const cursors = results
      .flat()
      .map((f) => f.cursor)
      .sort((a, b) => a - b);
    const total = batches.reduce((n, batch) => n + batch.length, 0);
    expect(cursors).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    // Each append's cursors are contiguous: one batch is one transaction.
    for (const result of results) expect(result.at(-1)!.cursor - result[0]!.cursor).toBe(result.length - 1);
    expect(await journal.lastCursor()).toBe(total);
    await close();
  });

  it('refuses every write from a process that does not hold the lease', async () => {
    const journal = await PgJournal.open({ url: cluster.url, name });
    await expect(journal.appendFills([fill()], 'stream')).rejects.toBeInstanceOf(LeaseLostError);
    await expect(journal.setValue('k', 'v')).rejects.toBeInstanceOf(LeaseLostError);
    expect(await journal.lastCursor()).toBe(0);
    await journal.close();
  });

  it('fences a deposed writer in the database: after a takeover its writes fail and it learns it is deposed', async () => {
    const first = await openLeasedJournal(cluster.url, name, { address: '10.0.0.1:50062' });
    await first.journal.appendFills([fill()], 'stream');
    const lost: string[] = [];
    first.lease.onLost((reason) => lost.push(reason));
    // Another instance takes over as if the first one's lease had expired (a paused process).
    await queryOnce(cluster.url, "UPDATE cexgw.leases SET epoch = epoch + 1, holder = 'other' WHERE journal = $1", [name]);
    await expect(first.journal.appendFills([fill()], 'stream')).rejects.toThrow(/no longer held/);
    expect(lost).toHaveLength(1);
    expect(first.lease.status).toBe('lost');
    expect(() => first.lease.assertHeld()).toThrow(LeaseLostError);
    expect(await first.journal.lastCursor()).toBe(1);
    await first.close();
  });
});

describe('PgLease', () => {
  const lease = (holder: string, address: string, overrides: Partial<ConstructorParameters<typeof PgLease>[0]> = {}) =>
    new PgLease({ url: cluster.url, journal: name, holder, address, ttlMs: 2_000, takeoverMarginMs: 500, pollMs: 20, onWriter: () => undefined, ...overrides });

  it('a standby waits while the holder renews, names it, and takes over (next epoch) once renewals stop', async () => {
    const journal = await PgJournal.open({ url: cluster.url, name }); // registers the journal
    const active = lease('a', '127.0.0.1:50062');
    await active.acquire();
    expect(active.status).toBe('active');
    const standby = lease('b', '127.0.0.1:50072');
    const waiting = standby.acquire();
    await until('the standby to see the active instance', () => standby.activeHolder?.address === '127.0.0.1:50062', 10_000);
    expect(standby.status).toBe('standby');
    expect(standby.activeHolder).toMatchObject({ holder: 'a', epoch: 1 });
    // Renewals go on for two ttls: the standby must not take over meanwhile.
    const versionBefore = Number((await queryOnce<{ version: string }>(cluster.url, 'SELECT version FROM cexgw.leases WHERE journal = $1', [name]))[0]!.version);
    await until(
      'six more renewals',
      async () => Number((await queryOnce<{ version: string }>(cluster.url, 'SELECT version FROM cexgw.leases WHERE journal = $1', [name]))[0]!.version) >= versionBefore + 6,
      30_000,
    );
    expect(standby.status).toBe('standby');
    expect(active.status).toBe('active');
    // The holder dies without releasing (its renewals stop; nothing else happens).
    (active as unknown as { stopTimers(): void }).stopTimers();
    const taken = await waiting;
    expect(taken).toMatchObject({ holder: 'b', address: '127.0.0.1:50072', epoch: 2 });
    expect(standby.status).toBe('active');
    await standby.release();
    await active.release();
    await journal.close();
  });

  it('hands over at once on a graceful release', async () => {
    const journal = await PgJournal.open({ url: cluster.url, name });
    const active = lease('a', 'a:1', { ttlMs: 60_000, takeoverMarginMs: 60_000 });
    await active.acquire();
    const standby = lease('b', 'b:1', { ttlMs: 60_000, takeoverMarginMs: 60_000 });
    const waiting = standby.acquire();
    await until('the standby to see the active instance', () => standby.activeHolder?.holder === 'a', 10_000);
    await active.release();
    expect(await waiting).toMatchObject({ holder: 'b', epoch: 2 });
    await standby.release();
    await journal.close();
  });

  it('an active that cannot reach the database deposes itself when its ttl runs out', async () => {
    const journal = await PgJournal.open({ url: cluster.url, name });
    const active = lease('a', 'a:1');
    await active.acquire();
    const lost: string[] = [];
    active.onLost((reason) => lost.push(reason));
    // Every connection of this journal's lease is killed, and new ones are refused by the server.
    (active as unknown as { options: { url: string } }).options.url = cluster.url.replace(/:\d+\//, ':1/');
    await queryOnce(cluster.url, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [`cexgw-lease-${name}`]);
    await until('the active instance to depose itself', () => lost.length > 0, 10_000);
    expect(lost[0]).toMatch(/ttl|expired/);
    expect(() => active.assertHeld()).toThrow(LeaseLostError);
    await active.release();
    await journal.close();
  });
});
