/**
 * Captures in the SQLite engine: their bytes (chunks) and the queue the pipeline drains
 * (pipeline/driver.ts). The PostgreSQL counterpart is ../postgres/captures.ts.
 */
import type Database from 'better-sqlite3';
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
import { captureFromRow, type CaptureRow } from './rows.js';
import { isDeadLocalHolder, newHolderId } from '../holder.js';
import type { SqliteWriter } from './writer.js';

/** How often, and how long at most, a process waits for another that is writing the same capture. */
const WRITE_POLL_MS = 100;
const WRITE_WAIT_MS = 120_000;

export class SqliteCaptures {
  private readonly stmt;
  /** This process, as the holder of the captures it is writing. */
  private readonly holder = newHolderId();

  constructor(
    private readonly db: Database.Database,
    private readonly writer: SqliteWriter,
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.stmt = {
      get: p('SELECT * FROM captures WHERE sha256 = ? AND kind = ?'),
      ofSha256: p('SELECT * FROM captures WHERE sha256 = ? ORDER BY seq'),
      remove: p('DELETE FROM captures WHERE sha256 = ? AND kind = ?'),
      removeSeq: p('DELETE FROM captures WHERE seq = ?'),
      insert:
        p(`INSERT INTO captures (sha256, kind, origin, captured_at, media_type, size, stored_encoding, options,
        parent_seq, claimed_by) VALUES (@sha256, @kind, @origin, @captured_at, @media_type, @size, @stored_encoding,
        @options, @parent_seq, @claimed_by)`),
      insertChunk: p('INSERT INTO capture_chunks (capture_seq, n, data) VALUES (?, ?, ?)'),
      complete: p('UPDATE captures SET bytes_complete = 1, claimed_by = NULL WHERE seq = ?'),
      chunk: p(`SELECT data FROM capture_chunks
        WHERE capture_seq = (SELECT seq FROM captures WHERE sha256 = ? AND kind = ?) AND n = ?`),
      // What used up its budget and has no live claim: parked as failed rather than claimed again.
      exhaust: p(`UPDATE captures SET failed_at = @now, claimed_by = NULL, claim_expires = NULL,
          last_error = coalesce(last_error, 'a worker stopped while processing it')
        WHERE ${PENDING} AND attempts >= @max AND (claim_expires IS NULL OR claim_expires < @now)`),
      claim:
        p(`UPDATE captures SET claimed_by = @worker, claim_expires = @until, attempts = attempts + 1
        WHERE seq = (SELECT c.seq FROM captures c
          WHERE c.processed_at IS NULL AND c.failed_at IS NULL AND c.bytes_complete = 1
            AND (c.claim_expires IS NULL OR c.claim_expires < @now)
            AND NOT EXISTS (SELECT 1 FROM captures e WHERE e.origin = c.origin AND e.seq < c.seq
              AND e.processed_at IS NULL AND e.failed_at IS NULL AND e.bytes_complete = 1)
          ORDER BY c.seq LIMIT 1)
        RETURNING *`),
      renew:
        p(`UPDATE captures SET claim_expires = ? WHERE sha256 = ? AND kind = ? AND claimed_by = ?
        AND processed_at IS NULL`),
      finish:
        p(`UPDATE captures SET processed_at = @at, errors = @errors, options = coalesce(@options, options),
          claimed_by = NULL, claim_expires = NULL, last_error = NULL
        WHERE sha256 = @sha256 AND kind = @kind AND (@worker IS NULL OR claimed_by = @worker)`),
      fail: p(`UPDATE captures SET last_error = @error, claimed_by = NULL, claim_expires = NULL,
          failed_at = CASE WHEN @final THEN @at ELSE NULL END
        WHERE sha256 = @sha256 AND kind = @kind AND claimed_by = @worker`),
      claims: p(`SELECT claimed_by AS worker, COUNT(*) AS captures FROM captures
        WHERE claimed_by IS NOT NULL AND processed_at IS NULL AND bytes_complete = 1 GROUP BY claimed_by ORDER BY claimed_by`),
      release: p(
        'UPDATE captures SET claimed_by = NULL, claim_expires = NULL WHERE claimed_by = ?',
      ),
      giveBack: p(`UPDATE captures SET claimed_by = NULL, claim_expires = NULL,
          attempts = max(attempts - 1, 0)
        WHERE sha256 = ? AND kind = ? AND claimed_by = ? AND processed_at IS NULL`),
      incompleteWriters: p(`SELECT DISTINCT claimed_by AS holder FROM captures
        WHERE claimed_by IS NOT NULL AND bytes_complete = 0`),
      dropIncomplete: p('DELETE FROM captures WHERE claimed_by = ? AND bytes_complete = 0'),
      requeueFailed: p(`UPDATE captures SET failed_at = NULL, attempts = 0, last_error = NULL
        WHERE failed_at IS NOT NULL`),
    };
  }

  get(key: CaptureKey): CaptureRecord | null {
    const row = this.stmt.get.get(key.sha256, key.kind) as CaptureRow | undefined;
    return row ? captureFromRow(row) : null;
  }

  ofSha256(sha256: string): CaptureRecord[] {
    return (this.stmt.ofSha256.all(sha256) as CaptureRow[]).map(captureFromRow);
  }

  /**
   * Writes the bytes chunk by chunk, the row marked as held by this process (`claimed_by`) until
   * complete. Another process storing the same bytes meanwhile waits for it rather than deleting a
   * row that is still being written; a row left incomplete by a dead writer is replaced.
   */
  async put(c: NewCapture, chunks: AsyncIterable<Uint8Array>): Promise<void> {
    const seq = await this.startWrite(c);
    if (seq === null) return;
    let n = 0;
    try {
      for await (const chunk of chunks) {
        const at = n++;
        await this.writer.write(() => this.stmt.insertChunk.run(seq, at, chunk));
      }
    } catch (error) {
      if (error instanceof AbandonedWrite)
        await this.writer.write(() => this.stmt.removeSeq.run(seq));
      throw error;
    }
    await this.writer.write(() => this.stmt.complete.run(seq));
  }

  /** The new row's seq, or null when the capture is (or, after waiting, became) complete. */
  private async startWrite(c: NewCapture): Promise<number | null> {
    for (let waited = 0; ; waited += WRITE_POLL_MS) {
      const step = await this.writer.write(() =>
        this.db
          .transaction(() => {
            const row = this.stmt.get.get(c.sha256, c.kind) as CaptureRow | undefined;
            if (row?.bytes_complete === 1) return 'done' as const;
            const holder = row?.claimed_by ?? null;
            if (
              row &&
              holder &&
              holder !== this.holder &&
              !isDeadLocalHolder(holder) &&
              waited < WRITE_WAIT_MS
            )
              return 'wait' as const;
            this.stmt.remove.run(c.sha256, c.kind);
            return Number(
              this.stmt.insert.run({
                sha256: c.sha256,
                kind: c.kind,
                origin: c.origin,
                captured_at: c.capturedAt,
                media_type: c.mediaType,
                size: c.size,
                stored_encoding: c.storedEncoding,
                options: JSON.stringify(c.options),
                parent_seq: c.parentSeq ?? null,
                claimed_by: this.holder,
              }).lastInsertRowid,
            );
          })
          .immediate(),
      );
      if (step === 'done') return null;
      if (step !== 'wait') return step;
      await new Promise((resolve) => setTimeout(resolve, WRITE_POLL_MS));
    }
  }

  async *chunks(key: CaptureKey): AsyncIterable<Uint8Array> {
    // One chunk per query: an open iterator would lock the connection against the writes made meanwhile.
    for (let n = 0; ; n++) {
      const row = this.stmt.chunk.get(key.sha256, key.kind, n) as { data: Buffer } | undefined;
      if (!row) return;
      yield row.data;
    }
  }

  list(q: CaptureQuery): Page<CaptureRecord> {
    const where = q.state ? STATE_WHERE[q.state] : '';
    const total = (
      this.db.prepare(`SELECT COUNT(*) AS n FROM captures ${where}`).get() as { n: number }
    ).n;
    const rows = this.db
      .prepare(`SELECT * FROM captures ${where} ORDER BY seq LIMIT ? OFFSET ?`)
      .all(q.limit ?? -1, q.offset ?? 0) as CaptureRow[];
    return { items: rows.map(captureFromRow), total };
  }

  claim(c: Claim): Promise<CaptureRecord | null> {
    return this.writer.write(() => {
      this.stmt.exhaust.run({ now: c.now, max: c.maxAttempts });
      const row = this.stmt.claim.get({ worker: c.worker, until: c.until, now: c.now }) as
        CaptureRow | undefined;
      return row ? captureFromRow(row) : null;
    });
  }

  renew(key: CaptureKey, worker: string, until: string): Promise<boolean> {
    return this.writer.write(
      () => this.stmt.renew.run(until, key.sha256, key.kind, worker).changes > 0,
    );
  }

  finish(key: CaptureKey, worker: string | null, o: CaptureOutcome): Promise<boolean> {
    return this.writer.write(
      () =>
        this.stmt.finish.run({
          sha256: key.sha256,
          kind: key.kind,
          worker,
          at: o.processedAt,
          errors: JSON.stringify(o.errors),
          options: o.options ? JSON.stringify(o.options) : null,
        }).changes > 0,
    );
  }

  async fail(
    key: CaptureKey,
    worker: string,
    error: string,
    at: string,
    final: boolean,
  ): Promise<void> {
    await this.writer.write(() =>
      this.stmt.fail.run({
        sha256: key.sha256,
        kind: key.kind,
        worker,
        error,
        at,
        final: final ? 1 : 0,
      }),
    );
  }

  release(workers: string[]): Promise<number> {
    return this.writer.write(() =>
      workers.reduce((n, w) => n + this.stmt.release.run(w).changes, 0),
    );
  }

  giveBack(key: CaptureKey, worker: string): Promise<boolean> {
    return this.writer.write(
      () => this.stmt.giveBack.run(key.sha256, key.kind, worker).changes > 0,
    );
  }

  /** Incomplete rows held by a dead process of this host (`claimed_by` is their writer). */
  dropAbandoned(): Promise<number> {
    const writers = this.stmt.incompleteWriters.all() as { holder: string }[];
    const dead = writers.map((w) => w.holder).filter(isDeadLocalHolder);
    if (dead.length === 0) return Promise.resolve(0);
    return this.writer.write(() =>
      dead.reduce((n, holder) => n + this.stmt.dropIncomplete.run(holder).changes, 0),
    );
  }

  claims(): { worker: string; captures: number }[] {
    return this.stmt.claims.all() as { worker: string; captures: number }[];
  }

  requeue(which: 'failed' | 'all'): Promise<number> {
    return this.writer.write(() =>
      which === 'failed' ? this.stmt.requeueFailed.run().changes : this.requeueAll(),
    );
  }

  async requeueOne(key: CaptureKey, options: Record<string, string | number>): Promise<void> {
    await this.writer.write(() =>
      this.db
        .prepare(
          `UPDATE captures SET processed_at = NULL, failed_at = NULL,
      attempts = 0, last_error = NULL, options = ? WHERE sha256 = ? AND kind = ?`,
        )
        .run(JSON.stringify(options), key.sha256, key.kind),
    );
  }

  /** Part of `clearDerived`, inside its transaction. */
  requeueAll(): number {
    return this.db
      .prepare(
        `UPDATE captures SET processed_at = NULL, errors = '[]', failed_at = NULL, attempts = 0,
      last_error = NULL, claimed_by = NULL, claim_expires = NULL`,
      )
      .run().changes;
  }
}
