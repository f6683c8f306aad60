/**
 * What an export of articles writes, row by row (pure): a CSV row for a spreadsheet, a JSONL record
 * with the full text and every version. The JSONL record is the archive's own export record
 * (ingest/export-format.ts) plus a permalink, so `wirewatch import` of a search export gives the same
 * articles in another archive.
 */
import { articleToRecord } from '../ingest/export-format.js';
import { knownIsoDate } from '../model/label.js';
import type { Article, ArticleEvent, ListingEntry, Source, Version } from '../model/types.js';

export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** One row per article; docs/api.md defines each column. */
export const ARTICLE_COLUMNS = [
  'id',
  'source',
  'source_name',
  'date',
  'date_basis',
  'title',
  'place',
  'language',
  'url',
  'permalink',
  'first_seen',
  'last_seen',
  'status',
  'removed_at',
  'versions',
  'story_id',
] as const;

/** The article's page in this archive: absolute under a public base URL, else a path. */
export function permalink(articleId: string, baseUrl: string | undefined): string {
  return `${baseUrl?.replace(/\/+$/, '') ?? ''}/articles/${encodeURIComponent(articleId)}`;
}

export function articleCsvRow(
  a: Article,
  sourceName: string,
  baseUrl: string | undefined,
): string[] {
  return [
    a.id,
    a.sourceId,
    sourceName,
    knownIsoDate(a.published),
    a.published.basis,
    a.title ?? '',
    a.dateline?.place ?? '',
    a.language ?? '',
    a.url ?? '',
    permalink(a.id, baseUrl),
    a.firstSeen,
    a.lastSeen,
    a.status,
    a.removedAt ?? '',
    String(a.versionCount),
    a.storyId,
  ];
}

export function articleJsonRecord(
  a: Article,
  source: Source,
  history: { versions: Version[]; listings: ListingEntry[]; events: ArticleEvent[] },
  baseUrl: string | undefined,
) {
  return {
    ...articleToRecord(a, source, history.versions, history.listings, history.events),
    permalink: permalink(a.id, baseUrl),
  };
}
