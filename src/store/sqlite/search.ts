/**
 * The SQLite engine's search index: an FTS5 table kept in step with the articles through a queue that
 * triggers fill (migration 2) and `refresh` drains in bulk. bm25 weights the title 3:1 over the body.
 */
import Database from 'better-sqlite3';
import type { Article, ArticleStatus } from '../../model/types.js';
import { HEADLINE_WEIGHT, MAX_COUNT, type Postings } from '../../search/bm25.js';
import type { TextExpr } from '../../search/plan.js';
import { indexText, searchTokens } from '../../search/text.js';
import type { DocumentWords } from '../../search/token-cache.js';
import type { OlderMatches, SearchIndex, SearchRow, TextMatches } from '../types.js';
import { ftsMatch } from './fts-query.js';
import { SqliteOlderIndex } from './older-search.js';
import { MatchThread, prepareConnection, runMatch } from './match-thread.js';
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
  Uint8Array | null,
];

/** The attribute columns, with FTS5's per-column word counts of the indexed text (`documentWords`). */
const ROW_SELECT = `SELECT a.rowid, a.source_id, a.language, a.pub_year, a.pub_month, a.pub_day,
  a.place, a.status, a.story_id, a.first_seen, z.sz
  FROM articles a LEFT JOIN search_fts_docsize z ON z.id = a.rowid`;

/** A word's count in a document from its instances: the headline's counted HEADLINE_WEIGHT times. */
const WEIGHTED_COUNT = `min(${MAX_COUNT}, sum(CASE col WHEN 'title' THEN ${HEADLINE_WEIGHT} ELSE 1 END))`;

/**
 * Per document holding a token: its occurrences, the headline's counted three times, from FTS5's own
 * instance list (fts5vocab), in document order.
 */
const POSTINGS = `SELECT doc, ${WEIGHTED_COUNT}
  FROM temp.search_instances WHERE term = ? GROUP BY doc ORDER BY doc`;

/** Documents tokenised per turn of the event loop by `indexedWords`. */
const PATCH_SLICE = 50;

/** The texts of some indexed documents, as `index` reads them for search_fts. */
const PATCH_TEXTS = `SELECT a.rowid, a.title, coalesce(v.body, a.teaser) FROM articles a
  JOIN search_fts_docsize z ON z.id = a.rowid
  LEFT JOIN versions v ON v.article_rowid = a.rowid AND v.seq = a.version_count WHERE a.rowid IN `;

/**
 * A scratch FTS5 table in a database of its own, in memory: writing it on the archive's connection
 * would move `total_changes()`, the change token readers key their caches by.
 */
function preparePatch() {
  const db = new Database(':memory:');
  // The tokenizer of search_fts (migration 2): the same text gives the same words.
  db.exec(`CREATE VIRTUAL TABLE patch_fts USING fts5(title, body,
      tokenize='unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE patch_words USING fts5vocab(patch_fts, instance);`);
  return {
    db,
    clear: db.prepare('DELETE FROM patch_fts'),
    insert: db.prepare('INSERT INTO patch_fts (rowid, title, body) VALUES (?, ?, ?)'),
    words: db
      .prepare(
        `SELECT doc, term, ${WEIGHTED_COUNT}
        FROM patch_words GROUP BY doc, term`,
      )
      .raw(),
    // The same for one word: fts5vocab reads that word's instances alone, not every word's.
    word: db
      .prepare(
        `SELECT doc, term, ${WEIGHTED_COUNT}
        FROM patch_words WHERE term = ? GROUP BY doc`,
      )
      .raw(),
  };
}

export class SqliteSearchIndex implements SearchIndex {
  private readonly stmt;
  private patch: ReturnType<typeof preparePatch> | null = null;
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
      rows: p(`${ROW_SELECT} WHERE a.rowid > ? ORDER BY a.rowid LIMIT ?`).raw(),
      snapshot: p('SELECT generation, data FROM search_snapshot').raw(),
      snapshotHead: p('SELECT generation, substr(data, 1, ?) FROM search_snapshot').raw(),
      saveSnapshot: p(`${SAVE_SNAPSHOT} WHERE excluded.generation >= search_snapshot.generation`),
      replaceSnapshot: p(SAVE_SNAPSHOT),
      vocabulary: p('SELECT term FROM search_terms WHERE term >= ? AND term < ? LIMIT ?').pluck(),
      addTerm: p('INSERT OR IGNORE INTO search_terms (term) VALUES (?)'),
      texts: p(`SELECT a.title, coalesce(v.body, a.teaser) FROM articles a
        LEFT JOIN versions v ON v.article_rowid = a.rowid AND v.seq = a.version_count WHERE a.rowid = ?`).raw(),
    };
    prepareConnection(db);
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
            .prepare(`${ROW_SELECT} WHERE a.rowid IN (${ids.map(() => '?').join(',')})`)
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

  async match(expr: TextExpr): Promise<TextMatches> {
    const req = {
      sql: 'SELECT rowid FROM search_fts WHERE search_fts MATCH ?',
      params: [ftsMatch(expr)],
      withScores: false,
    };
    const inline = () => runMatch(this.statements, req);
    return { ids: (await (this.thread ? this.thread.run(req, inline) : inline())).ids };
  }

  /**
   * Tokenised by FTS5 itself, as the index was: the documents' indexed text goes into a small FTS5
   * table with search_fts's tokenizer (`preparePatch`) whose instance list says which words each holds.
   */
  async indexedWords(docIds: number[], tokens?: string[]): Promise<DocumentWords> {
    const out: DocumentWords = new Map();
    if (docIds.length === 0) return out;
    const patch = (this.patch ??= preparePatch());
    // About half a millisecond a document, on the serving thread: a slice at a time, letting the
    // event loop turn in between.
    for (let i = 0; i < docIds.length; i += PATCH_SLICE) {
      if (i > 0) await new Promise((resolve) => setImmediate(resolve));
      const ids = docIds.slice(i, i + PATCH_SLICE);
      const texts = this.statements
        .get(`${PATCH_TEXTS}(${ids.map(() => '?').join(',')})`)
        .raw(true)
        .all(...ids) as [number, string | null, string | null][];
      patch.db.transaction(() => {
        patch.clear.run();
        for (const [rowid, title, body] of texts)
          patch.insert.run(rowid, indexText(title), indexText(body));
        const rows = tokens
          ? tokens.flatMap((t) => patch.word.all(t) as [number, string, number][])
          : (patch.words.all() as [number, string, number][]);
        for (const [doc, term, count] of rows) {
          let words = out.get(doc);
          if (!words) out.set(doc, (words = new Map()));
          words.set(term, count);
        }
        patch.clear.run();
      })();
    }
    return out;
  }

  async postings(token: string): Promise<Postings> {
    const req = { sql: POSTINGS, params: [token], withScores: true };
    const inline = () => runMatch(this.statements, req);
    const { ids, scores } = await (this.thread ? this.thread.run(req, inline) : inline());
    return { ids, counts: Uint16Array.from(scores!) };
  }

  /** Matches from now on run on a worker thread of their own (match-thread.ts): what a server wants. */
  matchOnThread(path: string): void {
    this.thread ??= MatchThread.start(path);
  }

  async closeThread(): Promise<void> {
    await this.thread?.close();
    this.thread = null;
    this.patch?.db.close();
    this.patch = null;
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
  const [docId, sourceId, language, year, month, day, place, status, storyId, firstSeen, sz] = r;
  const kind = status as ArticleStatus;
  const words = documentWords(sz);
  return {
    docId,
    sourceId,
    language,
    year,
    month,
    day,
    place,
    status: kind,
    storyId,
    firstSeen,
    words,
  };
}

/**
 * The words of a document as FTS5 counted them: its docsize value is one varint per column (SQLite's
 * varint: big-endian groups of 7 bits, the high bit set on all but the last, a 9th byte of 8 bits).
 */
export function documentWords(sz: Uint8Array | null): number {
  if (!sz) return 0;
  let total = 0;
  for (let i = 0; i < sz.length;) {
    let value = 0;
    for (let n = 0; i < sz.length; n++) {
      const byte = sz[i++]!;
      if (n === 8) {
        value = value * 256 + byte;
        break;
      }
      value = value * 128 + (byte & 0x7f);
      if (byte < 0x80) break;
    }
    total += value;
  }
  return total;
}
