/**
 * A changes list (edits, removals, re-appearances) as CSV or JSONL, newest first, every page of it,
 * read a page of 250 at a time as the reader pulls.
 */
import { listChanges } from '../history/changes.js';
import type { ArchiveStore, ArticleEventView, EventQuery } from '../store/types.js';
import { csvHeader, csvLines } from './csv.js';
import type { ExportOptions } from './export-articles.js';
import { permalink } from './formats.js';
import { safeJson } from './safe-json.js';

const PAGE = 250;

/** One row per event; docs/api.md defines each column. */
export const CHANGE_COLUMNS = [
  'at',
  'kind',
  'change',
  'edit_size',
  'version',
  'reason',
  'article_id',
  'source',
  'title',
  'url',
  'permalink',
  'diff',
  'status',
  'capture_sha256',
  'brought_by',
] as const;

export function changeCsvRow(e: ArticleEventView, baseUrl: string | undefined): string[] {
  const page = permalink(e.articleId, baseUrl);
  return [
    e.at,
    e.kind,
    e.change ?? '',
    e.editSize === null ? '' : String(e.editSize),
    e.versionSeq === null ? '' : String(e.versionSeq),
    e.reason ?? '',
    e.articleId,
    e.sourceId,
    e.title ?? '',
    e.url ?? '',
    page,
    e.kind === 'edit' && e.versionSeq !== null && e.versionSeq > 1
      ? `${page}/diff?from=${e.versionSeq - 1}&to=${e.versionSeq}`
      : '',
    e.status,
    e.captureSha256 ?? '',
    e.broughtBy ?? '',
  ];
}

export async function* exportChanges(
  store: ArchiveStore,
  query: Omit<EventQuery, 'limit' | 'offset'>,
  options: ExportOptions,
): AsyncGenerator<string, number> {
  if (options.format === 'csv') yield csvHeader(CHANGE_COLUMNS);
  let written = 0;
  for (let offset = 0; ; offset += PAGE) {
    if (options.signal?.aborted) break;
    const page = await listChanges(store, { ...query, limit: PAGE, offset });
    if (page.items.length === 0) break;
    yield options.format === 'csv'
      ? csvLines(page.items.map((e) => changeCsvRow(e, options.baseUrl)))
      : page.items
          .map((e) => `${safeJson({ ...e, permalink: permalink(e.articleId, options.baseUrl) })}\n`)
          .join('');
    written += page.items.length;
    options.onProgress?.(written, page.total);
    if (page.items.length < PAGE) break;
  }
  return written;
}
