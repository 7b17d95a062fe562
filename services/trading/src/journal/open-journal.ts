import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { reconnectDelayMs, sleep, type Logger } from '@cexgw/adapters';
import type { TradingConfig } from '../config.js';
import type { TradingJournal } from './journal.js';
import { PgJournal } from './pg-journal.js';
import { PgLease } from './pg-lease.js';
import { SqliteJournal } from './sqlite-journal.js';

// The journal a trading process runs on: the embedded SQLite file by default (one process per
// venue account), or PostgreSQL when CEXGW_JOURNAL_URL is set, together with the lease that
// makes one of two processes sharing it the active one.

export interface OpenedJournal {
  readonly journal: TradingJournal;
  /** Present with PostgreSQL: the process trades only while it holds it. */
  readonly lease?: PgLease;
}

/** A holder id unique to this start of this process (a restarted process is a new holder). */
export function newHolderId(): string {
  return `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
}

export async function openJournal(config: TradingConfig, logger: Logger): Promise<OpenedJournal> {
  if (!config.journalUrl) {
    return {
      journal: new SqliteJournal({
        path: config.journalPath,
        sync: config.journalSync,
        checkpointIntervalMs: config.journalCheckpointMs,
        onCheckpointError: (message) => logger.error({ err: message }, 'journal checkpoint failed'),
      }),
    };
  }
  const url = config.journalUrl;
  let lease: PgLease | undefined;
  const options = { url, name: config.journalName, onLeaseLost: (message: string) => lease?.deposedByJournal(message) };
  let journal: PgJournal | undefined;
  // The database may be unreachable for a while (starting, failing over, a network cut): wait for it.
  for (let attempt = 1; !journal; attempt++) {
    try {
      journal = await PgJournal.open(options);
    } catch (error) {
      const err = (error as Error).message;
      if (/newer than this build/.test(err)) throw error; // waiting would not help
      logger.warn({ err, attempt }, 'journal database not reachable yet; retrying');
      await sleep(reconnectDelayMs(attempt, 250, 5_000));
    }
  }
  const opened = journal;
  lease = new PgLease({
    url,
    journal: config.journalName,
    holder: newHolderId(),
    address: config.advertiseAddress,
    ...config.lease,
    logger,
    onWriter: (writer) => opened.setWriter(writer),
  });
  logger.info({ journal: config.journalName, advertiseAddress: config.advertiseAddress, leaseTtlMs: config.lease.ttlMs }, 'PostgreSQL journal open: standby until this instance holds the lease');
  return { journal: opened, lease };
}
