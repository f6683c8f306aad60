/**
 * Row ↔ model mapping for the PostgreSQL engine. node-postgres parses `json` columns itself and this
 * engine's pool reads BIGINT as a number (connection.ts), so rows arrive typed.
 */
import type { Article, ListingEntry } from '../../model/types.js';
import type { DateBasis, Dateline } from '../../extract/types.js';
import type { CaptureRecord, StoredArticle, StoredEncoding } from '../types.js';

export interface ArticleRow {
  seq: number;
  id: string;
  source_id: string;
  url: string | null;
  title: string | null;
  dateline: Dateline | null;
  pub_year: number | null;
  pub_month: number | null;
  pub_day: number | null;
  date_basis: string;
  language: string | null;
  teaser: string | null;
  status: string;
  story_id: string;
  version_count: number;
  first_seen: string;
  last_seen: string;
  flags: string[];
  lead_key: string | null;
  title_key: string | null;
  body_hash: string | null;
  signature: Buffer | null;
  removed_at: string | null;
  body: string | null;
}

/** An article with the body of its current version (`a` is the article, `v` the version). */
export const ARTICLE_SELECT = `SELECT a.*, v.body FROM articles a
  LEFT JOIN versions v ON v.article_seq = a.seq AND v.seq = a.version_count`;

/** The article columns in insert/update order, numbered $1… by `articleValues`. */
export const ARTICLE_COLUMNS = [
  'id',
  'source_id',
  'url',
  'title',
  'dateline',
  'pub_year',
  'pub_month',
  'pub_day',
  'date_basis',
  'pub_date',
  'language',
  'teaser',
  'status',
  'story_id',
  'version_count',
  'first_seen',
  'last_seen',
  'flags',
  'lead_key',
  'title_key',
  'body_hash',
  'signature',
  'removed_at',
] as const;

export function pubDate(
  year: number | null,
  month: number | null,
  day: number | null,
): string | null {
  if (year === null || month === null || day === null) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** node-postgres sends a Buffer as bytea; a plain Uint8Array is wrapped without copying. */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function articleValues(a: StoredArticle): unknown[] {
  return [
    a.id,
    a.sourceId,
    a.url,
    a.title,
    a.dateline ? JSON.stringify(a.dateline) : null,
    a.published.year,
    a.published.month,
    a.published.day,
    a.published.basis,
    pubDate(a.published.year, a.published.month, a.published.day),
    a.language,
    a.teaser,
    a.status,
    a.storyId,
    a.versionCount,
    a.firstSeen,
    a.lastSeen,
    JSON.stringify(a.flags),
    a.keys.leadKey,
    a.keys.titleKey,
    a.keys.bodyHash,
    a.keys.signature ? toBuffer(a.keys.signature) : null,
    a.removedAt,
  ];
}

export function articleFromRow(r: ArticleRow): StoredArticle {
  return {
    id: r.id,
    sourceId: r.source_id,
    url: r.url,
    title: r.title,
    dateline: r.dateline,
    published: {
      year: r.pub_year,
      month: r.pub_month,
      day: r.pub_day,
      basis: r.date_basis as DateBasis,
    },
    language: r.language,
    paragraphs: r.body ? r.body.split('\n') : [],
    teaser: r.teaser,
    status: r.status as Article['status'],
    storyId: r.story_id,
    versionCount: r.version_count,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    removedAt: r.removed_at,
    flags: r.flags,
    keys: {
      leadKey: r.lead_key,
      titleKey: r.title_key,
      bodyHash: r.body_hash,
      signature: r.signature,
    },
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
  options: Record<string, string | number>;
  bytes_complete: boolean;
  processed_at: string | null;
  errors: string[];
  parent_seq: number | null;
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
    options: r.options,
    bytesComplete: r.bytes_complete,
    processedAt: r.processed_at,
    errors: r.errors,
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
  dateline: Dateline | null;
  pub_year: number | null;
  pub_month: number | null;
  pub_day: number | null;
  date_basis: string;
  link: string | null;
  article_id: string;
}

export function listingValues(e: ListingEntry): unknown[] {
  return [
    e.captureSha256,
    e.position,
    e.sourceId,
    e.text,
    e.dateline ? JSON.stringify(e.dateline) : null,
    e.published.year,
    e.published.month,
    e.published.day,
    e.published.basis,
    e.link,
    e.articleId,
  ];
}

export function listingFromRow(r: ListingRow): ListingEntry {
  return {
    sourceId: r.source_id,
    captureSha256: r.capture_sha256,
    position: r.position,
    text: r.text,
    dateline: r.dateline,
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
