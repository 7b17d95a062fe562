// PostgreSQL for the benchmarks: one throwaway cluster per run (scripts/postgres-cluster.js)
// with the server's production defaults (fsync on, synchronous_commit on), stopped at exit; and
// journals opened the way a trading service opens them (migrations, then the lease).
import { PgJournal } from '../services/trading/dist/journal/pg-journal.js';
import { PgLease } from '../services/trading/dist/journal/pg-lease.js';
import { startPostgresCluster } from '../scripts/postgres-cluster.js';

let cluster;
let names = 0;

/** The run's cluster, started on first use; undefined (with a note) when PostgreSQL cannot be had here. */
export async function benchPostgres() {
  if (cluster === undefined) {
    try {
      cluster = await startPostgresCluster({ durable: true });
      process.once('exit', () => void cluster.stop()); // synchronous inside: pg_ctl stop, folder removed
    } catch (error) {
      console.log(`  (PostgreSQL rows skipped: ${error.message.split('\n')[0]})`);
      cluster = null;
    }
  }
  return cluster ?? undefined;
}

/** A journal name of its own for each measurement: cursors start at 1, nothing is shared. */
export const benchJournalName = () => `bench-${process.pid}-${++names}`;

/** An open PostgreSQL journal holding its lease, as the active trading process holds it. */
export async function openLeasedPgJournal(url) {
  const name = benchJournalName();
  const journal = await PgJournal.open({ url, name });
  const lease = new PgLease({ url, journal: name, holder: 'bench', address: 'bench', ttlMs: 60_000, takeoverMarginMs: 0, pollMs: 20, onWriter: (writer) => journal.setWriter(writer) });
  await lease.acquire();
  return {
    journal,
    async close() {
      await lease.release();
      await journal.close();
    },
  };
}
