/**
 * What the server may ask of the crawler without depending on it: start a sweep. `wirewatch serve`
 * hands one in (crawl/frontier/planner.ts, over the sources file); without it, sweeps cannot be
 * started from the API or the pages, and say so.
 */
import type { Problem } from '../errors.js';
import type { Sweep } from '../store/types.js';

export interface SweepAsk {
  /** A crawl source (the sources file) or an archive source; none: every source. */
  source?: string;
  /** `FROM..TO` of publication dates. */
  published?: string;
  query?: string;
  requestedBy: 'api' | 'web';
}

export interface SweepPlanner {
  /** Creates the sweep (or finds the unfinished one of the same scope); a `Problem` when it cannot. */
  plan(ask: SweepAsk): Promise<{ sweep: Sweep; resumed: boolean; skipped: number }>;
  /** The crawl sources that archive into `sourceId` (none: it cannot be swept from here). */
  crawlSourcesOf(sourceId: string): Promise<string[]>;
}

export type { Problem };
