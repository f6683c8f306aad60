/** The PostgreSQL side of history: the counterpart of sqlite/events.ts, query for query. */
import type { ArticleEvent } from '../../model/types.js';
import type { ArticleEventView, CoverageDay, EventQuery, ListedArticle, Page } from '../types.js';
import { eventFilters, eventFromRow } from '../sqlite/events.js';
import type { Connection } from './connection.js';

type Row = Parameters<typeof eventFromRow>[0];

export class PostgresEvents {
  constructor(private readonly conn: Connection) {}

  private async query<R extends object>(
    name: string | null,
    text: string,
    values: unknown[],
  ): Promise<R[]> {
    const db = this.conn.q();
    return (await (name ? db.query<R>({ name, text, values }) : db.query<R>(text, values))).rows;
  }

  async insertEvent(e: ArticleEvent): Promise<void> {
    await this.query(
      'insert-event',
      `INSERT INTO article_events (article_id, source_id, at, kind, version_seq, change,
      edit_size, reason, capture_sha256, brought_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      ON CONFLICT DO NOTHING`,
      [
        e.articleId,
        e.sourceId,
        e.at,
        e.kind,
        e.versionSeq,
        e.change,
        e.editSize,
        e.reason,
        e.captureSha256,
        e.broughtBy ?? null,
      ],
    );
  }

  async listEvents(q: EventQuery): Promise<Page<ArticleEventView>> {
    const values: unknown[] = [];
    const where = eventFilters(q, (v) => (values.push(v), `$${values.length}`));
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [count] = await this.query<{ n: number }>(
      null,
      `SELECT COUNT(*) AS n FROM article_events e ${clause}`,
      values,
    );
    const rows = await this.query<Row>(
      null,
      `SELECT e.*, a.title, a.url, a.status FROM article_events e
      JOIN articles a ON a.id = e.article_id ${clause} ORDER BY e.at DESC, e.seq DESC
      LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, q.limit ?? 50, q.offset ?? 0],
    );
    return { items: rows.map(eventFromRow), total: count!.n };
  }

  /** As SQLite's: a removal counts only for an article held before its day. */
  async coverage(q: { sourceId?: string; from?: string; to?: string }): Promise<CoverageDay[]> {
    const source = 'AND ($1::text IS NULL OR source_id = $1)';
    return this.query<CoverageDay>(
      'coverage',
      `SELECT source_id AS "sourceId", day, SUM(published)::int AS published,
        SUM(archived)::int AS archived, SUM(edits)::int AS edits, SUM(deletions)::int AS deletions,
        SUM(restorations)::int AS restorations FROM (
        SELECT source_id, pub_date AS day, COUNT(*) AS published, 0 AS archived, 0 AS edits, 0 AS deletions, 0 AS restorations
          FROM articles WHERE pub_date >= $2 AND pub_date <= $3 ${source} GROUP BY 1, 2
        UNION ALL
        SELECT source_id, substr(first_seen, 1, 10), 0, COUNT(*), 0, 0, 0
          FROM articles WHERE first_seen COLLATE "C" >= $2 AND first_seen COLLATE "C" < $3 || 'T\uffff' ${source} GROUP BY 1, 2
        UNION ALL
        SELECT e.source_id, substr(e.at, 1, 10), 0, 0, COUNT(*) FILTER (WHERE e.kind = 'edit'),
          COUNT(*) FILTER (WHERE e.kind = 'deleted' AND e.brought_by IS NULL
            AND a.first_seen COLLATE "C" < substr(e.at, 1, 10)),
          COUNT(*) FILTER (WHERE e.kind = 'restored')
          FROM article_events e JOIN articles a ON a.id = e.article_id
          WHERE e.at >= $2 AND e.at < $3 || 'T\uffff' AND ($1::text IS NULL OR e.source_id = $1)
          GROUP BY 1, 2
      ) t GROUP BY source_id, day ORDER BY day COLLATE "C", source_id COLLATE "C"`,
      [q.sourceId ?? null, q.from ?? '0000', q.to ?? '9999'],
    );
  }

  async markChecked(articleId: string, at: string): Promise<void> {
    await this.query(
      'mark-checked',
      `UPDATE articles SET checked_at = $1
      WHERE id = $2 AND (checked_at IS NULL OR checked_at COLLATE "C" < $1)`,
      [at, articleId],
    );
  }

  async listListedArticles(
    sourceId: string,
    origin: string,
    from: string,
    to: string,
    before: string,
  ): Promise<ListedArticle[]> {
    return this.query<ListedArticle>(
      'listed-articles',
      `SELECT a.id, a.url, a.status, a.pub_date AS "pubDate" FROM articles a
      WHERE a.source_id = $1 AND a.pub_date >= $3 AND a.pub_date <= $4 AND EXISTS (
        SELECT 1 FROM listing_entries le JOIN captures c ON c.sha256 = le.capture_sha256
        WHERE le.article_id = a.id AND c.origin = $2 AND c.captured_at COLLATE "C" < $5)
      ORDER BY a.seq`,
      [sourceId, origin, from, to, before],
    );
  }
}
