/**
 * Case 2, the peer: the same gzipped JSONL read, gunzipped and parsed the same way, every title+body
 * inserted into a bare FTS5 table in one transaction with one prepared statement. This is the floor a
 * searchable SQLite archive of the same text cannot beat by much.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { CaseResult, CaseSpec } from './cases.js';
import { gzLines, type CorpusLine } from './corpus.js';
import { filesSize, type Progress } from './import-bench.js';

const PROGRESS_EVERY = 2000;

export async function runFts5(spec: CaseSpec, progress: Progress): Promise<CaseResult> {
  const path = join(spec.dir, 'fts5.sqlite');
  const started = performance.now();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // As the archive does: NORMAL is the usual setting in WAL mode.
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE VIRTUAL TABLE t USING fts5(title, body)');
  const insert = db.prepare('INSERT INTO t (title, body) VALUES (?, ?)');
  let records = 0;
  let bytes = 0;
  db.exec('BEGIN');
  for await (const line of gzLines(spec.input)) {
    bytes += Buffer.byteLength(line) + 1;
    const r = JSON.parse(line) as CorpusLine;
    insert.run(r.title ?? null, r.body ?? null);
    if (++records % PROGRESS_EVERY === 0) progress(records, bytes);
  }
  db.exec('COMMIT');
  db.close();
  const seconds = (performance.now() - started) / 1000;
  return {
    kind: 'fts5',
    scale: spec.scale,
    records,
    bytes,
    seconds,
    maxRssKiB: process.resourceUsage().maxRSS,
    archiveBytes: await filesSize(spec.dir, 'fts5.sqlite'),
  };
}
