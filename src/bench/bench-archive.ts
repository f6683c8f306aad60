/**
 * The wirewatch archive of one scale of the search benchmark's corpus (22k, 220k, 1M): generated and
 * imported by the search benchmark's build step (search/child.ts) unless an earlier run left it in
 * `work` (its `built-wirewatch.json` marker), so `--dir` is shared by the search, export, health and
 * cold-start benchmarks.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { corpusPath } from './corpus.js';
import { machine, type Machine } from './machine.js';
import { writeScaledCorpus } from './scale.js';
import type { BuildResult, StepSpec } from './search/child.js';

const run = promisify(execFile);
const SEARCH_CHILD = fileURLToPath(new URL('./search/child.js', import.meta.url));

/** Rounds of the corpus per scale: the search benchmark's (search/main.ts). */
export const SCALES: Record<string, number> = { '22k': 1, '220k': 10, '1m': 45 };

/** Exits with a usage error (2) on a scale that is none of `SCALES`. */
export function checkScales(scales: string[]): void {
  for (const s of scales)
    if (!(s in SCALES)) {
      process.stderr.write(`unknown scale ${s} (22k, 220k, 1m)\n`);
      process.exit(2);
    }
}

export interface BenchArchive {
  path: string;
  articles: number;
  /** How the archive was made: the import with its search index, in the search benchmark's build step. */
  build: BuildResult & { reused: boolean };
  /** Seconds spent generating the corpus variant in this run, or null (the real corpus, or reused). */
  generationSeconds: number | null;
}

export async function ensureArchive(
  work: string,
  scale: string,
  log: (line: string) => void,
): Promise<BenchArchive> {
  const rounds = SCALES[scale]!;
  const input = rounds === 1 ? corpusPath() : join(work, `corpus-x${rounds}.jsonl.gz`);
  let generationSeconds: number | null = null;
  if (!existsSync(input)) {
    log(`generating the ${rounds}× corpus…`);
    const t = performance.now();
    // Written aside and renamed, so an interrupted run never leaves a partial corpus to reuse.
    await writeScaledCorpus(corpusPath(), `${input}.partial`, rounds);
    await rename(`${input}.partial`, input);
    generationSeconds = (performance.now() - t) / 1000;
    log(`  in ${generationSeconds.toFixed(0)} s`);
  }
  const dir = join(work, scale);
  await mkdir(dir, { recursive: true });
  const marker = join(dir, 'built-wirewatch.json');
  let build: BenchArchive['build'];
  if (existsSync(marker)) {
    build = { ...(JSON.parse(await readFile(marker, 'utf8')) as BuildResult), reused: true };
    log(`${scale}: reusing the archive built earlier in ${dir}`);
  } else {
    log(`${scale}: importing ${input} (the search benchmark's build step)…`);
    const spec: StepSpec = {
      step: 'build',
      engine: 'wirewatch',
      input,
      dir,
      pgUrl: '',
      pgSchema: '',
      reps: 0,
    };
    const { stdout } = await run(process.execPath, [SEARCH_CHILD, JSON.stringify(spec)], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = stdout.trim().split('\n').pop()!;
    await writeFile(marker, line);
    build = { ...(JSON.parse(line) as BuildResult), reused: false };
    log(`  ${build.records.toLocaleString('en-US')} records in ${build.seconds.toFixed(0)} s`);
  }
  const path = join(dir, 'archive.sqlite');
  const db = new Database(path, { readonly: true });
  const articles = db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
  db.close();
  return { path, articles, build, generationSeconds };
}

/**
 * A benchmark over the search benchmark's archives: `measure` on each scale's archive in turn, kept in
 * `args.dir` (reused by the next run) or in a folder of its own named after `bench`, removed after;
 * then the reports on stdout, as one JSON document (`args.json`) or as `format` writes them.
 */
export async function reportScales<T>(
  bench: string,
  args: { dir: string | null; scales: string[]; json: boolean },
  measure: (archive: BenchArchive, scale: string, log: (line: string) => void) => Promise<T>,
  format: (reports: T[], machine: Machine) => string,
): Promise<void> {
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const work = args.dir ?? (await mkdtemp(join(tmpdir(), `wirewatch-${bench}-`)));
  await mkdir(work, { recursive: true });
  const reports: T[] = [];
  try {
    for (const scale of args.scales)
      reports.push(await measure(await ensureArchive(work, scale, log), scale, log));
  } finally {
    if (!args.dir) await rm(work, { recursive: true, force: true });
  }
  const m = machine();
  if (args.json) process.stdout.write(`${JSON.stringify({ machine: m, reports }, null, 2)}\n`);
  else process.stdout.write(`${format(reports, m)}\n`);
}
