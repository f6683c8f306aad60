/**
 * `npm run bench -- --only serve-memory` (or `node dist/bench/serve-memory.js`), issue 17 item 5: the
 * memory of a web process over the 22k, 220k and 1M archives (goal: within 600 MiB at 1M).
 *
 * For each scale, on the search benchmark's archive (bench-archive.ts; `--dir` shared with it),
 * `wirewatch serve` runs in a child process and is asked, `--rounds` times over, every class of the
 * search benchmark's query mix through the search API and the search page, then `--articles` article
 * pages picked at random (as many as its page cache holds and more) and every source's first page,
 * eight requests at a time. Its resident memory is read from /proc: once it listens, at its peak
 * (VmHWM) and at the end.
 *
 * Beside it, in the same run and on the same archive: the same query mix answered in a process of its
 * own without a server (the search benchmark's query step), and by the naive FTS5 index in a bare
 * better-sqlite3 process when the search benchmark built one in `--dir`.
 *
 *   node dist/bench/serve-memory.js [--scales 22k,220k,1m] [--rounds N] [--articles N] [--dir DIR] [--json]
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { checkScales, reportScales } from './bench-archive.js';
import type { Machine } from './machine.js';
import { startServer, stopServer } from './reader-load.js';
import type { Engine, QueryResult, StepSpec } from './search/child.js';
import { QUERY_MIX } from './search/queries.js';

const run = promisify(execFile);
const SEARCH_CHILD = fileURLToPath(new URL('./search/child.js', import.meta.url));
const GOAL_MIB = 600;
const IN_FLIGHT = 8;
const USAGE = `usage: node dist/bench/serve-memory.js [--scales 22k,220k,1m] [--rounds N] [--articles N] [--dir DIR] [--json]
  --scales    archive sizes, comma-separated (default 22k,220k,1m; --quick in npm run bench: 22k)
  --rounds    passes over the query mix (default 3)
  --articles  article pages asked (default 12000: more than the page cache keeps)
  --dir       keep the corpus variants and archives in DIR and reuse them (the search benchmark's layout)
  --json      one JSON document on stdout (progress on stderr)`;

interface Args {
  scales: string[];
  rounds: number;
  articles: number;
  dir: string | null;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    scales: ['22k', '220k', '1m'],
    rounds: 3,
    articles: 12_000,
    dir: null,
    json: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const n = Number(argv[i + 1]);
    if (a === '--scales' && argv[i + 1]) args.scales = argv[++i]!.split(',');
    else if (a === '--rounds' && Number.isInteger(n) && n > 0) args.rounds = Number(argv[++i]);
    else if (a === '--articles' && Number.isInteger(n) && n >= 0) args.articles = Number(argv[++i]);
    else if (a === '--dir' && argv[i + 1]) args.dir = argv[++i]!;
    else if (a === '--json') args.json = true;
    else {
      process.stderr.write(`${a === '--help' ? '' : `unknown option ${a}\n`}${USAGE}\n`);
      process.exit(a === '--help' ? 0 : 2);
    }
  }
  checkScales(args.scales);
  return args;
}

/** A process's resident memory now and at its peak, in MiB, from /proc (Linux). */
export async function residentMiB(pid: number): Promise<{ now: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { now: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** The paths asked of the server: the query mix `rounds` times, then the article and source pages. */
function pathsOf(archive: string, rounds: number, articles: number): string[] {
  const db = new Database(archive, { readonly: true });
  try {
    const ids = db
      .prepare("SELECT id FROM articles WHERE status = 'live' ORDER BY random() LIMIT ?")
      .pluck()
      .all(articles) as string[];
    const sources = db.prepare('SELECT id FROM sources').pluck().all() as string[];
    const searches = QUERY_MIX.flatMap((q) => {
      const params = new URLSearchParams({ q: q.wirewatch, sort: q.sort });
      const api = new URLSearchParams({
        q: q.wirewatch,
        sort: q.sort,
        limit: '20',
        facets: 'true',
      });
      if (q.histogram) api.set('histogram', 'month');
      return [`/api/v1/search?${api}`, `/search?${params}`];
    });
    return [
      ...Array.from({ length: rounds }, () => searches).flat(),
      ...ids.map((id) => `/articles/${encodeURIComponent(id)}`),
      ...sources.map((id) => `/sources/${encodeURIComponent(id)}`),
    ];
  } finally {
    db.close();
  }
}

/** Asks `paths` of the server, `IN_FLIGHT` at a time; the answers that were not 200 (status, path). */
async function ask(url: string, paths: string[]): Promise<string[]> {
  let next = 0;
  const failed: string[] = [];
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++]!;
      const response = await fetch(`${url}${path}`);
      await response.arrayBuffer();
      if (response.status !== 200) failed.push(`${response.status} ${path}`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return failed;
}

interface Served {
  requests: number;
  /** The answers that were not 200, as `status path`. */
  notOk: string[];
  seconds: number;
  listeningMiB: number;
  peakMiB: number;
  endMiB: number;
}

async function measureServe(archive: string, paths: string[]): Promise<Served> {
  const server = await startServer(archive);
  try {
    const pid = server.child.pid!;
    const listening = await residentMiB(pid);
    const t = performance.now();
    const notOk = await ask(server.url, paths);
    const seconds = (performance.now() - t) / 1000;
    const end = await residentMiB(pid);
    return {
      requests: paths.length,
      notOk,
      seconds,
      listeningMiB: listening.now,
      peakMiB: end.peak,
      endMiB: end.now,
    };
  } finally {
    await stopServer(server);
  }
}

/** The search benchmark's query step in a process of its own: its peak RSS. */
async function queryStep(engine: Engine, dir: string, reps: number): Promise<number> {
  const spec: StepSpec = { step: 'query', engine, input: '', dir, pgUrl: '', pgSchema: '', reps };
  const { stdout } = await run(process.execPath, [SEARCH_CHILD, JSON.stringify(spec)], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return (JSON.parse(stdout.trim().split('\n').pop()!) as QueryResult).maxRssMiB;
}

interface ScaleReport {
  scale: string;
  articles: number;
  serve: Served;
  /** Peak RSS of the query mix answered without a server, in a process of its own. */
  queryProcessMiB: number;
  /** The naive FTS5 peer's, or null when no FTS5 index was built in `--dir`. */
  fts5MiB: number | null;
}

function format(reports: ScaleReport[], m: Machine): string {
  const mib = (n: number | null) => (n === null ? '—' : Math.round(n).toLocaleString('en-US'));
  const lines = [
    `${m.date}; ${m.cpu} (${m.cores} cores), ${m.memoryGiB} GiB, Node ${m.node}, SQLite ${m.sqlite}; load ${m.loadAverage1m} at the end`,
    '',
    '| scale | `serve` listening MiB | `serve` peak MiB | at the end MiB | requests (not 200) | s | query mix alone, peak MiB | FTS5 peer, peak MiB |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...reports.map(
      (r) =>
        `| ${r.scale} (${r.articles.toLocaleString('en-US')}) | ${mib(r.serve.listeningMiB)} | ${mib(r.serve.peakMiB)} | ${mib(r.serve.endMiB)} | ${r.serve.requests.toLocaleString('en-US')} (${r.serve.notOk.length}) | ${r.serve.seconds.toFixed(1)} | ${mib(r.queryProcessMiB)} | ${mib(r.fts5MiB)} |`,
    ),
    '',
    ...reports.flatMap((r) =>
      r.serve.notOk.length === 0
        ? []
        : [`${r.scale}, not 200: ${[...new Set(r.serve.notOk)].slice(0, 5).join('; ')}`],
    ),
  ];
  const top = reports.find((r) => r.scale === '1m');
  if (top)
    lines.push(
      `goal: a web process over the 1M archive within ${GOAL_MIB} MiB — peak ${mib(top.serve.peakMiB)} MiB: ${top.serve.peakMiB <= GOAL_MIB ? 'met' : 'not met'}`,
    );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  await reportScales(
    'serve-memory',
    args,
    async (archive, scale, log) => {
      const paths = pathsOf(archive.path, args.rounds, args.articles);
      log(`${scale}: serving ${paths.length} requests…`);
      const serve = await measureServe(archive.path, paths);
      log(`${scale}: the query mix without a server…`);
      const dir = dirname(archive.path);
      const queryProcessMiB = await queryStep('wirewatch', dir, args.rounds);
      const fts5 = existsSync(join(dir, 'built-fts5.json'));
      if (fts5) log(`${scale}: the FTS5 peer…`);
      const fts5MiB = fts5 ? await queryStep('fts5', dir, args.rounds) : null;
      const report: ScaleReport = {
        scale,
        articles: archive.articles,
        serve,
        queryProcessMiB,
        fts5MiB,
      };
      return report;
    },
    format,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
