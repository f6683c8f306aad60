/**
 * FTS5 matches off the serving thread. A search's heaviest step is one synchronous FTS5 query (a
 * phrase over many thousands of matches, or a common word's postings read for the first time: most of
 * a second for a query at the limits on 22k articles), and while it runs the server's event loop answers nothing — not even `/healthz`. A
 * server (`wirewatch serve`) runs them on a worker thread with a read-only connection of its own; the
 * rest of the search stays where it is. Without the compiled worker (tests of the sources) or for an
 * in-memory archive, matches run inline.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { StatementCache } from './statement-cache.js';

export interface MatchRequest {
  sql: string;
  params: unknown[];
  /** The query selects (rowid, a number: a score or a count); otherwise rowid alone. */
  withScores: boolean;
}

export interface MatchRows {
  ids: Uint32Array;
  scores: Float64Array | null;
}

/**
 * What a connection needs before it runs matches: FTS5's instance list of the index, in the
 * connection's own temporary schema (so a read-only connection has it too), for `postings`.
 */
export function prepareConnection(db: Database.Database): void {
  db.exec(
    'CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_instances USING fts5vocab(main, search_fts, instance)',
  );
}

/**
 * Runs one match on `db`: the same code inline and on the worker thread. Rows are read one at a time
 * into typed arrays: `all()` would first make an array per row, 150 MiB for a word in half of a million
 * articles, which the process's resident memory keeps long after it is collected.
 */
export function runMatch(statements: StatementCache, req: MatchRequest): MatchRows {
  const stmt = statements.get(req.sql);
  let ids = new Uint32Array(INITIAL_ROWS);
  let scores = req.withScores ? new Float64Array(INITIAL_ROWS) : null;
  let n = 0;
  const rows = stmt.raw(true).iterate(...req.params) as IterableIterator<[number, number?]>;
  for (const [id, score] of rows) {
    if (n === ids.length) {
      ids = grown(ids, new Uint32Array(n * 2));
      if (scores) scores = grown(scores, new Float64Array(n * 2));
    }
    ids[n] = id;
    if (scores) scores[n] = score!;
    n++;
  }
  // Copied to their length: what is kept (and sent across threads) is no larger than the rows.
  return { ids: ids.slice(0, n), scores: scores ? scores.slice(0, n) : null };
}

const INITIAL_ROWS = 1024;

function grown<T extends Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

const WORKER_FILE = fileURLToPath(new URL('./match-worker.js', import.meta.url));

interface Reply {
  id: number;
  ids?: Uint32Array;
  scores?: Float64Array | null;
  error?: { message: string; code?: string };
}

/** One worker thread answering matches in order; `run` resolves with what `runMatch` would return. */
export class MatchThread {
  private readonly worker: Worker;
  private readonly pending = new Map<
    number,
    {
      resolve: (rows: MatchRows) => void;
      reject: (error: Error) => void;
      inline: () => MatchRows;
    }
  >();
  private next = 1;
  private failure: Error | null = null;

  private constructor(path: string) {
    this.worker = new Worker(WORKER_FILE, { workerData: { path } });
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => this.settle(reply));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', () => this.fail(new Error('the search thread stopped')));
  }

  /** A thread for the archive file at `path`, or null where matches must run inline. */
  static start(path: string): MatchThread | null {
    if (path === ':memory:' || path === '' || !existsSync(WORKER_FILE)) return null;
    return new MatchThread(path);
  }

  /** The match on the thread; inline (`inline`) once the thread has failed or been closed. */
  run(req: MatchRequest, inline: () => MatchRows): Promise<MatchRows> {
    if (this.failure) return Promise.resolve().then(inline);
    const id = this.next++;
    // Held while a match is out, so a process waiting for one does not end.
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, inline });
      this.worker.postMessage({ id, ...req });
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the search thread was closed');
    await this.worker.terminate();
  }

  private settle(reply: Reply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if (reply.error) {
      const error = new Error(reply.error.message) as Error & { code?: string };
      if (reply.error.code) error.code = reply.error.code;
      waiting.reject(error);
    } else waiting.resolve({ ids: reply.ids!, scores: reply.scores ?? null });
  }

  /** The thread is gone (it could not open the file, or crashed): what it held runs inline. */
  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) {
      try {
        waiting.resolve(waiting.inline());
      } catch (failure) {
        waiting.reject(failure as Error);
      }
    }
    this.pending.clear();
  }
}
