import { loadConfig } from '../config.js';
import { isPostgresUrl, PostgresStore } from '../store/postgres/index.js';
import { SqliteStore } from '../store/sqlite/index.js';
import type { ArchiveStore } from '../store/types.js';

export interface GlobalFlags {
  db?: string;
  json?: boolean;
}

/**
 * Opens the archive named by `--db`, `WIREWATCH_DB`, or the default `./data/wirewatch.db`: a
 * `postgres://…` URL opens the PostgreSQL engine, anything else is a SQLite file.
 */
export async function openStore(flags: GlobalFlags): Promise<ArchiveStore> {
  const { db } = loadConfig({ db: flags.db });
  return isPostgresUrl(db) ? PostgresStore.open(db) : new SqliteStore(db);
}

/** The archive the command will use, for messages (a URL without its password). */
export function archivePath(flags: GlobalFlags): string {
  const { db } = loadConfig({ db: flags.db });
  return isPostgresUrl(db) ? PostgresStore.describe(db) : db;
}

export async function withStore<T>(
  flags: GlobalFlags,
  fn: (store: ArchiveStore) => Promise<T>,
): Promise<T> {
  const store = await openStore(flags);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
