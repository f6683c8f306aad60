/**
 * A crawled response (a `warc` capture) → the site profile for its URL → articles and listing
 * entries, through the same reconcile path as the importers. Template health: a page that does not
 * match its template stores nothing and leaves `template broken: … at <url>` on the capture, which
 * `templateHealth` (./template-health.ts) reports per source; `reprocess` re-runs this once fixed.
 */
import { decodeResponse } from '../capture/decode.js';
import { captureContent } from '../capture/open-capture.js';
import { iterWarcRecords } from '../capture/warc.js';
import { looksBinary } from '../capture/sniff.js';
import {
  parseBounded,
  profileById,
  profileForUrl,
  type SiteParse,
  type SiteProfile,
} from '../extract/sites/index.js';
import type { ExtractedArticle } from '../extract/types.js';
import { oversizedText, type FieldLimits } from './record-limits.js';
import {
  applyArticle,
  betterDate,
  improvedBy,
  type ApplyOutcome,
  type Provenance,
} from '../reconcile/apply.js';
import { computeKeys } from '../reconcile/identity.js';
import type { Source } from '../model/types.js';
import type { ArchiveStore, CaptureRecord } from '../store/types.js';
import { countOutcome, reject, type IngestReport } from './report.js';
import { ingestListWalk } from './list-walk.js';
import type { SourceCache } from './sources-cache.js';
import {
  noteGoneFromListing,
  noteListed,
  noteNonPageResponse,
  notePageAnswered,
} from './removals.js';

/** Pages larger than this are not one article page or list; kept, not extracted. */
const MAX_PAGE_BYTES = 16 * 1024 * 1024;
/**
 * Items kept from one list page, feed or sitemap: a page of 150,000 links is parsed only as far as
 * its first items (as the crawler's list walk reads it, by default), never whole.
 */
const MAX_LIST_ITEMS = 2000;
const TEXTUAL = /^(?:text\/|application\/(?:xhtml\+xml|xml|rss\+xml|atom\+xml|feed\+json|json)|$)/i;

export interface CrawledPage {
  url: string;
  status: number;
  contentType: string | null;
  text: string;
}

/** The response of a `warc` capture, decoded; null when the exchange has no response to read. */
export async function readCrawledPage(
  store: ArchiveStore,
  capture: CaptureRecord,
): Promise<CrawledPage | { skip: string } | null> {
  if (typeof capture.options.status !== 'number') return null; // refused, reset or timed out: nothing to read
  for await (const record of iterWarcRecords(captureContent(store, capture))) {
    if (record.type !== 'response') continue;
    const values = (name: string) =>
      record.httpHeaders.filter(([n]) => n.toLowerCase() === name).map(([, v]) => v);
    const contentType = values('content-type')[0] ?? null;
    const url = record.warcHeaders['warc-target-uri'] ?? capture.origin;
    if (record.payload.byteLength > MAX_PAGE_BYTES)
      return {
        skip: `${url}: body over ${MAX_PAGE_BYTES / 1048576} MB, not extracted; the bytes are kept`,
      };
    if (!TEXTUAL.test((contentType ?? '').trim())) return { skip: '' };
    const { text, codingError } = decodeResponse(record.payload, {
      contentType,
      contentEncoding: values('content-encoding').join(', '),
    });
    // A coding that would not undo (a gzip bomb past the decoder's cap, a corrupt stream) leaves
    // compressed bytes, not a page; a page merely mislabelled as compressed is still read.
    if (codingError && looksBinary(record.payload.subarray(0, 1024)))
      return {
        skip: `${url}: content coding not undone (${codingError}); not extracted, the bytes are kept`,
      };
    return { url, status: record.httpStatus ?? capture.options.status, contentType, text };
  }
  return null;
}

function profileOf(capture: CaptureRecord, url: string): SiteProfile {
  const named =
    typeof capture.options.profile === 'string' ? profileById(capture.options.profile) : null;
  return named ?? profileForUrl(url);
}

async function sourceOf(
  capture: CaptureRecord,
  profile: SiteProfile,
  page: SiteParse,
  url: string,
  sources: SourceCache,
): Promise<Source | null> {
  const named =
    typeof capture.options.source === 'string' ? capture.options.source : profile.sourceId;
  if (named) return sources.resolve(named, null);
  const label = page.article?.sourceLabel;
  if (label) return sources.resolve(label, page.article?.language ?? null);
  return sources.resolveUrl(url, page.article?.language ?? null);
}

function headline(
  title: string,
  url: string,
  item: SiteParse['listing'][number],
  language: string | null,
): ExtractedArticle {
  return {
    title,
    dateline: null,
    published: item.published,
    paragraphs: [],
    language,
    url,
    sourceLabel: null,
    complete: false,
    flags: [],
  };
}

/**
 * A list page named this URL under its own headline (KCNA's list and page titles differ) and with the
 * full date the page lacks. The URL is the evidence that they are one article: the teaser takes the
 * page's title key so that reconcile completes it instead of adding a second article, and a page
 * whose date is year-unknown gets the list's date when month and day agree.
 */
async function adoptListedHeadline(
  store: ArchiveStore,
  sourceId: string,
  a: ExtractedArticle,
): Promise<void> {
  if (!a.url) return;
  const listed = await store.findArticleByUrl(a.url);
  if (
    !listed ||
    listed.sourceId !== sourceId ||
    listed.status !== 'teaser' ||
    listed.paragraphs.length
  )
    return;
  const p = listed.published;
  const q = a.published;
  const agree = (x: number | null, y: number | null) => x === null || y === null || x === y;
  if (!agree(p.year, q.year) || !agree(p.month, q.month) || !agree(p.day, q.day)) return;
  const titleKey = computeKeys({
    title: a.title,
    dateline: null,
    published: q,
    paragraphs: [],
  }).titleKey;
  if (titleKey !== listed.keys.titleKey)
    await store.updateArticle({ ...listed, keys: { ...listed.keys, titleKey } });
}

/**
 * A list item: another sighting of the article at its URL when there is one (its whole title where the
 * article had a cut or no title), else a headline-only article.
 */
async function applyListed(
  store: ArchiveStore,
  sourceId: string,
  h: ExtractedArticle,
  at: Provenance,
): Promise<{ articleId: string; outcome: ApplyOutcome }> {
  const known = h.url ? await store.findArticleByUrl(h.url) : null;
  if (known && known.sourceId === sourceId) {
    await store.updateArticle({
      ...known,
      ...improvedBy(known, h.title, h.url),
      published: betterDate(known.published, h.published),
      lastSeen: known.lastSeen >= at.seenAt ? known.lastSeen : at.seenAt,
    });
    return { articleId: known.id, outcome: 'unchanged' };
  }
  return applyArticle(store, sourceId, h, at);
}

export async function ingestCrawledPage(
  store: ArchiveStore,
  capture: CaptureRecord,
  sources: SourceCache,
  report: IngestReport,
  limits: FieldLimits,
): Promise<Record<string, string | number>> {
  const options = { ...capture.options };
  if (capture.options.purpose === 'list-walk') {
    await store.transaction(() => ingestListWalk(store, capture, sources, report));
    return options;
  }
  const status = capture.options.status;
  if (typeof status !== 'number') return options;
  if (capture.options.purpose === 'robots') return options; // robots.txt is read by the fetcher
  if (status < 200 || status >= 300) {
    await store.transaction(() => noteNonPageResponse(store, capture, status));
    return options;
  }
  // A fetch made outside a crawl of a configured source, on no known site: kept, not extracted.
  if (typeof capture.options.profile !== 'string' && profileForUrl(capture.origin).id === 'generic')
    return options;
  if (capture.options.truncated) {
    reject(
      report,
      `${capture.origin}: body cut off (${capture.options.truncated}); not extracted, the bytes are kept`,
    );
    return options;
  }
  let read: Awaited<ReturnType<typeof readCrawledPage>>;
  try {
    read = await readCrawledPage(store, capture);
  } catch (error) {
    reject(
      report,
      `${capture.origin}: WARC records unreadable (${error instanceof Error ? error.message : String(error)}); the bytes are kept`,
    );
    return options;
  }
  if (!read) return options;
  if ('skip' in read) {
    if (read.skip) reject(report, read.skip);
    return options;
  }
  const profile = profileOf(capture, read.url);
  const page = parseBounded(profile, read.text, read.url, MAX_LIST_ITEMS);
  report.records++;
  options.profile = profile.id;
  options.pageKind = page.kind;
  if (page.partial) {
    if (page.kind !== 'listing') {
      // An article read only in part would be a new, shorter version of it: not kept.
      reject(report, `${read.url}: ${page.partial}; not extracted, the bytes are kept`);
      return options;
    }
    report.warnings.push(`${read.url}: ${page.partial}`);
  }
  for (const problem of page.problems) {
    if (problem.startsWith('template broken')) reject(report, problem);
    else report.warnings.push(`${read.url}: ${problem}`);
  }
  const source = await sourceOf(capture, profile, page, read.url, sources);
  if (!source) {
    reject(report, `${read.url}: no source for this page; add it with \`wirewatch sources add\``);
    return options;
  }
  // Beside, never over, the source the capture was given: a re-run (reprocess, a WARC re-import
  // with its sidecar) resolves the same name again and reaches the same source and article ids.
  options.sourceId = source.id;
  const at = { captureSha256: capture.sha256, locator: '', seenAt: capture.capturedAt };
  await store.transaction(async () => {
    const a = page.article;
    const oversized = a && oversizedText(a.title, a.paragraphs, limits);
    if (oversized) reject(report, `${read.url}: ${oversized}`);
    else if (page.kind === 'article' && a && a.title && a.paragraphs.length) {
      await adoptListedHeadline(store, source.id, a);
      // The URL is the evidence it is the same article, however much its text changed since.
      const known = await store.findArticleByUrl(a.url ?? read.url);
      const same = known && known.sourceId === source.id ? known : null;
      countOutcome(report, (await applyArticle(store, source.id, a, at, undefined, same)).outcome);
      await notePageAnswered(store, capture, a.url ?? read.url);
    }
    for (const [position, item] of page.listing.entries()) {
      if (!item.title) continue; // a sitemap entry without a title only tells the crawler a URL
      const { articleId, outcome } = await applyListed(
        store,
        source.id,
        headline(item.title, item.url, item, source.language),
        at,
      );
      countOutcome(report, outcome === 'new' ? 'teaser-new' : 'teaser-known');
      const listed = outcome === 'new' ? null : await store.getArticle(articleId);
      if (listed?.status === 'deleted') await noteListed(store, listed, capture);
      await store.insertListingEntry({
        sourceId: source.id,
        captureSha256: capture.sha256,
        position,
        text: item.teaser ? `${item.title}\n${item.teaser}` : item.title,
        dateline: null,
        published: item.published,
        link: item.url,
        articleId,
      });
    }
    // A list read in part says nothing of what it no longer names.
    if (page.kind === 'listing' && !page.partial)
      await noteGoneFromListing(store, source.id, capture, page.listing);
  });
  return options;
}
