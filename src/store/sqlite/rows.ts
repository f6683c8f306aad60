/** Row ↔ model mapping for the SQLite engine. */
import type { Article, ListingEntry } from '../../model/types.js';
import type { CaptureRecord, StoredArticle, StoredEncoding } from '../types.js';
import type { DateBasis } from '../../extract/types.js';

export interface ArticleRow {
  rowid: number;
  id: string;
  source_id: string;
  url: string | null;
  title: string | null;
  dateline: string | null;
  pub_year: number | null;
  pub_month: number | null;
  pub_day: number | null;
  date_basis: string;
  pub_date: string | null;
  language: string | null;
  teaser: string | null;
  status: string;
  story_id: string;
  version_count: number;
  first_seen: string;
  last_seen: string;
  flags: string;
  lead_key: string | null;
  title_key: string | null;
  body_hash: string | null;
  signature: Buffer | null;
  removed_at: string | null;
  body?: string | null;
}

export const ARTICLE_SELECT = `SELECT a.*, v.body FROM articles a
  LEFT JOIN versions v ON v.article_rowid = a.rowid AND v.seq = a.version_count`;

export function pubDate(
  year: number | null,
  month: number | null,
  day: number | null,
): string | null {
  if (year === null || month === null || day === null) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function articleFromRow(r: ArticleRow): StoredArticle {
  const paragraphs = r.body ? r.body.split('\n') : [];
  return {
    id: r.id,
    sourceId: r.source_id,
    url: r.url,
    title: r.title,
    dateline: r.dateline ? JSON.parse(r.dateline) : null,
    published: {
      year: r.pub_year,
      month: r.pub_month,
      day: r.pub_day,
      basis: r.date_basis as DateBasis,
    },
    language: r.language,
    paragraphs,
    teaser: r.teaser,
    status: r.status as Article['status'],
    storyId: r.story_id,
    versionCount: r.version_count,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    removedAt: r.removed_at,
    flags: JSON.parse(r.flags),
    keys: {
      leadKey: r.lead_key,
      titleKey: r.title_key,
      bodyHash: r.body_hash,
      signature: r.signature,
    },
  };
}

export function articleParams(a: StoredArticle): Record<string, unknown> {
  return {
    id: a.id,
    source_id: a.sourceId,
    url: a.url,
    title: a.title,
    dateline: a.dateline ? JSON.stringify(a.dateline) : null,
    pub_year: a.published.year,
    pub_month: a.published.month,
    pub_day: a.published.day,
    date_basis: a.published.basis,
    pub_date: pubDate(a.published.year, a.published.month, a.published.day),
    language: a.language,
    teaser: a.teaser,
    status: a.status,
    story_id: a.storyId,
    version_count: a.versionCount,
    first_seen: a.firstSeen,
    last_seen: a.lastSeen,
    removed_at: a.removedAt,
    flags: JSON.stringify(a.flags),
    lead_key: a.keys.leadKey,
    title_key: a.keys.titleKey,
    body_hash: a.keys.bodyHash,
    signature: a.keys.signature ? Buffer.from(a.keys.signature) : null,
  };
}

export interface CaptureRow {
  seq: number;
  sha256: string;
  origin: string;
  captured_at: string;
  media_type: string;
  kind: string;
  size: number;
  stored_encoding: string;
  options: string;
  bytes_complete: number;
  processed_at: string | null;
  errors: string;
  parent_seq: number | null;
  /** Who holds it: a worker processing it, or (while bytes_complete is 0) the process writing it. */
  claimed_by?: string | null;
  attempts: number;
  failed_at: string | null;
  last_error: string | null;
}

export function captureFromRow(r: CaptureRow): CaptureRecord {
  return {
    seq: r.seq,
    sha256: r.sha256,
    origin: r.origin,
    capturedAt: r.captured_at,
    mediaType: r.media_type,
    kind: r.kind as CaptureRecord['kind'],
    size: r.size,
    storedEncoding: r.stored_encoding as StoredEncoding,
    options: JSON.parse(r.options),
    bytesComplete: r.bytes_complete === 1,
    processedAt: r.processed_at,
    errors: JSON.parse(r.errors),
    parentSeq: r.parent_seq,
    attempts: r.attempts,
    failedAt: r.failed_at,
    lastError: r.last_error,
  };
}

export interface ListingRow {
  capture_sha256: string;
  position: number;
  source_id: string;
  text: string;
  dateline: string | null;
  pub_year: number | null;
  pub_month: number | null;
  pub_day: number | null;
  date_basis: string;
  link: string | null;
  article_id: string;
}

export function listingFromRow(r: ListingRow): ListingEntry {
  return {
    sourceId: r.source_id,
    captureSha256: r.capture_sha256,
    position: r.position,
    text: r.text,
    dateline: r.dateline ? JSON.parse(r.dateline) : null,
    published: {
      year: r.pub_year,
      month: r.pub_month,
      day: r.pub_day,
      basis: r.date_basis as DateBasis,
    },
    link: r.link,
    articleId: r.article_id,
  };
}

export { versionFromRow, withoutKeys, type VersionRow } from '../shared-rows.js';
