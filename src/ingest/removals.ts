/**
 * What a crawled response says about whether an article is still at the source (history/events.ts
 * records it): a 404/410 or a redirect to the home page for its URL, its page answering again, a
 * listing that names it again, or a listing that, around its date, stopped naming it.
 */
import { captureContent } from '../capture/open-capture.js';
import { iterWarcRecords } from '../capture/warc.js';
import type { ListingItem } from '../extract/sites/types.js';
import {
  isHomePage,
  listingRemovalReason,
  recordRemoval,
  recordSighting,
} from '../history/events.js';
import type { ArchiveStore, CaptureRecord, StoredArticle } from '../store/types.js';

export function captureUrl(capture: CaptureRecord): string {
  return typeof capture.options.url === 'string' ? capture.options.url : capture.origin;
}

async function locationOf(store: ArchiveStore, capture: CaptureRecord): Promise<string | null> {
  for await (const record of iterWarcRecords(captureContent(store, capture))) {
    if (record.type !== 'response') continue;
    return record.httpHeaders.find(([n]) => n.toLowerCase() === 'location')?.[1] ?? null;
  }
  return null;
}

/**
 * A response that carries no article text (3xx, 304, 4xx): notes the check and, for an article's
 * own URL answered with 404/410 or sent to the home page, its removal.
 */
export async function noteNonPageResponse(
  store: ArchiveStore,
  capture: CaptureRecord,
  status: number,
): Promise<void> {
  const url = captureUrl(capture);
  const article = await store.findArticleByUrl(url);
  if (!article) return;
  const at = capture.capturedAt;
  // A URL only ever listed, whose page never gave the archive its text, cannot be removed from the
  // archive's view of the source: it was unreachable from the start (a first crawl raises no alarm).
  if (article.versionCount === 0 && article.status !== 'deleted') return;
  if (status === 404 || status === 410) {
    await store.markChecked(article.id, at);
    await recordRemoval(store, article, at, `HTTP ${status}`, capture.sha256);
  } else if (status === 304) {
    await store.markChecked(article.id, at);
    await recordSighting(store, article, at, 'http', capture.sha256, 'HTTP 304: unchanged');
  } else if (status >= 300 && status < 400) {
    let location: string | null;
    try {
      location = await locationOf(store, capture);
    } catch {
      return; // unreadable records: the capture's own error says so
    }
    // A Location the URL parser refuses points nowhere: no evidence either way (the capture keeps it).
    const target = location && URL.canParse(location, url) ? new URL(location, url).href : null;
    if (!target) return;
    if (!isHomePage(target) || isHomePage(url)) return; // a redirect elsewhere: the next hop tells
    await store.markChecked(article.id, at);
    await recordRemoval(
      store,
      article,
      at,
      `redirected to the home page (HTTP ${status})`,
      capture.sha256,
    );
  }
}

/** The article page at `url` answered with its text: checked, and back if it was removed over HTTP. */
export async function notePageAnswered(
  store: ArchiveStore,
  capture: CaptureRecord,
  url: string,
): Promise<void> {
  const article = await store.findArticleByUrl(url);
  if (!article) return;
  await store.markChecked(article.id, capture.capturedAt);
  await recordSighting(
    store,
    article,
    capture.capturedAt,
    'http',
    capture.sha256,
    `HTTP ${capture.options.status ?? 200}`,
  );
}

/** A listing named the article again. */
export async function noteListed(
  store: ArchiveStore,
  article: StoredArticle,
  capture: CaptureRecord,
): Promise<void> {
  await recordSighting(
    store,
    article,
    capture.capturedAt,
    'listing',
    capture.sha256,
    `listed again at ${captureUrl(capture)}`,
  );
}

const dayAfter = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Articles this list used to name with a date strictly inside the span of dates it shows now, that it
 * no longer names: removed. The first and last days are left out because a page boundary can cut a
 * day in two; a list whose items carry no full dates tells nothing this way.
 */
export async function noteGoneFromListing(
  store: ArchiveStore,
  sourceId: string,
  capture: CaptureRecord,
  items: ListingItem[],
): Promise<number> {
  const days = items
    .map((i) => i.published)
    .filter((p) => p.year !== null && p.month !== null && p.day !== null)
    .map(
      (p) =>
        `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`,
    )
    .sort();
  if (days.length < 2) return 0;
  const from = dayAfter(days[0]!, 1);
  const to = dayAfter(days.at(-1)!, -1);
  if (from > to) return 0;
  const listUrl = captureUrl(capture);
  const present = new Set(items.map((i) => i.url));
  let removed = 0;
  for (const listed of await store.listListedArticles(
    sourceId,
    capture.origin,
    from,
    to,
    capture.capturedAt,
  )) {
    if (listed.status === 'deleted' || (listed.url && present.has(listed.url))) continue;
    const article = await store.getArticle(listed.id);
    if (
      article &&
      (await recordRemoval(
        store,
        article,
        capture.capturedAt,
        listingRemovalReason(listUrl),
        capture.sha256,
      ))
    )
      removed++;
  }
  return removed;
}
