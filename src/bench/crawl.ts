/**
 * The crawl benchmark (issue 12): how fast a crawler worker fetches, stores and extracts when the
 * network is not what limits it. A local site (crawl-site.ts, a child process) serves N real KCNA
 * stories as article pages on 127.0.0.1; the archive's frontier holds the N URLs as new entries, and
 * `wirewatch crawl` (one worker, then two processes at once on a fresh archive) works them off with no
 * politeness delay: fetch, WARC capture, site profile, reconcile, frontier bookkeeping, shared host
 * turns. The peer, in the same run, is the least a crawler must do (crawl-peer.ts: fetch one page at a
 * time and append its bytes gzipped to a file). Then the planning figure: how long a sweep of a
 * million-article archive takes at the default politeness.
 *
 *   node dist/bench/crawl.js [--articles N] [--quick] [--json] [--keep] [--profile (with --keep: CPU profiles)]
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteStore } from '../store/sqlite/index.js';
import { PRIORITY } from '../store/types.js';
import { sourceConfigSchema } from '../crawl/sources/config.js';
import { articlePath } from './crawl-paths.js';

const here = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const CLI = here('../cli/main.js');
const RSS_HOOK = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss-kib='+process.resourceUsage().maxRSS+'\\n'))`;
/** The sources file's default politeness delay, and the requests a sweep of a large archive makes. */
const DEFAULT_DELAY_MS = sourceConfigSchema.shape.delayMs.parse(undefined);
const PLANNED = 1_000_000;

interface Row {
  name: string;
  articles: number;
  seconds: number;
  perSecond: number;
  peakMiB: number;
  note: string;
}

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function spawnCollect(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function startSite(n: number): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, [here('./crawl-site.js'), String(n)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const m = /port=(\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`the benchmark site exited (${code})`)));
  });
  return { port, stop: () => child.kill('SIGTERM') };
}

/** A fresh archive whose frontier holds the N article URLs, due now, and a sources file for them. */
async function prepare(
  dir: string,
  name: string,
  port: number,
  n: number,
): Promise<{ db: string; sources: string }> {
  const db = join(dir, `${name}.db`);
  const store = new SqliteStore(db);
  const now = new Date().toISOString();
  const BATCH = 5000;
  for (let i = 0; i < n; i += BATCH) {
    const seeds = [];
    for (let j = i; j < Math.min(n, i + BATCH); j++) {
      seeds.push({
        url: `http://127.0.0.1:${port}${articlePath(j)}`,
        crawlSource: 'bench',
        kind: 'article' as const,
        host: '127.0.0.1',
        priority: PRIORITY.new,
        dueAt: now,
      });
    }
    await store.frontier.enqueue(seeds, 'keep');
  }
  await store.close();
  const sources = join(dir, `${name}.sources.json`);
  const source = {
    id: 'bench',
    profile: 'kcna-en',
    baseUrl: `http://127.0.0.1:${port}`,
    lists: ['/en/article/list/00000000000000000000000000000000'],
    delayMs: 0,
    allowPrivate: true,
    maxNewPerPass: n,
  };
  writeFileSync(sources, JSON.stringify({ sources: [source] }));
  return { db, sources };
}

async function runWorkers(
  dir: string,
  name: string,
  port: number,
  n: number,
  workers: number,
): Promise<Row> {
  const { db, sources } = await prepare(dir, name, port, n);
  const started = performance.now();
  const runs = await Promise.all(
    Array.from({ length: workers }, () =>
      spawnCollect([
        '--import',
        RSS_HOOK,
        CLI,
        'crawl',
        '--db',
        db,
        '--sources',
        sources,
        '--json',
      ]),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const store = new SqliteStore(db);
  const articles = (await store.stats()).articles;
  await store.close();
  const peaks = runs.map((r) => Number(/maxrss-kib=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024);
  const broken = runs.find((r) => !/"sources"/.test(r.stdout));
  return {
    name: `wirewatch crawl, ${workers} worker${workers > 1 ? 's' : ''}`,
    articles,
    seconds,
    perSecond: articles / seconds,
    peakMiB: Math.max(...peaks),
    note: broken
      ? `a worker failed: ${broken.stderr.split('\n')[0]}`
      : `peak RSS per worker ${peaks.map((p) => p.toFixed(0)).join(', ')} MiB`,
  };
}

async function runPeer(dir: string, port: number, n: number): Promise<Row> {
  const r = await spawnCollect([
    here('./crawl-peer.js'),
    String(port),
    String(n),
    join(dir, 'peer.gz'),
  ]);
  const out = JSON.parse(r.stdout) as { articles: number; seconds: number; maxRssKiB: number };
  return {
    name: 'bare fetch + gzip append (peer)',
    articles: out.articles,
    seconds: out.seconds,
    perSecond: out.articles / out.seconds,
    peakMiB: out.maxRssKiB / 1024,
    note: 'undici, one request at a time; no archive, no extraction',
  };
}

async function main(): Promise<void> {
  const n = Number(argValue('--articles') ?? (process.argv.includes('--quick') ? 10_000 : 100_000));
  const json = process.argv.includes('--json');
  const dir = await mkdtemp(join(tmpdir(), 'wirewatch-crawl-bench-'));
  const load = loadavg()[0]!;
  const site = await startSite(n);
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const rows: Row[] = [];
  try {
    log(`crawl benchmark: ${n.toLocaleString('en')} article pages on 127.0.0.1:${site.port}`);
    log('  peer: bare fetch…');
    rows.push(await runPeer(dir, site.port, n));
    log('  wirewatch crawl, 1 worker…');
    rows.push(await runWorkers(dir, 'one', site.port, n, 1));
    log('  wirewatch crawl, 2 workers…');
    rows.push(await runWorkers(dir, 'two', site.port, n, 2));
  } finally {
    site.stop();
    if (!process.argv.includes('--keep')) await rm(dir, { recursive: true, force: true });
  }
  const one = rows[1]!;
  const cpuMsPerArticle = 1000 / one.perSecond;
  const planning = {
    articles: PLANNED,
    delayMs: DEFAULT_DELAY_MS,
    days: (PLANNED * (DEFAULT_DELAY_MS + cpuMsPerArticle)) / 86_400_000,
    workerShare: cpuMsPerArticle / (DEFAULT_DELAY_MS + cpuMsPerArticle),
  };
  const machine = {
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    loadAtStart: load,
    date: new Date().toISOString(),
  };
  if (json) {
    process.stdout.write(`${JSON.stringify({ machine, rows, planning }, null, 2)}\n`);
    return;
  }
  const pad = (s: string, w: number) => s.padEnd(w);
  process.stdout.write(
    `\n${pad('case', 34)} ${'articles'.padStart(9)} ${'seconds'.padStart(8)} ${'art/s'.padStart(7)} ${'peak MiB'.padStart(9)}  note\n`,
  );
  for (const r of rows) {
    process.stdout.write(
      `${pad(r.name, 34)} ${r.articles.toLocaleString('en').padStart(9)} ${r.seconds.toFixed(1).padStart(8)} ${r.perSecond.toFixed(0).padStart(7)} ${r.peakMiB.toFixed(0).padStart(9)}  ${r.note}\n`,
    );
  }
  process.stdout.write(
    `\ngoal: one worker ≥ 300 articles/s: ${one.perSecond >= 300 ? 'met' : 'not met'} (${one.perSecond.toFixed(0)}/s; the peer ${rows[0]!.perSecond.toFixed(0)}/s)\n` +
      `planning: a sweep of ${PLANNED.toLocaleString('en')} articles on one host at the default ${DEFAULT_DELAY_MS} ms delay takes ` +
      `${planning.days.toFixed(1)} days (one request at a time per host, whatever the number of workers), ` +
      `plus the site's own response time; the worker's ${cpuMsPerArticle.toFixed(1)} ms per article is ` +
      `${(planning.workerShare * 100).toFixed(1)}% of it.\n` +
      `machine: ${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node}, load ${load.toFixed(2)} at the start, ${machine.date}\n`,
  );
}

void main();
