/**
 * The SQLite engine's index of older versions (migration 5), for `version:any`: a contentless FTS5
 * table shaped like search_fts, holding every version that is no longer its article's current text.
 * Separate from search_fts, so a default search reads exactly what it read before.
 */
import type Database from 'better-sqlite3';
import type { TextExpr } from '../../search/plan.js';
import type { OlderMatches } from '../types.js';
import { ftsMatch } from './fts-query.js';

/**
 * A version's key in search_old_fts is article_rowid * SPAN + seq: sorted by key is sorted by article,
 * then version, with no mapping table to keep. An article with a millionth version would have it (and
 * later ones) left out of this index; keys stay below 2^53 for article rowids below 2^33.
 */
const SPAN = 2 ** 20;
/** Queue rows indexed per transaction, as for search_fts. */
const BATCH = 50_000;

export class SqliteOlderIndex {
  private readonly stmt;

  /** `ww_index_text` must be registered on `db` already (SqliteSearchIndex does it). */
  constructor(private readonly db: Database.Database) {
    const p = (sql: string) => db.prepare(sql);
    this.stmt = {
      pending: p('SELECT 1 FROM search_old_queue LIMIT 1').pluck(),
      batch: p(
        'SELECT article_rowid, seq FROM search_old_queue ORDER BY article_rowid, seq LIMIT ?',
      ).raw(),
      index: p(`INSERT INTO search_old_fts (rowid, title, body)
        SELECT v.article_rowid * ${SPAN} + v.seq, ww_index_text(v.title), ww_index_text(v.body)
        FROM search_old_queue q JOIN versions v ON v.article_rowid = q.article_rowid AND v.seq = q.seq
        WHERE (q.article_rowid, q.seq) <= (?, ?) AND q.seq < ${SPAN}`),
      dequeue: p('DELETE FROM search_old_queue WHERE (article_rowid, seq) <= (?, ?)'),
      match: p(
        'SELECT rowid FROM search_old_fts WHERE search_old_fts MATCH ? ORDER BY rowid',
      ).pluck(),
    };
  }

  /**
   * Whether versions wait to be indexed: read without a transaction, so a search over an index that is
   * up to date (nearly always) takes no write lock for this index.
   */
  pending(): boolean {
    return this.stmt.pending.get() !== undefined;
  }

  /**
   * Indexes one batch of queued versions in the caller's transaction; adds their articles to `changed`
   * and says whether there was anything to do. A queued version is never indexed yet: a version's
   * text does not change, and it is queued once, when the next version arrives.
   */
  step(changed: number[]): boolean {
    const batch = this.stmt.batch.all(BATCH) as [number, number][];
    if (batch.length === 0) return false;
    const [lastArticle, lastSeq] = batch[batch.length - 1]!;
    this.stmt.index.run(lastArticle, lastSeq);
    this.stmt.dequeue.run(lastArticle, lastSeq);
    let previous = -1;
    for (const [article] of batch) if (article !== previous) changed.push((previous = article));
    return true;
  }

  /** After every article was deleted (`clearDerived`). */
  clear(): void {
    this.db.exec(
      `INSERT INTO search_old_fts (search_old_fts) VALUES ('delete-all'); DELETE FROM search_old_queue;`,
    );
  }

  match(expr: TextExpr, docIds?: number[]): OlderMatches {
    const keys = this.stmt.match.all(ftsMatch(expr)) as number[];
    const only = docIds ? new Set(docIds) : null;
    const ids: number[] = [];
    const versions: number[] = [];
    // Keys come sorted: an article's versions are adjacent, its newest matching one last.
    for (const key of keys) {
      const article = Math.floor(key / SPAN);
      if (only && !only.has(article)) continue;
      const seq = key - article * SPAN;
      if (ids[ids.length - 1] === article) versions[versions.length - 1] = seq;
      else {
        ids.push(article);
        versions.push(seq);
      }
    }
    return { ids: Uint32Array.from(ids), versions: Uint32Array.from(versions) };
  }
}
