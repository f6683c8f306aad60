import { loadConfig } from '../config.js';
import { isPostgresUrl, redact } from '../store/postgres/url.js';
import { SqliteStore } from '../store/sqlite/index.js';
import { damageWarning, quickCheckInBackground } from '../store/sqlite/quick-check.js';
import type { ArchiveStore } from '../store/types.js';
import { terminalSafe } from './terminal-safe.js';

/** The SQLite page cache of a server's connection, in MiB (a writer's is 128). */
const SERVING_CACHE_MIB = 32;

export interface GlobalFlags {
  db?: string;
  json?: boolean;
}

/**
 * Opens the archive named by `--db`, `WIREWATCH_DB`, or the default `./data/wirewatch.db`: a
 * `postgres://…` URL opens the PostgreSQL engine, anything else is a SQLite file.
 */
export async function openStore(
  flags: GlobalFlags,
  opts: { write?: 'check' | 'background'; serving?: boolean } = {},
): Promise<ArchiveStore> {
  const { db } = loadConfig({ db: flags.db });
  // The PostgreSQL engine and its driver are loaded only for a PostgreSQL archive.
  if (isPostgresUrl(db)) return (await import('../store/postgres/index.js')).PostgresStore.open(db);
  // A server reads what it serves through the OS's file cache: a writer's large page cache would only
  // add to its resident memory (about 100 MiB at 1M articles).
  const store = new SqliteStore(db, opts.serving ? { cacheMiB: SERVING_CACHE_MIB } : {});
  if (opts.serving) store.searchOnThread();
  // SQLite reads and writes a damaged file without a word: a writer says so before adding to it.
  // A server checks on a thread of its own, so that it answers at once however large the file.
  if (opts.write === 'check') warnIfDamaged(db, await store.checkIntegrity());
  if (opts.write === 'background')
    void quickCheckInBackground(db).then((problems) => warnIfDamaged(db, problems));
  return store;
}

function warnIfDamaged(path: string, problems: string[]): void {
  const warning = damageWarning(path, problems);
  if (warning) process.stderr.write(`${terminalSafe(warning.trimEnd())}\n`);
}

/** The archive the command will use, for messages (a URL without its password). */
export function archivePath(flags: GlobalFlags): string {
  const { db } = loadConfig({ db: flags.db });
  return isPostgresUrl(db) ? redact(db) : db;
}

/** `write`: the command adds to the archive, and warns first if the file is damaged. */
export async function withStore<T>(
  flags: GlobalFlags,
  fn: (store: ArchiveStore) => Promise<T>,
  opts: { write?: boolean } = {},
): Promise<T> {
  const store = await openStore(flags, opts.write ? { write: 'check' } : {});
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** `withStore` for a command that adds to the archive (import, drain, crawl…). */
export function withWriter<T>(
  flags: GlobalFlags,
  fn: (store: ArchiveStore) => Promise<T>,
): Promise<T> {
  return withStore(flags, fn, { write: true });
}
