import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startPostgresCluster } from '../../scripts/postgres-cluster.js';
import { PgJournal } from '../../services/trading/src/journal/pg-journal.js';
import { PgLease } from '../../services/trading/src/journal/pg-lease.js';

// PostgreSQL for the tests: a throwaway cluster per test file (scripts/postgres-cluster.js:
// initdb in a temporary folder, a loopback port, stopped and removed in afterAll), and journals
// opened the way the trading service opens them: migrations, then a real lease.

export interface TestCluster {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startTestPostgres(): Promise<TestCluster> {
  const cluster = await startPostgresCluster();
  return { url: cluster.url, stop: cluster.stop };
}

/** A journal name no other test uses (one database serves the whole file). */
export function uniqueJournalName(prefix = 'test'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

export interface LeasedJournal {
  readonly journal: PgJournal;
  readonly lease: PgLease;
  readonly close: () => Promise<void>;
}

/** Opens `name` and takes its lease (waiting for a released or absent one), as the active writer. */
export async function openLeasedJournal(url: string, name: string, options: { ttlMs?: number; address?: string } = {}): Promise<LeasedJournal> {
  let lease: PgLease | undefined;
  const journal = await PgJournal.open({ url, name, onLeaseLost: (message) => lease?.deposedByJournal(message) });
  lease = new PgLease({
    url,
    journal: name,
    holder: `test/${randomBytes(4).toString('hex')}`,
    address: options.address ?? '127.0.0.1:1',
    ttlMs: options.ttlMs ?? 60_000,
    takeoverMarginMs: 0,
    pollMs: 20,
    onWriter: (writer) => journal.setWriter(writer),
  });
  await lease.acquire();
  const held = lease;
  return {
    journal,
    lease: held,
    async close() {
      await held.release();
      await journal.close();
    },
  };
}

/** A query on a connection of its own (what another process would see). */
export async function queryOnce<R extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}
