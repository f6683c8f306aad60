/**
 * Sweeps in the PostgreSQL engine and the frontier's seeding bookkeeping, the counterpart of
 * ../sqlite/sweeps.ts.
 */
import {
  PRIORITY,
  type CheckableArticle,
  type NewSweep,
  type Sweep,
  type SweepItem,
  type SweepQuery,
} from '../frontier-types.js';
import { sweepFromRow, type SweepRow } from '../frontier-rows.js';
import type { Connection } from './connection.js';

const BATCH = 1000;

export class PostgresSweeps {
  constructor(private readonly conn: Connection) {}

  private async query<R extends object>(
    name: string,
    text: string,
    values: unknown[] = [],
  ): Promise<R[]> {
    return (await this.conn.q().query<R>({ name, text, values })).rows;
  }

  createSweep(sweep: NewSweep, items: SweepItem[]): Promise<Sweep> {
    const now = sweep.createdAt;
    return this.conn.atomic(async (db) => {
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO sweeps (created_at, requested_by, scope, source_id, reason)
        VALUES ($1, $2, $3::jsonb, $4, $5) RETURNING id`,
        [
          now,
          sweep.requestedBy,
          JSON.stringify(sweep.scope),
          sweep.scope.sourceId ?? null,
          sweep.reason,
        ],
      );
      const id = rows[0]!.id;
      const unique = [...new Map(items.map((i) => [i.url, i])).values()];
      for (let i = 0; i < unique.length; i += BATCH) {
        const batch = unique.slice(i, i + BATCH);
        await db.query({
          name: 'sweep-items',
          text: `INSERT INTO sweep_items (sweep_id, url, kind)
            SELECT $1, u, k FROM unnest($2::text[], $3::text[]) AS t(u, k) ON CONFLICT DO NOTHING`,
          values: [id, batch.map((b) => b.url), batch.map((b) => b.kind)],
        });
        await db.query({
          name: 'sweep-entries',
          text: `INSERT INTO frontier (url, crawl_source, kind, host, priority, due_at, walk_due_at, added_at)
            SELECT u, s, k, h, CASE WHEN k = 'list' THEN $6::int ELSE $7::int END, $5,
              CASE WHEN k = 'list' THEN $5 END, $5
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(u, s, k, h)
            ON CONFLICT (url) DO UPDATE SET priority = greatest(frontier.priority, excluded.priority),
              due_at = least(frontier.due_at, excluded.due_at),
              walk_due_at = coalesce(excluded.walk_due_at, frontier.walk_due_at)`,
          values: [
            batch.map((b) => b.url),
            batch.map((b) => b.crawlSource),
            batch.map((b) => b.kind),
            batch.map((b) => b.host),
            now,
            PRIORITY.list,
            PRIORITY.sweep,
          ],
        });
        await db.query({
          name: 'insert-hosts',
          text: 'INSERT INTO crawl_hosts (host) SELECT DISTINCT unnest($1::text[]) ON CONFLICT DO NOTHING',
          values: [[...new Set(batch.map((b) => b.host))]],
        });
      }
      const { rows: done } = await db.query<SweepRow>(
        `UPDATE sweeps SET total = (SELECT COUNT(*) FROM sweep_items WHERE sweep_id = $1),
          finished_at = CASE WHEN (SELECT COUNT(*) FROM sweep_items WHERE sweep_id = $1) = 0 THEN $2 END
        WHERE id = $1 RETURNING *`,
        [id, now],
      );
      return sweepFromRow(done[0]!);
    });
  }

  async getSweep(id: number): Promise<Sweep | null> {
    const [row] = await this.query<SweepRow>('get-sweep', 'SELECT * FROM sweeps WHERE id = $1', [
      id,
    ]);
    return row ? sweepFromRow(row) : null;
  }

  async listSweeps(q: SweepQuery): Promise<{ items: Sweep[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (term: string, value: unknown) => {
      params.push(value);
      where.push(term.replace('?', `$${params.length}`));
    };
    if (q.sourceId) add('source_id = ?', q.sourceId);
    if (q.requestedBy) add('requested_by = ?', q.requestedBy);
    if (q.since) add('created_at >= ?', q.since);
    if (q.unfinished) where.push('finished_at IS NULL');
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const { rows: count } = await this.conn
      .q()
      .query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM sweeps ${clause}`, params);
    const { rows } = await this.conn
      .q()
      .query<SweepRow>(
        `SELECT * FROM sweeps ${clause} ORDER BY id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, q.limit ?? 50, q.offset ?? 0],
      );
    return { items: rows.map(sweepFromRow), total: count[0]!.n };
  }

  async pendingSweepUrls(id: number, limit: number): Promise<string[]> {
    const rows = await this.query<{ url: string }>(
      'pending-sweep-urls',
      'SELECT url FROM sweep_items WHERE sweep_id = $1 AND outcome IS NULL LIMIT $2',
      [id, limit],
    );
    return rows.map((r) => r.url);
  }

  checkableArticles(
    sourceId: string,
    afterKey: number,
    limit: number,
  ): Promise<CheckableArticle[]> {
    return this.query<CheckableArticle>(
      'checkable-articles',
      `SELECT seq AS key, id, url, status, first_seen AS "firstSeen", pub_date AS "pubDate",
        checked_at AS "checkedAt" FROM articles
      WHERE source_id = $1 AND seq > $2 AND url IS NOT NULL ORDER BY seq LIMIT $3`,
      [sourceId, afterKey, limit],
    );
  }

  async seedMark(crawlSource: string): Promise<number> {
    const [row] = await this.query<{ mark: number }>(
      'seed-mark',
      'SELECT last_article AS mark FROM frontier_seeds WHERE crawl_source = $1',
      [crawlSource],
    );
    return row?.mark ?? 0;
  }

  async setSeedMark(crawlSource: string, key: number): Promise<void> {
    await this.query(
      'set-seed-mark',
      `INSERT INTO frontier_seeds (crawl_source, last_article) VALUES ($1, $2)
      ON CONFLICT (crawl_source) DO UPDATE SET last_article = excluded.last_article`,
      [crawlSource, key],
    );
  }
}
