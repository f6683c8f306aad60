/**
 * `npm run bench -- --only export` (or `node dist/bench/export.js`): exporting every article of a 22k,
 * 220k and 1M archive as CSV and as JSONL to a file, as `wirewatch search QUERY --format … --out FILE`
 * does, beside the least a CSV export can do (better-sqlite3 `.iterate()` into csv-stringify) in the
 * same run. Each export is its own process (export-child.ts), so its peak RSS is its own: bounded
 * memory means that peak does not grow with the rows.
 *
 * The archives are the search benchmark's: the same corpus variants (scale.ts) imported by its build
 * step (search/child.ts), in the same layout, so `--dir` can be shared with `--only search --dir`.
 *
 *   node dist/bench/export.js [--scales 22k,220k,1m] [--repeat N] [--dir DIR] [--json]
 */
import { execFile } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ExportCase, ExportResult, ExportSpec } from './export-child.js';
import { checkScales, ensureArchive, type BenchArchive } from './bench-archive.js';
import { hardware, type Hardware } from './machine.js';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./export-child.js', import.meta.url));
const CASES: ExportCase[] = ['csv', 'jsonl', 'peer'];
/** Every status there is (query/ast.ts: STATUSES): the query language has no empty "match all". */
const EVERYTHING = 'status:live OR status:teaser OR status:deleted';
const USAGE = `usage: node dist/bench/export.js [--scales 22k,220k,1m] [--repeat N] [--dir DIR] [--json]
  --scales  archive sizes, comma-separated (default 22k,220k,1m; --quick in npm run bench: 22k)
  --repeat  runs of each 22k case, the median by wall time reported (default 3); larger ones run once
  --dir     keep the corpus variants and archives in DIR and reuse them (the search benchmark's layout)
  --json    one JSON document on stdout (progress on stderr)`;

interface Args {
  scales: string[];
  repeat: number;
  dir: string | null;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { scales: ['22k', '220k', '1m'], repeat: 3, dir: null, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') args.json = true;
    else if (a === '--scales' && argv[i + 1]) args.scales = argv[++i]!.split(',');
    else if (a === '--repeat' && Number.isInteger(Number(argv[i + 1])) && Number(argv[i + 1]) > 0)
      args.repeat = Number(argv[++i]);
    else if (a === '--dir' && argv[i + 1]) args.dir = argv[++i]!;
    else {
      process.stderr.write(`${a === '--help' ? '' : `unknown option ${a}\n`}${USAGE}\n`);
      process.exit(a === '--help' ? 0 : 2);
    }
  }
  checkScales(args.scales);
  return args;
}

interface Archive extends BenchArchive {
  bytes: number;
}

/** The scale's archive in `work` (bench-archive.ts), its files read once so the page cache holds them. */
async function archiveOf(
  work: string,
  scale: string,
  log: (line: string) => void,
): Promise<Archive> {
  const archive = await ensureArchive(work, scale, log);
  return { ...archive, bytes: await warm(archive.path) };
}

/**
 * Reads the archive once, so every case starts with it in the page cache (the first case would
 * otherwise pay the disk for the others); page cache is not counted in a process's RSS.
 */
async function warm(path: string): Promise<number> {
  let bytes = 0;
  for (const file of [path, `${path}-wal`].filter((f) => existsSync(f)))
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 22 }))
      bytes += (chunk as Buffer).length;
  return bytes;
}

async function exportOnce(
  c: ExportCase,
  archive: string,
  out: string,
  log: (line: string) => void,
): Promise<ExportResult> {
  const spec: ExportSpec = { case: c, archive, out, query: EVERYTHING };
  const { stdout } = await run(process.execPath, [CHILD, JSON.stringify(spec)], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const result = JSON.parse(stdout.trim().split('\n').pop()!) as ExportResult;
  await rm(out, { force: true });
  log(
    `  ${c}: ${result.rows.toLocaleString('en-US')} rows, ${(result.bytes / 1e6).toFixed(0)} MB in ` +
      `${result.seconds.toFixed(1)} s, peak RSS ${result.maxRssMiB} MiB`,
  );
  return result;
}

interface ScaleResult {
  scale: string;
  archive: Omit<Archive, 'path'>;
  results: (ExportResult & { runs: number[] })[];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const work = args.dir ?? (await mkdtemp(join(tmpdir(), 'wirewatch-export-bench-')));
  await mkdir(work, { recursive: true });
  const started = new Date();
  const loadAtStart = loadavg()[0]!;
  const scales: ScaleResult[] = [];
  try {
    for (const scale of args.scales) {
      const { path, ...archive } = await archiveOf(work, scale, log);
      const repeat = scale === '22k' ? args.repeat : 1;
      const runs = new Map<ExportCase, ExportResult[]>(CASES.map((c) => [c, []]));
      log(
        `${scale}: exporting ${archive.articles.toLocaleString('en-US')} articles` +
          (repeat > 1 ? ` (${repeat} runs of each case)` : '') +
          '…',
      );
      // Alternating, so a burst of load elsewhere on the machine hits every case alike.
      for (let i = 0; i < repeat; i++)
        for (const c of CASES)
          runs.get(c)!.push(await exportOnce(c, path, join(work, scale, `export-${c}.out`), log));
      scales.push({
        scale,
        archive,
        results: CASES.map((c) => median(runs.get(c)!)),
      });
    }
  } finally {
    if (!args.dir) await rm(work, { recursive: true, force: true });
  }
  const machine = {
    ...hardware(),
    started: started.toISOString(),
    seconds: Math.round((Date.now() - started.getTime()) / 1000),
    loadAverage1m: { start: round2(loadAtStart), end: round2(loadavg()[0]!) },
  };
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ machine, query: EVERYTHING, scales }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`${format(machine, scales)}\n`);
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The run with the median wall time; `runs` lists every run's seconds. */
function median(all: ExportResult[]): ExportResult & { runs: number[] } {
  const sorted = [...all].sort((a, b) => a.seconds - b.seconds);
  return {
    ...sorted[Math.floor((sorted.length - 1) / 2)]!,
    runs: all.map((r) => round2(r.seconds)),
  };
}

const LABELS: Record<ExportCase, string> = {
  csv: 'wirewatch CSV',
  jsonl: 'wirewatch JSONL',
  peer: 'iterate → csv-stringify (peer)',
};

function format(
  machine: Hardware & {
    started: string;
    seconds: number;
    loadAverage1m: { start: number; end: number };
  },
  scales: ScaleResult[],
): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const out = [
    `wirewatch export benchmark — ${machine.started} (${machine.seconds} s)`,
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; ${machine.os}; Node ${machine.node}; ` +
      `SQLite ${machine.sqlite}; load average ${machine.loadAverage1m.start} at the start, ${machine.loadAverage1m.end} at the end`,
    `query (every article): ${EVERYTHING}`,
    '',
    '| case | archive | rows | wall s | rows/s | MB written | MB/s | match s | RSS after match MiB | peak RSS MiB |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const s of scales)
    for (const r of s.results)
      out.push(
        `| ${LABELS[r.case]} | ${s.scale} | ${n(r.rows)} | ${r.seconds.toFixed(1)} | ${n(Math.round(r.rows / r.seconds))} | ` +
          `${(r.bytes / 1e6).toFixed(1)} | ${(r.bytes / 1e6 / r.seconds).toFixed(1)} | ` +
          `${r.case === 'peer' ? '—' : r.matchSeconds.toFixed(1)} | ${r.case === 'peer' ? '—' : r.rssAfterMatchMiB} | ${r.maxRssMiB} |`,
      );
  out.push(
    '',
    `peak RSS (MiB) by archive size: ${scales.map((s) => `${s.scale} (${n(s.archive.articles)} articles)`).join(' · ')}`,
    '',
    `| case | ${scales.map((s) => s.scale).join(' | ')} |`,
    `|---|${scales.map(() => '---:').join('|')}|`,
  );
  for (const c of CASES)
    out.push(
      `| ${LABELS[c]} | ${scales.map((s) => s.results.find((r) => r.case === c)!.maxRssMiB).join(' | ')} |`,
    );
  out.push(
    '',
    'after each tenth of the rows (MiB): peak RSS so far | RSS then | V8 heap used then',
  );
  for (const s of scales)
    for (const r of s.results)
      out.push(
        `  ${s.scale} ${r.case.padEnd(5)} ${(['maxRss', 'rss', 'heapUsed'] as const)
          .map((k) => r.byTenth.map((t) => t[k]).join(' '))
          .join(' | ')}`,
      );
  out.push('', 'archives (the import with its search index, search/child.ts build step):');
  for (const s of scales) {
    const a = s.archive;
    out.push(
      `  ${s.scale}: ${n(a.articles)} articles, ${(a.bytes / 1e6).toFixed(0)} MB; ` +
        (a.build.reused
          ? `reused (built earlier in ${a.build.seconds.toFixed(0)} s)`
          : `built in ${a.build.seconds.toFixed(0)} s`) +
        (a.generationSeconds === null
          ? ''
          : `, corpus variant generated in ${a.generationSeconds.toFixed(0)} s`),
    );
    const runs = s.results.filter((r) => r.runs.length > 1);
    if (runs.length)
      out.push(
        `  ${s.scale} runs (wall s, median reported): ${runs.map((r) => `${r.case} ${r.runs.join(', ')}`).join('; ')}`,
      );
  }
  out.push(
    '',
    'wall s = opening the archive → output file closed (wirewatch: the match, its sort by date and the rename included);',
    'match s = opening → every match ordered (columns loaded, query run, sorted); MB = 10^6 B of output;',
    "peak RSS = the export's own child process (process.resourceUsage().maxRSS).",
  );
  return out.join('\n');
}

main().catch((error) => {
  process.stderr.write(
    `export bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
