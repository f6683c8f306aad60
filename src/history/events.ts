/**
 * Records what happens to an article after it is archived: edits (classified), removals from the
 * source (tombstones) and re-appearances. Called by reconcile and ingest as captures are applied, in
 * capture order, so `reprocess` rebuilds the same events from the same captures.
 *
 * A removal keeps every version; only `status` and `removedAt` change. What counts as evidence:
 * - `HTTP 404` / `HTTP 410` for the article's own URL, or a redirect from it to the site's home page;
 * - a listing that used to name it and now, around its date, does not (`gone from its listing`).
 * A re-appearance must answer the same evidence: a removal seen over HTTP is undone by the page
 * answering again, a removal from a listing by a listing naming it again (a page still served but no
 * longer listed stays removed: KCNA unlists as well as deletes).
 */
import type { Version } from '../model/types.js';
import type { ArchiveStore, StoredArticle } from '../store/types.js';
import { classifyChange } from './classify.js';

export type RemovalEvidence = 'http' | 'listing';

const LISTING_REASON = 'gone from its listing';

/** Records the edit that `next` makes to `prev` (the version before it). */
export async function recordEdit(
  store: ArchiveStore,
  article: StoredArticle,
  prev: Version,
  next: Version,
): Promise<void> {
  const change = classifyChange(prev, next);
  if (change.kind === 'first') return;
  await store.insertEvent({
    articleId: article.id,
    sourceId: article.sourceId,
    at: next.firstSeen,
    kind: 'edit',
    versionSeq: next.seq,
    change: change.kind,
    editSize: change.wordsAdded + change.wordsRemoved,
    reason: null,
    captureSha256: next.captureSha256,
  });
}

/**
 * Marks the article removed at `at`, unless it already is, or something showed it after `at` (a
 * capture replayed out of order is no evidence against a later sighting).
 */
export async function recordRemoval(
  store: ArchiveStore,
  article: StoredArticle,
  at: string,
  reason: string,
  captureSha256: string | null,
): Promise<boolean> {
  if (article.status === 'deleted' || article.lastSeen > at) return false;
  await store.updateArticle({ ...article, status: 'deleted', removedAt: at });
  await store.insertEvent({
    articleId: article.id,
    sourceId: article.sourceId,
    at,
    kind: 'deleted',
    versionSeq: null,
    change: null,
    editSize: null,
    reason,
    captureSha256,
  });
  return true;
}

export function listingRemovalReason(listUrl: string): string {
  return `${LISTING_REASON} ${listUrl}`;
}

/**
 * The article was seen again at `at` (`evidence`: its page answered, or a listing named it). Undoes a
 * removal of the same kind that came before; returns the article as it now stands.
 */
export async function recordSighting(
  store: ArchiveStore,
  article: StoredArticle,
  at: string,
  evidence: RemovalEvidence,
  captureSha256: string | null,
  reason: string,
): Promise<StoredArticle> {
  if (article.status !== 'deleted' || !article.removedAt || article.removedAt >= at) return article;
  const [removal] = (
    await store.listEvents({ articleId: article.id, kinds: ['deleted'], limit: 1 })
  ).items;
  const byListing = removal?.reason?.startsWith(LISTING_REASON) ?? false;
  if (byListing !== (evidence === 'listing')) return article;
  const restored: StoredArticle = {
    ...article,
    status: article.versionCount > 0 ? 'live' : 'teaser',
    removedAt: null,
  };
  await store.updateArticle(restored);
  await store.insertEvent({
    articleId: article.id,
    sourceId: article.sourceId,
    at,
    kind: 'restored',
    versionSeq: null,
    change: null,
    editSize: null,
    reason,
    captureSha256,
  });
  return restored;
}

/** A URL that is a site's front page: where KCNA and others send requests for articles they removed. */
export function isHomePage(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.search && !/^\?(lang=[a-z]{2})?$/.test(u.search)) return false;
  return /^\/(?:[a-z]{2}\/?)?(?:index\.(?:php|html?|jsp|kcmsf))?$/i.test(u.pathname);
}
