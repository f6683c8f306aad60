/**
 * `wirewatch work`: the driver as a long-lived worker. Drains, waits `pollMs`, drains again, until
 * stopped; a stop (SIGINT/SIGTERM) lets the capture in hand finish first. Many of these may share one
 * PostgreSQL archive, on one host or several.
 */
import { Problem } from '../errors.js';
import type { ArchiveStore } from '../store/types.js';
import { drain, type DrainOptions, type DrainResult } from './driver.js';

export interface WorkOptions extends Omit<DrainOptions, 'limit'> {
  pollMs: number;
  /** After each drain that did something. */
  onDrain?: (result: DrainResult) => void;
  /** The database could not be reached (a 503 `unavailable`): the worker waits and tries again. */
  onUnavailable?: (problem: Problem) => void;
}

export async function work(
  store: ArchiveStore,
  options: WorkOptions,
): Promise<{ processed: number; failed: number }> {
  const total = { processed: 0, failed: 0 };
  while (!options.signal?.aborted) {
    let result: DrainResult;
    try {
      result = await drain(store, options);
    } catch (error) {
      // A restart or failover of the server: a long-lived worker outlives it, on a new connection.
      if (!(error instanceof Problem) || error.code !== 'unavailable') throw error;
      options.onUnavailable?.(error);
      await sleep(Math.max(options.pollMs, 1000), options.signal);
      continue;
    }
    total.processed += result.processed;
    total.failed += result.failed;
    if (result.processed + result.failures > 0) options.onDrain?.(result);
    await sleep(options.pollMs, options.signal);
  }
  return total;
}

/**
 * Runs `attempt` (open the archive, then work) until it returns. When it fails because the database
 * is out of reach, `unreachable` names the problem; that is reported, and the attempt starts over
 * after `pollMs` (at least 1 s): a worker started while its server restarts waits for it. Null
 * when `signal` stops it first.
 */
export async function reopening<T>(
  attempt: () => Promise<T>,
  unreachable: (error: unknown) => Promise<Problem | null>,
  options: Pick<WorkOptions, 'pollMs' | 'signal' | 'onUnavailable'>,
): Promise<T | null> {
  while (!options.signal?.aborted) {
    try {
      return await attempt();
    } catch (error) {
      const problem = await unreachable(error);
      if (!problem) throw error;
      options.onUnavailable?.(problem);
      await sleep(Math.max(options.pollMs, 1000), options.signal);
    }
  }
  return null;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
