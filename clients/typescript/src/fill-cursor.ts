import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/** What a cursor store holds: the last fill fully handled, and one whose handling was interrupted. */
export interface StoredCursor {
  /** The cursor of the last fill whose handling completed; "" before the first. */
  readonly cursor: string;
  /** The cursor of a fill that was being handled when the process stopped (handled or not: unknown). */
  readonly inFlight?: string;
}

/**
 * Where a FillFollower keeps its place. Implement it over your own database to get exactly-once
 * handling across crashes: commit the cursor in the same transaction as the fill's effect (then
 * `commit` can be a no-op and `load` reads it back). FileCursorStore is the ready-made one.
 */
export interface FillCursorStore {
  /** The stored position (a bare string is read as `{ cursor }`). */
  load(): StoredCursor | string | Promise<StoredCursor | string>;
  /** Optional: about to hand the fill with this cursor to onFill. Lets a restart flag it as a possible redelivery. */
  begin?(cursor: string): void | Promise<void>;
  /** onFill resolved for the fill with this cursor. */
  commit(cursor: string): void | Promise<void>;
}

/**
 * A FillCursorStore in one small JSON file, replaced atomically (write, fsync, rename, fsync the
 * folder) on every change, so a crash leaves either the old or the new content, never a torn one.
 * It records a fill as in flight before onFill runs and as done after: on restart, the one fill
 * whose handling a crash interrupted is delivered again flagged `redelivered`, so a handler that
 * is not atomic with this file can check its own records for that one fill.
 */
export class FileCursorStore implements FillCursorStore {
  private last = '';
  private writes = 0;

  constructor(
    readonly path: string,
    private readonly options: { readonly fsync?: boolean } = {},
  ) {}

  async load(): Promise<StoredCursor> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { cursor: '' };
      throw error;
    }
    const stored = JSON.parse(text) as StoredCursor;
    if (typeof stored.cursor !== 'string') throw new Error(`${this.path}: no "cursor" string in ${text.slice(0, 100)}`);
    this.last = stored.cursor;
    return stored.inFlight === undefined ? { cursor: stored.cursor } : { cursor: stored.cursor, inFlight: stored.inFlight };
  }

  begin(cursor: string): Promise<void> {
    return this.write({ cursor: this.last, inFlight: cursor });
  }

  async commit(cursor: string): Promise<void> {
    await this.write({ cursor });
    this.last = cursor;
  }

  private async write(content: StoredCursor): Promise<void> {
    const sync = this.options.fsync ?? true;
    const folder = dirname(this.path);
    if (this.writes++ === 0) await mkdir(folder, { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    const file = await open(temporary, 'w');
    try {
      await file.writeFile(`${JSON.stringify(content)}\n`);
      if (sync) await file.sync();
    } finally {
      await file.close();
    }
    await rename(temporary, this.path);
    if (sync) {
      const directory = await open(folder, 'r');
      try {
        await directory.sync();
      } finally {
        await directory.close();
      }
    }
  }
}
