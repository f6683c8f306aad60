/**
 * `npm run bench -- --only health` (or `node dist/bench/health.js`), issue 18: does the server answer a
 * health check in < 50 ms while a hostile search runs? The real server (`serveArchive`, what
 * `wirewatch serve` runs) serves an archive on 127.0.0.1 in a child process (health-child.ts); this
 * process polls `GET /healthz` every 10 ms and, in later phases, sends the worst searches the limits
 * (`limits.search`) let through, one after another on one keep-alive connection, to `/api/v1/search`,
 * `/search` and `/feeds/search`. Checks are sent two ways, a phase each: open loop on as many
 * connections as it takes (a prober that connects per check), and on one keep-alive connection.
 *
 * Peers in the same run: the same polling with no search running (the floor), and a plain
 * `node:http` server answering a constant on another port of the server's process, polled the same
 * way in both phases: when it is as slow as `/healthz`, the event loop is what holds them.
 *
 * The archives are the search benchmark's (search/child.ts builds them, `built-wirewatch.json`
 * markers), so `--dir` can be shared with `--only search` and `--only export`.
 *
 *   node dist/bench/health.js [--scales 22k,220k] [--dir DIR] [--floor S] [--rounds N] [--interval MS] [--profile] [--json]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, type SearchLimits } from '../config.js';
import { searchTokens } from '../search/text.js';
import { SqliteStore } from '../store/sqlite/index.js';
import { corpusPath, gzLines, type CorpusLine } from './corpus.js';
import type { CallTiming, ChildMessage, Period } from './health-child.js';
import { summariseProfile, type ProfileSummary } from './profile.js';
import { checkScales, ensureArchive, type BenchArchive } from './bench-archive.js';
import { hardware, type Hardware } from './machine.js';

const CHILD = fileURLToPath(new URL('./health-child.js', import.meta.url));
const GOAL_MS = 50;
const USAGE = `usage: node dist/bench/health.js [--scales 22k,220k] [--dir DIR] [--floor S] [--rounds N] [--interval MS] [--profile] [--json]
  --scales    archive sizes, comma-separated (default 22k,220k; --quick in npm run bench: 22k)
  --dir       keep the corpus variants and archives in DIR and reuse them (the search benchmark's layout)
  --floor     seconds of health polling with no search running (default 10)
  --rounds    times each hostile search is sent to each endpoint (default 3)
  --interval  ms between two health checks (default 10)
  --profile   also CPU-profile the server process (node --cpu-prof) and list its top functions
  --json      one JSON document on stdout (progress on stderr)`;

interface Args {
  scales: string[];
  dir: string | null;
  floorSeconds: number;
  rounds: number;
  intervalMs: number;
  profile: boolean;
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    scales: ['22k', '220k'],
    dir: null,
    floorSeconds: 10,
    rounds: 3,
    intervalMs: 10,
    profile: false,
    json: false,
  };
  const positive = (v: string | undefined) => v !== undefined && Number(v) > 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') args.json = true;
    else if (a === '--profile') args.profile = true;
    else if (a === '--scales' && argv[i + 1]) args.scales = argv[++i]!.split(',');
    else if (a === '--dir' && argv[i + 1]) args.dir = argv[++i]!;
    else if (a === '--floor' && positive(argv[i + 1])) args.floorSeconds = Number(argv[++i]);
    else if (a === '--rounds' && Number.isInteger(Number(argv[i + 1])) && positive(argv[i + 1]))
      args.rounds = Number(argv[++i]);
    else if (a === '--interval' && positive(argv[i + 1])) args.intervalMs = Number(argv[++i]);
    else {
      process.stderr.write(`${a === '--help' ? '' : `unknown option ${a}\n`}${USAGE}\n`);
      process.exit(a === '--help' ? 0 : 2);
    }
  }
  checkScales(args.scales);
  return args;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const round2 = (x: number) => Math.round(x * 100) / 100;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// The archive: the search benchmark's build step, reused when `--dir` holds it (as export.ts does).

// ---------------------------------------------------------------------------------------------
// The hostile searches: the worst the limits let through.

export interface HostileQuery {
  name: string;
  q: string;
}

/** The words in the most articles of the real corpus (title and body), as the index tokenises them. */
async function commonWords(count: number): Promise<string[]> {
  const df = new Map<string, number>();
  for await (const line of gzLines(corpusPath())) {
    const r = JSON.parse(line) as CorpusLine;
    for (const w of new Set(searchTokens(`${r.title ?? ''}\n${r.body ?? ''}`)))
      if (/^\p{L}+$/u.test(w)) df.set(w, (df.get(w) ?? 0) + 1);
  }
  return [...df]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, count)
    .map(([w]) => w);
}

/**
 * The prefixes of one or two letters that stand for the most indexed words the limit allows
 * (`maxPrefixWords`), none a prefix of another, `maxPrefixes` of them: each reads every word it stands for.
 */
async function widestPrefixes(
  path: string,
  limits: SearchLimits,
): Promise<{ prefix: string; words: number }[]> {
  const store = new SqliteStore(path);
  try {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const candidates: { prefix: string; words: number }[] = [];
    for (const a of letters)
      for (const prefix of [a, ...[...letters].map((b) => a + b)]) {
        const words = (await store.search.vocabulary(prefix, limits.maxPrefixWords + 1)).length;
        if (words > 0 && words <= limits.maxPrefixWords) candidates.push({ prefix, words });
      }
    candidates.sort((x, y) => y.words - x.words || (x.prefix < y.prefix ? -1 : 1));
    const chosen: typeof candidates = [];
    for (const c of candidates) {
      if (chosen.length >= limits.maxPrefixes) break;
      if (chosen.some((p) => p.prefix.startsWith(c.prefix) || c.prefix.startsWith(p.prefix)))
        continue;
      chosen.push(c);
    }
    return chosen;
  } finally {
    await store.close();
  }
}

function hostileQueries(
  prefixes: { prefix: string; words: number }[],
  words: string[],
): HostileQuery[] {
  const p = prefixes.map((x) => `${x.prefix}*`);
  const total = prefixes.reduce((n, x) => n + x.words, 0);
  const pairs: string[] = [];
  for (let i = 0; i + 1 < words.length; i += 2) pairs.push(`"${words[i]} ${words[i + 1]}"`);
  return [
    { name: `${p.length} prefixes (${total.toLocaleString('en-US')} words)`, q: p.join(' ') },
    { name: `${p.length} prefixes, OR`, q: p.join(' OR ') },
    { name: `${words.length} common words`, q: words.join(' ') },
    { name: `${words.length} common words, OR`, q: words.join(' OR ') },
    {
      name: `version:any, ${words.length} common words, OR`,
      q: `version:any ${words.join(' OR ')}`,
    },
    { name: `${pairs.length} phrases of common words, OR`, q: pairs.join(' OR ') },
  ];
}

const ENDPOINTS = [
  {
    name: '/api/v1/search',
    path: (q: string) =>
      `/api/v1/search?q=${encodeURIComponent(q)}&sort=relevance&facets=true&histogram=day`,
  },
  { name: '/search', path: (q: string) => `/search?q=${encodeURIComponent(q)}&sort=relevance` },
  { name: '/feeds/search', path: (q: string) => `/feeds/search?q=${encodeURIComponent(q)}` },
] as const;

// ---------------------------------------------------------------------------------------------
// HTTP: one GET, timed from when it was sent to the end of its body.

interface Answer {
  status: number;
  ms: number;
  bytes: number;
  body: string | null;
}

function get(
  url: string,
  agent: Agent,
  keepBody: boolean,
  timeoutMs: number,
  started = performance.now(),
): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request(url, { agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (d: Buffer) => {
        bytes += d.length;
        if (keepBody) chunks.push(d);
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          ms: performance.now() - started,
          bytes,
          body: keepBody ? Buffer.concat(chunks).toString('utf8') : null,
        }),
      );
      res.on('error', () =>
        resolve({ status: 0, ms: performance.now() - started, bytes, body: null }),
      );
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () =>
      resolve({ status: 0, ms: performance.now() - started, bytes: 0, body: null }),
    );
    req.end();
  });
}

/**
 * How checks reach the server. `open`: a check every `intervalMs` whether or not earlier ones were
 * answered, each on a free connection or a new one (as a prober that connects per check does); its
 * latency runs from when it was sent, so a blocked server is charged for every check it keeps waiting.
 * `one`: one keep-alive connection, a check sent when the previous one is answered (then every
 * `intervalMs`); a check that took longer than `intervalMs` also counts the checks that would have
 * been sent meanwhile, each with what it would have waited (the usual correction for coordinated
 * omission), so both modes say what a check arriving every `intervalMs` met.
 */
export type PollMode = 'open' | 'one';
const MODES: PollMode[] = ['open', 'one'];
const MODE_LABELS: Record<PollMode, string> = {
  open: 'open loop, new connections',
  one: 'one keep-alive connection',
};

function poller(url: string, intervalMs: number, mode: PollMode) {
  const agent = new Agent({ keepAlive: true, maxSockets: mode === 'open' ? 1000 : 1 });
  const samples: { ms: number; status: number }[] = [];
  const pending = new Set<Promise<void>>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  if (mode === 'open') {
    timer = setInterval(() => {
      const p = get(url, agent, false, 30_000).then((a) => {
        samples.push({ ms: a.ms, status: a.status });
        pending.delete(p);
      });
      pending.add(p);
    }, intervalMs);
  } else {
    const loop = (async () => {
      while (!stopped) {
        const at = performance.now();
        const a = await get(url, agent, false, 30_000, at);
        samples.push({ ms: a.ms, status: a.status });
        for (let missed = a.ms - intervalMs; missed > 0; missed -= intervalMs)
          samples.push({ ms: missed, status: a.status });
        const wait = at + intervalMs - performance.now();
        if (wait > 0) await sleep(wait);
      }
    })();
    pending.add(loop);
  }
  return {
    samples,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all(pending);
      agent.destroy();
    },
  };
}

export interface LatencySummary {
  checks: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Checks answered in GOAL_MS or more. */
  over: number;
  /** Checks not answered 200 (a refused connection or a timeout is status 0). */
  failed: number;
}

function summarise(samples: { ms: number; status: number }[]): LatencySummary {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const at = (p: number) =>
    ms.length ? ms[Math.min(ms.length - 1, Math.ceil(p * ms.length) - 1)]! : 0;
  return {
    checks: ms.length,
    p50: round2(at(0.5)),
    p95: round2(at(0.95)),
    p99: round2(at(0.99)),
    max: round2(ms[ms.length - 1] ?? 0),
    over: ms.filter((x) => x >= GOAL_MS).length,
    failed: samples.filter((s) => s.status !== 200).length,
  };
}

// ---------------------------------------------------------------------------------------------
// The server process.

interface Server {
  child: ChildProcess;
  url: string;
  peerUrl: string;
  /** What the child recorded since the previous mark; starts a new period. */
  mark(): Promise<Period>;
  /** The longest event-loop delay and the CPU time over every period since `startPhase`. */
  phase: { loopMaxMs: number; cpuMs: number };
  startPhase(): Promise<void>;
  stop(): Promise<void>;
}

async function startServer(db: string, profileDir: string | null): Promise<Server> {
  const child = fork(CHILD, [JSON.stringify({ db })], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  });
  let waiting: ((p: Period) => void) | null = null;
  const ready = new Promise<{ url: string; peerUrl: string }>((resolve, reject) => {
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'ready') resolve(m);
      else if (m.type === 'period' && waiting) {
        const w = waiting;
        waiting = null;
        w(m);
      }
    });
    child.once('exit', (code) => reject(new Error(`the server process exited with ${code}`)));
  });
  const { url, peerUrl } = await ready;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: Server = {
    child,
    url,
    peerUrl,
    phase: { loopMaxMs: 0, cpuMs: 0 },
    mark: () =>
      new Promise<Period>((resolve) => {
        waiting = (p) => {
          server.phase.loopMaxMs = Math.max(server.phase.loopMaxMs, p.loop.maxMs);
          server.phase.cpuMs += p.cpuMs;
          resolve(p);
        };
        child.send({ type: 'mark' });
      }),
    async startPhase() {
      await server.mark();
      server.phase = { loopMaxMs: 0, cpuMs: 0 };
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
  return server;
}

/** Until the server process has been idle for a second: its archive check runs on a thread at start. */
async function settle(server: Server): Promise<number> {
  const started = performance.now();
  await server.mark();
  let quiet = 0;
  while (quiet < 2 && performance.now() - started < 120_000) {
    await sleep(500);
    const p = await server.mark();
    quiet = p.cpuMs < 0.05 * p.wallMs ? quiet + 1 : 0;
  }
  return (performance.now() - started) / 1000;
}

// ---------------------------------------------------------------------------------------------

export interface SearchRun {
  /** The phase it ran in (its health checks' mode). */
  phase: string;
  query: string;
  endpoint: string;
  round: number;
  status: number;
  ms: number;
  bytes: number;
  /** The API's own `timings` (ms), for /api/v1/search answers that have them. */
  timings: Record<string, number> | null;
  /** The API's error code when it refused (400 limit_exceeded, 503 search_timeout). */
  error: string | null;
  /** The server process during this search: index calls and the longest event-loop delay. */
  calls: Record<string, CallTiming>;
  loopMaxMs: number;
}

export interface PhaseResult {
  name: string;
  searching: boolean;
  mode: PollMode;
  seconds: number;
  health: LatencySummary;
  peer: LatencySummary;
  /** The longest event-loop delay of the server process in the phase, ms. */
  loopMaxMs: number;
  /** CPU time of the server process in the phase, ms. */
  cpuMs: number;
}

interface ScaleResult {
  scale: string;
  articles: number;
  build: BenchArchive['build'];
  prefixes: { prefix: string; words: number }[];
  queries: HostileQuery[];
  settleSeconds: number;
  warmupMs: number;
  phases: PhaseResult[];
  searches: SearchRun[];
  /** Every index call of the hostile phases (not the cold pass), by kind. */
  calls: Record<string, CallTiming>;
  profile: ProfileSummary | null;
}

async function runScale(
  archive: BenchArchive,
  scale: string,
  args: Args,
  limits: SearchLimits,
  words: string[],
  work: string,
): Promise<ScaleResult> {
  const prefixes = await widestPrefixes(archive.path, limits);
  const queries = hostileQueries(prefixes, words);
  const profileDir = args.profile ? join(work, `profile-${scale}-${Date.now()}`) : null;
  const server = await startServer(archive.path, profileDir);
  const phases: PhaseResult[] = [];
  const searches: SearchRun[] = [];
  const calls: Record<string, CallTiming> = {};
  let settleSeconds = 0;
  let warmupMs = 0;
  try {
    settleSeconds = await settle(server);
    log(`${scale}: server ready at ${server.url} (settled in ${settleSeconds.toFixed(1)} s)`);
    // One ordinary search first: the in-memory columns load once per process.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const warm = await get(`${server.url}/api/v1/search?q=korea`, agent, false, 120_000);
    warmupMs = warm.ms;

    const phase = async (name: string, mode: PollMode, body: () => Promise<void>) => {
      await server.startPhase();
      const health = poller(`${server.url}/healthz`, args.intervalMs, mode);
      const peer = poller(`${server.peerUrl}/`, args.intervalMs, mode);
      const t = performance.now();
      await body();
      await Promise.all([health.stop(), peer.stop()]);
      const seconds = (performance.now() - t) / 1000;
      await server.mark();
      phases.push({
        name,
        searching: name !== 'idle',
        mode,
        seconds: round2(seconds),
        health: summarise(health.samples),
        peer: summarise(peer.samples),
        loopMaxMs: round2(server.phase.loopMaxMs),
        cpuMs: Math.round(server.phase.cpuMs),
      });
    };

    /** Every hostile query to every endpoint, `rounds` times, one after another on one connection. */
    const hostile = (name: string, rounds: number) => async () => {
      for (let round = 1; round <= rounds; round++)
        for (const query of queries)
          for (const endpoint of ENDPOINTS) {
            await server.mark();
            const a = await get(
              `${server.url}${endpoint.path(query.q)}`,
              agent,
              endpoint.name === '/api/v1/search',
              120_000,
            );
            const period = await server.mark();
            for (const [kind, c] of Object.entries(name === 'cold' ? {} : period.calls)) {
              const all = (calls[kind] ??= { calls: 0, totalMs: 0, maxMs: 0 });
              all.calls += c.calls;
              all.totalMs += c.totalMs;
              all.maxMs = Math.max(all.maxMs, c.maxMs);
            }
            let timings: Record<string, number> | null = null;
            let error: string | null = null;
            if (a.body) {
              try {
                const json = JSON.parse(a.body) as {
                  timings?: Record<string, number>;
                  error?: { code: string };
                };
                timings = json.timings ?? null;
                error = json.error?.code ?? null;
              } catch {
                /* not JSON */
              }
            }
            searches.push({
              phase: name,
              query: query.name,
              endpoint: endpoint.name,
              round,
              status: a.status,
              ms: round2(a.ms),
              bytes: a.bytes,
              timings,
              error,
              calls: period.calls,
              loopMaxMs: period.loop.maxMs,
            });
            log(
              `  ${name} round ${round} ${endpoint.name.padEnd(15)} ${query.name}: ${a.status}${error ? ` ${error}` : ''} in ${Math.round(a.ms)} ms (longest block ${Math.round(period.loop.maxMs)} ms)`,
            );
          }
    };

    // Each hostile search once before any phase, so that both hostile phases find the word lists
    // the searches share already read (the first run of each is in the table as "cold").
    log(`${scale}: each hostile search once, cold…`);
    await hostile('cold', 1)();
    for (const mode of MODES) {
      log(
        `${scale}: idle, ${args.floorSeconds} s of health checks every ${args.intervalMs} ms (${mode})…`,
      );
      await phase('idle', mode, () => sleep(args.floorSeconds * 1000));
    }
    const n = args.rounds * queries.length * ENDPOINTS.length;
    for (const mode of MODES) {
      log(`${scale}: ${n} hostile searches, one after another, health checks (${mode}) all along…`);
      await phase(`hostile (${mode})`, mode, hostile(`hostile (${mode})`, args.rounds));
    }
    agent.destroy();
  } finally {
    await server.stop();
  }
  let profile: ProfileSummary | null = null;
  if (profileDir) {
    const file = (await readdir(profileDir)).find((f) => f.endsWith('.cpuprofile'));
    if (file) profile = await summariseProfile(join(profileDir, file), 25);
  }
  return {
    scale,
    articles: archive.articles,
    build: archive.build,
    prefixes,
    queries,
    settleSeconds: round2(settleSeconds),
    warmupMs: round2(warmupMs),
    phases,
    searches,
    calls,
    profile,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const work = args.dir ?? (await mkdtemp(join(tmpdir(), 'wirewatch-health-bench-')));
  await mkdir(work, { recursive: true });
  const started = new Date();
  const loadAtStart = loadavg();
  // The server's own limits: WIREWATCH_LIMITS applies to both processes.
  const { limits } = loadConfig({ db: join(work, 'unused.db') });
  log('finding the most common words of the corpus…');
  const words = await commonWords(limits.search.maxTerms);
  const scales: ScaleResult[] = [];
  try {
    for (const scale of args.scales) {
      const archive = await ensureArchive(work, scale, log);
      scales.push(await runScale(archive, scale, args, limits.search, words, work));
    }
  } finally {
    if (!args.dir) await rm(work, { recursive: true, force: true });
  }
  const machine = {
    ...hardware(),
    started: started.toISOString(),
    seconds: Math.round((Date.now() - started.getTime()) / 1000),
    loadAverage: { start: loadAtStart.map(round2), end: loadavg().map(round2) },
  };
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({ machine, limits: limits.search, intervalMs: args.intervalMs, goalMs: GOAL_MS, scales }, null, 2)}\n`,
    );
    return;
  }
  process.stdout.write(`${format(machine, limits.search, args, scales)}\n`);
}

function format(
  machine: Hardware & {
    started: string;
    seconds: number;
    loadAverage: { start: number[]; end: number[] };
  },
  limits: SearchLimits,
  args: Args,
  scales: ScaleResult[],
): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const f = (x: number) => (x >= 100 ? n(Math.round(x)) : x.toFixed(1));
  const out = [
    `wirewatch health benchmark (issue 18) — ${machine.started} (${machine.seconds} s)`,
    `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; ${machine.os}; Node ${machine.node}; ` +
      `SQLite ${machine.sqlite}; load average ${machine.loadAverage.start.join(' / ')} at the start, ${machine.loadAverage.end.join(' / ')} at the end`,
    `limits.search: maxQueryLength ${limits.maxQueryLength}, maxTerms ${limits.maxTerms}, maxPrefixes ${limits.maxPrefixes}, ` +
      `maxPrefixWords ${limits.maxPrefixWords}, budgetMs ${limits.budgetMs}`,
    `health checks: GET /healthz every ${args.intervalMs} ms, either open loop on as many connections as needed (a check waiting ` +
      'counts from when it was sent) or on one keep-alive connection (checks that could not be sent count what they would have ' +
      'waited); peer: a node:http server answering a constant, in the server process, polled the same way',
    '',
  ];
  for (const s of scales) {
    out.push(
      `## ${s.scale} (${n(s.articles)} articles; archive ${s.build.reused ? 'reused' : `built in ${s.build.seconds.toFixed(0)} s`}; ` +
        `server settled in ${s.settleSeconds} s, first search ${Math.round(s.warmupMs)} ms)`,
      '',
      '| phase | checks sent | target | checks | p50 ms | p95 ms | p99 ms | max ms | ≥ 50 ms | failed | longest event-loop delay ms |',
      '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const p of s.phases) {
      const label = `${p.searching ? 'hostile searches' : 'idle (floor)'}, ${p.seconds} s`;
      for (const [target, l] of [
        ['/healthz', p.health],
        ['node:http constant (peer)', p.peer],
      ] as const)
        out.push(
          `| ${label} | ${MODE_LABELS[p.mode]} | ${target} | ${n(l.checks)} | ${f(l.p50)} | ${f(l.p95)} | ${f(l.p99)} | ${f(l.max)} | ${n(l.over)} | ${l.failed} | ${target === '/healthz' ? f(p.loopMaxMs) : ''} |`,
        );
    }
    out.push(
      '',
      `hostile searches, one at a time on one keep-alive connection, ${args.rounds} round(s) in each hostile phase (ms; "block" = the longest event-loop delay during that search):`,
      '',
      '| query | endpoint | status | cold | median | max | longest block | slowest index call |',
      '|---|---|---|---:|---:|---:|---:|---|',
    );
    for (const q of s.queries)
      for (const e of ENDPOINTS) {
        const all = s.searches.filter((r) => r.query === q.name && r.endpoint === e.name);
        const cold = all.find((r) => r.phase === 'cold');
        const runs = all.filter((r) => r.phase !== 'cold');
        if (!runs.length || !cold) continue;
        const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
        const statuses = [
          ...new Set(runs.map((r) => `${r.status}${r.error ? ` ${r.error}` : ''}`)),
        ];
        let slowest = { kind: '', ms: 0 };
        for (const r of runs)
          for (const [kind, c] of Object.entries(r.calls))
            if (c.maxMs > slowest.ms) slowest = { kind, ms: c.maxMs };
        out.push(
          `| ${q.name} | ${e.name} | ${statuses.join(', ')} | ${f(cold.ms)} | ${f(ms[Math.floor((ms.length - 1) / 2)]!)} | ${f(ms[ms.length - 1]!)} | ` +
            `${f(Math.max(...runs.map((r) => r.loopMaxMs)))} | ${slowest.kind ? `${slowest.kind} ${f(slowest.ms)}` : '—'} |`,
        );
      }
    const api = s.searches.filter((r) => r.timings && r.phase !== 'cold');
    if (api.length) {
      out.push(
        '',
        "/api/v1/search steps (median of the runs, ms, from the answer's `timings`):",
        '',
        '| query | parse | sync | match | rank | facets | page |',
        '|---|---:|---:|---:|---:|---:|---:|',
      );
      for (const q of s.queries) {
        const runs = api.filter((r) => r.query === q.name);
        if (!runs.length) continue;
        const med = (k: string) => {
          const v = runs.map((r) => r.timings![k] ?? 0).sort((a, b) => a - b);
          return f(v[Math.floor((v.length - 1) / 2)]!);
        };
        out.push(
          `| ${q.name} | ${['parseMs', 'syncMs', 'matchMs', 'rankMs', 'facetsMs', 'pageMs'].map(med).join(' | ')} |`,
        );
      }
    }
    const total = Object.values(s.calls).reduce((x, c) => x + c.totalMs, 0);
    const searchMs = s.searches.filter((r) => r.phase !== 'cold').reduce((x, r) => x + r.ms, 0);
    const hostileSeconds = s.phases.filter((p) => p.searching).reduce((x, p) => x + p.seconds, 0);
    const shares = s.searches
      .map((r) => Math.round((100 * r.loopMaxMs) / r.ms))
      .sort((a, b) => a - b);
    out.push(
      '',
      `the searches took ${f(searchMs / 1000)} s of the hostile phases' ${f(hostileSeconds)} s ` +
        `(${Math.round((searchMs / 10 / hostileSeconds) * 10) / 10} %); the longest event-loop delay during a search ` +
        `was ${shares[Math.floor((shares.length - 1) / 2)]} % of the search's time at the median (${shares[0]}–${shares[shares.length - 1]} %)`,
    );
    out.push(
      '',
      `SQLite search-index calls during the hostile searches (synchronous: the event loop waits for each); ` +
        `${f(total)} ms of the searches' ${f(searchMs)} ms:`,
      '',
      '| call | calls | total ms | longest ms |',
      '|---|---:|---:|---:|',
    );
    for (const [kind, c] of Object.entries(s.calls).sort((a, b) => b[1].totalMs - a[1].totalMs))
      out.push(`| ${kind} | ${n(c.calls)} | ${f(c.totalMs)} | ${f(c.maxMs)} |`);
    if (s.profile) {
      out.push(
        '',
        `CPU profile of the server process (${s.profile.totalSeconds.toFixed(1)} s sampled), top self time:`,
      );
      for (const l of s.profile.self.slice(0, 15))
        out.push(
          `  ${l.percent.toFixed(1).padStart(5)} %  ${l.seconds.toFixed(2).padStart(7)} s  ${l.fn}`,
        );
    }
    out.push(
      '',
      `goal (issue 18): /healthz answered in < ${GOAL_MS} ms while hostile searches run (judged at p99):`,
    );
    for (const mode of MODES) {
      const hostile = s.phases.find((p) => p.searching && p.mode === mode)!.health;
      const idle = s.phases.find((p) => !p.searching && p.mode === mode)!.health;
      out.push(
        `  ${MODE_LABELS[mode]}: p99 ${f(hostile.p99)} ms, max ${f(hostile.max)} ms, ` +
          `${n(hostile.over)} of ${n(hostile.checks)} checks at ${GOAL_MS} ms or more, ${hostile.failed} failed (idle: p99 ${f(idle.p99)} ms) — ` +
          `${hostile.p99 < GOAL_MS && hostile.failed === 0 ? 'met' : 'NOT met'}`,
      );
    }
    out.push(
      '',
      'queries:',
      ...(s.prefixes.length
        ? [`  prefixes: ${s.prefixes.map((p) => `${p.prefix}* (${p.words})`).join(' ')}`]
        : []),
      ...s.queries.map((q) => `  ${q.name}: ${q.q.length > 160 ? `${q.q.slice(0, 157)}…` : q.q}`),
      '',
    );
  }
  return out.join('\n');
}

main().catch((error) => {
  process.stderr.write(
    `health bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
