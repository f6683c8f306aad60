/**
 * The pool, its transactions and the schema migrations of the PostgreSQL engine.
 *
 * A transaction pins one pooled client for its whole duration and records it in an AsyncLocalStorage,
 * so every query made inside `fn` (however deeply awaited) runs on that client, while concurrent callers
 * outside it keep using the pool. Once the transaction ends its record is marked closed: a stray async
 * continuation that still carries it (say an iterator started inside) falls back to the pool instead
 * of using a client already handed back.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { databaseProblem } from './lost.js';
import { migrations } from './migrations.js';
import { PlannerStatistics } from './statistics.js';
import { sessionConfig } from './session.js';
import { redact } from './url.js';
import { MatchPrefetch } from './match-prefetch.js';
import { ArticleBatch } from './article-batch.js';
import { ChangeWatch } from './change-watch.js';

import type { FirstVersion, StoredArticle } from '../types.js';

export type Queryable = Pick<pg.PoolClient, 'query'>;

interface Tx {
  client: pg.PoolClient;
  open: boolean;
  /** Match candidates read ahead for the writer (match-prefetch.ts); writers only, this one only. */
  prefetch: MatchPrefetch | null;
  /** New articles not yet sent, sent before the transaction's next statement (article-batch.ts). */
  batch: ArticleBatch | null;
  /**
   * The last statement asked of the client: each waits for the one before. Statements may be asked
   * before the previous one's answer (a read sent ahead), and a client runs one at a time.
   */
  tail: Promise<unknown>;
}

/** Articles kept for one statement at most: a few megabytes of parameters. */
const MAX_BATCHED_ARTICLES = 500;

/** BIGINT as a JS number: every BIGINT here (seq, sizes, counts, band keys) stays far below 2^53. */
const INT8_OID = 20;
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format),
} as pg.CustomTypesConfig;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Advisory lock keys, per schema so that archives in different schemas never wait on one another. */
const lockKey = (what: string) => `hashtextextended('wirewatch:${what}:' || current_schema(), 0)`;
/** The two-key form, for one capture: the schema's key and the first 32 bits of the sha-256 (`$1`). */
export const CAPTURE_LOCK = `hashtext('wirewatch:capture:' || current_schema()), $1::int4`;

export class Connection {
  private readonly als = new AsyncLocalStorage<Tx>();
  private ended = false;
  private readonly statistics = new PlannerStatistics(lockKey('statistics'));
  /** The archive's change token (change-watch.ts); it listens once a token is first asked for. */
  readonly changes: ChangeWatch;

  private constructor(
    readonly pool: pg.Pool,
    readonly where: string,
    listenerConfig: pg.ClientConfig,
  ) {
    this.changes = new ChangeWatch(listenerConfig, async () => {
      const { rows } = await this.q().query<{ token: string }>({
        name: 'change-token',
        text: 'SELECT pg_current_snapshot()::text AS token',
      });
      return rows[0]!.token;
    });
  }

  /** Connects, creates `schema` when given, and brings the schema up to date. */
  static async open(
    url: string,
    schema: string | undefined,
  ): Promise<{ connection: Connection; migrated: number }> {
    if (schema !== undefined && !SCHEMA_NAME.test(schema))
      throw new Error(`invalid PostgreSQL schema name ${JSON.stringify(schema)}`);
    const config = sessionConfig(url, schema);
    const pool = new pg.Pool({ ...config, types, max: 8 });
    // An idle client that loses its server is dropped by the pool; the next query reports the problem.
    pool.on('error', () => {});
    // A checked-out client has no listener of the pool's: without one, a backend terminated between
    // two queries (an index refresh, a transaction) is an uncaught 'error' that ends the process.
    // Its pending or next query fails instead, and release() drops the dead client.
    pool.on('connect', (client) => client.on('error', () => {}));
    const where = `${redact(url)}${schema ? ` (schema ${schema})` : ''}`;
    const connection = new Connection(pool, where, config);
    try {
      if (schema) await createSchema(pool, schema);
      const migrated = await connection.migrate();
      return { connection, migrated };
    } catch (error) {
      await connection.end();
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(message.includes(where) ? message : `PostgreSQL ${where}: ${message}`, {
        cause: error,
      });
    }
  }

  inTransaction(): boolean {
    return this.als.getStore()?.open === true;
  }

  /** The read-ahead match candidates of the write transaction we are in, or null outside one. */
  prefetch(): MatchPrefetch | null {
    const tx = this.als.getStore();
    return tx?.open ? tx.prefetch : null;
  }

  /**
   * Inside a write transaction, keeps `article` (known new: its id was read free) to be inserted with
   * others before the transaction's next statement, and says so; false elsewhere.
   */
  async deferInsert(article: StoredArticle, first?: FirstVersion): Promise<boolean> {
    const tx = this.als.getStore();
    if (!tx?.open || !tx.batch || !tx.prefetch?.takeFree(article.id)) return false;
    tx.batch.add(article, first);
    tx.prefetch.wrote(article);
    if (tx.batch.size >= MAX_BATCHED_ARTICLES) await this.sendBatch(tx);
    return true;
  }

  /** The client of the transaction we are in, or the pool. */
  q(): Queryable {
    const tx = this.als.getStore();
    return tx?.open ? this.guarded(tx.client, tx) : this.guarded(this.pool);
  }

  /**
   * `target`'s queries, a lost connection or a full disk among their errors turned into a 503
   * (./lost.ts); in a transaction, each after the one asked before it and the articles kept back.
   */
  private guarded(target: Queryable, tx?: Tx): Queryable {
    const query = (...args: unknown[]) => {
      const ask = () => (target.query as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      // In a transaction both go in its queue now, in this order: the kept-back articles first.
      const sent = tx ? this.sendBatch(tx) : null;
      const run = tx ? this.inTurn(tx, ask) : ask();
      const answered = sent ? Promise.all([sent, run]).then(([, result]) => result) : run;
      return answered.then(
        (result) => {
          // Outside a transaction a write is committed once answered (a transaction's, at COMMIT).
          if (!tx && wroteAnything(result, args[0])) this.changes.wrote();
          return result;
        },
        (error: unknown) => {
          throw databaseProblem(error);
        },
      );
    };
    return { query } as unknown as Queryable;
  }

  /** Runs `fn` on `tx`'s client once every statement asked before it has its answer. */
  private inTurn<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
    const run = tx.tail.then(fn);
    tx.tail = run.catch(() => {});
    return run;
  }

  /** Sends the articles `tx` kept back, if any: queued before anything asked after. */
  private async sendBatch(tx: Tx): Promise<void> {
    const statement = tx.batch?.take();
    if (!statement) return;
    const { rows } = await this.inTurn(tx, () =>
      tx.client.query<{ inserted: number }>({
        name: 'insert-article-batch',
        text: statement.text,
        values: statement.values,
      }),
    );
    if (rows[0]?.inserted !== statement.count)
      throw new Error(
        `${statement.count - (rows[0]?.inserted ?? 0)} of ${statement.count} new articles found their id taken`,
      );
  }

  private async connect(): Promise<pg.PoolClient> {
    return this.pool.connect().catch((error: unknown) => {
      throw databaseProblem(error);
    });
  }

  /**
   * Runs `fn` in a transaction on one pinned client; nested calls join the outer one. `lock` names an
   * advisory lock taken first and held until the end (the writer lock: see index.ts). After a writer's
   * commit, the tables it grew get fresh planner statistics when they need them (statistics.ts).
   */
  async transaction<T>(fn: () => Promise<T>, lock?: string): Promise<T> {
    if (this.als.getStore()?.open) return fn();
    const client = await this.connect();
    const writer = lock === 'write';
    const tx: Tx = {
      client,
      open: true,
      prefetch: writer ? new MatchPrefetch() : null,
      batch: writer ? new ArticleBatch() : null,
      tail: Promise.resolve(),
    };
    let broken: Error | undefined;
    try {
      // One round trip: BEGIN and the lock go together (a simple query may hold several statements).
      await client.query(lock ? `BEGIN; SELECT pg_advisory_xact_lock(${lockKey(lock)})` : 'BEGIN');
      const result = await this.als.run(tx, fn);
      await this.sendBatch(tx);
      await tx.tail;
      tx.open = false;
      // Asked with the COMMIT, in its round trip: a transaction that wrote has an xid.
      const [asked] = (await client.query(
        'SELECT txid_current_if_assigned() IS NOT NULL AS wrote; COMMIT',
      )) as unknown as [pg.QueryResult<{ wrote: boolean }>];
      if (asked.rows[0]?.wrote) this.changes.wrote();
      if (lock === 'write') await this.statistics.afterCommit(client);
      return result;
    } catch (error) {
      tx.open = false;
      // A statement sent ahead may still be on its way: the client takes one at a time.
      await tx.tail;
      await client.query('ROLLBACK').catch((e: Error) => {
        broken = e;
      });
      throw databaseProblem(error);
    } finally {
      client.release(broken);
    }
  }

  /** Brings the planner statistics of the tables writes grew up to date now (statistics.ts). */
  async refreshStatistics(): Promise<void> {
    const client = await this.connect();
    try {
      await this.statistics.settle(client);
    } finally {
      client.release();
    }
  }

  /** One client for a run of statements: the transaction's when inside one, else a pooled one. */
  async withClient<T>(fn: (client: Queryable) => Promise<T>): Promise<T> {
    const tx = this.als.getStore();
    if (tx?.open) return fn(this.guarded(tx.client, tx));
    const client = await this.connect();
    let broken: Error | undefined;
    try {
      return await fn(this.guarded(client));
    } catch (error) {
      if (!isSqlError(error)) broken = error as Error;
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** A few statements that must apply together, without the writer lock: joins a transaction if in one. */
  async atomic<T>(fn: (client: Queryable) => Promise<T>): Promise<T> {
    const tx = this.als.getStore();
    if (tx?.open) return fn(this.guarded(tx.client, tx));
    return this.transaction(() => fn(this.q()));
  }

  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.changes.close();
    await this.pool.end();
  }

  private async migrate(): Promise<number> {
    return this.transaction(async () => {
      const c = this.q();
      const {
        rows: [here],
      } = await c.query<{ schema: string | null }>('SELECT current_schema() AS schema');
      if (!here?.schema)
        throw new Error(
          'no schema to create the archive in: the search_path names none that exists (create it first)',
        );
      await c.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
      const { rows } = await c.query<{ version: number }>('SELECT version FROM schema_version');
      const current = rows[0]?.version ?? 0;
      if (current > migrations.length) {
        throw new Error(
          `archive ${this.where} has schema ${current}, newer than this wirewatch (${migrations.length}): upgrade wirewatch`,
        );
      }
      for (let v = current; v < migrations.length; v++) await c.query(migrations[v]!);
      if (current < migrations.length) {
        await c.query('DELETE FROM schema_version');
        await c.query('INSERT INTO schema_version (version) VALUES ($1)', [migrations.length]);
      }
      return migrations.length - current;
    }, 'migrate');
  }
}

async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    // Two processes creating it at once: the loser sees a duplicate, which is just as good.
    if ((error as { code?: string }).code !== '23505') throw error;
  }
}

const WRITES = /^(?:INSERT|UPDATE|DELETE|MERGE|COPY)$/;
const DEFINES = /^(?:CREATE|ALTER|DROP|TRUNCATE)$/;

/** A data-modifying `WITH`: it answers as a SELECT whatever it wrote. */
const WRITING_WITH = /^\s*WITH\b[\s\S]*\b(?:INSERT|UPDATE|DELETE|MERGE)\b/i;

/**
 * Whether a statement's answer (or a simple query's answers) says it changed something, or its text
 * is a `WITH … INSERT`: its notification (change-watch.ts) would move the token only a moment later,
 * after the writer's next read perhaps.
 */
function wroteAnything(result: unknown, statement: unknown): boolean {
  const text = typeof statement === 'string' ? statement : (statement as { text?: unknown })?.text;
  if (typeof text === 'string' && WRITING_WITH.test(text)) return true;
  const results = Array.isArray(result) ? (result as pg.QueryResult[]) : [result as pg.QueryResult];
  return results.some(
    (r) => DEFINES.test(r?.command ?? '') || (WRITES.test(r?.command ?? '') && r.rowCount !== 0),
  );
}

/** An error the server reported for a statement: the connection itself is still fine. */
function isSqlError(error: unknown): boolean {
  return error instanceof pg.DatabaseError;
}
