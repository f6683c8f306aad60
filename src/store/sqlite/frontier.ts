/**
 * The crawl frontier in the SQLite engine: entries (URLs with when they are due and who holds them),
 * hosts (whose turn it is, shared by every process on the file) and robots.txt as read. Sweeps and
 * seeding are in ./sweeps.ts. The PostgreSQL counterpart is ../postgres/frontier.ts.
 */
import type Database from 'better-sqlite3';
import {
  PRIORITY,
  type EnqueueMode,
  type FrontierClaim,
  type FrontierCounts,
  type FrontierEntry,
  type FrontierQuery,
  type FrontierResult,
  type FrontierSeed,
  type HostState,
  type HostTurn,
  type RobotsRecord,
  type SweepOutcome,
  SWEEP_OUTCOMES,
} from '../frontier-types.js';
import type { SqliteWriter } from './writer.js';
import {
  entryFromRow,
  hostFromRow,
  SWEEP_DONE,
  type FrontierRow,
  type HostRow,
} from '../frontier-rows.js';

/** Highest first: one indexed range read per level, never a scan past entries not yet due. */
const LEVELS = Object.values(PRIORITY).sort((a, b) => b - a);

export class SqliteFrontier {
  private readonly stmt;

  constructor(
    private readonly db: Database.Database,
    private readonly writer: SqliteWriter,
  ) {
    const p = (sql: string) => db.prepare(sql);
    this.stmt = {
      insertKeep:
        p(`INSERT INTO frontier (url, crawl_source, kind, host, priority, due_at, walk_due_at, added_at)
        VALUES (@url, @crawlSource, @kind, @host, @priority, @dueAt, @walkDueAt, @now)
        ON CONFLICT(url) DO NOTHING`),
      insertSooner:
        p(`INSERT INTO frontier (url, crawl_source, kind, host, priority, due_at, walk_due_at, added_at)
        VALUES (@url, @crawlSource, @kind, @host, @priority, @dueAt, @walkDueAt, @now)
        ON CONFLICT(url) DO UPDATE SET priority = max(priority, excluded.priority),
          due_at = min(due_at, excluded.due_at),
          walk_due_at = CASE WHEN excluded.walk_due_at IS NULL THEN walk_due_at
            WHEN walk_due_at IS NULL THEN excluded.walk_due_at ELSE min(walk_due_at, excluded.walk_due_at) END`),
      insertHost: p('INSERT INTO crawl_hosts (host) VALUES (?) ON CONFLICT(host) DO NOTHING'),
      claimOne: p(`UPDATE frontier SET claimed_by = @worker, claim_expires = @until
        WHERE url = (SELECT url FROM frontier WHERE host = @host AND priority = @priority AND due_at <= @now
          AND (claim_expires IS NULL OR claim_expires < @now) AND crawl_source IN (SELECT value FROM json_each(@sources))
          ORDER BY due_at LIMIT 1)
        RETURNING *`),
      renew: p(
        'UPDATE frontier SET claim_expires = ? WHERE url = ? AND claimed_by = ? RETURNING url',
      ),
      finish: p(`UPDATE frontier SET last_fetched_at = @fetchedAt, last_status = @status,
          last_outcome = @outcome, etag = @etag, last_modified = @lastModified, due_at = @dueAt,
          priority = @priority, failures = @failures, fetches = fetches + 1,
          walk_due_at = CASE WHEN @setWalk THEN @walkDueAt ELSE walk_due_at END,
          walk_capture = coalesce(@walkCapture, walk_capture),
          claimed_by = NULL, claim_expires = NULL
        WHERE url = @url`),
      finishItems: p(`UPDATE sweep_items SET outcome = @outcome, detail = @detail, checked_at = @at
        WHERE url = @url AND outcome IS NULL RETURNING sweep_id`),
      finishSweep: p(`UPDATE sweeps SET last_checked_at = @at,
          finished_at = CASE WHEN finished_at IS NULL AND ${SWEEP_DONE} >= total THEN @at ELSE finished_at END
        WHERE id = @id`),
      release: p(
        'UPDATE frontier SET claimed_by = NULL, claim_expires = NULL WHERE url = ? AND claimed_by = ?',
      ),
      releaseWorker: p(
        'UPDATE frontier SET claimed_by = NULL, claim_expires = NULL WHERE claimed_by = ?',
      ),
      releaseHosts: p('UPDATE crawl_hosts SET holder = NULL, lease_until = 0 WHERE holder = ?'),
      get: p('SELECT * FROM frontier WHERE url = ?'),
      holders: p(`SELECT claimed_by AS worker FROM frontier WHERE claimed_by IS NOT NULL
        UNION SELECT holder FROM crawl_hosts WHERE holder IS NOT NULL`),
      counts: p(`SELECT crawl_source AS crawlSource, kind, COUNT(*) AS total,
          SUM(due_at <= @now) AS due, SUM(failures > 0) AS failing
        FROM frontier GROUP BY crawl_source, kind ORDER BY crawl_source, kind`),
      nextDue: p(`SELECT min(CASE WHEN claim_expires IS NOT NULL AND claim_expires >= @now THEN NULL
          ELSE due_at END) AS due
        FROM frontier WHERE crawl_source IN (SELECT value FROM json_each(@sources))`),
      hosts:
        p(`SELECT h.* FROM crawl_hosts h WHERE EXISTS (SELECT 1 FROM frontier f WHERE f.host = h.host
          AND f.crawl_source IN (SELECT value FROM json_each(?))) ORDER BY h.host`),
      pruneLists: p(`DELETE FROM frontier WHERE crawl_source = ? AND kind = 'list'
          AND url NOT IN (SELECT value FROM json_each(?))`),
      turn: p(`UPDATE crawl_hosts SET holder = @worker, lease_until = @leaseUntil
        WHERE host = @host AND next_at <= @now AND blocked_until <= @now
          AND (holder IS NULL OR holder = @worker OR lease_until < @now)
        RETURNING host`),
      getHost: p('SELECT * FROM crawl_hosts WHERE host = ?'),
      endTurn:
        p(`UPDATE crawl_hosts SET holder = NULL, lease_until = 0, next_at = max(next_at, @nextAt)
        WHERE host = @host AND holder = @worker`),
      getRobots: p('SELECT * FROM crawl_robots WHERE origin = ?'),
      putRobots: p(`INSERT INTO crawl_robots (origin, status, body, fetched_at, expires_at)
        VALUES (@origin, @status, @body, @fetchedAt, @expiresAt)
        ON CONFLICT(origin) DO UPDATE SET status = excluded.status, body = excluded.body,
          fetched_at = excluded.fetched_at, expires_at = excluded.expires_at`),
    };
  }

  enqueue(seeds: FrontierSeed[], mode: EnqueueMode): Promise<number> {
    const insert = mode === 'keep' ? this.stmt.insertKeep : this.stmt.insertSooner;
    const now = new Date().toISOString();
    return this.writer.write(() =>
      this.db.transaction(() => {
        let changed = 0;
        const hosts = new Set<string>();
        for (const s of seeds) {
          changed += insert.run({ ...s, walkDueAt: s.walkDueAt ?? null, now }).changes;
          hosts.add(s.host);
        }
        for (const host of hosts) this.stmt.insertHost.run(host);
        return changed;
      })(),
    );
  }

  claim(c: FrontierClaim): Promise<FrontierEntry | null> {
    const sources = JSON.stringify(c.crawlSources);
    const levels = LEVELS.filter((level) => !c.priorities || c.priorities.includes(level));
    return this.writer.write(() => {
      for (const host of c.hosts) {
        for (const priority of levels) {
          const row = this.stmt.claimOne.get({ ...c, host, priority, sources }) as
            FrontierRow | undefined;
          if (row) return entryFromRow(row);
        }
      }
      return null;
    });
  }

  renew(url: string, worker: string, until: string): Promise<boolean> {
    return this.writer.write(() => this.stmt.renew.get(until, url, worker) !== undefined);
  }

  finish(
    url: string,
    _worker: string,
    r: FrontierResult,
    sweep: { outcome: SweepOutcome; detail: string | null } | null,
  ): Promise<void> {
    return this.writer.write(() =>
      this.db.transaction(() => {
        this.stmt.finish.run({
          ...r,
          url,
          setWalk: r.walkDueAt === undefined ? 0 : 1,
          walkDueAt: r.walkDueAt ?? null,
          walkCapture: r.walkCapture ?? null,
        });
        if (!sweep) return;
        if (!SWEEP_OUTCOMES.includes(sweep.outcome)) throw new Error(`no outcome ${sweep.outcome}`);
        const rows = this.stmt.finishItems.all({ ...sweep, url, at: r.fetchedAt }) as {
          sweep_id: number;
        }[];
        const count = this.db.prepare(
          `UPDATE sweeps SET n_${sweep.outcome} = n_${sweep.outcome} + 1 WHERE id = ?`,
        );
        for (const { sweep_id } of rows) {
          count.run(sweep_id);
          this.stmt.finishSweep.run({ id: sweep_id, at: r.fetchedAt });
        }
      })(),
    );
  }

  async release(url: string, worker: string): Promise<void> {
    await this.writer.write(() => this.stmt.release.run(url, worker));
  }

  releaseWorkers(workers: string[]): Promise<number> {
    return this.writer.write(() =>
      workers.reduce((n, w) => {
        this.stmt.releaseHosts.run(w);
        return n + this.stmt.releaseWorker.run(w).changes;
      }, 0),
    );
  }

  leaseHolders(): string[] {
    return (this.stmt.holders.all() as { worker: string }[]).map((r) => r.worker);
  }

  get(url: string): FrontierEntry | null {
    const row = this.stmt.get.get(url) as FrontierRow | undefined;
    return row ? entryFromRow(row) : null;
  }

  list(q: FrontierQuery): { items: FrontierEntry[]; total: number } {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (term: string, value: unknown) => (where.push(term), params.push(value));
    if (q.crawlSource) add('crawl_source = ?', q.crawlSource);
    if (q.kind) add('kind = ?', q.kind);
    if (q.dueBy) add('due_at <= ?', q.dueBy);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (
      this.db.prepare(`SELECT COUNT(*) AS n FROM frontier ${clause}`).get(...params) as {
        n: number;
      }
    ).n;
    const rows = this.db
      .prepare(`SELECT * FROM frontier ${clause} ORDER BY due_at, url LIMIT ? OFFSET ?`)
      .all(...params, q.limit ?? 50, q.offset ?? 0) as FrontierRow[];
    return { items: rows.map(entryFromRow), total };
  }

  counts(now: string): FrontierCounts[] {
    return this.stmt.counts.all({ now }) as FrontierCounts[];
  }

  nextDue(crawlSources: string[], now: string): string | null {
    const row = this.stmt.nextDue.get({ sources: JSON.stringify(crawlSources), now }) as {
      due: string | null;
    };
    return row.due;
  }

  hosts(crawlSources: string[]): HostState[] {
    return (this.stmt.hosts.all(JSON.stringify(crawlSources)) as HostRow[]).map(hostFromRow);
  }

  pruneLists(crawlSource: string, keepUrls: string[]): Promise<number> {
    return this.writer.write(
      () => this.stmt.pruneLists.run(crawlSource, JSON.stringify(keepUrls)).changes,
    );
  }

  takeHostTurn(host: string, worker: string, now: number, leaseUntil: number): Promise<HostTurn> {
    return this.writer.write(() => {
      this.stmt.insertHost.run(host);
      if (this.stmt.turn.get({ host, worker, now, leaseUntil })) return { granted: true };
      const h = hostFromRow(this.stmt.getHost.get(host) as HostRow);
      const held = h.holder && h.holder !== worker ? h.leaseUntil : 0;
      return {
        granted: false,
        waitUntil: Math.max(h.nextAt, h.blockedUntil, held, now + 1),
        holder: h.holder && h.holder !== worker && h.leaseUntil >= now ? h.holder : null,
      };
    });
  }

  async endHostTurn(host: string, worker: string, nextAt: number): Promise<void> {
    await this.writer.write(() => this.stmt.endTurn.run({ host, worker, nextAt }));
  }

  async updateHost(
    host: string,
    patch: Partial<Pick<HostState, 'crawlDelayMs' | 'strikes' | 'blockedUntil'>>,
  ): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [];
    const set = (term: string, value: unknown) => (sets.push(term), params.push(value));
    if (patch.crawlDelayMs !== undefined) set('crawl_delay_ms = ?', patch.crawlDelayMs);
    if (patch.strikes !== undefined) set('strikes = ?', patch.strikes);
    if (patch.blockedUntil !== undefined)
      set('blocked_until = max(blocked_until, ?)', patch.blockedUntil);
    if (!sets.length) return;
    await this.writer.write(() => {
      this.stmt.insertHost.run(host);
      this.db
        .prepare(`UPDATE crawl_hosts SET ${sets.join(', ')} WHERE host = ?`)
        .run(...params, host);
    });
  }

  getHost(host: string): HostState | null {
    const row = this.stmt.getHost.get(host) as HostRow | undefined;
    return row ? hostFromRow(row) : null;
  }

  getRobots(origin: string): RobotsRecord | null {
    const r = this.stmt.getRobots.get(origin) as
      | {
          origin: string;
          status: number | null;
          body: string;
          fetched_at: number;
          expires_at: number;
        }
      | undefined;
    return r
      ? {
          origin: r.origin,
          status: r.status,
          body: r.body,
          fetchedAt: r.fetched_at,
          expiresAt: r.expires_at,
        }
      : null;
  }

  async putRobots(record: RobotsRecord): Promise<void> {
    await this.writer.write(() => this.stmt.putRobots.run(record));
  }
}
