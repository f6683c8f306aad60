/**
 * `npm run bench -- --only postgres [--pg-scale 22k|220k]`: the PostgreSQL engine drained by one worker
 * and by two (`wirewatch drain --workers N`, separate processes sharing the queue), against a bare
 * PostgreSQL COPY of the same rows measured in the same run. The input is split into part files (one
 * capture each, as a folder import gives), stored before the clock starts: the figure is the drain.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { captureFile } from '../capture/capture-file.js';
import { PostgresStore } from '../store/postgres/index.js';
import { SqliteStore } from '../store/sqlite/index.js';
import { gzLines, type CorpusLine } from './corpus.js';
import { variant, vocabularyOf } from './scale.js';

const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
export const PG_BENCH_URL =
  process.env.WIREWATCH_BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';

export interface PgRow {
  name: string;
  records: number;
  seconds: number;
  perSecond: number;
  note: string;
  /**
   * One worker's drain part by part: each part file's seconds (from one capture's end to the next's)
   * with its records, then the end of the drain (people, translations, statistics, search index). How
   * the cost per article moves as the archive grows, on like data (the 220k parts after the first
   * are all variants).
   */
  course?: { parts: { seconds: number; records: number }[]; end: number };
}

export interface PgBenchReport {
  scale: string;
  parts: number;
  rows: PgRow[];
  /** Two workers' time over one worker's (goal ≤ 0.65). */
  twoOverOne: number | null;
  /** One PostgreSQL worker's time over SQLite's drain of the same captures (issue 18: goal ≤ 3). */
  overSqlite: number | null;
}

/** The part files: the real corpus in 4 parts (22k), or 10 rounds of variants, one file each (220k). */
async function writeParts(
  corpus: string,
  dir: string,
  scale: '22k' | '220k',
): Promise<{ files: string[]; records: number; sizes: Map<string, number> }> {
  const records: CorpusLine[] = [];
  for await (const line of gzLines(corpus)) records.push(JSON.parse(line) as CorpusLine);
  const vocab = vocabularyOf(records);
  const rounds = scale === '220k' ? 10 : 1;
  const perRound = scale === '220k' ? 1 : 4;
  const files: string[] = [];
  const sizes = new Map<string, number>();
  let count = 0;
  for (let round = 0; round < rounds; round++) {
    const size = Math.ceil(records.length / perRound);
    for (let part = 0; part < perRound; part++) {
      const before = count;
      const path = join(dir, `part-${round}-${part}.jsonl`);
      const out = createWriteStream(path);
      for (let i = part * size; i < Math.min(records.length, (part + 1) * size); i++) {
        const r = round === 0 ? records[i]! : variant(records[i]!, round, i, vocab);
        out.write(`${JSON.stringify(r)}\n`);
        count++;
      }
      await new Promise((resolve) => out.end(resolve));
      sizes.set(basename(path), count - before);
      files.push(path);
    }
  }
  return { files, records: count, sizes };
}

function urlFor(schema: string): string {
  const url = new URL(PG_BENCH_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

async function sql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_BENCH_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function runCommand(
  cmd: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('close', (code) =>
      resolve({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 }),
    );
  });
}

async function drainWith(
  workers: number,
  files: string[],
  sizes: Map<string, number>,
  log: (l: string) => void,
): Promise<PgRow> {
  const schema = `ww_bench_${process.pid}_${workers}`;
  await sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  const store = await PostgresStore.open(PG_BENCH_URL, { schema });
  await storeCaptures(store, files);
  await store.close();
  log(`  draining with ${workers} worker(s)…`);
  const started = Date.now();
  const r = await runCommand(process.execPath, [
    CLI,
    'drain',
    '--workers',
    String(workers),
    '--db',
    urlFor(schema),
    '--json',
  ]);
  const done = await pgDoneTimes(schema);
  await sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  const name = `wirewatch drain, ${workers} worker${workers > 1 ? 's' : ''}`;
  return drainRow(name, r, workers === 1 ? courseOf(started, r.seconds, done, sizes) : undefined);
}

/** The part files stored as captures, one each, as a folder import stores them. */
async function storeCaptures(store: PostgresStore | SqliteStore, files: string[]): Promise<void> {
  for (const file of files)
    await captureFile(store, file, {
      format: 'auto',
      options: {},
      capturedAt: new Date().toISOString(),
    });
}

/** A drain's row from its `--json` report (an error in the note when it printed none). */
function drainRow(
  name: string,
  r: { code: number | null; stdout: string; stderr: string; seconds: number },
  course: PgRow['course'],
): PgRow {
  let report: { records: number; rejected: number; processed: number } | null = null;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    report = null;
  }
  const records = report ? report.records - report.rejected : 0;
  return {
    name,
    records,
    seconds: r.seconds,
    perSecond: records / r.seconds,
    note: report
      ? `${report.processed} captures`
      : `error: exit ${r.code}: ${r.stderr.split('\n')[0]}`,
    ...(course ? { course } : {}),
  };
}

/** When each capture of a PostgreSQL schema was done, with its origin, in order. */
async function pgDoneTimes(schema: string): Promise<CaptureDone[]> {
  const client = new pg.Client({ connectionString: PG_BENCH_URL });
  await client.connect();
  try {
    const { rows } = await client.query<CaptureDone>(
      `SELECT origin, processed_at AS "processedAt" FROM ${schema}.captures ORDER BY processed_at`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

export interface CaptureDone {
  origin: string;
  processedAt: string | null;
}

/**
 * Part by part from the captures' end times (one worker takes them one after another): the first
 * part counts from the command's start, so it carries the process's start-up too.
 */
export function courseOf(
  started: number,
  seconds: number,
  done: CaptureDone[],
  sizes: Map<string, number>,
): PgRow['course'] {
  if (done.some((d) => d.processedAt === null)) return undefined;
  let last = started;
  const parts = done.map((d) => {
    const at = Date.parse(d.processedAt!);
    const part = { seconds: (at - last) / 1000, records: sizes.get(basename(d.origin)) ?? 0 };
    last = at;
    return part;
  });
  return { parts, end: (started + seconds * 1000 - last) / 1000 };
}

/** The same captures drained into a SQLite archive (`wirewatch drain --db FILE`), the engine to match. */
async function drainSqlite(
  files: string[],
  sizes: Map<string, number>,
  dir: string,
  log: (l: string) => void,
): Promise<PgRow> {
  const path = join(dir, `sqlite-${process.pid}.db`);
  await rm(path, { force: true });
  const store = new SqliteStore(path);
  await storeCaptures(store, files);
  await store.close();
  log('  draining into SQLite…');
  const started = Date.now();
  const r = await runCommand(process.execPath, [CLI, 'drain', '--db', path, '--json']);
  const db = new Database(path, { readonly: true });
  const done = db
    .prepare('SELECT origin, processed_at AS processedAt FROM captures ORDER BY processed_at')
    .all() as CaptureDone[];
  db.close();
  await rm(path, { force: true });
  await rm(`${path}-wal`, { force: true });
  await rm(`${path}-shm`, { force: true });
  return drainRow('wirewatch drain, SQLite', r, courseOf(started, r.seconds, done, sizes));
}

/** The peer: the same rows parsed from the same files and loaded with COPY (psql \copy) into a bare table. */
async function copyPeer(files: string[], dir: string): Promise<PgRow> {
  const schema = `ww_bench_${process.pid}_copy`;
  await sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema};
    CREATE TABLE ${schema}.t (title TEXT, body TEXT, published TEXT, language TEXT)`);
  const started = performance.now();
  const csv = join(dir, 'rows.csv');
  const out = createWriteStream(csv);
  const field = (v: string | null | undefined) => (v == null ? '' : `"${v.replace(/"/g, '""')}"`);
  let records = 0;
  for (const file of files) {
    for await (const line of plainLines(file)) {
      const r = JSON.parse(line) as CorpusLine;
      out.write(`${field(r.title)},${field(r.body)},${field(r.published)},${field(r.language)}\n`);
      records++;
    }
  }
  await new Promise((resolve) => out.end(resolve));
  const url = new URL(PG_BENCH_URL);
  const r = await runCommand('psql', [
    '-h',
    url.hostname,
    '-p',
    url.port || '5432',
    '-U',
    url.username || 'postgres',
    '-d',
    url.pathname.slice(1),
    '-q',
    '-c',
    `\\copy ${schema}.t FROM '${csv}' CSV`,
  ]);
  const seconds = (performance.now() - started) / 1000;
  await sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  return {
    name: 'bare PostgreSQL COPY',
    records,
    seconds,
    perSecond: records / seconds,
    note: r.code === 0 ? 'parse + CSV + \\copy' : `error: ${r.stderr.trim()}`,
  };
}

async function* plainLines(path: string): AsyncGenerator<string> {
  const { createReadStream } = await import('node:fs');
  const { createInterface } = await import('node:readline');
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity }))
    if (line.trim()) yield line;
}

export async function runPostgresBench(
  corpus: string,
  tmp: string,
  scale: '22k' | '220k',
  log: (l: string) => void,
): Promise<PgBenchReport> {
  const dir = join(tmp, `pg-${scale}`);
  await mkdir(dir, { recursive: true });
  log(`writing the ${scale} input as part files…`);
  const { files, sizes } = await writeParts(corpus, dir, scale);
  const rows: PgRow[] = [];
  // Alternating order would need two copies of the 220k drain; one each, the peer in between.
  rows.push(await drainWith(1, files, sizes, log));
  log('  bare COPY…');
  rows.push(await copyPeer(files, dir));
  rows.push(await drainWith(2, files, sizes, log));
  rows.push(await drainSqlite(files, sizes, dir, log));
  const [one, , two, sqlite] = rows as [PgRow, PgRow, PgRow, PgRow];
  const twoOverOne = one.records && two.records ? two.seconds / one.seconds : null;
  const overSqlite = one.records && sqlite.records ? one.seconds / sqlite.seconds : null;
  return { scale, parts: files.length, rows, twoOverOne, overSqlite };
}

export function formatPostgres(r: PgBenchReport): string {
  const lines = [`PostgreSQL drain, ${r.scale} in ${r.parts} part files (one capture each)`, ''];
  lines.push('case                              records     wall s   articles/s  note');
  for (const row of r.rows) {
    lines.push(
      `${row.name.padEnd(32)} ${String(row.records).padStart(8)} ${row.seconds.toFixed(1).padStart(10)} ` +
        `${row.perSecond.toFixed(0).padStart(12)}  ${row.note}`,
    );
  }
  for (const row of r.rows) if (row.course) lines.push('', ...formatCourse(row.name, row.course));
  const ratio = r.twoOverOne === null ? 'not run' : `${r.twoOverOne.toFixed(2)}×`;
  const engines = r.overSqlite === null ? 'not run' : `${r.overSqlite.toFixed(2)}×`;
  const within = r.overSqlite !== null && r.overSqlite <= 3 ? 'met' : 'not met';
  lines.push('', `goal: 1 PostgreSQL worker ≤ 3× SQLite's drain — this run ${engines}: ${within}`);
  lines.push(
    '',
    `goal: 2 workers ≤ 0.65× the time of 1 — this run ${ratio}: ${r.twoOverOne !== null && r.twoOverOne <= 0.65 ? 'met' : 'not met'}`,
  );
  return lines.join('\n');
}

/** Articles per second part by part, and what the end of the drain took. */
function formatCourse(name: string, course: NonNullable<PgRow['course']>): string[] {
  const rates = course.parts.map((p) => (p.seconds > 0 ? (p.records / p.seconds).toFixed(0) : '-'));
  return [
    `${name}, part by part (articles/s, the first with the start-up): ${rates.join(' · ')}`,
    `  then the end of the drain (people, translations, statistics, search index): ${course.end.toFixed(1)} s`,
  ];
}
