/**
 * Load on a served archive, shared by the reader benchmarks: `wirewatch serve` in a child process on
 * 127.0.0.1, driven with autocannon from this process, every latency kept for exact percentiles.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

/** The part of autocannon's programmatic API used here (it ships no types). */
interface AutocannonResult {
  requests: { total: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}
interface AutocannonInstance {
  on(
    event: 'response',
    fn: (client: unknown, status: number, bytes: number, ms: number) => void,
  ): void;
}
type Autocannon = (
  opts: Record<string, unknown>,
  done: (err: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const PEER = fileURLToPath(new URL('./reader-peer.js', import.meta.url));

export interface Case {
  name: string;
  paths: string[];
  /** Sent with every request (an Authorization header). */
  headers?: Record<string, string>;
}
export interface CaseResult {
  name: string;
  distinctPaths: number;
  connections: number;
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  loadBefore: number;
  loadAfter: number;
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface Served {
  url: string;
  child: ChildProcess;
}

/**
 * `wirewatch serve` of `db` on a free port; `env` adds to the environment (WIREWATCH_LIMITS), `args`
 * to the command line (`--workers 2`).
 */
export function startServer(
  db: string,
  env: Record<string, string> = {},
  args: string[] = [],
): Promise<Served> {
  return startChild(
    [CLI, 'serve', '--db', db, '--host', '127.0.0.1', '--port', '0', '--json', ...args],
    env,
  );
}

/** The bare `node:http` server of reader-peer.ts, serving the pages of the JSON file `pagesFile`. */
export function startPeer(pagesFile: string): Promise<Served> {
  return startChild([PEER, pagesFile]);
}

/** A child process that prints `{"url": …}` once it listens. */
function startChild(argv: string[], env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, argv, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      try {
        resolve({ url: (JSON.parse(out) as { url: string }).url, child });
      } catch {
        /* not complete yet */
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

/** Autocannon's request list: a GET of each of the case's paths in turn, with its headers. */
function inTurn(c: Case): Record<string, unknown>[] {
  let next = 0;
  return [
    {
      method: 'GET',
      headers: c.headers ?? {},
      setupRequest: (req: Record<string, unknown>) => ({
        ...req,
        path: c.paths[next++ % c.paths.length],
      }),
    },
  ];
}

/** One autocannon run over the case's paths in turn, `connections` requests in flight all the time. */
export function load(
  url: string,
  c: Case,
  duration: number,
  connections: number,
): Promise<CaseResult> {
  const latencies: number[] = [];
  const loadBefore = loadavg()[0]!;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration,
        requests: inTurn(c),
      },
      (err, result) => {
        if (err) return reject(err);
        const sorted = Float64Array.from(latencies).sort();
        resolve({
          name: c.name,
          distinctPaths: c.paths.length,
          connections,
          requests: result.requests.total,
          seconds: result.duration,
          rps: result.requests.total / result.duration,
          p50: percentile(sorted, 50),
          p95: percentile(sorted, 95),
          p99: percentile(sorted, 99),
          max: sorted[sorted.length - 1] ?? Number.NaN,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          loadBefore,
          loadAfter: loadavg()[0]!,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, ms) => {
      latencies.push(ms);
    });
  });
}

export async function warmUp(url: string, cases: Case[]): Promise<void> {
  for (const c of cases) {
    for (let i = 0; i < Math.min(200, c.paths.length * 3); i++) {
      const res = await fetch(url + c.paths[i % c.paths.length], { headers: c.headers ?? {} });
      if (res.status !== 200)
        throw new Error(
          `warm-up: ${c.paths[i % c.paths.length]} answered ${res.status}: ${(await res.text()).slice(0, 200)}`,
        );
      await res.arrayBuffer();
    }
  }
}

/**
 * Requests every path of the case `passes` times in turn at `connections` connections, answers unread:
 * what a page cache can keep is kept before the case is measured. With `serve --workers N` connections
 * go to the processes in turn, so a path reaches a given process on one pass or another: N + 1 passes
 * leave each process without a given page with probability about (1 - 1/N)^(N+1).
 */
export function warmPass(url: string, c: Case, connections: number, passes: number): Promise<void> {
  const amount = c.paths.length * passes;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: Math.min(connections, amount),
        amount,
        requests: inTurn(c),
      },
      (err, result) => {
        if (err) return reject(err);
        if (result.non2xx || result.errors)
          return reject(
            new Error(`warm pass of ${c.name}: ${result.non2xx} non-2xx, ${result.errors} errors`),
          );
        resolve();
      },
    );
  });
}

/** Stops a served archive and waits for its process to end. */
export async function stopServer(server: Served | null): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((done) => server.child.once('exit', done));
  server.child.kill('SIGTERM');
  await exited;
}
