/**
 * Fetching one article page again and saying what it came to: unchanged, edited (a new version),
 * removed (404/410, sent to the home page), restored, unreachable (a URL only ever listed that does
 * not answer: not a removal, since the archive never had its text) or failed (no answer to judge).
 * The archive's own records decide, read after the driver has processed the fetch.
 */
import type { FetchResult } from '../fetch/fetcher.js';
import type { ArchiveStore, StoredArticle, SweepOutcome } from '../../store/types.js';
import type { SourceFetcher } from './source-fetcher.js';
import type { FrontierEntry } from '../../store/types.js';

export interface ArticleCheck {
  result: FetchResult;
  outcome: SweepOutcome;
  /** One line: `HTTP 404`, `version 3`, the fetch's failure. */
  detail: string;
  /** The article as it now stands (null when the URL is no article the archive holds). */
  article: StoredArticle | null;
  /** Lines the processing of the fetch rejected. */
  errors: string[];
}

const ANSWERED = new Set(['ok', 'not-modified', 'http-error']);

/** `before`: the article at the entry's URL as the archive held it before this fetch. */
export async function checkArticle(
  store: ArchiveStore,
  fetcher: SourceFetcher,
  entry: FrontierEntry,
  before: StoredArticle | null,
): Promise<ArticleCheck> {
  // Validators only for a page whose text the archive holds: a 304 must have something to mean.
  const conditional =
    before && before.versionCount > 0 && (entry.etag || entry.lastModified)
      ? { url: entry.url, etag: entry.etag, lastModified: entry.lastModified }
      : null;
  const { result, errors } = await fetcher.fetch(entry.url, { conditional });
  const article = await store.findArticleByUrl(entry.url);
  const status = result.status;
  const answered =
    ANSWERED.has(result.outcome) && !(result.outcome === 'http-error' && (status ?? 0) >= 500);
  if (!answered) {
    return { result, outcome: 'failed', detail: result.reason ?? result.outcome, article, errors };
  }
  const detail = status ? `HTTP ${status}` : result.outcome;
  if (!article || article.versionCount === 0) {
    const gone = result.outcome === 'http-error' || result.finalUrl !== entry.url;
    return {
      result,
      outcome: gone ? 'unreachable' : 'failed',
      detail: gone ? detail : `${detail}: no article read`,
      article,
      errors,
    };
  }
  // Removed since the check was due, by this fetch or by other evidence meanwhile (a list walk).
  const removedMeanwhile = before?.status === 'deleted' && (before.removedAt ?? '') >= entry.dueAt;
  if (article.status === 'deleted' && (before?.status !== 'deleted' || removedMeanwhile)) {
    return { result, outcome: 'removed', detail, article, errors };
  }
  if (before?.status === 'deleted' && article.status !== 'deleted') {
    return { result, outcome: 'restored', detail, article, errors };
  }
  if (!before || before.versionCount === 0) {
    return { result, outcome: 'new', detail: 'first text archived', article, errors };
  }
  if (article.versionCount > before.versionCount) {
    return {
      result,
      outcome: 'edited',
      detail: `version ${article.versionCount}`,
      article,
      errors,
    };
  }
  return { result, outcome: 'unchanged', detail, article, errors };
}
