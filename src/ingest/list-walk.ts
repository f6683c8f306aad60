/**
 * A list walk that reached the last page (capture/walk-record.ts), compared with the walk before it:
 * an article the earlier walk listed that no page of this one lists, and that no listing has named
 * since this walk began, was removed from the source's listings — noticed without fetching it
 * (history/events.ts records the removal; a listing naming it again undoes it). The first complete
 * walk of a list is a baseline and removes nothing.
 */
import { captureContent } from '../capture/open-capture.js';
import { iterWarcRecords } from '../capture/warc.js';
import { parseWalkRecord, WALK_RECORD_TYPE, type WalkRecord } from '../capture/walk-record.js';
import { listingRemovalReason, recordRemoval } from '../history/events.js';
import type { ArchiveStore, CaptureRecord, StoredArticle } from '../store/types.js';
import { reject, type IngestReport } from './report.js';
import type { SourceCache } from './sources-cache.js';

async function readWalk(
  store: ArchiveStore,
  capture: CaptureRecord,
): Promise<WalkRecord | { error: string }> {
  for await (const record of iterWarcRecords(captureContent(store, capture))) {
    const type = record.warcHeaders['content-type'] ?? '';
    if (record.type === 'metadata' && type.startsWith(WALK_RECORD_TYPE)) {
      return parseWalkRecord(record.payload);
    }
  }
  return { error: 'no list walk record in the capture' };
}

/** Named by a listing captured at or after `since` (on any list of the archive). */
async function listedSince(
  store: ArchiveStore,
  article: StoredArticle,
  since: string,
): Promise<boolean> {
  for (const entry of await store.listListingEntries({ articleId: article.id })) {
    const listed = await store.getCapture({ sha256: entry.captureSha256, kind: 'warc' });
    if (listed && listed.capturedAt >= since) return true;
  }
  return false;
}

export async function ingestListWalk(
  store: ArchiveStore,
  capture: CaptureRecord,
  sources: SourceCache,
  report: IngestReport,
): Promise<number> {
  const walk = await readWalk(store, capture);
  if ('error' in walk) {
    reject(report, `${capture.origin}: ${walk.error}; the bytes are kept`);
    return 0;
  }
  if (!walk.previous) return 0;
  const before = await store.getCapture({ sha256: walk.previous, kind: 'warc' });
  const previous = before ? await readWalk(store, before) : null;
  if (!previous || 'error' in previous) return 0; // nothing to compare with: a baseline again
  const name = typeof capture.options.source === 'string' ? capture.options.source : null;
  const source = name ? await sources.resolve(name, null) : await sources.resolveUrl(walk.list);
  const listed = new Set(walk.urls);
  const reason = `${listingRemovalReason(walk.list)} (walked to its last page, ${walk.pages.length} pages)`;
  let removed = 0;
  for (const url of previous.urls) {
    if (listed.has(url)) continue;
    const article = await store.findArticleByUrl(url);
    if (!article || (source && article.sourceId !== source.id) || article.status === 'deleted')
      continue;
    if (await listedSince(store, article, walk.startedAt)) continue;
    if (await recordRemoval(store, article, capture.capturedAt, reason, capture.sha256)) removed++;
  }
  return removed;
}
