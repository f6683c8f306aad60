/**
 * The crawl frontier in the PostgreSQL engine, the counterpart of ../sqlite/frontier.ts: entries,
 * hosts and robots.txt. Many crawler processes share it: a claim takes its entry with
 * `FOR UPDATE SKIP LOCKED`, a host's turn is one conditional UPDATE, so two workers never fetch the
 * same URL or hit one host at once.
 */
import {
  PRIORITY,
  SWEEP_OUTCOMES,
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
} from '../frontier-types.js';
import {
  entryFromRow,
  hostFromRow,
  SWEEP_DONE,
  type FrontierRow,
  type HostRow,
} from '../frontier-rows.js';
import type { Connection } from './connection.js';

const LEVELS = Object.values(PRIORITY).sort((a, b) => b - a);
const C = 'COLLATE "C"';
const BATCH = 1000;

export class PostgresFrontier {
  constructor(private readonly conn: Connection) {}

  private async query<R extends object>(
    name: string,
    text: string,
    values: unknown[] = [],
  ): Promise<R[]> {
    return (await this.conn.q().query<R>({ name, text, values })).rows;
  }

  async enqueue(seeds: FrontierSeed[], mode: EnqueueMode): Promise<number> {
    const now = new Date().toISOString();
    const conflict =
      mode === 'keep'
        ? 'DO NOTHING'
        : `DO UPDATE SET priority = greatest(frontier.priority, excluded.priority),
            due_at = least(frontier.due_at, excluded.due_at),
            walk_due_at = CASE WHEN excluded.walk_due_at IS NULL THEN frontier.walk_due_at
              WHEN frontier.walk_due_at IS NULL THEN excluded.walk_due_at
              ELSE least(frontier.walk_due_at, excluded.walk_due_at) END`;
    let changed = 0;
    for (let i = 0; i < seeds.length; i += BATCH) {
      const batch = dedupe(seeds.slice(i, i + BATCH));
      const rows = await this.query<{ url: string }>(
        `enqueue-${mode}`,
        `INSERT INTO frontier (url, crawl_source, kind, host, priority, due_at, walk_due_at, added_at)
        SELECT u, s, k, h, p, d, w, $8 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[],
          $5::int[], $6::text[], $7::text[]) AS t(u, s, k, h, p, d, w)
        ON CONFLICT (url) ${conflict} RETURNING url`,
        [
          batch.map((s) => s.url),
          batch.map((s) => s.crawlSource),
          batch.map((s) => s.kind),
          batch.map((s) => s.host),
          batch.map((s) => s.priority),
          batch.map((s) => s.dueAt),
          batch.map((s) => s.walkDueAt ?? null),
          now,
        ],
      );
      changed += rows.length;
      await this.query(
        'insert-hosts',
        'INSERT INTO crawl_hosts (host) SELECT DISTINCT unnest($1::text[]) ON CONFLICT DO NOTHING',
        [[...new Set(batch.map((s) => s.host))]],
      );
    }
    return changed;
  }

  async claim(c: FrontierClaim): Promise<FrontierEntry | null> {
    const levels = LEVELS.filter((level) => !c.priorities || c.priorities.includes(level));
    for (const host of c.hosts) {
      for (const priority of levels) {
        const [row] = await this.query<FrontierRow>(
          'claim-frontier',
          `UPDATE frontier SET claimed_by = $1, claim_expires = $2
          WHERE url = (SELECT url FROM frontier WHERE host = $3 AND priority = $4 AND due_at <= $5 ${C}
            AND (claim_expires IS NULL OR claim_expires < $5 ${C}) AND crawl_source = ANY($6::text[])
            ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING *`,
          [c.worker, c.until, host, priority, c.now, c.crawlSources],
        );
        if (row) return entryFromRow(row);
      }
    }
    return null;
  }

  async renew(url: string, worker: string, until: string): Promise<boolean> {
    const rows = await this.query(
      'renew-frontier',
      'UPDATE frontier SET claim_expires = $1 WHERE url = $2 AND claimed_by = $3 RETURNING url',
      [until, url, worker],
    );
    return rows.length > 0;
  }

  async finish(
    url: string,
    _worker: string,
    r: FrontierResult,
    sweep: { outcome: SweepOutcome; detail: string | null } | null,
  ): Promise<void> {
    if (sweep && !SWEEP_OUTCOMES.includes(sweep.outcome))
      throw new Error(`no outcome ${sweep.outcome}`);
    await this.conn.atomic(async (db) => {
      await db.query({
        name: 'finish-frontier',
        text: `UPDATE frontier SET last_fetched_at = $2, last_status = $3, last_outcome = $4, etag = $5,
            last_modified = $6, due_at = $7, priority = $8, failures = $9, fetches = fetches + 1,
            walk_due_at = CASE WHEN $10::boolean THEN $11 ELSE walk_due_at END,
            walk_capture = coalesce($12, walk_capture),
            claimed_by = NULL, claim_expires = NULL
          WHERE url = $1`,
        values: [
          url,
          r.fetchedAt,
          r.status,
          r.outcome,
          r.etag,
          r.lastModified,
          r.dueAt,
          r.priority,
          r.failures,
          r.walkDueAt !== undefined,
          r.walkDueAt ?? null,
          r.walkCapture ?? null,
        ],
      });
      if (!sweep) return;
      const { rows } = await db.query<{ sweep_id: number }>({
        name: 'finish-sweep-items',
        text: `UPDATE sweep_items SET outcome = $2, detail = $3, checked_at = $4
          WHERE url = $1 AND outcome IS NULL RETURNING sweep_id`,
        values: [url, sweep.outcome, sweep.detail, r.fetchedAt],
      });
      for (const { sweep_id } of rows) {
        await db.query(
          `UPDATE sweeps SET n_${sweep.outcome} = n_${sweep.outcome} + 1, last_checked_at = $2 WHERE id = $1`,
          [sweep_id, r.fetchedAt],
        );
        await db.query(
          `UPDATE sweeps SET finished_at = $2 WHERE id = $1 AND finished_at IS NULL AND ${SWEEP_DONE} >= total`,
          [sweep_id, r.fetchedAt],
        );
      }
    });
  }

  async release(url: string, worker: string): Promise<void> {
    await this.query(
      'release-frontier',
      'UPDATE frontier SET claimed_by = NULL, claim_expires = NULL WHERE url = $1 AND claimed_by = $2',
      [url, worker],
    );
  }

  async releaseWorkers(workers: string[]): Promise<number> {
    if (!workers.length) return 0;
    await this.query(
      'release-host-workers',
      'UPDATE crawl_hosts SET holder = NULL, lease_until = 0 WHERE holder = ANY($1::text[])',
      [workers],
    );
    const rows = await this.query(
      'release-frontier-workers',
      `UPDATE frontier SET claimed_by = NULL, claim_expires = NULL WHERE claimed_by = ANY($1::text[])
        RETURNING url`,
      [workers],
    );
    return rows.length;
  }

  async leaseHolders(): Promise<string[]> {
    const rows = await this.query<{ worker: string }>(
      'lease-holders',
      `SELECT claimed_by AS worker FROM frontier WHERE claimed_by IS NOT NULL
      UNION SELECT holder FROM crawl_hosts WHERE holder IS NOT NULL`,
    );
    return rows.map((r) => r.worker);
  }

  async get(url: string): Promise<FrontierEntry | null> {
    const [row] = await this.query<FrontierRow>(
      'get-frontier',
      'SELECT * FROM frontier WHERE url = $1',
      [url],
    );
    return row ? entryFromRow(row) : null;
  }

  async list(q: FrontierQuery): Promise<{ items: FrontierEntry[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (term: string, value: unknown) => {
      params.push(value);
      where.push(term.replace('?', `$${params.length}`));
    };
    if (q.crawlSource) add('crawl_source = ?', q.crawlSource);
    if (q.kind) add('kind = ?', q.kind);
    if (q.dueBy) add(`due_at <= ? ${C}`, q.dueBy);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const { rows: count } = await this.conn
      .q()
      .query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM frontier ${clause}`, params);
    const { rows } = await this.conn
      .q()
      .query<FrontierRow>(
        `SELECT * FROM frontier ${clause} ORDER BY due_at, url LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
        [...params, q.limit ?? 50, q.offset ?? 0],
      );
    return { items: rows.map(entryFromRow), total: count[0]!.n };
  }

  counts(now: string): Promise<FrontierCounts[]> {
    return this.query<FrontierCounts>(
      'frontier-counts',
      `SELECT crawl_source AS "crawlSource", kind, COUNT(*)::int AS total,
        COUNT(*) FILTER (WHERE due_at <= $1 ${C})::int AS due, COUNT(*) FILTER (WHERE failures > 0)::int AS failing
      FROM frontier GROUP BY crawl_source, kind ORDER BY crawl_source, kind`,
      [now],
    );
  }

  async nextDue(crawlSources: string[], now: string): Promise<string | null> {
    const [row] = await this.query<{ due: string | null }>(
      'frontier-next-due',
      `SELECT min(due_at) AS due FROM frontier WHERE crawl_source = ANY($1::text[])
        AND (claim_expires IS NULL OR claim_expires < $2 ${C})`,
      [crawlSources, now],
    );
    return row?.due ?? null;
  }

  async hosts(crawlSources: string[]): Promise<HostState[]> {
    const rows = await this.query<HostRow>(
      'frontier-hosts',
      `SELECT h.* FROM crawl_hosts h WHERE EXISTS (SELECT 1 FROM frontier f WHERE f.host = h.host
        AND f.crawl_source = ANY($1::text[])) ORDER BY h.host`,
      [crawlSources],
    );
    return rows.map(hostFromRow);
  }

  async pruneLists(crawlSource: string, keepUrls: string[]): Promise<number> {
    const rows = await this.query(
      'prune-lists',
      `DELETE FROM frontier WHERE crawl_source = $1 AND kind = 'list' AND NOT (url = ANY($2::text[]))
        RETURNING url`,
      [crawlSource, keepUrls],
    );
    return rows.length;
  }

  async takeHostTurn(
    host: string,
    worker: string,
    now: number,
    leaseUntil: number,
  ): Promise<HostTurn> {
    await this.query(
      'insert-host',
      'INSERT INTO crawl_hosts (host) VALUES ($1) ON CONFLICT DO NOTHING',
      [host],
    );
    const granted = await this.query(
      'take-host-turn',
      `UPDATE crawl_hosts SET holder = $2, lease_until = $4
      WHERE host = $1 AND next_at <= $3 AND blocked_until <= $3
        AND (holder IS NULL OR holder = $2 OR lease_until < $3) RETURNING host`,
      [host, worker, now, leaseUntil],
    );
    if (granted.length) return { granted: true };
    const h = (await this.getHost(host))!;
    const held = h.holder && h.holder !== worker ? h.leaseUntil : 0;
    return {
      granted: false,
      waitUntil: Math.max(h.nextAt, h.blockedUntil, held, now + 1),
      holder: h.holder && h.holder !== worker && h.leaseUntil >= now ? h.holder : null,
    };
  }

  async endHostTurn(host: string, worker: string, nextAt: number): Promise<void> {
    await this.query(
      'end-host-turn',
      `UPDATE crawl_hosts SET holder = NULL, lease_until = 0, next_at = greatest(next_at, $3)
        WHERE host = $1 AND holder = $2`,
      [host, worker, nextAt],
    );
  }

  async updateHost(
    host: string,
    patch: Partial<Pick<HostState, 'crawlDelayMs' | 'strikes' | 'blockedUntil'>>,
  ): Promise<void> {
    await this.query(
      'insert-host',
      'INSERT INTO crawl_hosts (host) VALUES ($1) ON CONFLICT DO NOTHING',
      [host],
    );
    await this.query(
      'update-host',
      `UPDATE crawl_hosts SET
        crawl_delay_ms = CASE WHEN $2::boolean THEN $3::int ELSE crawl_delay_ms END,
        strikes = coalesce($4::int, strikes),
        blocked_until = greatest(blocked_until, coalesce($5::bigint, 0))
      WHERE host = $1`,
      [
        host,
        patch.crawlDelayMs !== undefined,
        patch.crawlDelayMs ?? null,
        patch.strikes ?? null,
        patch.blockedUntil ?? null,
      ],
    );
  }

  async getHost(host: string): Promise<HostState | null> {
    const [row] = await this.query<HostRow>(
      'get-host',
      'SELECT * FROM crawl_hosts WHERE host = $1',
      [host],
    );
    return row ? hostFromRow(row) : null;
  }

  async getRobots(origin: string): Promise<RobotsRecord | null> {
    const [r] = await this.query<{
      origin: string;
      status: number | null;
      body: string;
      fetched_at: number;
      expires_at: number;
    }>('get-robots', 'SELECT * FROM crawl_robots WHERE origin = $1', [origin]);
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

  async putRobots(r: RobotsRecord): Promise<void> {
    await this.query(
      'put-robots',
      `INSERT INTO crawl_robots (origin, status, body, fetched_at, expires_at) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (origin) DO UPDATE SET status = excluded.status, body = excluded.body,
        fetched_at = excluded.fetched_at, expires_at = excluded.expires_at`,
      [r.origin, r.status, r.body, r.fetchedAt, r.expiresAt],
    );
  }
}

/** One row per URL in a multi-row upsert (PostgreSQL refuses to touch a row twice in one statement). */
function dedupe(seeds: FrontierSeed[]): FrontierSeed[] {
  return [...new Map(seeds.map((s) => [s.url, s])).values()];
}
