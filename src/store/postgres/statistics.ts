/**
 * Planner statistics kept up to date by the engine itself, and the dead rows autovacuum would clear
 * cleared at the end of a drain where it does not run (see `vacuumUnvacuumed`). The lookups an
 * import makes for every text (keys, body hash, MinHash bands) are planned from each table's
 * statistics, and their named statements keep the plan they got until a table's statistics change.
 * PostgreSQL's autovacuum normally refreshes statistics as a table grows, but a server may run with
 * it off (this machine's does), and even with it on it looks only once a minute: an import into a
 * new archive would plan every lookup on an empty table and keep those plans (sequential scans,
 * merge joins over a whole index) while the table grows to thousands of rows, each lookup slower
 * than the last (docs/benchmarks.md, "PostgreSQL import").
 *
 * So after a write transaction commits (on its client, before the pool has it back), at most once a
 * second per process, the engine ANALYZEs the archive's tables that changed by more than 50 rows and
 * more than the rows they held at their last analysis:
 * after the first batch of a new archive, then each time a table has doubled; and at the end of each
 * drain, the tables that changed by more than a tenth, so an import leaves fresh statistics behind. ANALYZE samples at most
 * 30,000 rows whatever the table's size (about half a second for `articles`), so this is a dozen runs
 * over an import of 220k articles, a cost per article that stays flat. The new statistics invalidate
 * the cached plans, so every statement is planned again from them. (Autovacuum's own rule, 10 % of
 * growth, would analyze 60 times over the 22k import and cost more than it saves: plans need the
 * shape of the data, which a table twice as large still has.)
 */
import type { Queryable } from './connection.js';

/** How often, at most, one process looks for tables whose statistics are out of date. */
export const STATISTICS_CHECK_MS = 1000;
/** A table is analyzed once it changed by more than this many rows and more than it held last time. */
export const ANALYZE_MIN_CHANGES = 50;
/** At the end of a drain: a table is analyzed once more than this share of its rows changed. */
export const SETTLED_SHARE = 0.1;

/**
 * One round trip: which of the schema's tables changed too much since their last ANALYZE, and (when
 * some did) ANALYZE them, unless another process is doing it (a try-lock for this transaction only).
 * ANALYZE may run inside a function, unlike VACUUM, and takes no lock that blocks readers or writers.
 */
const analyzeStale = (lock: string, share: number) => `DO $$
DECLARE tables text;
BEGIN
  SELECT string_agg(format('%I', c.relname), ', ' ORDER BY c.relname) INTO tables FROM pg_class c
  WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND c.relkind = 'r'
    AND pg_stat_get_mod_since_analyze(c.oid) > greatest(${ANALYZE_MIN_CHANGES}, ${share} * c.reltuples);
  IF tables IS NOT NULL AND pg_try_advisory_xact_lock(${lock}) THEN
    EXECUTE 'ANALYZE ' || tables;
  END IF;
END $$`;

/**
 * The schema's tables that autovacuum does not vacuum (off on the server, or for the table) and that
 * hold more dead rows than its rule lets a table keep: 50 and a fifth of its rows. Updated rows and
 * folded figures (migration 19) leave dead rows that only a VACUUM clears: without one, a table
 * only grows, and an index-only scan reads the table too.
 */
const UNVACUUMED = `SELECT string_agg(format('%I', c.relname), ', ' ORDER BY c.relname) AS tables
  FROM pg_class c
  WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND c.relkind = 'r'
    AND (current_setting('autovacuum') = 'off' OR 'autovacuum_enabled=false' = ANY(c.reloptions))
    AND pg_stat_get_dead_tuples(c.oid) > 50 + 0.2 * greatest(c.reltuples, 0)`;

/**
 * The counts the check reads are those each server process publishes, at most once a second when it
 * goes idle: the writer's own, just committed, are published at once (PostgreSQL 15 and later).
 */
const PUBLISH_COUNTS = `DO $$ BEGIN
  IF to_regproc('pg_catalog.pg_stat_force_next_flush') IS NOT NULL THEN PERFORM pg_stat_force_next_flush(); END IF;
END $$`;

export class PlannerStatistics {
  private checkedAt = 0;

  /** `lock`: the SQL of the advisory lock key that keeps two processes from analyzing at once. */
  constructor(private readonly lock: string) {}

  /**
   * After a write transaction committed on `client` (not yet handed back): analyzes what grew, when a
   * second has passed since this process last looked. A failure is not the committed transaction's:
   * it is left for the next check (and the next query).
   */
  async afterCommit(client: Queryable): Promise<void> {
    if (Date.now() - this.checkedAt < STATISTICS_CHECK_MS) return;
    await this.check(client, 1);
  }

  /**
   * At the end of a run of writes (a drain), now, whenever this process last looked: analyzes the
   * tables that changed by more than a tenth (autovacuum's own rule), so that the last commits of an
   * import, which may follow the one before within the second or less than double a table, are not
   * left to the next writer. Once per drain, not per commit, so the finer rule costs little.
   */
  async settle(client: Queryable): Promise<void> {
    await this.check(client, SETTLED_SHARE);
    await vacuumUnvacuumed(client);
  }

  private async check(client: Queryable, share: number): Promise<void> {
    this.checkedAt = Date.now();
    try {
      await client.query(PUBLISH_COUNTS);
      await client.query(analyzeStale(this.lock, share));
    } catch {
      // left for the next check
    }
  }
}

/**
 * What autovacuum would do after a drain, where it does not run. VACUUM cannot run in a transaction
 * or a function, so the tables are listed first; SKIP_LOCKED leaves a table another VACUUM or an
 * ANALYZE holds to the next drain. A failure is left to the next drain too.
 */
async function vacuumUnvacuumed(client: Queryable): Promise<void> {
  try {
    const { rows } = await client.query<{ tables: string | null }>(UNVACUUMED);
    if (rows[0]?.tables) await client.query(`VACUUM (SKIP_LOCKED) ${rows[0].tables}`);
  } catch {
    // left for the next drain
  }
}
