/**
 * The GIN index over search_docs' tsvectors (migration 2), built once instead of entry by entry when
 * a refresh is about to index more articles than the index holds: a first import, or a large one into
 * a small archive. Added one batch at a time, a GIN index costs more per document as it grows (0.37 ms a
 * document into an empty one at 22k, 0.65 ms at 220k); the documents inserted without it and the
 * index built at the end cost 0.33 and 0.45 ms (docs/benchmarks.md). PostgreSQL's own advice for bulk
 * loads is the same: drop the index, load, create it.
 *
 * While the index is away a search still answers, by reading search_docs whole; the archive then holds
 * more unindexed articles than indexed ones anyway. A refresh cut off while the index is away leaves it
 * missing: every refresh reads whether it is there, and creates it when it is not, so the next one
 * mends it.
 */
import pg from 'pg';
import type { Connection } from './connection.js';

const INDEX = 'search_docs_tsv';
/** Whether the index exists: a column of the refresh's first statement. */
export const WORD_INDEX_PRESENT = `to_regclass('${INDEX}') IS NOT NULL`;
const CREATE = `CREATE INDEX IF NOT EXISTS ${INDEX} ON search_docs USING gin (tsv)`;
/** A search holding the table longer than this is not waited for: that refresh indexes entry by entry. */
const LOCK_WAIT = '1s';
/** SQLSTATE lock_not_available: LOCK_WAIT passed. */
const LOCK_NOT_AVAILABLE = '55P03';

/** Fewer queued articles than this are always indexed entry by entry. */
export const BULK_FROM = 10_000;

/**
 * Drops the index when the queue holds `bulkFrom` articles or more and more than the index holds
 * (counted only up to the queue's size); whether it did. Under the writer lock, as every refresh step.
 */
export async function dropForBulk(conn: Connection, bulkFrom: number): Promise<boolean> {
  try {
    return await conn.transaction(async () => {
      const db = conn.q();
      const { rows } = await db.query<{ queued: number; indexed: number }>({
        name: 'word-index-sizes',
        text: `WITH q AS (SELECT count(*) AS n FROM search_queue)
          SELECT q.n::int AS queued,
            (SELECT count(*) FROM (SELECT 1 FROM search_docs LIMIT (SELECT n FROM q)) d)::int AS indexed
          FROM q`,
      });
      const { queued, indexed } = rows[0]!;
      if (queued < bulkFrom || indexed >= queued) return false;
      await db.query(`SET LOCAL lock_timeout = '${LOCK_WAIT}'`);
      await db.query(`DROP INDEX IF EXISTS ${INDEX}`);
      return true;
    }, 'write');
  } catch (error) {
    if (error instanceof pg.DatabaseError && error.code === LOCK_NOT_AVAILABLE) return false;
    throw error;
  }
}

/** Creates the index when it is missing (a bulk refresh, this one or one cut off, dropped it). */
export async function ensureWordIndex(conn: Connection): Promise<void> {
  const present = async () => {
    const { rows } = await conn.q().query<{ present: boolean }>({
      name: 'word-index-present',
      text: `SELECT ${WORD_INDEX_PRESENT} AS present`,
    });
    return rows[0]!.present;
  };
  if (await present()) return;
  await conn.transaction(() => conn.q().query(CREATE), 'write');
}
