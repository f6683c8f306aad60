/**
 * `npm run bench -- --only search` (or `node dist/bench/search/main.js`): the query mix at 22k, 220k and
 * 1M articles (the real corpus and variants of it), wirewatch beside a naive SQLite FTS5 index and
 * PostgreSQL full-text search built from the same lines, in the same run. Each build and each query run
 * is its own process.
 *
 *   node dist/bench/search/main.js [--scales 22k,220k,1m] [--reps N] [--dir DIR] [--json] [--pg URL]
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, release, tmpdir, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { corpusPath } from '../corpus.js';
import { writeScaledCorpus } from '../scale.js';
import { checkScales, SCALES } from '../bench-archive.js';
import type { BuildResult, Engine, QueryResult, StepSpec } from './child.js';
import { QUERY_MIX } from './queries.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./child.js', import.meta.url));
const ENGINES: Engine[] = ['wirewatch', 'fts5', 'postgres'];
const GOAL_P95_MS = 50;

interface Args {
  scales: string[];
  reps: number;
  dir: string | null;
  json: boolean;
  pg: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    scales: ['22k', '220k', '1m'],
    reps: 20,
    dir: null,
    json: false,
    pg: process.env.WIREWATCH_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') args.json = true;
    else if (a === '--scales' && argv[i + 1]) args.scales = argv[++i]!.split(',');
    else if (a === '--reps' && Number(argv[i + 1]) > 0) args.reps = Number(argv[++i]);
    else if (a === '--dir' && argv[i + 1]) args.dir = argv[++i]!;
    else if (a === '--pg' && argv[i + 1]) args.pg = argv[++i]!;
    else {
      process.stderr.write(
        `${a === '--help' ? '' : `unknown option ${a}\n`}usage: node dist/bench/search/main.js [--scales 22k,220k,1m] [--reps N] [--dir DIR (keeps and reuses built indexes)] [--json] [--pg URL]\n`,
      );
      process.exit(a === '--help' ? 0 : 2);
    }
  }
  checkScales(args.scales);
  return args;
}

async function step<T>(spec: StepSpec): Promise<T> {
  const { stdout } = await run(process.execPath, [CHILD, JSON.stringify(spec)], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as T;
}

interface ScaleResult {
  scale: string;
  records: number;
  builds: Record<string, BuildResult>;
  queries: Record<string, QueryResult>;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const work = args.dir ?? (await mkdtemp(join(tmpdir(), 'wirewatch-search-bench-')));
  await mkdir(work, { recursive: true });
  const started = new Date().toISOString();
  const load = loadavg()[0]!;
  const results: ScaleResult[] = [];
  try {
    for (const scale of args.scales) {
      const rounds = SCALES[scale]!;
      const input = rounds === 1 ? corpusPath() : join(work, `corpus-x${rounds}.jsonl.gz`);
      if (!existsSync(input)) {
        log(`generating the ${rounds}× corpus…`);
        // Written aside and renamed, so an interrupted run never leaves a partial corpus to reuse.
        await writeScaledCorpus(corpusPath(), `${input}.partial`, rounds);
        await rename(`${input}.partial`, input);
      }
      const dir = join(work, scale);
      await mkdir(dir, { recursive: true });
      const result: ScaleResult = { scale, records: 0, builds: {}, queries: {} };
      for (const engine of ENGINES) {
        const spec: StepSpec = {
          step: 'build',
          engine,
          input,
          dir,
          pgUrl: args.pg,
          pgSchema: `wirewatch_bench_${scale}`,
          reps: args.reps,
        };
        const marker = join(dir, `built-${engine}.json`);
        if (existsSync(marker)) {
          result.builds[engine] = JSON.parse(await readFile(marker, 'utf8'));
          log(`${scale} ${engine}: reusing the index built earlier in ${dir}`);
        } else {
          log(`${scale} ${engine}: building…`);
          result.builds[engine] = await step<BuildResult>(spec);
          await writeFile(marker, JSON.stringify(result.builds[engine]));
          log(
            `  ${result.builds[engine]!.records.toLocaleString('en-US')} records in ${result.builds[engine]!.seconds.toFixed(1)} s`,
          );
        }
        result.records = result.builds[engine]!.records;
      }
      for (const engine of ENGINES) {
        log(`${scale} ${engine}: querying (${args.reps} runs per class)…`);
        result.queries[engine] = await step<QueryResult>({
          step: 'query',
          engine,
          input,
          dir,
          pgUrl: args.pg,
          pgSchema: `wirewatch_bench_${scale}`,
          reps: args.reps,
        });
      }
      results.push(result);
    }
  } finally {
    if (!args.dir) await rm(work, { recursive: true, force: true });
  }
  const machine = {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: process.version,
    date: started,
    loadAverage1m: Math.round(load * 100) / 100,
  };
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ machine, queryMix: QUERY_MIX, results }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${format(machine, results)}\n`);
}

function format(machine: Record<string, unknown>, results: ScaleResult[]): string {
  const out = [
    `wirewatch search benchmark — ${machine.date}`,
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; ${machine.os}; Node ${machine.node}; load at start ${machine.loadAverage1m}`,
    'each request: a page of 20 hits, the exact total and facets (source, language, year, month); times in ms:',
    'first = the first run of that query in the process (earlier classes may have cached shared words), then p50 / p95 of the runs after one more warm-up',
    '',
  ];
  for (const r of results) {
    out.push(
      `## ${r.scale} (${r.records.toLocaleString('en-US')} articles)`,
      '',
      '| query | wirewatch first · p50 / p95 | FTS5 ORDER BY bm25 first · p50 / p95 | PostgreSQL tsvector+GIN first · p50 / p95 | hits (ww / fts5 / pg) |',
      '|---|---|---|---|---|',
    );
    for (let i = 0; i < QUERY_MIX.length; i++) {
      const cell = (e: Engine) => {
        const c = r.queries[e]!.classes[i]!;
        return `${Math.round(c.first)} · ${c.p50} / ${c.p95}`;
      };
      const totals = ENGINES.map((e) =>
        r.queries[e]!.classes[i]!.total.toLocaleString('en-US'),
      ).join(' / ');
      out.push(
        `| ${QUERY_MIX[i]!.name} | ${cell('wirewatch')} | ${cell('fts5')} | ${cell('postgres')} | ${totals} |`,
      );
    }
    const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
    out.push(
      '',
      '| engine | build s | index size | whole store | first query ms | client peak RSS |',
      '|---|---|---|---|---|---|',
    );
    for (const e of ENGINES) {
      const b = r.builds[e]!,
        q = r.queries[e]!;
      out.push(
        `| ${e} | ${b.seconds.toFixed(0)} | ${mb(q.indexBytes)} | ${mb(q.archiveBytes)} | ${q.firstQueryMs} | ${q.maxRssMiB} MiB |`,
      );
    }
    const worst = Math.max(...r.queries.wirewatch!.classes.map((c) => c.p95));
    out.push(
      '',
      `goal p95 ≤ ${GOAL_P95_MS} ms: wirewatch's worst class p95 is ${worst} ms — ${worst <= GOAL_P95_MS ? 'met' : 'NOT met'}`,
      '',
    );
  }
  out.push(
    'wirewatch build = the whole import (extraction, dedup, versions, captures) plus the search index; the peers only index.',
    "PostgreSQL client RSS is the Node client's; the server's memory is not counted.",
  );
  return out.join('\n');
}

main().catch((error) => {
  process.stderr.write(
    `search bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
