/**
 * One case of the export benchmark (export.ts) in its own process, so its peak RSS is its own. argv[2]
 * is the ExportSpec as JSON; one JSON line (the ExportResult) goes to stdout.
 *
 * - `csv`, `jsonl`: what `wirewatch search QUERY --format csv|jsonl --out FILE` does (cli/commands/
 *   search-export.ts, without its summary line): `orderedMatches`, then `exportArticles` written by
 *   `writeExport` to FILE.part, renamed when complete.
 * - `peer`: the least a CSV export can do, like the SQLite CLI's `.mode csv`: better-sqlite3 `.iterate()`
 *   over the articles table joined to its source's name, each row handed to a csv-stringify stream
 *   piped into the file. No sort, no formula guard, no byte-order mark.
 */
import Database from 'better-sqlite3';
import { stringify } from 'csv-stringify';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { writeExport } from '../cli/write-export.js';
import { exportArticles } from '../export/export-articles.js';
import { ARTICLE_COLUMNS } from '../export/formats.js';
import { orderedMatches } from '../search/search.js';
import { SqliteStore } from '../store/sqlite/index.js';

export type ExportCase = 'csv' | 'jsonl' | 'peer';

export interface ExportSpec {
  case: ExportCase;
  archive: string;
  out: string;
  /** The query that matches every article. */
  query: string;
}

export interface ExportResult {
  case: ExportCase;
  /** Rows written (not counting a CSV header). */
  rows: number;
  /** Articles matched by the query (wirewatch) or in the table (peer). */
  matched: number;
  bytes: number;
  /** Open → output file closed (and renamed). */
  seconds: number;
  /** Open → matches ordered (wirewatch: columns loaded, query run, sorted by date); 0 for the peer. */
  matchSeconds: number;
  /** Peak RSS (maxRSS) when the matches were ready, before the first row; MiB. */
  rssAfterMatchMiB: number;
  /** Peak RSS at the end; MiB. */
  maxRssMiB: number;
  /** After each tenth of the rows (10 %, 20 %, … 100 %): peak RSS, RSS then and V8 heap used then; MiB. */
  byTenth: MemorySample[];
}

export interface MemorySample {
  maxRss: number;
  rss: number;
  heapUsed: number;
}

const mib = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** Samples memory each time another tenth of `total` rows is done. */
function tenths(total: number) {
  const seen: MemorySample[] = [];
  return {
    seen,
    progress(done: number) {
      while (seen.length < 10 && done >= Math.ceil(((seen.length + 1) * total) / 10)) {
        const now = process.memoryUsage();
        seen.push({
          maxRss: mib(),
          rss: Math.round(now.rss / 2 ** 20),
          heapUsed: Math.round(now.heapUsed / 2 ** 20),
        });
      }
    },
  };
}

async function runWirewatch(spec: ExportSpec, format: 'csv' | 'jsonl'): Promise<ExportResult> {
  const t0 = performance.now();
  const store = new SqliteStore(spec.archive);
  const matches = await orderedMatches(store, spec.query);
  const matchSeconds = (performance.now() - t0) / 1000;
  const rssAfterMatchMiB = mib();
  const sample = tenths(matches.docIds.length);
  const rows = await writeExport(
    () =>
      exportArticles(store, matches.docIds, {
        format,
        onProgress: (done) => sample.progress(done),
      }),
    { format, out: spec.out },
  );
  await store.close();
  const seconds = (performance.now() - t0) / 1000;
  return {
    case: spec.case,
    rows,
    matched: matches.docIds.length,
    bytes: (await stat(spec.out)).size,
    seconds,
    matchSeconds,
    rssAfterMatchMiB,
    maxRssMiB: mib(),
    byTenth: sample.seen,
  };
}

const PEER_SELECT = `SELECT a.id, a.source_id, s.name, a.pub_date, a.date_basis, a.title, a.place,
  a.language, a.url, '/articles/' || a.id, a.first_seen, a.last_seen, a.status, a.removed_at,
  a.version_count, a.story_id
  FROM articles a JOIN sources s ON s.id = a.source_id`;

async function runPeer(spec: ExportSpec): Promise<ExportResult> {
  const t0 = performance.now();
  const db = new Database(spec.archive, { readonly: true });
  const total = db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
  const sample = tenths(total);
  const file = createWriteStream(spec.out);
  const csv = stringify({ record_delimiter: 'windows' });
  csv.pipe(file);
  csv.write([...ARTICLE_COLUMNS]);
  let rows = 0;
  for (const row of db.prepare(PEER_SELECT).raw().iterate() as IterableIterator<unknown[]>) {
    rows++;
    if (!csv.write(row)) await once(csv, 'drain');
    if (rows % 250 === 0) sample.progress(rows);
  }
  sample.progress(rows);
  csv.end();
  await finished(file);
  db.close();
  const seconds = (performance.now() - t0) / 1000;
  return {
    case: 'peer',
    rows,
    matched: total,
    bytes: (await stat(spec.out)).size,
    seconds,
    matchSeconds: 0,
    rssAfterMatchMiB: 0,
    maxRssMiB: mib(),
    byTenth: sample.seen,
  };
}

const spec = JSON.parse(process.argv[2]!) as ExportSpec;
(spec.case === 'peer' ? runPeer(spec) : runWirewatch(spec, spec.case)).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error) => {
    process.stderr.write(
      `export ${spec.case} failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  },
);
