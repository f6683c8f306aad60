/**
 * `npm run bench`: import throughput of wirewatch against a bare SQLite FTS5 insert of the same rows,
 * on the real 22k-story KCNA corpus and (unless --quick) on a generated 10× variant. Each case runs in
 * its own child process and its own fresh temp folder. Prints a table; --json prints one JSON object.
 *
 * Then the generic-extraction benchmark (extraction.ts) runs in the same process, after the import cases.
 *
 *   node dist/bench/main.js [--only import|extraction] [--quick] [--json] [--repeat N] [--timeout SECONDS] [--profile] [--keep]
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseKind, CaseResult, CaseSpec } from './cases.js';
import { corpusPath, measureGz } from './corpus.js';
import { formatExtraction, runExtractionBench, type ExtractionReport } from './extraction.js';
import { runCase } from './measure.js';
import { formatProfile, summariseProfile, type ProfileSummary } from './profile.js';
import { writeScaledCorpus } from './scale.js';
import { formatPostgres, runPostgresBench } from './postgres.js';
import { formatGoals, formatRows, goalsOf, rowOf } from './table.js';
import { machine } from './machine.js';

const ROUNDS = 10;
const USAGE = `usage: node dist/bench/main.js [--only import|extraction|postgres] [--pg-scale 22k|220k] [--quick] [--json] [--repeat N] [--timeout SECONDS] [--profile] [--keep]
  --only      run one benchmark: import (the import cases), extraction (generic HTML extraction) or postgres
              (PostgreSQL drained by 1 and 2 workers, beside a bare COPY); default import and extraction
  --pg-scale  22k or 220k, for --only postgres (default 22k)
  --quick     the real 22k corpus only (no 10× run)
  --json      machine-readable output on stdout (progress still goes to stderr)
  --repeat    runs of each 22k case; the median (by wall time) is reported (default 3)
  --timeout   per-case time cap in seconds (default 300); a capped case reports the part it did
  --profile   CPU-profile wirewatch (an extra 22k run; the 220k run itself) and print where the time went
  --keep      keep the temp folder (archives, generated corpus, profiles)`;

interface Args {
  quick: boolean;
  json: boolean;
  repeat: number;
  timeout: number;
  profile: boolean;
  keep: boolean;
  only: 'import' | 'extraction' | 'postgres' | null;
  pgScale: '22k' | '220k';
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    quick: false,
    json: false,
    repeat: 3,
    timeout: 300,
    profile: false,
    keep: false,
    only: null,
    pgScale: '22k',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') args.quick = true;
    else if (a === '--json') args.json = true;
    else if (a === '--profile') args.profile = true;
    else if (a === '--keep') args.keep = true;
    else if (a === '--only' && ['import', 'extraction', 'postgres'].includes(argv[i + 1] ?? ''))
      args.only = argv[++i] as Args['only'];
    else if (a === '--pg-scale' && (argv[i + 1] === '22k' || argv[i + 1] === '220k'))
      args.pgScale = argv[++i] as Args['pgScale'];
    else if (a === '--repeat' && Number.isInteger(Number(argv[i + 1])) && Number(argv[i + 1]) > 0)
      args.repeat = Number(argv[++i]);
    else if (a === '--timeout' && Number(argv[i + 1]) > 0) args.timeout = Number(argv[++i]);
    else {
      process.stderr.write(
        `${a === '--help' || a === '-h' ? '' : `unknown option ${a}\n`}${USAGE}\n`,
      );
      process.exit(a === '--help' || a === '-h' ? 0 : 2);
    }
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (args.only === 'extraction') {
    const report = runExtractionBench({ log });
    process.stdout.write(
      args.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatExtraction(report)}\n`,
    );
    return;
  }
  const info = machine();
  const corpus = corpusPath();
  const tmp = await mkdtemp(join(tmpdir(), 'wirewatch-bench-'));
  if (args.only === 'postgres') {
    try {
      const report = await runPostgresBench(corpus, tmp, args.pgScale, log);
      process.stdout.write(
        args.json
          ? `${JSON.stringify({ machine: info, ...report }, null, 2)}\n`
          : `machine: ${info.cpu}, ${info.cores} cores; Node ${info.node}; ${info.date}; load ${info.loadAverage1m}\n${formatPostgres(report)}\n`,
      );
    } finally {
      if (!args.keep) await rm(tmp, { recursive: true, force: true });
    }
    return;
  }
  const results: CaseResult[] = [];
  const profiles: { case: string; path: string; summary: ProfileSummary }[] = [];
  let generation: { seconds: number; records: number; bytes: number; gzBytes: number } | null =
    null;

  const run = async (
    kind: CaseKind,
    scale: string,
    input: string,
    size: { bytes: number; records: number },
    profile = false,
  ) => {
    const spec: CaseSpec = {
      kind,
      scale,
      input,
      dir: join(tmp, `${kind}-${scale}`),
      totalBytes: size.bytes,
      totalRecords: size.records,
    };
    log(`running ${kind} ${scale} (${size.records.toLocaleString('en-US')} records)…`);
    const profileDir = profile ? join(tmp, `profile-${kind}-${scale}`) : undefined;
    const result = await runCase(spec, { timeoutSeconds: args.timeout, profileDir, log });
    log(`  done in ${result.seconds.toFixed(1)} s${result.error ? `: ${result.error}` : ''}`);
    if (result.profile)
      profiles.push({
        case: `${kind} ${scale}`,
        path: result.profile,
        summary: await summariseProfile(result.profile),
      });
    await rm(spec.dir, { recursive: true, force: true });
    return result;
  };

  try {
    const real = await measureGz(corpus);
    const runs: Record<CaseKind, CaseResult[]> = { wirewatch: [], cli: [], fts5: [] };
    for (let i = 0; i < args.repeat; i++) {
      // Alternating, so a burst of load elsewhere on the machine hits every kind alike.
      runs.wirewatch.push(await run('wirewatch', '22k', corpus, real));
      runs.cli.push(await run('cli', '22k', corpus, real));
      runs.fts5.push(await run('fts5', '22k', corpus, real));
    }
    results.push(median(runs.wirewatch), median(runs.cli), median(runs.fts5));
    // The profiler slows the run: an extra run, kept out of the figures.
    if (args.profile) await run('wirewatch', '22k', corpus, real, true);
    if (!args.quick) {
      const scaled = join(tmp, `kcna-stories-x${ROUNDS}.jsonl.gz`);
      log(`generating the ${ROUNDS}× corpus…`);
      const t = performance.now();
      const made = await writeScaledCorpus(corpus, scaled, ROUNDS);
      generation = {
        seconds: (performance.now() - t) / 1000,
        ...made,
        gzBytes: (await stat(scaled)).size,
      };
      // Too long to run twice: under --profile this run is profiled, and marked so.
      results.push({
        ...(await run('wirewatch', '220k', scaled, made, args.profile)),
        profiled: args.profile,
      });
      results.push(await run('cli', '220k', scaled, made));
      results.push(await run('fts5', '220k', scaled, made));
    }
  } finally {
    if (!args.keep) await rm(tmp, { recursive: true, force: true });
    else log(`kept ${tmp}`);
  }

  const rows = results.map(rowOf);
  const goals = goalsOf(results);
  const extraction: ExtractionReport | null =
    args.only === 'import' ? null : runExtractionBench({ log });
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          machine: info,
          corpus: { path: corpus },
          generation,
          results,
          rows,
          goals,
          profiles,
          ...(extraction ? { extraction } : {}),
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  const out: string[] = [
    `wirewatch import benchmark — ${info.date}`,
    `machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB RAM; ${info.os}; Node ${info.node}; SQLite ${info.sqlite}; ` +
      `load average at start ${info.loadAverage1m}`,
    `input: ${corpus}${
      generation
        ? `; 10× variant generated in ${generation.seconds.toFixed(1)} s ` +
          `(${generation.records.toLocaleString('en-US')} records, ${(generation.bytes / 1e6).toFixed(0)} MB JSONL, ` +
          `${(generation.gzBytes / 1e6).toFixed(0)} MB gz)`
        : ''
    }`,
    '',
    formatRows(rows),
    '',
    formatGoals(goals),
  ];
  for (const r of results.filter((x) => x.counts && x.kind === 'wirewatch')) {
    const c = r.counts!;
    out.push(
      '',
      `wirewatch ${r.scale} report: records ${c.records}, articles.new ${c.articlesNew}, unchanged ${c.unchanged}, ` +
        `new versions ${c.newVersion}, rejected ${c.rejected}; stories ${c.stories} (with copies: ${c.storiesWithCopies})` +
        (c.firstErrors.length ? `\n  first errors: ${c.firstErrors.join(' | ')}` : ''),
    );
  }
  for (const p of profiles)
    out.push('', formatProfile(`profile of ${p.case} (${p.path})`, p.summary));
  out.push(
    '',
    'articles/s = records imported / wall s (open → close); MB/s = uncompressed JSONL MB (10^6 B) / wall s;',
    "peak RSS = maxRSS of the case's own child process; archive = db + wal + shm after close.",
  );
  if (extraction) out.push('', formatExtraction(extraction));
  process.stdout.write(`${out.join('\n')}\n`);
}

/** The run with the median wall time; `runs` lists every run's seconds. */
function median(all: CaseResult[]): CaseResult {
  const sorted = [...all].sort((a, b) => a.seconds - b.seconds);
  const chosen = { ...sorted[Math.floor((sorted.length - 1) / 2)]! };
  chosen.runs = all.map((r) => Math.round(r.seconds * 100) / 100);
  return chosen;
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
