/**
 * The reader's load benchmark (issue 4): builds an archive from the 22k corpus, serves it with
 * `wirewatch serve` in a child process on 127.0.0.1, and drives it with autocannon (50 connections)
 * in this process. Reports requests/s and p50/p95/p99 latency for the article page, the source
 * page, their API counterparts and the search API over a small fixed query mix, beside the load
 * average (other work on the machine skews every figure). Each case is measured after a warm pass
 * over its URLs, so the page cache holds what it can; the article page, the search API and the
 * pages over the whole archive (home, new, sources, changes, the sources and coverage API) are also
 * measured with the cache off (every answer made for its request); those pages again with the cache
 * on, quiet and while the archive is written once every 100 ms (reader-writes.ts). The article page
 * is measured in turn with its own bytes served from memory by a bare node:http server
 * (reader-peer.ts), as autocannon asks and with gzip as a browser asks; then with
 * `serve --workers 2`. Then what authentication costs (reader-auth.ts): the article page on an open
 * server and on a private one with a Bearer token, alternately.
 *
 * `--db postgres://…` serves a PostgreSQL archive instead (the corpus is imported when it holds no
 * article yet); the authentication step, which copies a SQLite file, is then left out.
 *
 *   node dist/bench/reader.js [--json] [--duration SECONDS] [--connections N] [--db FILE|URL (reuse an archive)] [--keep]
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, release, tmpdir, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import { encodeCursor } from '../api/cursor.js';
import { openStore } from '../cli/open-store.js';
import { importPaths } from '../pipeline/import.js';
import { isPostgresUrl, redact } from '../store/postgres/url.js';
import { SqliteStore } from '../store/sqlite/index.js';
import { corpusPath } from './corpus.js';
import { prng } from './scale.js';
import { QUERY_MIX } from './search/queries.js';
import { AUTH_GOAL, measureAuthOverhead, type AuthOverhead } from './reader-auth.js';
import { startWrites } from './reader-writes.js';
import {
  load,
  startPeer,
  startServer,
  stopServer,
  warmPass,
  warmUp,
  type Case,
  type CaseResult,
  type Served,
} from './reader-load.js';

const GOALS = { articleRps: 1500, articleP95: 20, searchP95: 50, listRps: 800 };
/** While the archive pages are loaded, one write this often (reader-writes.ts). */
const WRITE_EVERY_MS = 100;
/** Rounds of the article page beside the peer, taken in turn. */
const PEER_ROUNDS = 2;
const PEER = 'the same bytes from a bare node:http (peer)';

interface Args {
  json: boolean;
  duration: number;
  connections: number;
  db: string | null;
  keep: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, duration: 15, connections: 50, db: null, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') args.json = true;
    else if (a === '--keep') args.keep = true;
    else if (a === '--duration' && Number(argv[i + 1]) > 0) args.duration = Number(argv[++i]);
    else if (
      a === '--connections' &&
      Number.isInteger(Number(argv[i + 1])) &&
      Number(argv[i + 1]) > 0
    )
      args.connections = Number(argv[++i]);
    else if (a === '--db' && argv[i + 1]) args.db = argv[++i]!;
    else {
      process.stderr.write(
        `${a === '--help' ? '' : `unknown option ${a}\n`}usage: node dist/bench/reader.js [--json] [--duration SECONDS] [--connections N] [--db FILE|URL] [--keep]\n`,
      );
      process.exit(a === '--help' ? 0 : 2);
    }
  }
  return args;
}

function shuffled<T>(items: T[], random: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** A PostgreSQL archive with the 22k corpus: imported unless it already holds articles. */
async function ensurePostgresArchive(url: string, log: (s: string) => void): Promise<string> {
  const store = await openStore({ db: url });
  try {
    if ((await store.listArticles({ limit: 1 })).items.length > 0) return url;
    log(`importing the 22k corpus into ${redact(url)}…`);
    const t0 = performance.now();
    const report = await importPaths(store, [corpusPath()], { format: 'auto' });
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    log(`imported ${report.records} records in ${seconds} s`);
    return url;
  } finally {
    await store.close();
  }
}

async function buildArchive(dir: string, log: (s: string) => void): Promise<string> {
  const path = join(dir, 'reader-bench.db');
  log('importing the 22k corpus…');
  const t0 = performance.now();
  const store = new SqliteStore(path);
  const report = await importPaths(store, [corpusPath()], { format: 'auto' });
  await store.close();
  log(`imported ${report.records} records in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return path;
}

/** The cases, and the pages over the whole archive (measured made every time only). */
async function casesOf(
  db: string,
): Promise<{ cases: Case[]; archivePages: Case; checkedArticle: string }> {
  const store = await openStore({ db });
  try {
    const random = prng(20261128);
    const live = await store.listArticles({ status: 'live', limit: 1_000_000 });
    const ids = shuffled(
      live.items.map((a) => a.id),
      random,
    ).slice(0, 5000);
    const sources = (await store.listSources()).filter((s) => s.articles > 0);
    const sourcePaths: string[] = [];
    for (const s of sources) {
      const pages = Math.min(20, Math.ceil(s.articles / 50));
      for (let p = 0; p < pages; p++) {
        sourcePaths.push(
          `/api/v1/articles?source=${encodeURIComponent(s.id)}&limit=50${p ? `&cursor=${encodeCursor(p * 50)}` : ''}`,
        );
      }
    }
    const searchPaths = QUERY_MIX.map(
      (q) =>
        `/api/v1/search?${new URLSearchParams({
          q: q.wirewatch,
          sort: q.sort,
          limit: '20',
          facets: 'true',
          ...(q.histogram ? { histogram: 'month' } : {}),
        })}`,
    );
    const sourcePages = sources.flatMap((s) =>
      Array.from(
        { length: Math.min(20, Math.ceil(s.articles / 50)) },
        (_, p) => `/sources/${encodeURIComponent(s.id)}${p ? `?page=${p + 1}` : ''}`,
      ),
    );
    // The pages over the whole archive, each made for its request: the last month of the archive.
    const last =
      sources
        .map((s) => s.lastPublished ?? '')
        .sort()
        .at(-1) || '2012-12-31';
    const monthBefore = new Date(Date.parse(last) - 30 * 86_400_000).toISOString().slice(0, 10);
    const archivePages = {
      name: 'archive pages (home, new, sources, changes, sources and coverage API)',
      paths: [
        '/',
        '/new',
        '/sources',
        '/changes',
        '/api/v1/sources',
        `/api/v1/coverage?from=${monthBefore}&to=${last}`,
      ],
    };
    const cases = [
      { name: 'article page (/articles/{id})', paths: ids.map((id) => `/articles/${id}`) },
      { name: 'source page (/sources/{id})', paths: shuffled(sourcePages, random) },
      { name: 'article (/api/v1/articles/{id})', paths: ids.map((id) => `/api/v1/articles/${id}`) },
      { name: 'source list (/api/v1/articles?source=…)', paths: shuffled(sourcePaths, random) },
      { name: `search API (${QUERY_MIX.length}-query mix)`, paths: searchPaths },
    ];
    return { cases, archivePages, checkedArticle: ids[0]! };
  } finally {
    await store.close();
  }
}

function table(results: CaseResult[]): string {
  const f1 = (n: number) => n.toFixed(1);
  const lines = [
    '| case | connections | distinct URLs | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | non-2xx / errors | load avg (1 min) before → after |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.connections} | ${r.distinctPaths.toLocaleString('en-US')} | ${r.requests.toLocaleString('en-US')} | ${Math.round(r.rps).toLocaleString('en-US')} | ${f1(r.p50)} | ${f1(r.p95)} | ${f1(r.p99)} | ${f1(r.max)} | ${r.non2xx} / ${r.errors + r.timeouts} | ${r.loadBefore.toFixed(2)} → ${r.loadAfter.toFixed(2)} |`,
    ),
  ];
  return lines.join('\n');
}

function goals(results: CaseResult[], connections: number) {
  // The case as served by one process with its page cache, not a variant of it.
  const variant = /, serve --workers \d$|, made every time|: the same bytes|, round \d/;
  const find = (prefix: string, conns: number) =>
    results.find(
      (r) => r.name.startsWith(prefix) && r.connections === conns && !variant.test(r.name),
    );
  const made = results.find(
    (r) => r.name.startsWith('article page') && r.name.includes(', made every time'),
  );
  const article = find('article page', connections),
    articleAlone = find('article page', 1);
  const search = find('search API', connections),
    searchAlone = find('search API', 1);
  const met = (ok: boolean) => (ok ? 'yes' : 'no');
  const workers = results.find(
    (r) => r.name.startsWith('article page') && r.name.endsWith('serve --workers 2'),
  );
  const withWorkers = workers
    ? [
        {
          goal: `article page with serve --workers 2: ≥ ${GOALS.articleRps.toLocaleString('en-US')} req/s, p95 ≤ ${GOALS.articleP95} ms at ${connections} connections`,
          figure: `${Math.round(workers.rps)}/s, p95 ${workers.p95.toFixed(1)} ms`,
          met: met(workers.rps >= GOALS.articleRps && workers.p95 <= GOALS.articleP95),
        },
      ]
    : [];
  const againstPeer = [false, true].flatMap((gzip) => {
    const name = `article page (/articles/{id})${gzip ? ', gzip' : ''}`;
    const rounds = Array.from({ length: PEER_ROUNDS }, (_, i) => ({
      ours: results.find((r) => r.name === `${name}, round ${i + 1} beside the peer`),
      theirs: results.find((r) => r.name === `${name}: ${PEER}, round ${i + 1}`),
    })).filter((p) => p.ours && p.theirs);
    if (rounds.length === 0) return [];
    const ratios = rounds.map((p) => p.theirs!.rps / p.ours!.rps);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const figure =
      `${ratios.map((x) => `${x.toFixed(2)}×`).join(', ')} ` +
      `(${Math.round(mean(rounds.map((p) => p.ours!.rps)))} against ` +
      `${Math.round(mean(rounds.map((p) => p.theirs!.rps)))}/s, mean of the rounds)`;
    return [
      {
        goal: gzip
          ? `the same as a browser asks (gzip), the peer sending the same gzip bytes`
          : `article page within 2× of its bytes served by a bare node:http (req/s, ${connections} connections, in turn)`,
        figure,
        met: gzip ? 'n/a' : met(mean(ratios) <= 2),
      },
    ];
  });
  const rendering = made
    ? [
        {
          goal: `article page made for every request (no page cache) at ${connections} connections: what a miss costs`,
          figure: `${Math.round(made.rps)}/s, p95 ${made.p95.toFixed(1)} ms`,
          met: 'n/a',
        },
      ]
    : [];
  const sourcePage = find('source page', connections);
  const lists = [
    {
      goal: `source page and search API ≥ ${GOALS.listRps} req/s at ${connections} connections`,
      figure: `${Math.round(sourcePage!.rps)}/s and ${Math.round(search!.rps)}/s`,
      met: met(sourcePage!.rps >= GOALS.listRps && search!.rps >= GOALS.listRps),
    },
  ];
  return [
    ...withWorkers,
    ...againstPeer,
    ...rendering,
    ...lists,
    {
      goal: `article page ≥ ${GOALS.articleRps.toLocaleString('en-US')} req/s at ${connections} connections`,
      figure: `${Math.round(article!.rps)}/s`,
      met: met(article!.rps >= GOALS.articleRps),
    },
    {
      goal: `article page p95 ≤ ${GOALS.articleP95} ms at ${connections} connections`,
      figure: `${article!.p95.toFixed(1)} ms`,
      met: met(article!.p95 <= GOALS.articleP95),
    },
    {
      goal: `article page p95 ≤ ${GOALS.articleP95} ms at 1 connection`,
      figure: `${articleAlone!.p95.toFixed(1)} ms`,
      met: met(articleAlone!.p95 <= GOALS.articleP95),
    },
    {
      goal: `search API p95 ≤ ${GOALS.searchP95} ms at ${connections} connections`,
      figure: `${search!.p95.toFixed(1)} ms`,
      met: met(search!.p95 <= GOALS.searchP95),
    },
    {
      goal: `search API p95 ≤ ${GOALS.searchP95} ms at 1 connection`,
      figure: `${searchAlone!.p95.toFixed(1)} ms`,
      met: met(searchAlone!.p95 <= GOALS.searchP95),
    },
  ];
}

function interleave<T>(a: T[], b: T[]): T[] {
  return a.flatMap((x, i) => (b[i] === undefined ? [x] : [x, b[i]!]));
}

function authGoal(auth: AuthOverhead, connections: number) {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return {
    goal: `a Bearer token adds ≤ ${pct(AUTH_GOAL)} to the article page's p95 at ${connections} connections (median of 3 rounds)`,
    figure: `${auth.p95Overhead >= 0 ? '+' : ''}${pct(auth.p95Overhead)} (${Math.round(auth.rpsToken)} against ${Math.round(auth.rpsOpen)} req/s open)`,
    met: auth.p95Overhead <= AUTH_GOAL ? 'yes' : 'no',
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const started = new Date().toISOString();
  const loadAtStart = loadavg();
  const work = await mkdtemp(join(tmpdir(), 'wirewatch-reader-bench-'));
  let server: Served | null = null;
  try {
    const postgres = args.db !== null && isPostgresUrl(args.db);
    const db = postgres
      ? await ensurePostgresArchive(args.db!, log)
      : args.db && existsSync(args.db)
        ? args.db
        : await buildArchive(work, log);
    const { cases, archivePages, checkedArticle } = await casesOf(db);
    // What a page costs when it is made for every request: the page cache off.
    const results: CaseResult[] = [];
    server = await startServer(db, { WIREWATCH_PAGE_CACHE_MIB: '0' });
    const uncached = [cases[0]!, cases.at(-1)!, archivePages];
    await warmUp(server.url, uncached);
    for (const c of uncached) {
      log(`${c.name}, no page cache: ${args.duration} s at ${args.connections} connections…`);
      const made = await load(server.url, c, args.duration, args.connections);
      results.push({ ...made, name: `${made.name}, made every time (no page cache)` });
    }
    await stopServer(server);
    server = await startServer(db);
    log(`server on ${server.url} (pid ${server.child.pid}); warming up…`);
    await warmUp(server.url, cases);
    for (const c of cases) {
      log(`${c.name}: a warm pass, then ${args.duration} s at ${args.connections} connections…`);
      await warmPass(server.url, c, args.connections, 1);
      results.push(await load(server.url, c, args.duration, args.connections));
    }
    // The pages over the whole archive with the page cache on: quiet, then while the archive is
    // written (reader-writes.ts), each write starting the kept pages and figures again.
    await warmPass(server.url, archivePages, args.connections, 1);
    log(`${archivePages.name}, kept: ${args.duration} s at ${args.connections} connections…`);
    const quiet = await load(server.url, archivePages, args.duration, args.connections);
    results.push({ ...quiet, name: `${archivePages.name}, kept, no writes` });
    log(`${archivePages.name}, a write every ${WRITE_EVERY_MS} ms: ${args.duration} s…`);
    const writes = await startWrites(db, checkedArticle, WRITE_EVERY_MS);
    const written = await load(server.url, archivePages, args.duration, args.connections).finally(
      async () => log(`${await writes.stop()} writes`),
    );
    results.push({
      ...written,
      name: `${archivePages.name}, kept, a write every ${WRITE_EVERY_MS} ms`,
    });
    // 50 connections keep 50 requests in flight, so latency ≈ 50 ÷ throughput (Little's law): it is
    // mostly queueing. One connection shows what a single request costs. (autocannon's rate limit sends
    // each second's quota in a burst, so it cannot measure latency below saturation.)
    for (const c of cases) {
      log(`${c.name}: ${args.duration} s at 1 connection…`);
      results.push(await load(server.url, c, args.duration, 1));
    }
    // The machine's limit for the article page: its own bytes served from memory by a bare node:http
    // server, in turn with the page cache (so drift of the machine falls on both), as autocannon asks
    // (no Accept-Encoding) and as a browser asks (gzip).
    const article = cases[0]!;
    const pagesFile = join(work, 'article-pages.json');
    const pages: Record<string, string> = {};
    for (const path of article.paths) pages[path] = await (await fetch(server.url + path)).text();
    await writeFile(pagesFile, JSON.stringify(pages));
    const peer = await startPeer(pagesFile);
    try {
      log(`bare node:http peer on ${peer.url}`);
      await warmUp(peer.url, [article]);
      const zipped: Case = {
        ...article,
        name: `${article.name}, gzip`,
        headers: { 'accept-encoding': 'gzip' },
      };
      for (let round = 1; round <= PEER_ROUNDS; round++)
        for (const c of [article, zipped]) {
          log(`${c.name}, round ${round}/${PEER_ROUNDS}: wirewatch, then the peer…`);
          const ours = await load(server.url, c, args.duration, args.connections);
          results.push({ ...ours, name: `${c.name}, round ${round} beside the peer` });
          const theirs = await load(peer.url, c, args.duration, args.connections);
          results.push({ ...theirs, name: `${c.name}: ${PEER}, round ${round}` });
        }
    } finally {
      await stopServer(peer);
    }
    await stopServer(server);
    server = null;
    // Two processes on the port (`serve --workers 2`).
    server = await startServer(db, {}, ['--workers', '2']);
    log(`server with 2 workers on ${server.url}; warming up…`);
    await warmUp(server.url, cases);
    for (const c of cases) {
      log(
        `${c.name}, 2 workers: warm passes, then ${args.duration} s at ${args.connections} connections…`,
      );
      await warmPass(server.url, c, args.connections, 3);
      const r = await load(server.url, c, args.duration, args.connections);
      results.push({ ...r, name: `${c.name}, serve --workers 2` });
    }
    await stopServer(server);
    server = null;
    // The private server of the authentication step is a copy of a SQLite file.
    const auth = postgres
      ? null
      : await measureAuthOverhead(db, work, cases[0]!, {
          duration: args.duration,
          connections: args.connections,
          rounds: 3,
          log,
        });
    const machine = {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      os: `${osType()} ${release()}`,
      node: process.version,
    };
    const summary = {
      started,
      machine,
      loadAtStart,
      loadAtEnd: loadavg(),
      connections: args.connections,
      duration: args.duration,
      results,
      auth,
      engine: postgres ? 'postgresql' : 'sqlite',
      goals: [
        ...goals(results, args.connections),
        ...(auth ? [authGoal(auth, args.connections)] : []),
      ],
    };
    if (args.json) {
      process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    } else {
      process.stdout.write(
        `Reader load benchmark, ${started}: ${machine.cpu}, ${machine.cores} cores, ${machine.memGiB} GiB, ${machine.os}, Node ${machine.node}\n`,
      );
      process.stdout.write(
        `archive: ${postgres ? `PostgreSQL (${redact(db)})` : 'SQLite'}; load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' / ')} (1/5/15 min); ${args.connections} connections, ${args.duration} s per case\n\n`,
      );
      process.stdout.write(`${table(results)}\n\n`);
      if (auth)
        process.stdout.write(
          `Authentication: the article page on two servers of the same archive, alternately (3 rounds each, under load and alone)\n\n${table(interleave(auth.open, auth.token))}\n\n`,
        );
      process.stdout.write(
        `| goal | this run | met |\n|---|---|---|\n${summary.goals.map((g) => `| ${g.goal} | ${g.figure} | ${g.met} |`).join('\n')}\n`,
      );
    }
  } finally {
    await stopServer(server);
    if (!args.keep) await rm(work, { recursive: true, force: true });
    else log(`kept ${work}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `reader benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
