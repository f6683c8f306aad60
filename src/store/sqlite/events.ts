/**
 * The SQLite side of history: article events, per-day coverage, the re-check bookkeeping and the
 * listing lookups that notice an article gone from its list (docs/data-model.md, "History").
 */
import type Database from 'better-sqlite3';
import type { ArticleEvent, ArticleStatus, EditKind } from '../../model/types.js';
import type { ArticleEventView, CoverageDay, EventQuery, ListedArticle, Page } from '../types.js';
import { StatementCache } from './statement-cache.js';

interface EventRow {
  article_id: string;
  source_id: string;
  at: string;
  kind: ArticleEvent['kind'];
  version_seq: number | null;
  change: string | null;
  edit_size: number | null;
  reason: string | null;
  capture_sha256: string | null;
  brought_by: string | null;
  title: string | null;
  url: string | null;
  status: string;
}

export function eventFromRow(r: EventRow): ArticleEventView {
  return {
    articleId: r.article_id,
    sourceId: r.source_id,
    at: r.at,
    kind: r.kind,
    versionSeq: r.version_seq,
    change: r.change as EditKind | null,
    editSize: r.edit_size,
    reason: r.reason,
    captureSha256: r.capture_sha256,
    broughtBy: r.brought_by,
    title: r.title,
    url: r.url,
    status: r.status as ArticleStatus,
  };
}

/** WHERE terms of an event query, in either engine's placeholder style (`param` names the value). */
export function eventFilters(q: EventQuery, param: (value: unknown) => string): string[] {
  const where: string[] = [];
  if (q.sourceId) where.push(`e.source_id = ${param(q.sourceId)}`);
  if (q.articleId) where.push(`e.article_id = ${param(q.articleId)}`);
  if (q.kinds?.length) where.push(`e.kind IN (${q.kinds.map(param).join(', ')})`);
  if (q.changes?.length)
    where.push(
      `(e.kind <> 'edit' OR e.change IS NULL OR e.change IN (${q.changes.map(param).join(', ')}))`,
    );
  if (q.from) where.push(`e.at >= ${param(q.from)}`);
  // a bare day includes the whole day
  if (q.to) where.push(`e.at <= ${param(q.to.length === 10 ? `${q.to}T\uffff` : q.to)}`);
  return where;
}

export class SqliteEvents {
  private readonly insert: Database.Statement;
  private readonly checked: Database.Statement;
  private readonly listed: Database.Statement;
  private readonly shapes: StatementCache;

  constructor(private readonly db: Database.Database) {
    this.shapes = new StatementCache(db);
    this.insert =
      db.prepare(`INSERT OR IGNORE INTO article_events (article_id, source_id, at, kind, version_seq, change,
      edit_size, reason, capture_sha256, brought_by) VALUES (@articleId, @sourceId, @at, @kind, @versionSeq, @change,
      @editSize, @reason, @captureSha256, @broughtBy)`);
    this.checked = db.prepare(
      'UPDATE articles SET checked_at = @at WHERE id = @id AND (checked_at IS NULL OR checked_at < @at)',
    );
    // From the articles side: a source's few articles of those days, each with its few listing entries.
    this.listed = db.prepare(`SELECT a.id, a.url, a.status, a.pub_date AS pubDate FROM articles a
      WHERE a.source_id = @source AND a.pub_date >= @from AND a.pub_date <= @to AND EXISTS (
        SELECT 1 FROM listing_entries le JOIN captures c ON c.sha256 = le.capture_sha256
        WHERE le.article_id = a.id AND c.origin = @origin AND c.captured_at < @before)
      ORDER BY a.rowid`);
  }

  insertEvent(e: ArticleEvent): void {
    this.insert.run({ ...e, broughtBy: e.broughtBy ?? null });
  }

  listEvents(q: EventQuery): Page<ArticleEventView> {
    const params: unknown[] = [];
    const where = eventFilters(q, (v) => (params.push(v), '?'));
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (
      this.shapes.get(`SELECT COUNT(*) AS n FROM article_events e ${clause}`).get(...params) as {
        n: number;
      }
    ).n;
    const rows = this.shapes
      .get(
        `SELECT e.*, a.title, a.url, a.status FROM article_events e
      JOIN articles a ON a.id = e.article_id ${clause} ORDER BY e.at DESC, e.seq DESC LIMIT ? OFFSET ?`,
      )
      .all(...params, q.limit ?? 50, q.offset ?? 0) as EventRow[];
    return { items: rows.map(eventFromRow), total };
  }

  /**
   * A removal counts on its day only for an article the archive held before that day: a first crawl
   * that finds some of what it listed already gone raises no purge alarm.
   */
  coverage(q: { sourceId?: string; from?: string; to?: string }): CoverageDay[] {
    const params = { source: q.sourceId ?? null, from: q.from ?? '0000', to: q.to ?? '9999' };
    const source = 'AND (@source IS NULL OR source_id = @source)';
    return this.db
      .prepare(
        `SELECT source_id AS sourceId, day, SUM(published) AS published, SUM(archived) AS archived,
        SUM(edits) AS edits, SUM(deletions) AS deletions, SUM(restorations) AS restorations FROM (
        SELECT source_id, pub_date AS day, COUNT(*) AS published, 0 AS archived, 0 AS edits, 0 AS deletions, 0 AS restorations
          FROM articles WHERE pub_date >= @from AND pub_date <= @to ${source} GROUP BY 1, 2
        UNION ALL
        SELECT source_id, substr(first_seen, 1, 10), 0, COUNT(*), 0, 0, 0
          FROM articles WHERE first_seen >= @from AND first_seen < @to || 'T\uffff' ${source} GROUP BY 1, 2
        UNION ALL
        SELECT e.source_id, substr(e.at, 1, 10), 0, 0, SUM(e.kind = 'edit'),
          SUM(e.kind = 'deleted' AND e.brought_by IS NULL AND a.first_seen < substr(e.at, 1, 10)),
          SUM(e.kind = 'restored')
          FROM article_events e JOIN articles a ON a.id = e.article_id
          WHERE e.at >= @from AND e.at < @to || 'T\uffff' AND (@source IS NULL OR e.source_id = @source)
          GROUP BY 1, 2
      ) GROUP BY source_id, day ORDER BY day, source_id`,
      )
      .all(params) as CoverageDay[];
  }

  markChecked(articleId: string, at: string): void {
    this.checked.run({ at, id: articleId });
  }

  listListedArticles(
    sourceId: string,
    origin: string,
    from: string,
    to: string,
    before: string,
  ): ListedArticle[] {
    return this.listed.all({ source: sourceId, origin, from, to, before }) as ListedArticle[];
  }
}
