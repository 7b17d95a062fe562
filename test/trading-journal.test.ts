import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TradingJournal } from '../services/trading/src/journal/journal.js';
import { CURSOR_GAP_AFTER_UNCLEAN_STOP, SqliteJournal } from '../services/trading/src/journal/sqlite-journal.js';
import { journalContract } from './support/journal-contract.js';
import { fill } from './support/scripted-private-exchange.js';

// The SQLite fill journal: the TradingJournal contract (shared with PostgreSQL), then what is
// SQLite's own: the cursor gap after an unclean stop under synchronous=NORMAL, and WAL
// checkpoints off the hot path.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cexgw-journal-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const path = () => join(dir, 'test_venue-journal.sqlite');
const open = (sync: 'full' | 'normal' = 'normal', checkpointIntervalMs = 0) => new SqliteJournal({ path: path(), sync, checkpointIntervalMs });

journalContract('SQLite', () => ({
  open: async () => open(),
  close: (journal: TradingJournal) => journal.close(),
  committed: async (cursor: number) => {
    const reader = new Database(path(), { readonly: true });
    try {
      return reader.prepare('SELECT cursor FROM fills WHERE cursor = ?').all(cursor).length === 1;
    } finally {
      reader.close();
    }
  },
}));

describe('SqliteJournal', () => {
  it('opens cleanly after a clean close: no cursor gap', async () => {
    const journal = open();
    await journal.appendFills([fill(), fill()], 'stream');
    await journal.close();
    const reopened = open();
    expect(reopened.recoveredFromUncleanStop).toBe(false);
    expect(await reopened.lastCursor()).toBe(2);
    await reopened.close();
  });

  it('never reuses a cursor: after an unclean stop under synchronous=NORMAL the sequence jumps ahead', async () => {
    const crashed = open('normal');
    await crashed.appendFills([fill(), fill()], 'stream');
    // No close(): the next open sees the session marker of a process that did not stop cleanly.
    const reopened = open('normal');
    expect(reopened.recoveredFromUncleanStop).toBe(true);
    expect(await reopened.lastCursor()).toBe(2 + CURSOR_GAP_AFTER_UNCLEAN_STOP);
    expect((await reopened.appendFills([fill()], 'stream'))[0]!.cursor).toBe(3 + CURSOR_GAP_AFTER_UNCLEAN_STOP);
    await reopened.close();
  });

  it('needs no gap after an unclean stop under synchronous=FULL (every commit was on disk)', async () => {
    const crashed = open('full');
    await crashed.appendFills([fill()], 'stream');
    const reopened = open('full');
    expect(reopened.recoveredFromUncleanStop).toBe(true);
    expect(await reopened.lastCursor()).toBe(1);
    await reopened.close();
  });

  it('checkpoints from its worker thread, so the write-ahead log stops growing', async () => {
    const journal = open('normal', 20);
    for (let round = 0; round < 30; round++) {
      for (let i = 0; i < 40; i++) await journal.appendFills([fill()], 'stream'); // 40 commits
      await new Promise((r) => setTimeout(r, 25));
    }
    // 1,200 single-fill commits write ~4 pages each: ~20 MB of log if nothing checkpointed
    // (the writer's own fallback threshold is 10,000 pages).
    // Under load the worker may run late; still far below what nothing checkpointed would leave.
    expect(statSync(join(dir, 'test_venue-journal.sqlite-wal')).size).toBeLessThan(8 * 1024 * 1024);
    expect(await journal.lastCursor()).toBe(1200);
    await journal.close();
  });
});
