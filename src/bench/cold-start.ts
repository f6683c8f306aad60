/**
 * `npm run bench -- --only cold-start` (or `node dist/bench/cold-start.js`), issue 17 item 4: how long
 * a new process takes to its first search answer at 22k, 220k and 1M articles. Every `wirewatch search`
 * on the command line is such a process, and so is a server just started.
 *
 * Each case runs in a fresh process, `--runs` times (the median is reported), on the search
 * benchmark's archives (bench-archive.ts; `--dir` is shared with it):
 * - `wirewatch search <rare term> --json`, the whole command timed from outside (Node's start-up and
 *   module loading included);
 * - in one process: opening the archive, then the first `searchArchive` (the search benchmark's
 *   "first query"), and the process's peak RSS.
 * The peer, in the same run and on the same archive: both cases with the columns' snapshot taken out
 * of the archive (it is put back after), so the columns are read from every article's row, as every
 * process did before the snapshot; and, when the search benchmark built it in `--dir`, the naive FTS5
 * index's first query.
 *
 *   node dist/bench/cold-start.js [--scales 22k,220k,1m] [--runs N] [--dir DIR] [--json]
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { keepColumnsSnapshot, searchArchive } from '../search/search.js';
import { SqliteStore } from '../store/sqlite/index.js';
import { checkScales, reportScales } from './bench-archive.js';
import { openFts5 } from './search/peers.js';
import { QUERY_MIX } from './search/queries.js';
import type { Machine } from './machine.js';

const run = promisify(execFile);
const SELF = fileURLToPath(import.meta.url);
const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const QUERY = QUERY_MIX[0]!;
const GOAL_MS = 1000;
const USAGE = `usage: node dist/bench/cold-start.js [--scales 22k,220k,1m] [--runs N] [--dir DIR] [--json]
  --scales  archive sizes, comma-separated (default 22k,220k,1m; --quick in npm run bench: 22k)
  --runs    fresh processes per case; the median is reported (default 5)
  --dir     keep the corpus variants and archives in DIR and reuse them (the search benchmark's layout)
  --json    one JSON document on stdout (progress on stderr)`;

interface Args {
  scales: string[];
  runs: number;
  dir: string | null;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { scales: ['22k', '220k', '1m'], runs: 5, dir: null, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--scales' && argv[i + 1]) args.scales = argv[++i]!.split(',');
    else if (a === '--runs' && Number(argv[i + 1]) > 0) args.runs = Number(argv[++i]);
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

/** What one in-process run measured. */
interface InProcess {
  openMs: number;
  firstMs: number;
  total: number;
  rssMiB: number;
}

/** The child's side: open the archive (or the FTS5 peer's index) and answer the first query. */
async function child(kind: string, path: string): Promise<void> {
  const t0 = performance.now();
  let openMs: number;
  let total: number;
  if (kind === 'fts5') {
    const peer = openFts5(path);
    openMs = performance.now() - t0;
    total = (await peer.run(QUERY)).total;
    peer.close();
  } else {
    const store = new SqliteStore(path);
    openMs = performance.now() - t0;
    total = (await searchArchive(store, { query: QUERY.wirewatch, limit: 20, facets: true })).total;
    await store.close();
  }
  const result: InProcess = {
    openMs,
    firstMs: performance.now() - t0,
    total,
    rssMiB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
};

async function inProcess(kind: string, path: string, runs: number): Promise<InProcess> {
  const results: InProcess[] = [];
  for (let i = 0; i < runs; i++) {
    const { stdout } = await run(process.execPath, [SELF, '--child', kind, path]);
    results.push(JSON.parse(stdout.trim().split('\n').pop()!) as InProcess);
  }
  const firstMs = median(results.map((r) => r.firstMs));
  return {
    openMs: median(results.map((r) => r.openMs)),
    firstMs,
    total: results[0]!.total,
    rssMiB: median(results.map((r) => r.rssMiB)),
  };
}

/** `wirewatch search` as a user runs it: the whole process, timed from outside. */
async function command(path: string, runs: number): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await run(process.execPath, [CLI, 'search', QUERY.wirewatch, '--db', path, '--json'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    ms.push(performance.now() - t);
  }
  return median(ms);
}

interface Row {
  case: string;
  commandMs: number | null;
  openMs: number;
  firstMs: number;
  rssMiB: number;
  total: number;
}

interface ScaleReport {
  scale: string;
  articles: number;
  snapshotBytes: number;
  /** Seconds a drain's step took to write the snapshot here, or null when the archive had it. */
  snapshotWrittenSeconds: number | null;
  rows: Row[];
}

/** Takes the snapshot out of the archive while `fn` runs, and puts it back. */
async function withoutSnapshot<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const db = new Database(path);
  const kept = db.prepare('SELECT generation, data FROM search_snapshot').raw().get();
  db.prepare('DELETE FROM search_snapshot').run();
  try {
    return await fn();
  } finally {
    if (kept)
      db.prepare('INSERT INTO search_snapshot (id, generation, data) VALUES (1, ?, ?)').run(
        ...(kept as unknown[]),
      );
    db.close();
  }
}

async function measure(
  path: string,
  runs: number,
  log: (l: string) => void,
): Promise<ScaleReport['rows']> {
  const rows: Row[] = [];
  const add = async (name: string, withCommand: boolean) => {
    log(`  ${name}…`);
    const p = await inProcess('wirewatch', path, runs);
    rows.push({ case: name, commandMs: withCommand ? await command(path, runs) : null, ...p });
  };
  await add('wirewatch, columns from the snapshot', true);
  await withoutSnapshot(path, () => add('wirewatch, columns from every row (before; peer)', true));
  const fts5 = join(dirname(path), 'fts5.sqlite');
  if (existsSync(fts5)) {
    log('  FTS5…');
    rows.push({
      case: 'FTS5, naive index (peer)',
      commandMs: null,
      ...(await inProcess('fts5', fts5, runs)),
    });
  }
  return rows;
}

function format(reports: ScaleReport[], m: Machine): string {
  const lines = [
    `machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.os}; Node ${m.node}; ${m.date}; load ${m.loadAverage1m}`,
    `Cold start: a new process's first answer to "${QUERY.wirewatch}" (20 hits, total, facets); medians of fresh processes`,
    '',
    '| scale | case | `wirewatch search` ms | open ms | first answer ms | peak RSS MiB | hits |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of reports)
    for (const row of r.rows)
      lines.push(
        `| ${r.scale} (${r.articles.toLocaleString('en-US')}) | ${row.case} | ${row.commandMs === null ? '' : Math.round(row.commandMs).toLocaleString('en-US')} | ${Math.round(row.openMs)} | ${Math.round(row.firstMs).toLocaleString('en-US')} | ${Math.round(row.rssMiB)} | ${row.total.toLocaleString('en-US')} |`,
      );
  lines.push('');
  for (const r of reports) {
    const mine = r.rows[0]!;
    lines.push(
      `${r.scale}: snapshot ${(r.snapshotBytes / 2 ** 20).toFixed(1)} MiB${r.snapshotWrittenSeconds === null ? '' : ` (written in ${r.snapshotWrittenSeconds.toFixed(1)} s)`}; goal: first answer ≤ ${GOAL_MS} ms — ${Math.round(mine.firstMs)} ms in process, ${Math.round(mine.commandMs!)} ms for the whole command: ${mine.firstMs <= GOAL_MS ? 'met' : 'not met'}`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  await reportScales(
    'cold-start',
    args,
    async (archive, scale, log) => {
      // An archive built before snapshots existed gets one now, as its next drain would write it.
      const store = new SqliteStore(archive.path);
      const t = performance.now();
      const wrote = await keepColumnsSnapshot(store);
      const snapshotWrittenSeconds = wrote ? (performance.now() - t) / 1000 : null;
      const snapshotBytes = (await store.search.snapshot())?.data.byteLength ?? 0;
      await store.close();
      log(`${scale}: measuring…`);
      const rows = await measure(archive.path, args.runs, log);
      const report: ScaleReport = {
        scale,
        articles: archive.articles,
        snapshotBytes,
        snapshotWrittenSeconds,
        rows,
      };
      return report;
    },
    format,
  );
}

if (process.argv[2] === '--child') {
  await child(process.argv[3]!, process.argv[4]!);
} else {
  await main();
}
