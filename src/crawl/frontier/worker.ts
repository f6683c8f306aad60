/**
 * A crawler worker: takes due entries from the frontier and fetches them — list pages (polled, or
 * walked to the end), articles (new ones, sweeps, the re-check schedule) — then schedules each one's
 * next fetch. Many workers, in one process or on many hosts over one PostgreSQL archive, share the
 * frontier: an entry is leased to one worker, a host serves one request at a time whoever asks
 * (./shared-gate.ts), and a worker killed mid-fetch loses nothing: its leases run out and its
 * entries are due again.
 *
 * `runPass` is one pass (`wirewatch crawl`): every list polled once, then what is due, within the
 * per-pass caps. `runForever` is the long-lived worker (`wirewatch crawl --worker`, `serve --crawl`).
 */
import { Problem } from '../../errors.js';
import type { FetcherOptions } from '../fetch/fetcher.js';
import { emptyReport, type IngestReport } from '../../ingest/report.js';
import { SourceCache } from '../../ingest/sources-cache.js';
import { newWorkerId, isDeadLocalWorker } from '../../pipeline/worker-id.js';
import { captureWarcRecords } from '../../capture/capture-warc.js';
import { walkRecordBytes } from '../../capture/walk-record.js';
import {
  PRIORITY,
  type ArchiveStore,
  type FrontierEntry,
  type SweepOutcome,
} from '../../store/types.js';
import { nextCheckAt } from '../recheck.js';
import { fullDay } from '../../model/label.js';
import { recheckPolicy, walkInterval, type SourceConfig } from '../sources/config.js';
import { checkArticle } from './article-check.js';
import { escalateDeletionSpike } from './escalation.js';
import { walkList, type WalkResult } from './list-walk.js';
import { hostOf, NEVER, seedArticles, syncLists } from './seed.js';
import { SourceFetcher } from './source-fetcher.js';
import { importSpool } from './spool.js';
import { archiveSourceOf } from './sweeps.js';

export interface CrawlProgress {
  source: string;
  phase: 'list' | 'article' | 'recheck';
  /** The URL being fetched. */
  url: string;
  listPages: number;
  articlesFetched: number;
  articlesQueued: number;
  errors: number;
}

export interface SourceCrawlReport {
  id: string;
  listPages: number;
  articlesFetched: number;
  /** New article URLs seen on the lists. */
  newUrls: number;
  /** Known articles fetched again (the schedule and sweeps). */
  rechecked: number;
  /** Lists walked to their last page. */
  walks: number;
  /** One line per failed fetch or page that did not match the template. */
  errors: string[];
  stopped: boolean;
}

export interface WorkerOptions {
  fetcher?: FetcherOptions;
  signal?: AbortSignal;
  onProgress?: (p: CrawlProgress) => void;
  /** After each entry (a sweep's progress bar reads the archive then). */
  onEntry?: (entry: FrontierEntry, outcome: SweepOutcome | null) => void;
  now?: () => string;
  worker?: string;
  /** How long an entry is leased (renewed while it is worked on). */
  leaseMs?: number;
  /** Where exchanges the archive could not take wait for the next worker (./spool.ts). */
  spoolDir?: string;
}

const LEASE_MS = 5 * 60_000;
const MINUTE = 60_000;
/** The wait after a failed fetch: 10 min, doubling with each failure in a row, at most a day. */
const retryDelay = (failures: number) =>
  Math.min(24 * 60 * MINUTE, 10 * MINUTE * 2 ** (failures - 1));
/** A deep walk that did not reach the end is tried again this much later (or at its interval). */
const WALK_RETRY_MS = 6 * 60 * MINUTE;
/** Coverage is read to escalate a purge at most this often per source. */
const ESCALATION_EVERY_MS = 5 * MINUTE;

export class FrontierWorker {
  readonly worker: string;
  readonly extraction: IngestReport = emptyReport();
  readonly reports = new Map<string, SourceCrawlReport>();
  private readonly cache: SourceCache;
  private readonly fetchers = new Map<string, SourceFetcher>();
  private readonly archives = new Map<string, string | null>();
  private readonly escalatedAt = new Map<string, number>();
  private readonly removalsSeen = new Set<string>();
  private readonly byId: Map<string, SourceConfig>;

  constructor(
    private readonly store: ArchiveStore,
    private readonly sources: SourceConfig[],
    private readonly options: WorkerOptions = {},
  ) {
    this.worker = options.worker ?? newWorkerId();
    this.cache = new SourceCache(store);
    this.byId = new Map(sources.map((s) => [s.id, s]));
    for (const s of sources) {
      this.reports.set(s.id, {
        id: s.id,
        listPages: 0,
        articlesFetched: 0,
        newUrls: 0,
        rechecked: 0,
        walks: 0,
        errors: [],
        stopped: false,
      });
    }
  }

  private now(): string {
    return (this.options.now ?? (() => new Date().toISOString()))();
  }

  private get stopped(): boolean {
    return this.options.signal?.aborted === true;
  }

  /** Lists from the sources file, the archive's articles not yet in the frontier, dead workers' leases. */
  async prepare(listMode: 'keep' | 'sooner'): Promise<void> {
    await this.releaseDead();
    if (this.options.spoolDir) await importSpool(this.store, this.options.spoolDir);
    const now = Date.parse(this.now());
    for (const source of this.sources) {
      await syncLists(this.store, source, now, listMode);
      const archiveId = await this.archiveOf(source);
      if (archiveId) await seedArticles(this.store, source, archiveId);
    }
  }

  /** Leases of workers of this host that died (kill -9) go back at once, not when they run out. */
  async releaseDead(): Promise<void> {
    const dead = (await this.store.frontier.leaseHolders()).filter(isDeadLocalWorker);
    if (dead.length) await this.store.frontier.releaseWorkers(dead);
  }

  private async archiveOf(source: SourceConfig): Promise<string | null> {
    if (!this.archives.has(source.id))
      this.archives.set(source.id, await archiveSourceOf(this.cache, source));
    return this.archives.get(source.id)!;
  }

  private fetcherOf(source: SourceConfig): SourceFetcher {
    let fetcher = this.fetchers.get(source.id);
    if (!fetcher) {
      fetcher = new SourceFetcher(source, {
        store: this.store,
        worker: this.worker,
        sources: this.cache,
        extraction: this.extraction,
        fetcher: this.options.fetcher,
        now: this.options.now,
        spoolDir: this.options.spoolDir,
      });
      this.fetchers.set(source.id, fetcher);
    }
    return fetcher;
  }

  async close(): Promise<void> {
    for (const s of this.reports.values()) s.stopped = this.stopped;
    await Promise.all([...this.fetchers.values()].map((f) => f.close()));
    this.fetchers.clear();
  }

  /** Hosts of these sources, the ones free soonest first (a host backed off for long is left out). */
  private async hosts(): Promise<string[]> {
    const now = Date.now();
    const states = await this.store.frontier.hosts(this.sources.map((s) => s.id));
    const ready = (h: (typeof states)[number]) =>
      Math.max(h.nextAt, h.blockedUntil, h.holder && h.holder !== this.worker ? h.leaseUntil : 0);
    return states
      .filter((h) => h.blockedUntil - now < 15 * MINUTE)
      .sort((a, b) => ready(a) - ready(b))
      .map((h) => h.host);
  }

  /**
   * The next entry to work on, levels in order; `caps` leaves out, per level, the sources that have
   * had their share of this pass.
   */
  claim(caps?: {
    newLeft: (source: string) => boolean;
    recheckLeft: (source: string) => boolean;
  }): Promise<FrontierEntry | null> {
    const all = this.sources.map((s) => s.id);
    return this.claimSteps([
      { priorities: [PRIORITY.list], crawlSources: all },
      { priorities: [PRIORITY.new], crawlSources: caps ? all.filter(caps.newLeft) : all },
      { priorities: [PRIORITY.sweep], crawlSources: all },
      { priorities: [PRIORITY.recheck], crawlSources: caps ? all.filter(caps.recheckLeft) : all },
    ]);
  }

  /** The next entry of these priority levels only, highest first. */
  claimLevels(priorities: number[]): Promise<FrontierEntry | null> {
    const all = this.sources.map((s) => s.id);
    return this.claimSteps(priorities.map((p) => ({ priorities: [p], crawlSources: all })));
  }

  private async claimSteps(
    steps: Array<{ priorities: number[]; crawlSources: string[] }>,
  ): Promise<FrontierEntry | null> {
    const hosts = await this.hosts();
    if (!hosts.length) return null;
    const now = this.now();
    const until = new Date(Date.now() + (this.options.leaseMs ?? LEASE_MS)).toISOString();
    for (const step of steps) {
      if (!step.crawlSources.length) continue;
      const entry = await this.store.frontier.claim({
        worker: this.worker,
        now,
        until,
        hosts,
        ...step,
      });
      if (entry) return entry;
    }
    return null;
  }

  /** Works on one claimed entry to the end: fetched, processed, next fetch scheduled, lease let go. */
  async process(entry: FrontierEntry): Promise<SweepOutcome | null> {
    const source = this.byId.get(entry.crawlSource);
    if (!source) {
      await this.store.frontier.release(entry.url, this.worker);
      return null;
    }
    const lease = this.options.leaseMs ?? LEASE_MS;
    const heartbeat = setInterval(() => {
      const until = new Date(Date.now() + lease).toISOString();
      this.store.frontier.renew(entry.url, this.worker, until).catch(() => {});
    }, lease / 3);
    heartbeat.unref();
    try {
      const outcome =
        entry.kind === 'list'
          ? await this.processList(source, entry)
          : await this.processArticle(source, entry);
      this.options.onEntry?.(entry, outcome);
      return outcome;
    } catch (error) {
      // The database went away: no fault of the URL's, so no failure counted; its lease lapses.
      if (error instanceof Problem && error.code === 'unavailable') throw error;
      // One URL's failure never stops the others: it is counted, retried later, and reported.
      const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
      this.reports.get(source.id)!.errors.push(`${entry.url}: could not be crawled (${message})`);
      const failures = entry.failures + 1;
      await this.store.frontier.finish(
        entry.url,
        this.worker,
        {
          fetchedAt: this.now(),
          status: null,
          outcome: 'error',
          etag: entry.etag,
          lastModified: entry.lastModified,
          dueAt: new Date(Date.now() + retryDelay(failures)).toISOString(),
          priority: entry.priority,
          failures,
        },
        { outcome: 'failed', detail: message.slice(0, 300) },
      );
      this.options.onEntry?.(entry, 'failed');
      return 'failed';
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async processList(source: SourceConfig, entry: FrontierEntry): Promise<SweepOutcome> {
    const report = this.reports.get(source.id)!;
    const fetcher = this.fetcherOf(source);
    const started = this.now();
    const deep = entry.walkDueAt !== null && entry.walkDueAt <= started;
    const walk = await walkList(this.store, fetcher, entry.url, {
      mode: deep ? 'deep' : 'head',
      maxPages: deep ? source.maxWalkPages : source.maxPages,
      maxItemsPerPage: source.maxListItems,
      signal: this.options.signal,
      onPage: (url) => this.progress(source.id, 'list', url, 0),
    });
    report.listPages += walk.pages;
    report.errors.push(...walk.errors);
    if (deep && walk.error) {
      report.errors.push(`${entry.url}: walk stopped before the last page: ${walk.error}`);
    }
    // In list order, and fairly between lists: the i-th new URL of a walk is due i ms after a point
    // as far before its list was due as a poll can find new URLs, so the lists of a pass take turns
    // item by item, and one listing thousands cannot spend the pass's `maxNewPerPass` before the
    // others' first items are fetched.
    const base = Date.parse(entry.dueAt) - source.maxPages * source.maxListItems;
    const fresh = walk.fresh.map((url, i) => ({
      url,
      crawlSource: source.id,
      kind: 'article' as const,
      host: hostOf(url),
      priority: PRIORITY.new,
      dueAt: new Date(base + i).toISOString(),
    }));
    // New to the frontier, counted; then any already there (a failed first fetch) made due now.
    report.newUrls += await this.store.frontier.enqueue(fresh, 'keep');
    await this.store.frontier.enqueue(fresh, 'sooner');
    // Any walk that reached the last page (a deep walk, or a poll of a short list) is kept as a record.
    const walkCapture = walk.reachedEnd ? await this.keepWalk(source, entry, walk) : undefined;
    if (walkCapture) report.walks++;
    const now = Date.now();
    const interval = walkInterval(source);
    const walkDueAt = !deep
      ? undefined
      : interval === null
        ? null
        : new Date(
            now + (walk.reachedEnd ? interval : Math.min(interval, WALK_RETRY_MS)),
          ).toISOString();
    const failed = walk.pages === 0 || (walk.error !== null && walk.urls.length === 0);
    const detail = `${walk.pages} page(s), ${walk.urls.length} articles listed, ${walk.fresh.length} new${
      deep
        ? walk.reachedEnd
          ? ', walked to the last page'
          : `; not to the last page: ${walk.error}`
        : ''
    }`;
    const outcome: SweepOutcome = failed || (deep && !walk.reachedEnd) ? 'failed' : 'walked';
    await this.store.frontier.finish(
      entry.url,
      this.worker,
      {
        fetchedAt: this.now(),
        status: null,
        outcome: failed
          ? 'failed'
          : deep
            ? walk.reachedEnd
              ? 'walked'
              : 'walk-stopped'
            : 'polled',
        etag: null,
        lastModified: null,
        dueAt: new Date(now + source.pollMinutes * MINUTE).toISOString(),
        priority: PRIORITY.list,
        failures: failed ? entry.failures + 1 : 0,
        walkDueAt,
        walkCapture,
      },
      { outcome, detail },
    );
    if (walkCapture) await this.maybeEscalate(source);
    return outcome;
  }

  /** Stores the record of a walk that reached the last page; returns its capture's sha-256. */
  private async keepWalk(
    source: SourceConfig,
    entry: FrontierEntry,
    walk: WalkResult,
  ): Promise<string> {
    const fetcher = this.fetcherOf(source);
    const bytes = await walkRecordBytes({
      list: entry.url,
      startedAt: walk.startedAt,
      endedAt: this.now(),
      pages: walk.pageCaptures,
      urls: walk.urls,
      previous: entry.walkCapture,
    });
    const archive = fetcher.archiveSourceName;
    const capture = await captureWarcRecords(this.store, [bytes], {
      origin: entry.url,
      capturedAt: this.now(),
      options: {
        url: entry.url,
        purpose: 'list-walk',
        profile: fetcher.profile.id,
        pages: walk.pages,
        urls: walk.urls.length,
        ...(archive ? { source: archive } : {}),
      },
    });
    await fetcher.settle([capture]);
    return capture.sha256;
  }

  private async processArticle(
    source: SourceConfig,
    entry: FrontierEntry,
  ): Promise<SweepOutcome | null> {
    const report = this.reports.get(source.id)!;
    const fetcher = this.fetcherOf(source);
    // A re-check when the archive holds its text; else the first fetch of a new article.
    const before = await this.store.findArticleByUrl(entry.url);
    const again = before !== null && before.versionCount > 0;
    this.progress(source.id, again ? 'recheck' : 'article', entry.url, 0);
    if (this.stopped) {
      await this.store.frontier.release(entry.url, this.worker);
      return null;
    }
    const check = await checkArticle(this.store, fetcher, entry, before);
    const { result } = check;
    report.errors.push(...check.errors);
    if (again) report.rechecked++;
    else if (result.outcome === 'ok') report.articlesFetched++;
    const now = Date.now();
    const failing = check.outcome === 'failed' || check.outcome === 'unreachable';
    const failures = failing ? entry.failures + 1 : 0;
    let next: number | null;
    if (failing) next = now + retryDelay(failures);
    else if (check.article) {
      const { id, firstSeen, published } = check.article;
      next = nextCheckAt(
        { id, firstSeen, pubDate: fullDay(published) },
        now,
        recheckPolicy(source),
      );
    } else next = null;
    const fresh = result.outcome === 'ok';
    await this.store.frontier.finish(
      entry.url,
      this.worker,
      {
        fetchedAt: this.now(),
        status: result.status,
        outcome: result.outcome,
        etag: fresh ? result.validators.etag : entry.etag,
        lastModified: fresh ? result.validators.lastModified : entry.lastModified,
        dueAt: next === null ? NEVER : new Date(next).toISOString(),
        priority: PRIORITY.recheck,
        failures,
      },
      { outcome: check.outcome, detail: check.detail },
    );
    if (check.outcome === 'removed') await this.maybeEscalate(source);
    return check.outcome;
  }

  /**
   * Reads the coverage of a source that just saw removals, at most every few minutes while the
   * removals go on; `escalatePending` reads it for the rest at the end of a spell of work.
   */
  private async maybeEscalate(source: SourceConfig): Promise<void> {
    this.removalsSeen.add(source.id);
    const last = this.escalatedAt.get(source.id) ?? 0;
    if (Date.now() - last >= ESCALATION_EVERY_MS) await this.escalate(source);
  }

  /** Sources with removals not yet read for a deletion spike: read now (the end of a pass). */
  async escalatePending(): Promise<void> {
    for (const id of [...this.removalsSeen]) await this.escalate(this.byId.get(id)!);
  }

  private async escalate(source: SourceConfig): Promise<void> {
    this.removalsSeen.delete(source.id);
    this.escalatedAt.set(source.id, Date.now());
    const archiveId = await this.archiveOf(source);
    if (archiveId) {
      await escalateDeletionSpike(this.store, this.sources, source, archiveId, this.now());
    }
  }

  private progress(
    source: string,
    phase: CrawlProgress['phase'],
    url: string,
    queued: number,
  ): void {
    const r = this.reports.get(source)!;
    this.options.onProgress?.({
      source,
      phase,
      url,
      listPages: r.listPages,
      articlesFetched: r.articlesFetched,
      articlesQueued: queued,
      errors: r.errors.length,
    });
  }
}
