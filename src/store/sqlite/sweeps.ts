/**
 * Sweeps in the SQLite engine (many articles re-checked at once: `wirewatch recheck`, the API, a
 * deletion spike) and the bookkeeping that seeds the frontier from the articles table. Entries live in
 * ./frontier.ts; the PostgreSQL counterpart is ../postgres/sweeps.ts.
 */
import type Database from 'better-sqlite3';
import {
  PRIORITY,
  type CheckableArticle,
  type NewSweep,
  type Sweep,
  type SweepItem,
  type SweepQuery,
} from '../frontier-types.js';
import type { SqliteWriter } from './writer.js';
import { sweepFromRow, type SweepRow } from '../frontier-rows.js';

/** Items are written in batches, each its own statement run, inside the one transaction. */
const BATCH = 500;

export class SqliteSweeps {
  private readonly stmt;

  constructor(
    private readonly db: Database.Database,
    private readonly writer: SqliteWriter,
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.stmt = {
      insert: p(`INSERT INTO sweeps (created_at, requested_by, scope, source_id, reason)
        VALUES (@createdAt, @requestedBy, @scope, @sourceId, @reason) RETURNING id`),
      item: p(`INSERT INTO sweep_items (sweep_id, url, kind) VALUES (?, ?, ?)
        ON CONFLICT DO NOTHING`),
      entry:
        p(`INSERT INTO frontier (url, crawl_source, kind, host, priority, due_at, walk_due_at, added_at)
        VALUES (@url, @crawlSource, @kind, @host, @priority, @now, @walk, @now)
        ON CONFLICT(url) DO UPDATE SET priority = max(priority, excluded.priority),
          due_at = min(due_at, excluded.due_at),
          walk_due_at = CASE WHEN excluded.walk_due_at IS NULL THEN walk_due_at ELSE excluded.walk_due_at END`),
      host: p('INSERT INTO crawl_hosts (host) VALUES (?) ON CONFLICT(host) DO NOTHING'),
      total: p(`UPDATE sweeps SET total = (SELECT COUNT(*) FROM sweep_items WHERE sweep_id = @id),
          finished_at = CASE WHEN (SELECT COUNT(*) FROM sweep_items WHERE sweep_id = @id) = 0
            THEN @now ELSE NULL END
        WHERE id = @id`),
      get: p('SELECT * FROM sweeps WHERE id = ?'),
      pending: p('SELECT url FROM sweep_items WHERE sweep_id = ? AND outcome IS NULL LIMIT ?'),
      checkable:
        p(`SELECT rowid AS key, id, url, status, first_seen AS firstSeen, pub_date AS pubDate,
          checked_at AS checkedAt FROM articles
        WHERE source_id = ? AND rowid > ? AND url IS NOT NULL ORDER BY rowid LIMIT ?`),
      seedMark: p('SELECT last_article AS mark FROM frontier_seeds WHERE crawl_source = ?'),
      setSeedMark: p(`INSERT INTO frontier_seeds (crawl_source, last_article) VALUES (?, ?)
        ON CONFLICT(crawl_source) DO UPDATE SET last_article = excluded.last_article`),
    };
  }

  createSweep(sweep: NewSweep, items: SweepItem[]): Promise<Sweep> {
    const now = sweep.createdAt;
    return this.writer.write(() =>
      this.db.transaction(() => {
        const { id } = this.stmt.insert.get({
          ...sweep,
          scope: JSON.stringify(sweep.scope),
          sourceId: sweep.scope.sourceId ?? null,
        }) as { id: number };
        const hosts = new Set<string>();
        for (let i = 0; i < items.length; i += BATCH) {
          for (const item of items.slice(i, i + BATCH)) {
            this.stmt.item.run(id, item.url, item.kind);
            this.stmt.entry.run({
              ...item,
              now,
              priority: item.kind === 'list' ? PRIORITY.list : PRIORITY.sweep,
              walk: item.kind === 'list' ? now : null,
            });
            hosts.add(item.host);
          }
        }
        for (const host of hosts) this.stmt.host.run(host);
        this.stmt.total.run({ id, now });
        return sweepFromRow(this.stmt.get.get(id) as SweepRow);
      })(),
    );
  }

  getSweep(id: number): Sweep | null {
    const row = this.stmt.get.get(id) as SweepRow | undefined;
    return row ? sweepFromRow(row) : null;
  }

  listSweeps(q: SweepQuery): { items: Sweep[]; total: number } {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (term: string, value: unknown) => (where.push(term), params.push(value));
    if (q.sourceId) add('source_id = ?', q.sourceId);
    if (q.requestedBy) add('requested_by = ?', q.requestedBy);
    if (q.since) add('created_at >= ?', q.since);
    if (q.unfinished) where.push('finished_at IS NULL');
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (
      this.db.prepare(`SELECT COUNT(*) AS n FROM sweeps ${clause}`).get(...params) as { n: number }
    ).n;
    const rows = this.db
      .prepare(`SELECT * FROM sweeps ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`)
      .all(...params, q.limit ?? 50, q.offset ?? 0) as SweepRow[];
    return { items: rows.map(sweepFromRow), total };
  }

  pendingSweepUrls(id: number, limit: number): string[] {
    return (this.stmt.pending.all(id, limit) as { url: string }[]).map((r) => r.url);
  }

  checkableArticles(sourceId: string, afterKey: number, limit: number): CheckableArticle[] {
    return this.stmt.checkable.all(sourceId, afterKey, limit) as CheckableArticle[];
  }

  seedMark(crawlSource: string): number {
    return (this.stmt.seedMark.get(crawlSource) as { mark: number } | undefined)?.mark ?? 0;
  }

  async setSeedMark(crawlSource: string, key: number): Promise<void> {
    await this.writer.write(() => this.stmt.setSeedMark.run(crawlSource, key));
  }
}
