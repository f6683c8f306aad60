/**
 * One crawl pass over configured sources: each list page → its new article URLs → those articles,
 * following pagination back to articles the archive already has. Every exchange is stored as a WARC
 * capture (archiveSink) and extracted right away, so a pass stopped at any point loses nothing: the
 * next pass extracts captures left unprocessed and fetches the articles still missing (an article
 * known only from a list is a teaser until its page is stored).
 */
import { archiveSink } from './fetch/archive-sink.js';
import { CookieJar } from './fetch/cookies.js';
import {
  Fetcher,
  type FetcherOptions,
  type FetchOptions,
  type FetchResult,
} from './fetch/fetcher.js';
import {
  profileById,
  type ListContinuation,
  type SiteParse,
  type SiteProfile,
} from '../extract/sites/index.js';
import { emptyReport, type IngestReport } from '../ingest/report.js';
import { drain } from '../pipeline/driver.js';
import { SourceCache } from '../ingest/sources-cache.js';
import type { ArchiveStore, CaptureRecord } from '../store/types.js';
import { allowedNetworks, listUrl, recheckPolicy, type SourceConfig } from './sources/config.js';
import { dueForRecheck } from './recheck.js';

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
  /** New article URLs seen on the lists this pass. */
  newUrls: number;
  /** Known articles fetched again on their re-check schedule. */
  rechecked: number;
  /** One line per failed fetch or page that did not match the template. */
  errors: string[];
  stopped: boolean;
}

export interface CrawlOptions {
  /** Options for each source's Fetcher (tests: resolver, timeouts); the source's delay and allowPrivate are applied on top. */
  fetcher?: FetcherOptions;
  signal?: AbortSignal;
  onProgress?: (p: CrawlProgress) => void;
  now?: () => string;
}

export interface CrawlReport {
  sources: SourceCrawlReport[];
  /** Extraction counts over every capture of the pass. */
  extraction: IngestReport;
  /** Captures from an earlier, interrupted pass that were extracted first. */
  resumed: number;
  stopped: boolean;
}

function failure(result: FetchResult): string | null {
  if (result.outcome === 'ok') return null;
  return `${result.url}: ${result.outcome}${result.status ? ` (HTTP ${result.status})` : ''}${result.reason ? `: ${result.reason}` : ''}`;
}

class SourceCrawl {
  readonly report: SourceCrawlReport;
  private readonly jar = new CookieJar();
  private readonly profile: SiteProfile;
  private readonly fetcher: Fetcher;
  private readonly sink;

  constructor(
    private readonly store: ArchiveStore,
    private readonly source: SourceConfig,
    private readonly sources: SourceCache,
    private readonly extraction: IngestReport,
    private readonly options: CrawlOptions,
  ) {
    this.report = {
      id: source.id,
      listPages: 0,
      articlesFetched: 0,
      newUrls: 0,
      rechecked: 0,
      errors: [],
      stopped: false,
    };
    this.profile = profileById(source.profile)!;
    const tags = {
      profile: this.profile.id,
      ...(source.archiveSource ? { source: source.archiveSource } : {}),
    };
    this.sink = archiveSink({ store, tags });
    const base = options.fetcher ?? {};
    const allow = [...(base.guard?.allow ?? []), ...allowedNetworks(source)];
    this.fetcher = new Fetcher({
      ...base,
      guard: { ...base.guard, allow },
      politeness: { ...base.politeness, minDelayMs: source.delayMs },
      onExchange: this.sink.onExchange,
    });
  }

  private get stopped(): boolean {
    return this.options.signal?.aborted === true;
  }

  private progress(phase: CrawlProgress['phase'], url: string, queued: number): void {
    this.options.onProgress?.({
      source: this.source.id,
      phase,
      url,
      listPages: this.report.listPages,
      articlesFetched: this.report.articlesFetched,
      articlesQueued: queued,
      errors: this.report.errors.length,
    });
  }

  /**
   * Fetches (every exchange is stored as a capture: robots.txt, redirects and retries included), then
   * drains the queue, so what the next step looks up (is this URL known?) is already in the archive.
   */
  private async fetch(
    url: string,
    options: FetchOptions,
  ): Promise<{ result: FetchResult; captures: CaptureRecord[] }> {
    const before = this.sink.captures.length;
    const result = await this.fetcher.fetch(url, { ...options, cookies: this.jar });
    const captures = this.sink.captures.slice(before);
    const errorsBefore = this.extraction.errors.length;
    await drain(this.store, {
      report: this.extraction,
      sources: this.sources,
      now: this.options.now,
      refresh: false,
    });
    this.report.errors.push(...this.extraction.errors.slice(errorsBefore));
    const failed = failure(result);
    if (failed) this.report.errors.push(failed);
    return { result, captures };
  }

  private async isKnown(url: string): Promise<boolean> {
    const article = await this.store.findArticleByUrl(url);
    return article !== null && article.status !== 'teaser';
  }

  async run(): Promise<void> {
    try {
      for (const list of this.source.lists) {
        if (this.stopped) break;
        try {
          await this.crawlList(listUrl(this.source, list));
        } catch (error) {
          this.report.errors.push(
            `${list}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
      if (!this.stopped) await this.recheck();
    } finally {
      this.report.stopped = this.stopped;
      await this.fetcher.close();
    }
  }

  private async crawlList(first: string): Promise<void> {
    let request: ListContinuation | null = { url: first, method: 'GET', page: 1 };
    for (let pages = 0; request && pages < this.source.maxPages && !this.stopped; pages++) {
      const errorsBefore = this.report.errors.length;
      let page = await this.fetchList(request);
      if (page?.kind === 'listing' && page.listing.length === 0 && request.method === 'POST') {
        // KCNA 2026 answers a POST from a stale session with HTTP 200 and an empty list: renew the
        // session once (a new page-1 GET sets a new cookie and `_csrf`) and ask again before giving up.
        const renewed = await this.renewSession(first, request);
        if (renewed) {
          this.report.errors.length = errorsBefore; // the failed attempt is kept on its capture; the report keeps the retry's outcome
          request = renewed;
          page = await this.fetchList(request);
        }
      }
      if (!page || page.kind !== 'listing' || page.listing.length === 0) return; // recorded on the capture as template broken (or the end)
      const fresh: string[] = [];
      for (const item of page.listing)
        if (!fresh.includes(item.url) && !(await this.isKnown(item.url))) fresh.push(item.url);
      this.report.newUrls += fresh.length;
      await this.fetchArticles(fresh);
      if (fresh.length < page.listing.length) return; // reached articles the archive has: the rest is older
      request = nextPage(request, page.next);
    }
  }

  /**
   * Fetches again the known articles whose re-check is due, so edits and removals are seen. Only
   * URLs on this source's base URL: a source pointed at a mirror or a fixture copy never reaches out
   * to the site its archived articles came from.
   */
  private async recheck(): Promise<void> {
    const policy = recheckPolicy(this.source);
    const name = this.source.archiveSource ?? this.profile.sourceId;
    if (!policy.afterMinutes.length || policy.maxPerPass === 0 || !name) return;
    const source = await this.sources.resolve(name, null);
    if (!source) return;
    const base = new URL(this.source.baseUrl).origin;
    const candidates = (await this.store.listRecheckCandidates(source.id)).filter(
      (c) => URL.canParse(c.url) && new URL(c.url).origin === base,
    );
    const now = Date.parse((this.options.now ?? (() => new Date().toISOString()))());
    const due = dueForRecheck(candidates, now, policy);
    for (const [i, c] of due.entries()) {
      if (this.stopped) return;
      this.progress('recheck', c.url, due.length - i);
      await this.fetch(c.url, {});
      this.report.rechecked++;
    }
  }

  /** One list page, parsed; null when the fetch failed (the failure is in the report). */
  private async fetchList(request: ListContinuation): Promise<SiteParse | null> {
    this.progress('list', request.url, 0);
    const { result } = await this.fetch(
      request.url,
      request.method === 'POST' ? { method: 'POST', form: request.form ?? {} } : {},
    );
    this.report.listPages++;
    if (result.outcome !== 'ok') return null;
    return this.profile.parse(result.text(), result.finalUrl);
  }

  /** `failed` again, with the form of a fresh page-1 GET (new session cookie, new `_csrf`); null when page 1 gives no form. */
  private async renewSession(
    first: string,
    failed: ListContinuation,
  ): Promise<ListContinuation | null> {
    if (this.stopped) return null;
    const page1 = await this.fetchList({ url: first, method: 'GET', page: 1 });
    const fresh = page1?.next;
    if (!fresh || fresh.method !== 'POST' || !fresh.form) return null;
    const page = failed.page ?? 2;
    return { ...fresh, page, form: { ...failed.form, ...fresh.form, page_num: String(page) } };
  }

  private async fetchArticles(urls: string[]): Promise<void> {
    for (const [i, url] of urls.entries()) {
      this.progress('article', url, urls.length - i);
      if (this.stopped) return;
      const { result } = await this.fetch(url, {});
      if (result.outcome === 'ok') this.report.articlesFetched++;
    }
  }
}

/**
 * The next list page: a GET link the page gives, or the POST form of page 1 with `page_num` counted
 * on (KCNA 2026 serves the same form on every page, so the count is kept here).
 */
function nextPage(
  current: ListContinuation,
  fromPage: ListContinuation | null,
): ListContinuation | null {
  if (current.method === 'GET') return fromPage;
  if (!current.form) return null;
  const page = (current.page ?? 1) + 1;
  if (current.lastPage !== undefined && page > current.lastPage) return null;
  return { ...current, page, form: { ...current.form, page_num: String(page) } };
}

/** One pass over `sources`, one after the other. */
export async function crawl(
  store: ArchiveStore,
  sources: SourceConfig[],
  options: CrawlOptions = {},
): Promise<CrawlReport> {
  const cache = new SourceCache(store);
  const extraction = emptyReport();
  // Resume: whatever an interrupted pass (or anything else) left in the queue goes first.
  const resumed = await drain(store, {
    report: extraction,
    sources: cache,
    now: options.now,
    refresh: false,
  });
  const reports: SourceCrawlReport[] = [];
  for (const source of sources) {
    if (options.signal?.aborted) break;
    const run = new SourceCrawl(store, source, cache, extraction, options);
    await run.run();
    reports.push(run.report);
  }
  await store.search.refresh();
  return {
    sources: reports,
    extraction,
    resumed: resumed.processed,
    stopped: options.signal?.aborted === true,
  };
}
