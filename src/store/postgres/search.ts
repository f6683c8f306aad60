/**
 * The PostgreSQL engine's search index, the counterpart of sqlite/search.ts: one tsvector per article
 * (title weighted A, body B) under a GIN index, kept in step through a queue that triggers fill
 * (migration 2) and `refresh` drains in batches, and a vocabulary table of its own (word → documents,
 * occurrences) for stemming by expansion. The words are tokenised here in JS exactly as the SQLite index stores them
 * (tsearch.ts), so the same query finds the same articles on both engines.
 */
import type { Article } from '../../model/types.js';
import { HEADLINE_WEIGHT, MAX_COUNT, type Postings } from '../../search/bm25.js';
import type { TextExpr } from '../../search/plan.js';
import type { DocumentWords } from '../../search/token-cache.js';
import type { OlderMatches, SearchIndex, SearchRow, TextMatches } from '../types.js';
import type { Connection, Queryable } from './connection.js';
import { CLEAR_OLDER, indexOlderBatch, matchOlder, OLDER_PENDING } from './older-search.js';
import { ARTICLE_SELECT, articleFromRow, withoutKeys, type ArticleRow } from './rows.js';
import { indexedDocument, tsQuery } from './tsearch.js';
import { BULK_FROM, dropForBulk, ensureWordIndex, WORD_INDEX_PRESENT } from './word-index.js';

/** Queue rows indexed per transaction: their text travels to this process and back as tsvectors. */
const BATCH = 1000;
/** Attribute rows read per page when the columns load. */
const ROW_BATCH = 10_000;

/** What `clear` runs, after every article was deleted: empty index, empty queue, readers reload. */
const CLEAR = `TRUNCATE search_docs, search_vocab, search_queue; ${CLEAR_OLDER};
  UPDATE search_state SET generation = generation + 1;
  INSERT INTO search_refreshes (generation, docs) SELECT generation, NULL FROM search_state`;

/** How many refreshes the log keeps (sqlite/search.ts keeps as many); a reader further behind reloads. */
const LOGGED_REFRESHES = 32;

/** Per word of some tsvectors: the documents holding it and its occurrences (positions) in them. */
const VOCAB_COUNTS = `u.lexeme AS term, count(*)::int AS docs, sum(coalesce(array_length(u.positions, 1), 1))::int AS cnt`;

/** The attribute columns, with the words the index holds (0 while not indexed): search/columns.ts. */
const ROW_SELECT = `SELECT a.seq AS "docId", a.source_id AS "sourceId", a.language, a.pub_year AS year,
  a.pub_month AS month, a.pub_day AS day, a.dateline->>'place' AS place, a.status, a.story_id AS "storyId",
  a.first_seen AS "firstSeen", coalesce(d.words, 0) AS words
  FROM articles a LEFT JOIN search_docs d ON d.article_seq = a.seq`;

/**
 * Per document holding a token: its occurrences, the headline's (weight A) counted three times, from
 * the positions its tsvector keeps (at most 256 per word: PostgreSQL's cap).
 */
const POSTINGS = `SELECT d.article_seq, least(${MAX_COUNT}, (SELECT sum(CASE WHEN w = 'A' THEN ${HEADLINE_WEIGHT} ELSE 1 END)
    FROM unnest(d.tsv) AS u, unnest(u.weights) AS w WHERE u.lexeme = $2))::int
  FROM search_docs d WHERE d.tsv @@ $1::tsquery ORDER BY d.article_seq`;

interface QueuedRow {
  seq: number;
  present: boolean;
  title: string | null;
  body: string | null;
}

export class PostgresSearchIndex implements SearchIndex {
  /** `bulkFrom`: the queue's size from which the GIN index may be built once (word-index.ts). */
  constructor(
    private readonly conn: Connection,
    private readonly bulkFrom = BULK_FROM,
  ) {}

  private query<R extends object>(
    name: string,
    text: string,
    values: unknown[] = [],
  ): Promise<R[]> {
    return this.conn
      .q()
      .query<R>({ name, text, values })
      .then((r) => r.rows);
  }

  async refresh(): Promise<{ generation: number; changed: number[] }> {
    // The queue counted only up to the size that may build the GIN index once (word-index.ts).
    const [state] = await this.query<{
      generation: number;
      queued: number;
      pending: boolean;
      indexed: boolean;
    }>(
      'search-state',
      `SELECT generation, q.n AS queued, q.n > 0 OR ${OLDER_PENDING} AS pending,
        ${WORD_INDEX_PRESENT} AS indexed
        FROM search_state, (SELECT count(*)::int AS n FROM (SELECT 1 FROM search_queue LIMIT $1) l) q`,
      [this.bulkFrom],
    );
    const { generation, queued, pending, indexed } = state!;
    if (!pending) {
      if (!indexed) await ensureWordIndex(this.conn);
      return { generation, changed: [] };
    }
    const dropped = queued >= this.bulkFrom && (await dropForBulk(this.conn, this.bulkFrom));
    const changed: number[] = [];
    // Under the writer lock: an import's update cannot slip between reading a queued article and
    // dequeuing it, and two refreshing processes take turns. The queue is read onwards from the last
    // article indexed: its dequeued rows stay behind as dead tuples until a vacuum, and reading from
    // its start each time would step over all of them again (the batch read grew with the archive).
    // At the end, once more from the start, for what was queued behind the cursor meanwhile.
    for (let after = 0; ;) {
      const done = await this.conn.transaction(() => this.step(changed, after), 'write');
      if (done.last !== null) after = done.last;
      else if (!done.older) {
        if (after === 0) break;
        after = 0;
      }
    }
    if (dropped || !indexed) await ensureWordIndex(this.conn);
    const [after] = await this.query<{ generation: number }>(
      'search-generation',
      'SELECT generation FROM search_state',
    );
    return { generation: after!.generation, changed };
  }

  /**
   * Indexes one batch of the queue (and one of older versions, version:any) and bumps the generation
   * with them, once, so another process sees the new index and the new generation together. `last`:
   * the last article of the queue's batch read after `after` (null when none was left), `older`:
   * whether versions were indexed.
   */
  private async step(
    changed: number[],
    after: number,
  ): Promise<{ last: number | null; older: boolean }> {
    const db = this.conn.q();
    const before = changed.length;
    const last = await this.indexBatch(db, changed, after);
    const older = await indexOlderBatch(db, changed);
    if (last === null && !older) return { last, older };
    // The log row goes with the bump, so a reader sees a generation only with what it re-indexed.
    await db.query({
      name: 'search-bump',
      text: `WITH g AS (UPDATE search_state SET generation = generation + 1 RETURNING generation),
        logged AS (INSERT INTO search_refreshes (generation, docs) SELECT generation, $1::jsonb FROM g)
        DELETE FROM search_refreshes WHERE generation <= (SELECT generation FROM g) - $2`,
      values: [JSON.stringify([...new Set(changed.slice(before))]), LOGGED_REFRESHES],
    });
    return { last, older };
  }

  async changesSince(
    generation: number,
  ): Promise<{ generation: number; changed: number[] | null }> {
    const [state] = await this.query<{ generation: number }>(
      'search-generation',
      'SELECT generation FROM search_state',
    );
    const current = state!.generation;
    if (current === generation) return { generation, changed: [] };
    const rows = await this.query<{ docs: number[] | null }>(
      'search-since',
      'SELECT docs FROM search_refreshes WHERE generation > $1 ORDER BY generation',
      [generation],
    );
    // Every generation in between must be in the log, each with its documents.
    const complete =
      generation >= 0 && rows.length === current - generation && rows.every((r) => r.docs !== null);
    if (!complete) return { generation: current, changed: null };
    return { generation: current, changed: [...new Set(rows.flatMap((r) => r.docs!))] };
  }

  /**
   * One batch of search_queue, its articles after `after`, into search_docs and the vocabulary: the
   * last article's seq, or null when none was queued after it.
   */
  private async indexBatch(
    db: Queryable,
    changed: number[],
    after: number,
  ): Promise<number | null> {
    const { rows } = await db.query<QueuedRow>({
      name: 'search-batch',
      // The batch is cut from the queue first: joined whole, the planner merged the queue with
      // articles and versions read from their start, up to the cursor (589 ms a batch at 220k).
      text: `SELECT q.article_seq AS seq, a.seq IS NOT NULL AS present, a.title, coalesce(v.body, a.teaser) AS body
        FROM (SELECT article_seq FROM search_queue WHERE article_seq > $2
          ORDER BY article_seq LIMIT $1) q
        LEFT JOIN articles a ON a.seq = q.article_seq
        LEFT JOIN versions v ON v.article_seq = a.seq AND v.seq = a.version_count
        ORDER BY q.article_seq`,
      values: [BATCH, after],
    });
    if (rows.length === 0) return null;
    const seqs = rows.map((r) => r.seq);
    // Whatever was indexed for these documents before leaves the index and the vocabulary's counts.
    const { rows: emptied } = await db.query<{ term: string }>({
      name: 'search-unindex',
      text: `WITH old AS (DELETE FROM search_docs WHERE article_seq = ANY($1::bigint[]) RETURNING tsv),
        gone AS (SELECT ${VOCAB_COUNTS} FROM old, unnest(old.tsv) AS u GROUP BY u.lexeme),
        counted AS (UPDATE search_vocab v SET docs = v.docs - gone.docs, cnt = v.cnt - gone.cnt FROM gone
          WHERE v.term = gone.term RETURNING v.term, v.docs)
        SELECT term FROM counted WHERE docs <= 0`,
      values: [seqs],
    });
    const present = rows.filter((r) => r.present);
    const documents = present.map((r) => indexedDocument(r.title, r.body));
    // The vocabulary's counts from the words just tokenised: the server need not take the vectors
    // apart again (unnest and group them), which was as costly as its upsert.
    const vocab = new Map<string, { docs: number; cnt: number }>();
    for (const { terms } of documents)
      for (const [term, count] of terms) {
        const known = vocab.get(term);
        if (known) {
          known.docs++;
          known.cnt += count;
        } else vocab.set(term, { docs: 1, cnt: count });
      }
    await db.query({
      name: 'search-index',
      text: `WITH new AS (INSERT INTO search_docs (article_seq, tsv, words)
          SELECT s, t::tsvector, w FROM unnest($1::bigint[], $2::text[], $3::int[]) AS x(s, t, w))
        INSERT INTO search_vocab (term, docs, cnt) SELECT * FROM unnest($4::text[], $5::int[], $6::int[])
        ON CONFLICT (term) DO UPDATE SET docs = search_vocab.docs + excluded.docs, cnt = search_vocab.cnt + excluded.cnt`,
      values: [
        present.map((r) => r.seq),
        documents.map((d) => d.vector),
        documents.map((d) => d.words),
        [...vocab.keys()],
        [...vocab.values()].map((v) => v.docs),
        [...vocab.values()].map((v) => v.cnt),
      ],
    });
    if (emptied.length > 0) {
      await db.query({
        name: 'search-vocab-prune',
        text: 'DELETE FROM search_vocab WHERE term = ANY($1::text[]) AND docs <= 0',
        values: [emptied.map((r) => r.term)],
      });
    }
    await db.query({
      name: 'search-dequeue',
      text: 'DELETE FROM search_queue WHERE article_seq = ANY($1::bigint[])',
      values: [seqs],
    });
    changed.push(...seqs);
    return seqs.at(-1)!;
  }

  async snapshot(headBytes?: number): Promise<{ generation: number; data: Uint8Array } | null> {
    const [row] =
      headBytes === undefined
        ? await this.query<{ generation: number; data: Buffer }>(
            'search-snapshot',
            'SELECT generation, data FROM search_snapshot',
          )
        : await this.query<{ generation: number; data: Buffer }>(
            'search-snapshot-head',
            'SELECT generation, substring(data FROM 1 FOR $1) AS data FROM search_snapshot',
            [headBytes],
          );
    return row ?? null;
  }

  async saveSnapshot(generation: number, data: Uint8Array, replace = false): Promise<void> {
    await this.query(
      replace ? 'search-snapshot-replace' : 'search-snapshot-save',
      `INSERT INTO search_snapshot (id, generation, data) VALUES (1, $1, $2)
        ON CONFLICT (id) DO UPDATE SET generation = excluded.generation, data = excluded.data
        ${replace ? '' : 'WHERE excluded.generation >= search_snapshot.generation'}`,
      [generation, Buffer.from(data.buffer, data.byteOffset, data.byteLength)],
    );
  }

  /** After every article was deleted (`clearDerived`), on its client so both apply together. */
  async clear(db: Queryable = this.conn.q()): Promise<void> {
    await db.query(CLEAR);
  }

  async *rows(docIds?: number[], batchSize = ROW_BATCH): AsyncIterable<SearchRow[]> {
    if (docIds) {
      yield await this.query<SearchRow>(
        'search-rows-of',
        `${ROW_SELECT} WHERE a.seq = ANY($1::bigint[])`,
        [docIds],
      );
      return;
    }
    // Keyset pages, not one result: node-postgres would hold every row of a million at once.
    for (let after = -1; ;) {
      const rows = await this.query<SearchRow>(
        'search-rows',
        `${ROW_SELECT} WHERE a.seq > $1 ORDER BY a.seq LIMIT $2`,
        [after, batchSize],
      );
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.docId;
      yield rows;
    }
  }

  async match(expr: TextExpr): Promise<TextMatches> {
    const query = tsQuery(expr);
    if (query === null) return { ids: new Uint32Array(0) };
    const r = await this.conn.q().query<[number]>({
      name: 'search-match',
      rowMode: 'array',
      values: [query],
      text: 'SELECT article_seq FROM search_docs WHERE tsv @@ $1::tsquery ORDER BY article_seq',
    });
    return { ids: Uint32Array.from(r.rows, (row) => row[0]) };
  }

  async indexedWords(docIds: number[], tokens?: string[]): Promise<DocumentWords> {
    const out: DocumentWords = new Map();
    if (docIds.length === 0) return out;
    // Without `tokens`, every lexeme (a null array matches all).
    const rows = await this.query<{ doc: number; term: string; count: number }>(
      'search-indexed-words',
      `SELECT d.article_seq AS doc, u.lexeme AS term,
        least(${MAX_COUNT}, sum(CASE WHEN w = 'A' THEN ${HEADLINE_WEIGHT} ELSE 1 END))::int AS count
        FROM search_docs d, unnest(d.tsv) AS u, unnest(u.weights) AS w
        WHERE d.article_seq = ANY($1::bigint[]) AND ($2::text[] IS NULL OR u.lexeme = ANY($2))
        GROUP BY 1, 2`,
      [docIds, tokens ?? null],
    );
    for (const { doc, term, count } of rows) {
      // bigint: the driver gives it as a string.
      let words = out.get(Number(doc));
      if (!words) out.set(Number(doc), (words = new Map()));
      words.set(term, count);
    }
    return out;
  }

  async postings(token: string): Promise<Postings> {
    const query = tsQuery({ kind: 'any', tokens: [token] });
    if (query === null) return { ids: new Uint32Array(0), counts: new Uint16Array(0) };
    const r = await this.conn.q().query<[number, number]>({
      name: 'search-postings',
      rowMode: 'array',
      values: [query, token],
      text: POSTINGS,
    });
    const ids = new Uint32Array(r.rows.length);
    const counts = new Uint16Array(r.rows.length);
    r.rows.forEach(([id, count], i) => {
      ids[i] = id;
      counts[i] = count;
    });
    return { ids, counts };
  }

  async matchOlder(expr: TextExpr, docIds?: number[]): Promise<OlderMatches> {
    return matchOlder(this.conn.q(), expr, docIds);
  }

  async vocabulary(prefix: string, limit: number): Promise<string[]> {
    const rows = await this.query<{ term: string }>(
      'search-vocabulary',
      `SELECT term FROM search_vocab
      WHERE term >= $1 COLLATE "C" AND term < $2 COLLATE "C" AND docs > 0 ORDER BY term COLLATE "C" LIMIT $3`,
      [prefix, `${prefix}\uffff`, limit],
    );
    return rows.map((r) => r.term);
  }

  async documents(docIds: number[]): Promise<Map<number, Article>> {
    if (docIds.length === 0) return new Map();
    const rows = await this.query<ArticleRow>(
      'search-documents',
      `${ARTICLE_SELECT} WHERE a.seq = ANY($1::bigint[])`,
      [docIds],
    );
    return new Map(rows.map((r) => [r.seq, withoutKeys(articleFromRow(r))]));
  }
}
