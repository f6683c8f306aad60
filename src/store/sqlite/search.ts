/**
 * The SQLite engine's search index: an FTS5 table kept in step with the articles through a queue that
 * triggers fill (migration 2) and `refresh` drains in bulk. bm25 weights the title 3:1 over the body.
 */
import type Database from 'better-sqlite3';
import type { Article, ArticleStatus } from '../../model/types.js';
import type { TextExpr } from '../../search/plan.js';
import { indexText, searchTokens } from '../../search/text.js';
import type { OlderMatches, SearchIndex, SearchRow, TextMatches } from '../types.js';
import { ftsMatch } from './fts-query.js';
import { SqliteOlderIndex } from './older-search.js';
import { MatchThread, runMatch } from './match-thread.js';
import { StatementCache } from './statement-cache.js';
import { ARTICLE_SELECT, articleFromRow, withoutKeys, type ArticleRow } from './rows.js';
import type { SqliteWriter } from './writer.js';

/** Queue rows indexed per transaction: large enough for FTS5 to write big segments, small enough to let readers in. */
const BATCH = 50_000;
/** Attribute rows read per page when the columns load. */
const ROW_BATCH = 10_000;
/** Above this many re-indexed documents the vocabulary is re-read from the index in one pass; below, the words are added one by one. */
const BULK_VOCABULARY = 5_000;
/** A refresh that re-indexed more than this is logged without its documents: readers reload. */
const LOGGED_DOCS = 20_000;
/** How many refreshes the log keeps; a reader further behind reloads. */
const LOGGED_REFRESHES = 32;

const SAVE_SNAPSHOT = `INSERT INTO search_snapshot (id, generation, data) VALUES (1, ?, ?)
  ON CONFLICT (id) DO UPDATE SET generation = excluded.generation, data = excluded.data`;

type RawRow = [
  number,
  string,
  string | null,
  number | null,
  number | null,
  number | null,
  string | null,
  string,
  string,
  string,
];

export class SqliteSearchIndex implements SearchIndex {
  private readonly stmt;
  private readonly statements: StatementCache;
  private thread: MatchThread | null = null;
  private readonly older: SqliteOlderIndex;

  constructor(
    private readonly db: Database.Database,
    private readonly writer: SqliteWriter,
  ) {
    db.function('ww_index_text', { deterministic: true }, (text: unknown) =>
      indexText(typeof text === 'string' ? text : null),
    );
    const p = (sql: string) => db.prepare(sql);
    this.stmt = {
      generation: p('SELECT generation FROM search_state').pluck(),
      bump: p('UPDATE search_state SET generation = generation + 1'),
      log: p('INSERT OR REPLACE INTO search_refreshes (generation, docs) VALUES (?, ?)'),
      prune: p('DELETE FROM search_refreshes WHERE generation <= ?'),
      since: p(
        'SELECT generation, docs FROM search_refreshes WHERE generation > ? ORDER BY generation',
      ).raw(),
      batch: p(
        'SELECT article_rowid, reindex FROM search_queue ORDER BY article_rowid LIMIT ?',
      ).raw(),
      unindex: p('DELETE FROM search_fts WHERE rowid = ?'),
      index: p(`INSERT INTO search_fts (rowid, title, body)
        SELECT a.rowid, ww_index_text(a.title), ww_index_text(coalesce(v.body, a.teaser))
        FROM search_queue q JOIN articles a ON a.rowid = q.article_rowid
        LEFT JOIN versions v ON v.article_rowid = a.rowid AND v.seq = a.version_count
        WHERE q.article_rowid BETWEEN ? AND ?`),
      dequeue: p('DELETE FROM search_queue WHERE article_rowid BETWEEN ? AND ?'),
      rows: p(
        `SELECT rowid, source_id, language, pub_year, pub_month, pub_day, place, status, story_id,
        first_seen FROM articles WHERE rowid > ? ORDER BY rowid LIMIT ?`,
      ).raw(),
      snapshot: p('SELECT generation, data FROM search_snapshot').raw(),
      snapshotHead: p('SELECT generation, substr(data, 1, ?) FROM search_snapshot').raw(),
      saveSnapshot: p(`${SAVE_SNAPSHOT} WHERE excluded.generation >= search_snapshot.generation`),
      replaceSnapshot: p(SAVE_SNAPSHOT),
      vocabulary: p('SELECT term FROM search_terms WHERE term >= ? AND term < ? LIMIT ?').pluck(),
      addTerm: p('INSERT OR IGNORE INTO search_terms (term) VALUES (?)'),
      texts: p(`SELECT a.title, coalesce(v.body, a.teaser) FROM articles a
        LEFT JOIN versions v ON v.article_rowid = a.rowid AND v.seq = a.version_count WHERE a.rowid = ?`).raw(),
    };
    this.statements = new StatementCache(db);
    this.older = new SqliteOlderIndex(db);
  }

  refresh(): Promise<{ generation: number; changed: number[] }> {
    return this.writer.write(() => this.refreshNow());
  }

  private refreshNow(): { generation: number; changed: number[] } {
    const changed: number[] = [];
    const step = this.db.transaction(() => {
      const batch = this.stmt.batch.all(BATCH) as [number, number][];
      if (batch.length === 0) return false;
      for (const [rowid, reindex] of batch) {
        if (reindex) this.stmt.unindex.run(rowid);
        changed.push(rowid);
      }
      const first = batch[0]![0];
      const last = batch[batch.length - 1]![0];
      this.stmt.index.run(first, last);
      this.stmt.dequeue.run(first, last);
      return true;
    });
    let any = false;
    while (step.immediate()) any = true;
    if (any) this.updateVocabulary(changed);
    // Older versions (version:any): their words stay out of the vocabulary, which stems the current
    // text's words; an old-only word is still found as written.
    const olderStep = this.db.transaction(() => this.older.step(changed));
    if (this.older.pending()) while (olderStep.immediate()) any = true;
    if (any) this.bump(changed);
    return { generation: this.stmt.generation.get() as number, changed };
  }

  /** A new generation, logged with what it re-indexed (null: too much to list, readers reload). */
  private bump(changed: number[] | null): void {
    this.stmt.bump.run();
    const generation = this.stmt.generation.get() as number;
    const docs = changed && changed.length <= LOGGED_DOCS ? JSON.stringify(changed) : null;
    this.stmt.log.run(generation, docs);
    this.stmt.prune.run(generation - LOGGED_REFRESHES);
  }

  async changesSince(
    generation: number,
  ): Promise<{ generation: number; changed: number[] | null }> {
    const current = this.stmt.generation.get() as number;
    if (current === generation) return { generation, changed: [] };
    const rows = this.stmt.since.all(generation) as [number, string | null][];
    // Every generation in between must be in the log, each with its documents.
    const complete =
      generation >= 0 && rows.length === current - generation && rows.every(([, d]) => d !== null);
    if (!complete) return { generation: current, changed: null };
    const changed = new Set<number>();
    for (const [, docs] of rows) for (const id of JSON.parse(docs!) as number[]) changed.add(id);
    return { generation: current, changed: [...changed] };
  }

  async snapshot(headBytes?: number): Promise<{ generation: number; data: Uint8Array } | null> {
    const row = (
      headBytes === undefined ? this.stmt.snapshot.get() : this.stmt.snapshotHead.get(headBytes)
    ) as [number, Uint8Array] | undefined;
    return row ? { generation: row[0], data: row[1] } : null;
  }

  saveSnapshot(generation: number, data: Uint8Array, replace = false): Promise<void> {
    return this.writer.write(() => {
      (replace ? this.stmt.replaceSnapshot : this.stmt.saveSnapshot).run(generation, data);
    });
  }

  private updateVocabulary(changed: number[]): void {
    if (changed.length >= BULK_VOCABULARY) {
      this.db.exec('INSERT OR IGNORE INTO search_terms (term) SELECT term FROM search_vocab');
      return;
    }
    this.db
      .transaction(() => {
        for (const rowid of changed) {
          const row = this.stmt.texts.get(rowid) as [string | null, string | null] | undefined;
          if (!row) continue;
          for (const token of new Set(searchTokens(`${row[0] ?? ''}\n${row[1] ?? ''}`)))
            this.stmt.addTerm.run(token);
        }
      })
      .immediate(); // reads, then writes: a deferred start could find its snapshot stale (SQLITE_BUSY)
  }

  /** After every article was deleted (`clearDerived`): empty index, empty queue, readers reload. */
  clear(): void {
    this.older.clear();
    this.db.exec(
      `INSERT INTO search_fts (search_fts) VALUES ('delete-all'); DELETE FROM search_queue;`,
    );
    this.bump(null);
  }

  async *rows(docIds?: number[], batchSize = ROW_BATCH): AsyncIterable<SearchRow[]> {
    if (docIds) {
      yield this.inChunks(
        docIds,
        (ids) =>
          this.db
            .prepare(
              `SELECT rowid, source_id, language, pub_year, pub_month, pub_day,
          place, status, story_id, first_seen FROM articles WHERE rowid IN (${ids.map(() => '?').join(',')})`,
            )
            .raw()
            .all(...ids) as RawRow[],
      ).map(searchRow);
      return;
    }
    // Keyset pages, not one `.all()`: a million rows at once cost ~0.5 KiB each before the columns.
    for (let after = -1; ;) {
      const raw = this.stmt.rows.all(after, batchSize) as RawRow[];
      if (raw.length === 0) return;
      after = raw[raw.length - 1]![0];
      yield raw.map(searchRow);
    }
  }

  async match(
    expr: TextExpr,
    withScores: boolean,
    window?: { maxId: number; limit: number },
  ): Promise<TextMatches> {
    const query = ftsMatch(expr);
    // FTS5 walks its lists backwards for ORDER BY rowid DESC and stops at the LIMIT, so bm25 runs
    // for the window only (a rowid range or IN list is no cheaper than the whole match, or far worse).
    const within = window ? 'AND rowid <= ? ORDER BY rowid DESC LIMIT ?' : '';
    const params = window ? [query, window.maxId, window.limit] : [query];
    const columns = withScores ? 'rowid, bm25(search_fts, 3.0, 1.0)' : 'rowid';
    const req = {
      sql: `SELECT ${columns} FROM search_fts WHERE search_fts MATCH ? ${within}`,
      params,
      withScores,
    };
    const inline = () => runMatch(this.statements, req);
    return this.thread ? this.thread.run(req, inline) : inline();
  }

  /** Matches from now on run on a worker thread of their own (match-thread.ts): what a server wants. */
  matchOnThread(path: string): void {
    this.thread ??= MatchThread.start(path);
  }

  async closeThread(): Promise<void> {
    await this.thread?.close();
    this.thread = null;
  }

  async matchOlder(expr: TextExpr, docIds?: number[]): Promise<OlderMatches> {
    return this.older.match(expr, docIds);
  }

  async vocabulary(prefix: string, limit: number): Promise<string[]> {
    return this.stmt.vocabulary.all(prefix, `${prefix}\uffff`, limit) as string[];
  }

  async documents(docIds: number[]): Promise<Map<number, Article>> {
    const rows = this.inChunks(
      docIds,
      (ids) =>
        this.db
          .prepare(`${ARTICLE_SELECT} WHERE a.rowid IN (${ids.map(() => '?').join(',')})`)
          .all(...ids) as ArticleRow[],
    );
    return new Map(rows.map((r) => [r.rowid, withoutKeys(articleFromRow(r))]));
  }

  /** SQLite caps bound parameters; ask in slices. */
  private inChunks<T>(ids: number[], fn: (ids: number[]) => T[]): T[] {
    const out: T[] = [];
    for (let i = 0; i < ids.length; i += 500) out.push(...fn(ids.slice(i, i + 500)));
    return out;
  }
}

function searchRow(r: RawRow): SearchRow {
  const [docId, sourceId, language, year, month, day, place, status, storyId, firstSeen] = r;
  const kind = status as ArticleStatus;
  return { docId, sourceId, language, year, month, day, place, status: kind, storyId, firstSeen };
}
