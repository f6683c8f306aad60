/**
 * The PostgreSQL engine's index of older versions (migration 5), for `version:any`, the counterpart
 * of sqlite/older-search.ts: one tsvector per version that is no longer its article's current text,
 * built by tsearch.ts exactly as search_docs' are, under a GIN index of its own.
 */
import type { TextExpr } from '../../search/plan.js';
import type { OlderMatches } from '../types.js';
import type { Queryable } from './connection.js';
import { tsQuery, tsVector } from './tsearch.js';

/** Queue rows indexed per transaction, as for search_docs: their text travels here and back. */
const BATCH = 1000;

/** Whether versions wait to be indexed (a condition for the refresh's first query). */
export const OLDER_PENDING = 'EXISTS (SELECT 1 FROM search_old_queue)';

/** Empties the index and its queue, with the articles (`clearDerived`). */
export const CLEAR_OLDER = 'TRUNCATE search_old_docs, search_old_queue';

interface QueuedVersion {
  article: number;
  seq: number;
  title: string | null;
  body: string | null;
}

/**
 * Indexes one batch of queued versions on `db` (the caller's transaction, which holds the writer lock
 * and bumps the generation); adds their articles to `changed`. False when the queue was empty.
 */
export async function indexOlderBatch(db: Queryable, changed: number[]): Promise<boolean> {
  const { rows } = await db.query<QueuedVersion>({
    name: 'search-old-batch',
    text: `SELECT q.article_seq AS article, q.version_seq AS seq, v.title, v.body FROM search_old_queue q
      LEFT JOIN versions v ON v.article_seq = q.article_seq AND v.seq = q.version_seq
      ORDER BY q.article_seq, q.version_seq LIMIT $1`,
    values: [BATCH],
  });
  if (rows.length === 0) return false;
  // A version queued and then removed with its article (never, short of clearDerived) is just dequeued.
  const present = rows.filter((r) => r.body !== null);
  // ON CONFLICT: a version is queued once, but indexing it twice must not fail a refresh.
  await db.query({
    name: 'search-old-index',
    text: `INSERT INTO search_old_docs (article_seq, version_seq, tsv)
      SELECT a, s, t::tsvector FROM unnest($1::bigint[], $2::int[], $3::text[]) AS x(a, s, t) ON CONFLICT DO NOTHING`,
    values: [
      present.map((r) => r.article),
      present.map((r) => r.seq),
      present.map((r) => tsVector(r.title, r.body)),
    ],
  });
  await db.query({
    name: 'search-old-dequeue',
    text: `DELETE FROM search_old_queue q USING unnest($1::bigint[], $2::int[]) AS x(a, s)
      WHERE q.article_seq = x.a AND q.version_seq = x.s`,
    values: [rows.map((r) => r.article), rows.map((r) => r.seq)],
  });
  let previous = -1;
  for (const r of rows) if (r.article !== previous) changed.push((previous = r.article));
  return true;
}

/** Per article (ascending), the newest older version matching `expr`; only among `docIds` when given. */
export async function matchOlder(
  db: Queryable,
  expr: TextExpr,
  docIds?: number[],
): Promise<OlderMatches> {
  const query = tsQuery(expr);
  if (query === null || docIds?.length === 0)
    return { ids: new Uint32Array(0), versions: new Uint32Array(0) };
  const only = docIds ? 'AND article_seq = ANY($2::bigint[])' : '';
  const r = await db.query<[number, number]>({
    name: `search-old-match${docIds ? '-of' : ''}`,
    rowMode: 'array',
    values: docIds ? [query, docIds] : [query],
    text: `SELECT article_seq, max(version_seq) FROM search_old_docs WHERE tsv @@ $1::tsquery ${only}
      GROUP BY article_seq ORDER BY article_seq`,
  });
  return {
    ids: Uint32Array.from(r.rows, (row) => row[0]),
    versions: Uint32Array.from(r.rows, (row) => row[1]),
  };
}
