/**
 * The crawl frontier's side of the storage interface (crawl/frontier/ drives it): every URL the
 * crawler watches with when it is next due, the hosts' shared politeness, robots.txt as read, and
 * sweeps (re-checks of many articles at once). Crawl state, not archive content: `reprocess` keeps it.
 */

/** A list page (walked for article URLs) or an article page (fetched to see edits and removals). */
export type FrontierKind = 'list' | 'article';

/**
 * Who goes first among due entries of one host: list pages (few, and they find what is new), then
 * articles never fetched, then sweeps, then the re-check schedule.
 */
export const PRIORITY = { recheck: 0, sweep: 1, new: 2, list: 3 } as const;

export interface FrontierEntry {
  url: string;
  /** The id of the crawl source (sources file) whose profile, archive source and politeness apply. */
  crawlSource: string;
  kind: FrontierKind;
  /** Politeness is per host name (the ports of one server share its patience). */
  host: string;
  priority: number;
  /** ISO time from which it may be fetched. */
  dueAt: string;
  /** Lists only: when the next walk to the last page is due (the other polls stop at known articles). */
  walkDueAt: string | null;
  /** Lists: the sha-256 of the record of the last walk that reached the last page. */
  walkCapture: string | null;
  claimedBy: string | null;
  claimExpires: string | null;
  lastFetchedAt: string | null;
  lastStatus: number | null;
  /** The fetch outcome (`ok`, `not-modified`, `http-error`, …) or, for a list, how its walk ended. */
  lastOutcome: string | null;
  /** Validators of the last full answer, sent as a conditional GET next time. */
  etag: string | null;
  lastModified: string | null;
  fetches: number;
  /** Failed fetches in a row (network errors, 5xx, refusals): the retry delay grows with them. */
  failures: number;
  addedAt: string;
}

export interface FrontierSeed {
  url: string;
  crawlSource: string;
  kind: FrontierKind;
  host: string;
  priority: number;
  dueAt: string;
  walkDueAt?: string | null;
}

/**
 * `keep`: an entry already there is left as it is. `sooner`: it becomes due no later than the seed
 * says, at no lower a priority (a sweep, a new sighting on a list).
 */
export type EnqueueMode = 'keep' | 'sooner';

export interface FrontierClaim {
  worker: string;
  now: string;
  until: string;
  /** Only entries of these crawl sources (the ones this worker has configured). */
  crawlSources: string[];
  /** Hosts to try, in this order (the free ones first); an entry of another host is not claimed. */
  hosts: string[];
  /** Only these priority levels (default: all), highest first: a pass caps some of them. */
  priorities?: readonly number[];
}

/** What a fetch of an entry came to, and when it is next due. */
export interface FrontierResult {
  fetchedAt: string;
  status: number | null;
  outcome: string;
  etag: string | null;
  lastModified: string | null;
  dueAt: string;
  priority: number;
  failures: number;
  /** Lists: the next walk to the end (unchanged when undefined). */
  walkDueAt?: string | null;
  /** Lists: the record of a walk that just reached the last page (unchanged when undefined). */
  walkCapture?: string;
}

export interface FrontierQuery {
  crawlSource?: string;
  kind?: FrontierKind;
  /** Only entries due at or before this time. */
  dueBy?: string;
  limit?: number;
  offset?: number;
}

export interface FrontierCounts {
  crawlSource: string;
  kind: FrontierKind;
  total: number;
  due: number;
  failing: number;
}

/** A host as every worker sees it; times in epoch milliseconds. */
export interface HostState {
  host: string;
  /** The worker fetching from it now, until `leaseUntil`. */
  holder: string | null;
  leaseUntil: number;
  /** No request starts before this: the end of the last one plus the gap. */
  nextAt: number;
  crawlDelayMs: number | null;
  /** Hostile answers (resets, 403, 429) in a row. */
  strikes: number;
  /** Backed off until then (a ban, a long Retry-After). */
  blockedUntil: number;
}

/** The answer to a request for a host's turn. */
export type HostTurn =
  { granted: true } | { granted: false; waitUntil: number; holder: string | null };

export interface RobotsRecord {
  origin: string;
  /** HTTP status of robots.txt, or null when it could not be fetched. */
  status: number | null;
  body: string;
  fetchedAt: number;
  expiresAt: number;
}

/** What a sweep re-checks: the union of what is given, within `crawlSources`. */
export interface SweepScope {
  crawlSources: string[];
  /** An archive source id, when the sweep is of one source's articles. */
  sourceId?: string | null;
  published?: { from: string; to: string } | null;
  query?: string | null;
  /** Walk the sources' lists to their last page too (the whole-source sweeps). */
  lists: boolean;
}

export type SweepRequester = 'cli' | 'api' | 'web' | 'deletion-spike';

/** How one item of a sweep ended (`new`: the first text the archive got for a URL it only listed). */
export type SweepOutcome =
  'unchanged' | 'new' | 'edited' | 'removed' | 'restored' | 'unreachable' | 'failed' | 'walked';

export const SWEEP_OUTCOMES: readonly SweepOutcome[] = [
  'unchanged',
  'new',
  'edited',
  'removed',
  'restored',
  'unreachable',
  'failed',
  'walked',
];

export interface SweepItem {
  url: string;
  kind: FrontierKind;
  crawlSource: string;
  host: string;
}

export interface NewSweep {
  createdAt: string;
  requestedBy: SweepRequester;
  scope: SweepScope;
  /** Why, in one line (the deletion-spike flag that set it off). */
  reason: string | null;
}

export interface Sweep extends NewSweep {
  id: number;
  total: number;
  /** Set when the last item has its outcome. */
  finishedAt: string | null;
  counts: Record<SweepOutcome | 'pending', number>;
  /** When the last item ended, the newest `checked_at`. */
  lastCheckedAt: string | null;
}

export interface SweepQuery {
  sourceId?: string;
  requestedBy?: SweepRequester;
  /** Created at or after (ISO). */
  since?: string;
  unfinished?: boolean;
  limit?: number;
  offset?: number;
}

/** One row of an article table walked for seeding the frontier: the engine's order key and the URL. */
export interface CheckableArticle {
  key: number;
  id: string;
  url: string;
  status: string;
  firstSeen: string;
  pubDate: string | null;
  checkedAt: string | null;
}

export interface CrawlFrontier {
  enqueue(seeds: FrontierSeed[], mode: EnqueueMode): Promise<number>;
  /** The next due entry of the first host (in `hosts` order) that has one; leased to `worker`. */
  claim(c: FrontierClaim): Promise<FrontierEntry | null>;
  renew(url: string, worker: string, until: string): Promise<boolean>;
  /**
   * Records the fetch, schedules the next one and lets the entry go; pending sweep items of the URL get
   * `sweepOutcome`, and sweeps whose last item that was are marked finished.
   */
  finish(
    url: string,
    worker: string,
    result: FrontierResult,
    sweepOutcome: { outcome: SweepOutcome; detail: string | null } | null,
  ): Promise<void>;
  /** Lets a claimed entry go without a fetch (the worker stopped). */
  release(url: string, worker: string): Promise<void>;
  /** Drops the leases of dead workers (entries and host turns). */
  releaseWorkers(workers: string[]): Promise<number>;
  /** Workers holding an entry or a host's turn now (to find the dead among them). */
  leaseHolders(): Promise<string[]>;
  get(url: string): Promise<FrontierEntry | null>;
  list(q: FrontierQuery): Promise<{ items: FrontierEntry[]; total: number }>;
  /** Per crawl source and kind: entries, those due at `now`, those failing. */
  counts(now: string): Promise<FrontierCounts[]>;
  /** The earliest `dueAt` among these sources' entries that no live lease holds, or null. */
  nextDue(crawlSources: string[], now: string): Promise<string | null>;
  /** Hosts with entries of these sources. */
  hosts(crawlSources: string[]): Promise<HostState[]>;
  /** Removes a crawl source's entries that are not in `keepUrls` among its lists (a list dropped from the file). */
  pruneLists(crawlSource: string, keepUrls: string[]): Promise<number>;

  /**
   * A turn on `host` for `worker`: granted when no other worker holds it and `nextAt` and
   * `blockedUntil` have passed; it is then held until `leaseUntil`.
   */
  takeHostTurn(host: string, worker: string, now: number, leaseUntil: number): Promise<HostTurn>;
  /** Ends the turn: the next request to the host starts no earlier than `nextAt`. */
  endHostTurn(host: string, worker: string, nextAt: number): Promise<void>;
  updateHost(
    host: string,
    patch: Partial<Pick<HostState, 'crawlDelayMs' | 'strikes' | 'blockedUntil'>>,
  ): Promise<void>;
  getHost(host: string): Promise<HostState | null>;

  getRobots(origin: string): Promise<RobotsRecord | null>;
  putRobots(record: RobotsRecord): Promise<void>;

  /** Creates the sweep, its items, and makes each item's entry due now at sweep priority. */
  createSweep(sweep: NewSweep, items: SweepItem[]): Promise<Sweep>;
  getSweep(id: number): Promise<Sweep | null>;
  listSweeps(q: SweepQuery): Promise<{ items: Sweep[]; total: number }>;
  /** URLs of a sweep with no outcome yet. */
  pendingSweepUrls(id: number, limit: number): Promise<string[]>;

  /** Articles of an archive source with a URL, in the engine's insertion order, after `afterKey`. */
  checkableArticles(sourceId: string, afterKey: number, limit: number): Promise<CheckableArticle[]>;
  /** How far a crawl source's seeding has read the articles table (0 when never). */
  seedMark(crawlSource: string): Promise<number>;
  setSeedMark(crawlSource: string, key: number): Promise<void>;
}
