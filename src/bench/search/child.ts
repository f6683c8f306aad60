/**
 * One step of the search benchmark in its own process (so RSS and caches are its own): build an engine's
 * archive or index from a corpus file, or run the query mix against it. Prints one JSON line.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { importPaths } from '../../pipeline/import.js';
import { searchArchive } from '../../search/search.js';
import { SqliteStore } from '../../store/sqlite/index.js';
import { filesSize } from '../import-bench.js';
import { buildFts5, buildPostgres, openFts5, openPostgres, type PeerResult } from './peers.js';
import { QUERY_MIX, type QueryCase } from './queries.js';

export type Engine = 'wirewatch' | 'fts5' | 'postgres';
export interface StepSpec {
  step: 'build' | 'query';
  engine: Engine;
  input: string;
  dir: string;
  pgUrl: string;
  pgSchema: string;
  reps: number;
}

export interface ClassTiming {
  name: string;
  total: number;
  first: number;
  p50: number;
  p95: number;
  max: number;
}
export interface QueryResult {
  classes: ClassTiming[];
  firstQueryMs: number;
  maxRssMiB: number;
  indexBytes: number;
  archiveBytes: number;
}
export interface BuildResult {
  records: number;
  seconds: number;
  maxRssMiB: number;
}

const WIREWATCH_DB = 'archive.sqlite';
const FTS5_DB = 'fts5.sqlite';

async function build(spec: StepSpec): Promise<BuildResult> {
  const t = performance.now();
  let records: number;
  if (spec.engine === 'wirewatch') {
    const store = new SqliteStore(join(spec.dir, WIREWATCH_DB));
    const report = await importPaths(store, [spec.input], {
      format: 'auto',
      now: () => '2026-01-01T00:00:00.000Z',
    });
    records = report.records - report.rejected;
    await store.close();
  } else if (spec.engine === 'fts5') {
    records = await buildFts5(join(spec.dir, FTS5_DB), spec.input);
  } else {
    records = await buildPostgres(spec.pgUrl, spec.pgSchema, spec.input);
  }
  return {
    records,
    seconds: (performance.now() - t) / 1000,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

async function timeClass(
  q: QueryCase,
  reps: number,
  run: (q: QueryCase) => Promise<{ total: number }>,
): Promise<ClassTiming> {
  // The first run of a query in this process: nothing of it cached yet (word lists, pages of the index).
  const t0 = performance.now();
  let total = (await run(q)).total;
  const first = performance.now() - t0;
  total = (await run(q)).total;
  const ms: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await run(q);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)]!;
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    name: q.name,
    total,
    first: round(first),
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    max: round(ms[ms.length - 1]!),
  };
}

async function query(spec: StepSpec): Promise<QueryResult> {
  const classes: ClassTiming[] = [];
  let firstQueryMs = 0;
  let indexBytes = 0;
  let archiveBytes = 0;
  if (spec.engine === 'wirewatch') {
    const path = join(spec.dir, WIREWATCH_DB);
    const store = new SqliteStore(path);
    const run = async (q: QueryCase) =>
      searchArchive(store, {
        query: q.wirewatch,
        sort: q.sort,
        limit: 20,
        facets: true,
        histogram: q.histogram ? 'month' : null,
      });
    const t = performance.now();
    await run(QUERY_MIX[0]!);
    firstQueryMs = performance.now() - t;
    for (const q of QUERY_MIX) classes.push(await timeClass(q, spec.reps, run));
    await store.close();
    const db = new Database(path, { readonly: true });
    indexBytes = (
      db.prepare(`SELECT sum(pgsize) AS n FROM dbstat WHERE name LIKE 'search_fts%'`).get() as {
        n: number;
      }
    ).n;
    db.close();
    archiveBytes = await filesSize(spec.dir, WIREWATCH_DB);
  } else if (spec.engine === 'fts5') {
    const peer = openFts5(join(spec.dir, FTS5_DB));
    const run = async (q: QueryCase): Promise<PeerResult> => peer.run(q);
    const t = performance.now();
    await run(QUERY_MIX[0]!);
    firstQueryMs = performance.now() - t;
    for (const q of QUERY_MIX) classes.push(await timeClass(q, spec.reps, run));
    peer.close();
    archiveBytes = indexBytes = await filesSize(spec.dir, FTS5_DB);
  } else {
    const peer = await openPostgres(spec.pgUrl, spec.pgSchema);
    const t = performance.now();
    await peer.run(QUERY_MIX[0]!);
    firstQueryMs = performance.now() - t;
    for (const q of QUERY_MIX) classes.push(await timeClass(q, spec.reps, (x) => peer.run(x)));
    const size = await peer.size();
    indexBytes = size.index;
    archiveBytes = size.table;
    await peer.close();
  }
  return {
    classes,
    firstQueryMs: Math.round(firstQueryMs),
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    indexBytes,
    archiveBytes,
  };
}

const spec = JSON.parse(process.argv[2]!) as StepSpec;
(spec.step === 'build' ? build(spec) : query(spec)).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error) => {
    process.stderr.write(
      `${spec.engine} ${spec.step} failed: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exit(1);
  },
);
