/**
 * One writer at a time on the one SQLite connection. better-sqlite3 runs every statement on a single
 * connection, so a statement issued while another caller's `BEGIN` is open silently joins that
 * transaction — and is rolled back with it, though its caller was told it succeeded. Under
 * `serve --crawl` the crawler, the drain and the web server share the connection, so every write
 * waits here for the open transaction to end; only code running *inside* a transaction (as
 * AsyncLocalStorage tells) joins it, as nested calls should.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import { diskFull } from '../../errors.js';

interface Scope {
  open: boolean;
}

export class SqliteWriter {
  private readonly scope = new AsyncLocalStorage<Scope>();
  private tail: Promise<void> = Promise.resolve();

  /** `wrote`: called after each write and transaction, whether it committed or not. */
  constructor(
    private readonly db: Database.Database,
    private readonly wrote: () => void = () => {},
  ) {}

  /** True when the caller runs inside a transaction of this writer. */
  inTransaction(): boolean {
    return this.scope.getStore()?.open === true;
  }

  /** Runs `fn` in `BEGIN IMMEDIATE … COMMIT`, after any other caller's transaction has ended. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction()) return fn();
    const release = await this.acquire();
    const scope: Scope = { open: true };
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await this.scope.run(scope, fn);
        scope.open = false;
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        scope.open = false;
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw fullDisk(error, this.db);
      }
    } finally {
      scope.open = false;
      this.wrote();
      release();
    }
  }

  /** A synchronous write (one statement or a few): joins the caller's transaction or waits its turn. */
  async write<T>(fn: () => T): Promise<T> {
    if (this.inTransaction()) return this.run(fn);
    const release = await this.acquire();
    try {
      return this.run(fn);
    } finally {
      release();
    }
  }

  private run<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw fullDisk(error, this.db);
    } finally {
      this.wrote();
    }
  }

  private async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => {
      release = resolve;
    });
    const before = this.tail;
    this.tail = before.then(() => next);
    await before;
    return release;
  }
}

/** SQLITE_FULL (the file could not grow: its disk is full) as the one-line Problem; else `error`. */
function fullDisk(error: unknown, db: Database.Database): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_FULL')) return error;
  return diskFull(`${db.name} (${(error as Error).message})`);
}
