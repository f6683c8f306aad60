/** Case 1: `importPaths` of a gzipped JSONL file into a fresh SQLite archive, as `wirewatch import` does. */
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
    onProgress: (bytes) =>
      progress(Math.round((spec.totalRecords * bytes) / spec.totalBytes), bytes),
  });
  const imported = performance.now();
  // Not timed: a check that the variant corpus did not collapse into copies.
  const stats = await store.stats();
  const closing = performance.now();
  await store.close();
  const seconds = (imported - started + performance.now() - closing) / 1000;
  return {
    kind: 'wirewatch',
    scale: spec.scale,
    records: report.records - report.rejected,
    bytes: spec.totalBytes,
    seconds,
    maxRssKiB: process.resourceUsage().maxRSS,
    archiveBytes: await filesSize(spec.dir, 'archive.sqlite'),
    counts: {
      records: report.records,
      rejected: report.rejected,
      articlesNew: report.articles.new,
      unchanged: report.articles.unchanged,
      newVersion: report.articles.newVersion,
      stories: stats.stories,
      storiesWithCopies: stats.storiesWithCopies,
      firstErrors: report.errors.slice(0, 5),
    },
  };
}

/** Reports the child's peak RSS on exit, read by `runCli` (no file of the project needed). */
const RSS_HOOK = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss-kib='+process.resourceUsage().maxRSS+'\\n'))`;
const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));

/** Case 3: `wirewatch import FILE --db archive.sqlite` as a user runs it, timed from spawn to exit. */
export async function runCli(spec: CaseSpec): Promise<CaseResult> {
  const db = join(spec.dir, 'archive.sqlite');
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', RSS_HOOK, CLI, 'import', spec.input, '--db', db, '--json', '--no-progress'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  const maxRssKiB = Number(/maxrss-kib=(\d+)/.exec(stderr)?.[1] ?? 0);
  let report: {
    records: number;
    rejected: number;
    articles: { new: number; unchanged: number; newVersion: number };
  } | null = null;
  try {
    report = JSON.parse(stdout);
  } catch {
    report = null;
  }
  if (!report) {
    return {
      kind: 'cli',
      scale: spec.scale,
      records: 0,
      bytes: 0,
      seconds,
      maxRssKiB,
      archiveBytes: 0,
      error: `wirewatch import exited with ${code}: ${stderr.split('\n')[0]}`,
    };
  }
  return {
    kind: 'cli',
    scale: spec.scale,
    records: report.records - report.rejected,
    bytes: spec.totalBytes,
    seconds,
    maxRssKiB,
    archiveBytes: await filesSize(spec.dir, 'archive.sqlite'),
    counts: {
      records: report.records,
      rejected: report.rejected,
      articlesNew: report.articles.new,
      unchanged: report.articles.unchanged,
      newVersion: report.articles.newVersion,
      stories: 0,
      storiesWithCopies: 0,
      firstErrors: [],
    },
  };
}

/** Bytes of `name` and its -wal / -shm / -journal companions in `dir`. */
export async function filesSize(dir: string, name: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir)) {
    if (entry === name || entry.startsWith(`${name}-`))
      total += (await stat(join(dir, entry))).size;
  }
  return total;
}
