/** Case 1: `importPaths` of a gzipped JSONL file into a fresh SQLite archive, as `wirewatch import` does. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { importPaths } from '../pipeline/import.js';
import { SqliteStore } from '../store/sqlite/index.js';
import type { CaseResult, CaseSpec } from './cases.js';

export type Progress = (records: number, bytes: number) => void;

export async function runWirewatch(spec: CaseSpec, progress: Progress): Promise<CaseResult> {
  const path = join(spec.dir, 'archive.sqlite');
  const started = performance.now();
  const store = new SqliteStore(path);
  const report = await importPaths(store, [spec.input], {
    format: 'auto',
    now: () => '2026-01-01T00:00:00.000Z',
    onProgress: (bytes) => progress(Math.round((spec.totalRecords * bytes) / spec.totalBytes), bytes),
  });
  const imported = performance.now();
  // Not timed: a check that the variant corpus did not collapse into copies.
  const stats = await store.stats();
  const closing = performance.now();
  await store.close();
  const seconds = (imported - started + performance.now() - closing) / 1000;
  return {
    kind: 'wirewatch', scale: spec.scale, records: report.records - report.rejected, bytes: spec.totalBytes, seconds,
    maxRssKiB: process.resourceUsage().maxRSS, archiveBytes: await filesSize(spec.dir, 'archive.sqlite'),
    counts: {
      records: report.records, rejected: report.rejected, articlesNew: report.articles.new,
      unchanged: report.articles.unchanged, newVersion: report.articles.newVersion,
      stories: stats.stories, storiesWithCopies: stats.storiesWithCopies, firstErrors: report.errors.slice(0, 5),
    },
  };
}

/** Bytes of `name` and its -wal / -shm / -journal companions in `dir`. */
export async function filesSize(dir: string, name: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir)) {
    if (entry === name || entry.startsWith(`${name}-`)) total += (await stat(join(dir, entry))).size;
  }
  return total;
}
