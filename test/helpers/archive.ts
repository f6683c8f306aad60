import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { importPaths, type ImportOptions } from '../../src/ingest/import-paths.js';

export const SEED = new URL('../golden/text/seed/input.txt', import.meta.url).pathname;
export const CORPUS_SLICE = new URL('../fixtures/jsonl/kcna-stories-first-400.jsonl', import.meta.url).pathname;
export const KCNA_TEXT = (n: number) => new URL(`../golden/text/kcna-text-${n}/input.txt`, import.meta.url).pathname;

let counter = 0;

/** A fresh archive file in `dir` and a shorthand to import into it. */
export function freshArchive(dir: string) {
  const path = join(dir, `archive-${counter++}.db`);
  const store = new SqliteStore(path);
  const fixedNow = () => '2026-11-28T00:00:00.000Z';
  return {
    path,
    store,
    import: (paths: string[], opts: Partial<ImportOptions> = {}) => importPaths(store, paths, { format: 'auto', now: fixedNow, ...opts }),
  };
}
