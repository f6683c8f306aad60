/**
 * Captures in the PostgreSQL engine: their bytes (chunks) and the queue the pipeline drains
 * (pipeline/driver.ts), the counterpart of ../sqlite/captures.ts. Claims use `FOR UPDATE SKIP LOCKED`,
 * so workers in many processes (on one host or several) take different captures without waiting on
 * one another; a claim is a lease, so a worker killed mid-capture frees it when the lease runs out.
 */
import { PENDING, STATE_WHERE } from '../capture-states.js';
import type {
  CaptureKey,
  CaptureOutcome,
  CaptureQuery,
  CaptureRecord,
  Claim,
  NewCapture,
  Page,
} from '../types.js';
import { AbandonedWrite } from '../types.js';
import { CAPTURE_LOCK, type Connection } from './connection.js';
import { captureFromRow, toBuffer, type CaptureRow } from './rows.js';

/** ISO times compare as strings, byte by byte, whatever the database's collation. */
const C = 'COLLATE "C"';

export class PostgresCaptures {
  constructor(private readonly conn: Connection) {}

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

  async get(key: CaptureKey): Promise<CaptureRecord | null> {
    const [row] = await this.query<CaptureRow>(
      'get-capture',
      'SELECT * FROM captures WHERE sha256 = $1 AND kind = $2',
      [key.sha256, key.kind],
    );
    return row ? captureFromRow(row) : null;
  }

  async ofSha256(sha256: string): Promise<CaptureRecord[]> {
    const rows = await this.query<CaptureRow>(
      'captures-of-sha256',
      'SELECT * FROM captures WHERE sha256 = $1 ORDER BY seq',
      [sha256],
    );
    return rows.map(captureFromRow);
  }

  /**
   * Under an advisory lock on the sha-256, so two processes storing the same bytes never interleave:
   * the second waits, then finds the capture complete. A killed writer's session ends and frees the lock.
   */
  async put(c: NewCapture, chunks: AsyncIterable<Uint8Array>): Promise<void> {
    if ((await this.get(c))?.bytesComplete) return;
    const key = [parseInt(c.sha256.slice(0, 8), 16) | 0];
    const inTransaction = this.conn.inTransaction();
    await this.conn.withClient(async (db) => {
      await db.query(
        `SELECT ${inTransaction ? 'pg_advisory_xact_lock' : 'pg_advisory_lock'}(${CAPTURE_LOCK})`,
        key,
      );
      try {
        const again = await db.query<{ bytes_complete: boolean }>(
          'SELECT bytes_complete FROM captures WHERE sha256 = $1 AND kind = $2',
          [c.sha256, c.kind],
        );
        if (again.rows[0]?.bytes_complete) return;
        await db.query('DELETE FROM captures WHERE sha256 = $1 AND kind = $2', [c.sha256, c.kind]);
        const inserted = await db.query<{ seq: number }>(
          `INSERT INTO captures (sha256, kind, origin, captured_at,
          media_type, size, stored_encoding, options, parent_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
          RETURNING seq`,
          [
            c.sha256,
            c.kind,
            c.origin,
            c.capturedAt,
            c.mediaType,
            c.size,
            c.storedEncoding,
            JSON.stringify(c.options),
            c.parentSeq ?? null,
          ],
        );
        const seq = inserted.rows[0]!.seq;
        let n = 0;
        try {
          for await (const chunk of chunks) {
            await db.query(
              'INSERT INTO capture_chunks (capture_seq, n, data) VALUES ($1, $2, $3)',
              [seq, n++, toBuffer(chunk)],
            );
          }
        } catch (error) {
          // In a transaction a failed query already rolls it all back: the delete may fail too.
          if (error instanceof AbandonedWrite)
            await db.query('DELETE FROM captures WHERE seq = $1', [seq]).catch(() => undefined);
          throw error;
        }
        await db.query('UPDATE captures SET bytes_complete = true WHERE seq = $1', [seq]);
      } finally {
        if (!inTransaction) await db.query(`SELECT pg_advisory_unlock(${CAPTURE_LOCK})`, key);
      }
    });
  }

  async *chunks(key: CaptureKey): AsyncIterable<Uint8Array> {
    // One chunk per query, like the SQLite engine: memory stays bounded and no cursor holds a client.
    for (let n = 0; ; n++) {
      const [row] = await this.query<{ data: Buffer }>(
        'capture-chunk',
        `SELECT data FROM capture_chunks
        WHERE capture_seq = (SELECT seq FROM captures WHERE sha256 = $1 AND kind = $2) AND n = $3`,
        [key.sha256, key.kind, n],
      );
      if (!row) return;
      yield row.data;
    }
  }

  async list(q: CaptureQuery): Promise<Page<CaptureRecord>> {
    const where = q.state ? STATE_WHERE[q.state] : '';
    const [count] = await this.query<{ n: number }>(
      `count-captures-${q.state ?? 'all'}`,
      `SELECT COUNT(*)::int AS n FROM captures ${where}`,
    );
    const rows = await this.query<CaptureRow>(
      `list-captures-${q.state ?? 'all'}`,
      `SELECT * FROM captures ${where} ORDER BY seq LIMIT $1 OFFSET $2`,
      [q.limit ?? null, q.offset ?? 0],
    );
    return { items: rows.map(captureFromRow), total: count!.n };
  }

  async claim(c: Claim): Promise<CaptureRecord | null> {
    return this.conn.atomic(async (db) => {
      await db.query({
        name: 'exhaust-captures',
        text: `UPDATE captures SET failed_at = $1, claimed_by = NULL, claim_expires = NULL,
            last_error = coalesce(last_error, 'a worker stopped while processing it')
          WHERE ${PENDING} AND attempts >= $2 AND (claim_expires IS NULL OR claim_expires < $1 ${C})`,
        values: [c.now, c.maxAttempts],
      });
      const { rows } = await db.query<CaptureRow>({
        name: 'claim-capture',
        text: `UPDATE captures SET claimed_by = $1, claim_expires = $2, attempts = attempts + 1
          WHERE seq = (SELECT c.seq FROM captures c
            WHERE c.processed_at IS NULL AND c.failed_at IS NULL AND c.bytes_complete
              AND (c.claim_expires IS NULL OR c.claim_expires < $3 ${C})
              AND NOT EXISTS (SELECT 1 FROM captures e WHERE e.origin = c.origin AND e.seq < c.seq
                AND e.processed_at IS NULL AND e.failed_at IS NULL AND e.bytes_complete)
            ORDER BY c.seq LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING *`,
        values: [c.worker, c.until, c.now],
      });
      return rows[0] ? captureFromRow(rows[0]) : null;
    });
  }

  async renew(key: CaptureKey, worker: string, until: string): Promise<boolean> {
    const rows = await this.query<{ seq: number }>(
      'renew-claim',
      `UPDATE captures SET claim_expires = $1
      WHERE sha256 = $2 AND kind = $3 AND claimed_by = $4 AND processed_at IS NULL RETURNING seq`,
      [until, key.sha256, key.kind, worker],
    );
    return rows.length > 0;
  }

  async finish(key: CaptureKey, worker: string | null, o: CaptureOutcome): Promise<boolean> {
    const rows = await this.query<{ seq: number }>(
      'finish-capture',
      `UPDATE captures SET processed_at = $1,
        errors = $2::json, options = coalesce($3::json, options), claimed_by = NULL, claim_expires = NULL,
        last_error = NULL
      WHERE sha256 = $4 AND kind = $5 AND ($6::text IS NULL OR claimed_by = $6::text) RETURNING seq`,
      [
        o.processedAt,
        JSON.stringify(o.errors),
        o.options ? JSON.stringify(o.options) : null,
        key.sha256,
        key.kind,
        worker,
      ],
    );
    return rows.length > 0;
  }

  async fail(
    key: CaptureKey,
    worker: string,
    error: string,
    at: string,
    final: boolean,
  ): Promise<void> {
    await this.query(
      'fail-capture',
      `UPDATE captures SET last_error = $1, claimed_by = NULL, claim_expires = NULL,
        failed_at = CASE WHEN $2::boolean THEN $3 ELSE NULL END
      WHERE sha256 = $4 AND kind = $5 AND claimed_by = $6`,
      [error, final, at, key.sha256, key.kind, worker],
    );
  }

  async giveBack(key: CaptureKey, worker: string): Promise<boolean> {
    const rows = await this.query<{ seq: number }>(
      'give-back-capture',
      `UPDATE captures SET claimed_by = NULL, claim_expires = NULL, attempts = greatest(attempts - 1, 0)
      WHERE sha256 = $1 AND kind = $2 AND claimed_by = $3 AND processed_at IS NULL RETURNING seq`,
      [key.sha256, key.kind, worker],
    );
    return rows.length > 0;
  }

  async release(workers: string[]): Promise<number> {
    if (!workers.length) return 0;
    const rows = await this.query<{ seq: number }>(
      'release-claims',
      `UPDATE captures
      SET claimed_by = NULL, claim_expires = NULL WHERE claimed_by = ANY($1::text[]) RETURNING seq`,
      [workers],
    );
    return rows.length;
  }

  /**
   * Incomplete rows no session is writing: a writer holds the capture's advisory lock from its
   * insert to `bytes_complete`, and a killed writer's session ends and frees it.
   */
  async dropAbandoned(): Promise<number> {
    const incomplete = await this.query<{ seq: number; sha256: string }>(
      'incomplete-captures',
      'SELECT seq, sha256 FROM captures WHERE NOT bytes_complete',
    );
    let dropped = 0;
    for (const row of incomplete) {
      const key = [parseInt(row.sha256.slice(0, 8), 16) | 0];
      await this.conn.withClient(async (db) => {
        const lock = await db.query<{ got: boolean }>(
          `SELECT pg_try_advisory_lock(${CAPTURE_LOCK}) AS got`,
          key,
        );
        if (!lock.rows[0]?.got) return;
        try {
          const gone = await db.query(
            'DELETE FROM captures WHERE seq = $1 AND NOT bytes_complete',
            [row.seq],
          );
          dropped += gone.rowCount ?? 0;
        } finally {
          await db.query(`SELECT pg_advisory_unlock(${CAPTURE_LOCK})`, key);
        }
      });
    }
    return dropped;
  }

  claims(): Promise<{ worker: string; captures: number }[]> {
    return this.query(
      'list-claims',
      `SELECT claimed_by AS worker, COUNT(*)::int AS captures FROM captures
      WHERE claimed_by IS NOT NULL AND processed_at IS NULL GROUP BY claimed_by ORDER BY claimed_by`,
    );
  }

  async requeue(which: 'failed' | 'all'): Promise<number> {
    const rows = await this.query<{ seq: number }>(
      `requeue-${which}`,
      which === 'failed'
        ? 'UPDATE captures SET failed_at = NULL, attempts = 0, last_error = NULL WHERE failed_at IS NOT NULL RETURNING seq'
        : REQUEUE_ALL,
    );
    return rows.length;
  }

  async requeueOne(key: CaptureKey, options: Record<string, string | number>): Promise<void> {
    await this.query(
      'requeue-one',
      `UPDATE captures SET processed_at = NULL, failed_at = NULL, attempts = 0,
      last_error = NULL, options = $1::json WHERE sha256 = $2 AND kind = $3`,
      [JSON.stringify(options), key.sha256, key.kind],
    );
  }
}

/** Every capture back in the queue with a fresh budget (also run by `clearDerived`). */
export const REQUEUE_ALL = `UPDATE captures SET processed_at = NULL, errors = '[]', failed_at = NULL, attempts = 0,
  last_error = NULL, claimed_by = NULL, claim_expires = NULL RETURNING seq`;
