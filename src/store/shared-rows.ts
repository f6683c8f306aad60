/**
 * Row → model mapping that is the same in both engines (their version rows have the same columns and
 * types); engine-specific mapping stays in each engine's rows.ts.
 */
import type { Article, Version } from '../model/types.js';
import type { StoredArticle } from './types.js';

export interface VersionRow {
  article_id: string;
  seq: number;
  content_hash: string;
  title: string | null;
  body: string;
  first_seen: string;
  last_seen: string;
  capture_sha256: string;
  locator: string;
}

export function versionFromRow(r: VersionRow): Version {
  return {
    articleId: r.article_id,
    seq: r.seq,
    contentHash: r.content_hash,
    title: r.title,
    paragraphs: r.body ? r.body.split('\n') : [],
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    captureSha256: r.capture_sha256,
    locator: r.locator,
  };
}

export function withoutKeys(a: StoredArticle): Article {
  const { keys: _keys, ...article } = a;
  return article;
}
