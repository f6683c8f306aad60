import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { importPaths, type ImportOptions } from '../../src/pipeline/import.js';
import { freshPgStore } from './pg.js';

export const SEED = new URL('../golden/text/seed/input.txt', import.meta.url).pathname;
export const CORPUS_SLICE = new URL(
  '../fixtures/jsonl/kcna-stories-first-400.jsonl',
  import.meta.url,
).pathname;
export const KCNA_TEXT = (n: number) =>
  new URL(`../golden/text/kcna-text-${n}/input.txt`, import.meta.url).pathname;

let counter = 0;

/** A fresh archive file in `dir` and a shorthand to import into it. */
export function freshArchive(dir: string) {
  const path = join(dir, `archive-${counter++}.db`);
  const store = new SqliteStore(path);
  const fixedNow = () => '2026-11-28T00:00:00.000Z';
  return {
    path,
    store,
    import: (paths: string[], opts: Partial<ImportOptions> = {}) =>
      importPaths(store, paths, { format: 'auto', now: fixedNow, ...opts }),
  };
}

export type Engine = 'sqlite' | 'postgres';
/** The engines search must behave the same on; tests run `describe.each(ENGINES)`. */
export const ENGINES: Engine[] = ['sqlite', 'postgres'];

/**
 * A fresh archive on either engine: a SQLite file in `dir`, or a PostgreSQL schema of its own (call
 * `dropAll` from test/helpers/pg.ts after the file's tests to drop it).
 */
export async function makeArchive(engine: Engine, dir: string) {
  if (engine === 'sqlite') return freshArchive(dir);
  const store = await freshPgStore();
  const fixedNow = () => '2026-11-28T00:00:00.000Z';
  return {
    path: null,
    store,
    import: (paths: string[], opts: Partial<ImportOptions> = {}) =>
      importPaths(store, paths, { format: 'auto', now: fixedNow, ...opts }),
  };
}
