/**
 * Walking one list of a source, page after page. A poll (`head`) reads from page 1 until a page
 * names only articles the archive has (the rest is older); a deep walk (`deep`) goes to the real last
 * page — the page with no next page — so that an article dropped from every page is noticed without
 * fetching it: a walk that reached the end is kept as a record (./walk-record.ts) whose list of URLs
 * the driver compares with the previous complete walk's.
 */
import {
  parseBounded,
  type ListContinuation,
  type ListingItem,
  type SiteParse,
} from '../../extract/sites/index.js';
import type { ArchiveStore } from '../../store/types.js';
import type { SourceFetcher } from './source-fetcher.js';

export type WalkMode = 'head' | 'deep';

export interface WalkResult {
  pages: number;
  /** Every article URL the pages named, in order, once each. */
  urls: string[];
  /** Of those, the ones the archive holds no full text of: to fetch. */
  fresh: string[];
  /** The walk reached the page with no next page (a deep walk is complete). */
  reachedEnd: boolean;
  /** Why it stopped early, in one line; null when it ended as it should. */
  error: string | null;
  /** The sha-256 of each page's capture, in order. */
  pageCaptures: string[];
  /** Failed fetches and rejected pages, one line each (a session renewed in time drops its failure). */
  errors: string[];
  startedAt: string;
}

export interface WalkOptions {
  mode: WalkMode;
  /** Pages read at most (a poll: the source's `maxPages`; a deep walk: its `maxWalkPages`). */
  maxPages: number;
  /**
   * Items taken from one page at most (the source's `maxListItems`): a page listing 150,000 links is
   * parsed only as far as its first items, and the walk ends there (what follows was never read).
   */
  maxItemsPerPage: number;
  signal?: AbortSignal;
  onPage?: (url: string, page: number) => void;
}

function failure(page: SiteParse | null, status: string | null): string {
  if (status) return status;
  if (!page) return 'no answer';
  return page.problems.find((p) => p.startsWith('template broken')) ?? 'the page lists no articles';
}

export async function walkList(
  store: ArchiveStore,
  fetcher: SourceFetcher,
  first: string,
  options: WalkOptions,
): Promise<WalkResult> {
  const walk: WalkResult = {
    pages: 0,
    urls: [],
    fresh: [],
    reachedEnd: false,
    error: null,
    pageCaptures: [],
    errors: [],
    startedAt: new Date().toISOString(),
  };
  const seen = new Set<string>();
  let request: ListContinuation | null = { url: first, method: 'GET', page: 1 };
  while (request && !options.signal?.aborted) {
    if (walk.pages >= options.maxPages) {
      walk.error = `stopped after ${options.maxPages} pages (maxPages)`;
      return walk;
    }
    const errorsBefore = walk.errors.length;
    let read = await readPage(fetcher, request, walk, options);
    if (isEmpty(read.page) && request.method === 'POST') {
      // KCNA 2026 answers a POST from a stale session with HTTP 200 and an empty list: renew the
      // session once (a new page-1 GET sets a new cookie and `_csrf`) and ask again before giving up.
      const renewed = await renewSession(fetcher, first, request, walk, options);
      if (renewed) {
        request = renewed;
        read = await readPage(fetcher, request, walk, options);
        // The failed answer stays on its capture; the walk reports how the retry went.
        if (!isEmpty(read.page))
          walk.errors.splice(errorsBefore, walk.errors.length - errorsBefore);
      }
    }
    const { page } = read;
    if (page?.pastEnd && page.listing.length === 0) {
      request = null; // asked past the last page: the page before was the last
      break;
    }
    if (!page || page.kind !== 'listing' || page.listing.length === 0) {
      // Not the end: the end is a page whose pager shows no next page. A walk that stops here
      // proves nothing about what the later pages still list.
      walk.error = failure(page, read.status);
      return walk;
    }
    let fresh = 0;
    for (const item of page.listing) {
      if (seen.has(item.url)) continue;
      seen.add(item.url);
      walk.urls.push(item.url);
      if (!(await isKnown(store, item))) {
        walk.fresh.push(item.url);
        fresh++;
      }
    }
    if (page.partial) {
      // Its pager, if any, was never read: the walk cannot go on, nor say it reached the end.
      walk.error = `${request.url}: ${page.partial} (maxListItems)`;
      walk.errors.push(walk.error);
      return walk;
    }
    // A poll stops where the archive already has what the page lists: the rest is older.
    if (options.mode === 'head' && fresh < page.listing.length) return walk;
    request = nextPage(request, page.next);
  }
  walk.reachedEnd = request === null;
  return walk;
}

const isEmpty = (page: SiteParse | null) => page?.kind === 'listing' && page.listing.length === 0;

async function isKnown(store: ArchiveStore, item: ListingItem): Promise<boolean> {
  const article = await store.findArticleByUrl(item.url);
  return article !== null && article.status !== 'teaser';
}

/** One list page, fetched and parsed; `status` says why there is nothing to parse. */
async function readPage(
  fetcher: SourceFetcher,
  request: ListContinuation,
  walk: WalkResult,
  options: WalkOptions,
): Promise<{ page: SiteParse | null; status: string | null }> {
  options.onPage?.(request.url, walk.pages + 1);
  const { result, captures, errors } = await fetcher.fetch(
    request.url,
    request.method === 'POST' ? { method: 'POST', form: request.form ?? {} } : {},
  );
  walk.pages++;
  walk.errors.push(...errors);
  const last = captures.at(-1);
  if (last) walk.pageCaptures.push(last.sha256);
  if (result.outcome !== 'ok') {
    const why = result.status ? `HTTP ${result.status}` : (result.reason ?? result.outcome);
    return { page: null, status: `${request.url}: ${result.outcome} (${why})` };
  }
  const page = parseBounded(
    fetcher.profile,
    result.text(),
    result.finalUrl,
    options.maxItemsPerPage,
  );
  return { page, status: null };
}

/** `failed` again, with the form of a fresh page-1 GET; null when page 1 gives no form. */
async function renewSession(
  fetcher: SourceFetcher,
  first: string,
  failed: ListContinuation,
  walk: WalkResult,
  options: WalkOptions,
): Promise<ListContinuation | null> {
  if (options.signal?.aborted) return null;
  const { page } = await readPage(fetcher, { url: first, method: 'GET', page: 1 }, walk, options);
  const fresh = page?.next;
  if (!fresh || fresh.method !== 'POST' || !fresh.form) return null;
  const number = failed.page ?? 2;
  return {
    ...fresh,
    page: number,
    form: { ...failed.form, ...fresh.form, page_num: String(number) },
  };
}

/**
 * The next list page: a GET link the page gives, or the POST form of page 1 with `page_num` counted
 * on (KCNA 2026 serves the same form on every page, so the count is kept here).
 */
export function nextPage(
  current: ListContinuation,
  fromPage: ListContinuation | null,
): ListContinuation | null {
  if (current.method === 'GET') return fromPage;
  if (!current.form) return null;
  const page = (current.page ?? 1) + 1;
  if (current.lastPage !== undefined && page > current.lastPage) return null;
  return { ...current, page, form: { ...current.form, page_num: String(page) } };
}
