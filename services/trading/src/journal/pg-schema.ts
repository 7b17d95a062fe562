import type pg from 'pg';
import { MIGRATIONS } from './pg-migrations.js';

// Applies the migrations this build knows that the database lacks, in order, each in its own
// transaction, under an advisory lock (processes starting together wait for each other). A
// database migrated by a newer build is refused: this build would not know its schema.

/** pg_advisory_lock key of the migration step (any constant unlikely to clash with other users of the database). */
const MIGRATION_LOCK_KEY = 0x63657867_7731; // "cexgw1"

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

export async function applyMigrations(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query('CREATE SCHEMA IF NOT EXISTS cexgw');
      await client.query('CREATE TABLE IF NOT EXISTS cexgw.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      const { rows } = await client.query<{ version: number }>('SELECT version FROM cexgw.schema_migrations');
      const applied = new Set(rows.map((row) => row.version));
      const newest = Math.max(0, ...applied);
      if (newest > SCHEMA_VERSION) throw new Error(`the journal database has schema version ${newest}, newer than this build's ${SCHEMA_VERSION}: upgrade this service`);
      for (const migration of MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO cexgw.schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw new Error(`journal schema migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}
