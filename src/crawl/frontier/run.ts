/**
 * The long-lived crawler worker (`wirewatch crawl --worker`, `serve --crawl`) and the run of one
 * sweep (`wirewatch recheck`). Both take their work from the frontier, so any number of them, in one
 * process or on many hosts over one PostgreSQL archive, share it; stopping either loses nothing.
 */
import { Problem } from '../../errors.js';
import { drain, refreshSearch } from '../../pipeline/driver.js';
import { PRIORITY, type ArchiveStore, type Sweep } from '../../store/types.js';
import type { SourceConfig } from '../sources/config.js';
import { FrontierWorker, type WorkerOptions } from './worker.js';

export interface ForeverOptions extends WorkerOptions {
  signal: AbortSignal;
  /** Longest sleep between two looks at the frontier (a sweep created meanwhile is seen then). */
  pollMs?: number;
  /** After each spell of work, when nothing is due. */
  onIdle?: (worker: FrontierWorker) => void;
  /** The database could not be reached (a 503 `unavailable`): the worker waits and tries again. */
  onUnavailable?: (problem: Problem) => void;
}

/** The sources file and the archive's new articles are read again this often. */
const RESEED_MS = 10 * 60_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Works until the signal aborts: what is due, then sleeps until the next entry is. */
export async function runForever(
  store: ArchiveStore,
  sources: SourceConfig[],
  options: ForeverOptions,
): Promise<FrontierWorker> {
  const worker = new FrontierWorker(store, sources, options);
  const pollMs = options.pollMs ?? 30_000;
  const ids = sources.map((s) => s.id);
  let seeded = 0;
  try {
    while (!options.signal.aborted) {
      try {
        await spell();
      } catch (error) {
        // A restart or failover of the server: a long-lived worker outlives it, on a new connection.
        if (!(error instanceof Problem) || error.code !== 'unavailable') throw error;
        options.onUnavailable?.(error);
        await sleep(Math.max(1000, Math.min(pollMs, 10_000)), options.signal);
      }
    }
  } finally {
    await worker.close();
  }
  return worker;

  /** What is due, the queue, then a sleep until the next entry is due. */
  async function spell(): Promise<void> {
    if (Date.now() - seeded > RESEED_MS) {
      await worker.prepare('keep');
      seeded = Date.now();
    }
    let worked = 0;
    for (;;) {
      if (options.signal.aborted) break;
      const entry = await worker.claim();
      if (!entry) break;
      await worker.process(entry);
      worked++;
    }
    await worker.escalatePending();
    await worker.releaseDead();
    // Captures others stored (an import) are processed here too; then the index catches up once.
    await drain(store, { report: worker.extraction, now: options.now, refresh: false });
    if (worked) await refreshSearch(store);
    if (worked) options.onIdle?.(worker);
    const next = await store.frontier.nextDue(ids, new Date().toISOString());
    const wait = next ? Date.parse(next) - Date.now() : pollMs;
    await sleep(Math.min(pollMs, Math.max(50, wait)), options.signal);
  }
}

export interface SweepRun {
  sweep: Sweep;
  /** True when it ended with items still pending (stopped, or the hosts backed off). */
  unfinished: boolean;
  worker: FrontierWorker;
}

export interface SweepRunOptions extends WorkerOptions {
  /** Called after each entry with the sweep as it stands. */
  onSweep?: (sweep: Sweep) => void;
  /** Give up waiting for items nobody here can take (other workers' leases, backed-off hosts). */
  maxIdleMs?: number;
}

/**
 * Works on one sweep's items (and the lists and new articles its walks find) until every item has an
 * outcome. Items other workers are on are waited for; the scheduled re-checks are left alone.
 */
export async function runSweep(
  store: ArchiveStore,
  sources: SourceConfig[],
  sweepId: number,
  options: SweepRunOptions = {},
): Promise<SweepRun> {
  const first = (await store.frontier.getSweep(sweepId))!;
  const scoped = sources.filter((s) => first.scope.crawlSources.includes(s.id));
  const worker = new FrontierWorker(store, scoped, options);
  const priorities = [PRIORITY.list, PRIORITY.new, PRIORITY.sweep];
  const maxIdleMs = options.maxIdleMs ?? 5 * 60_000;
  let sweep = first;
  let idleSince = Date.now();
  try {
    await worker.prepare('keep');
    while (!sweep.finishedAt && !options.signal?.aborted) {
      const entry = await worker.claimLevels(priorities);
      if (entry) {
        await worker.process(entry);
        idleSince = Date.now();
      } else {
        if (Date.now() - idleSince > maxIdleMs) break;
        await worker.releaseDead();
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      sweep = (await store.frontier.getSweep(sweepId))!;
      options.onSweep?.(sweep);
    }
    await worker.escalatePending();
  } finally {
    await worker.close();
  }
  await refreshSearch(store);
  return { sweep, unfinished: sweep.finishedAt === null, worker };
}
