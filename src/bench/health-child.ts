/**
 * The server side of the health benchmark (health.ts), a process of its own started with `fork`:
 * `serveArchive`, the function `wirewatch serve` runs, over an archive on 127.0.0.1 (a free port),
 * and beside it, in the same process, a plain `node:http` server answering a constant (the peer: it
 * shares the event loop and nothing else). The parent polls both and sends the searches.
 *
 * Timing instrumentation, this benchmark's only: every call of the SQLite search index's methods is
 * timed. better-sqlite3 runs a query to its end on the thread that answers every request, so a call's
 * duration is time the event loop is held. The event loop's delay is sampled too
 * (`monitorEventLoopDelay`, 1 ms resolution). The parent asks for both over IPC: `{type: 'mark'}`
 * answers with what was recorded since the previous mark and starts a new period.
 *
 *   fork(dist/bench/health-child.js, [JSON.stringify({ db })])   → { type: 'ready', url, peerUrl }
 */
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { serveArchive } from '../cli/commands/serve.js';
import { SqliteSearchIndex } from '../store/sqlite/search.js';

export interface ChildSpec {
  db: string;
}

/** Calls of one kind in a period: how many, their total and the longest, in ms. */
export interface CallTiming {
  calls: number;
  totalMs: number;
  maxMs: number;
}

export interface Period {
  type: 'period';
  /** Per kind of search-index call (`match`, `postings`, `matchOlder`, `vocabulary`, …). */
  calls: Record<string, CallTiming>;
  /** Event-loop delay over the period, ms (the longest is about the longest synchronous block). */
  loop: { maxMs: number; p50Ms: number; p99Ms: number; meanMs: number };
  /** CPU time of this process (every thread) in the period, ms. */
  cpuMs: number;
  /** Wall time of the period, ms. */
  wallMs: number;
}

export type ChildMessage = { type: 'ready'; url: string; peerUrl: string } | Period;

let calls: Record<string, CallTiming> = {};

function record(kind: string, ms: number): void {
  const c = (calls[kind] ??= { calls: 0, totalMs: 0, maxMs: 0 });
  c.calls++;
  c.totalMs += ms;
  if (ms > c.maxMs) c.maxMs = ms;
}

type AsyncMethod = (this: unknown, ...args: unknown[]) => Promise<unknown>;

/** Times the synchronous part of an async method (all of it, for the SQLite index). */
function timeMethod(name: string, kindOf: (args: unknown[]) => string = () => name): void {
  const proto = SqliteSearchIndex.prototype as unknown as Record<string, AsyncMethod>;
  const original = proto[name]!;
  proto[name] = function (this: unknown, ...args: unknown[]) {
    const t = performance.now();
    const result = original.apply(this, args);
    record(kindOf(args), performance.now() - t);
    return result;
  };
}

function instrument(): void {
  for (const name of ['match', 'postings', 'matchOlder', 'vocabulary', 'documents', 'changesSince'])
    timeMethod(name);
  const proto = SqliteSearchIndex.prototype as unknown as {
    rows: (...args: unknown[]) => AsyncIterable<unknown>;
  };
  const rows = proto.rows;
  proto.rows = async function* (this: unknown, ...args: unknown[]) {
    const it = rows.apply(this, args)[Symbol.asyncIterator]();
    for (;;) {
      const t = performance.now();
      const next = await it.next();
      record('rows', performance.now() - t);
      if (next.done) return;
      yield next.value;
    }
  };
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as ChildSpec;
  instrument();
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  let cpu = process.cpuUsage();
  let since = performance.now();
  process.on('message', (message: { type: string }) => {
    if (message.type !== 'mark') return;
    const used = process.cpuUsage(cpu);
    const ms = (ns: number) => Math.round((ns / 1e6) * 100) / 100;
    const period: Period = {
      type: 'period',
      calls,
      loop: {
        maxMs: ms(loop.max),
        p50Ms: ms(loop.percentile(50)),
        p99Ms: ms(loop.percentile(99)),
        meanMs: Number.isNaN(loop.mean) ? 0 : ms(loop.mean),
      },
      cpuMs: (used.user + used.system) / 1000,
      wallMs: performance.now() - since,
    };
    calls = {};
    loop.reset();
    cpu = process.cpuUsage();
    since = performance.now();
    process.send!(period);
  });

  const body = JSON.stringify({ status: 'ok' });
  const peer = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
    res.end(body);
  });
  const peerUrl = await new Promise<string>((resolve) =>
    peer.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(peer.address() as { port: number }).port}`);
    }),
  );
  // Serves until SIGTERM, as `wirewatch serve --db FILE --host 127.0.0.1 --port 0` does.
  await serveArchive({ db: spec.db }, '127.0.0.1', 0, (url) => {
    process.send!({ type: 'ready', url, peerUrl } satisfies ChildMessage);
  });
  peer.closeAllConnections();
  await new Promise((resolve) => peer.close(resolve));
  loop.disable();
  process.disconnect();
}

main().catch((error) => {
  process.stderr.write(
    `health bench child failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
