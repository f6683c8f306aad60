import { loadConfig } from '../config.js';
import { SqliteStore } from '../store/sqlite/index.js';
import type { ArchiveStore } from '../store/types.js';

export interface GlobalFlags {
  db?: string;
  json?: boolean;
}

/** Opens the archive named by `--db`, `WIREWATCH_DB`, or the default `./data/wirewatch.db`. */
export function openStore(flags: GlobalFlags): ArchiveStore {
  return new SqliteStore(loadConfig({ db: flags.db }).db);
}

/** The archive path the command will use, for messages. */
export function archivePath(flags: GlobalFlags): string {
  return loadConfig({ db: flags.db }).db;
}

export async function withStore<T>(flags: GlobalFlags, fn: (store: ArchiveStore) => Promise<T>): Promise<T> {
  const store = openStore(flags);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
