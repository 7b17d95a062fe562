// PostgreSQL for the benchmarks: one throwaway cluster per run (scripts/postgres-cluster.js)
// with the server's production defaults (fsync on, synchronous_commit on), stopped at exit; and
// journals opened the way a trading service opens them (migrations, then the lease).
import pg from 'pg';
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
      for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130)); // so that the exit hook runs
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

/**
 * The server's own floors, on one connection: a round trip (SELECT 1) and a durable commit (an
 * INSERT committed on its own, so its log is flushed to disk): what a journal write costs at least.
 */
export async function pgFloors(url, count, summarise) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE TABLE IF NOT EXISTS cexgw_bench_floor (n integer)');
  const time = async (text) => {
    const samples = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      await client.query(text);
      samples.push((performance.now() - started) * 1000);
    }
    return summarise(samples);
  };
  const roundTrip = await time('SELECT 1');
  const commit = await time('INSERT INTO cexgw_bench_floor VALUES (1)');
  await client.query('DROP TABLE cexgw_bench_floor');
  await client.end();
  return { roundTrip, commit };
}
