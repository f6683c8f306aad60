/**
 * Rows of the crawl frontier's tables as both engines return them, and the objects they map to
 * (the engines' column names and types agree; BIGINT arrives as a number, JSONB as an object).
 */
import {
  SWEEP_OUTCOMES,
  type FrontierEntry,
  type FrontierKind,
  type HostState,
  type Sweep,
  type SweepRequester,
  type SweepScope,
} from './frontier-types.js';

export interface FrontierRow {
  url: string;
  crawl_source: string;
  kind: FrontierKind;
  host: string;
  priority: number;
  due_at: string;
  walk_due_at: string | null;
  walk_capture: string | null;
  claimed_by: string | null;
  claim_expires: string | null;
  last_fetched_at: string | null;
  last_status: number | null;
  last_outcome: string | null;
  etag: string | null;
  last_modified: string | null;
  fetches: number;
  failures: number;
  added_at: string;
}

export function entryFromRow(r: FrontierRow): FrontierEntry {
  return {
    url: r.url,
    crawlSource: r.crawl_source,
    kind: r.kind,
    host: r.host,
    priority: Number(r.priority),
    dueAt: r.due_at,
    walkDueAt: r.walk_due_at,
    walkCapture: r.walk_capture,
    claimedBy: r.claimed_by,
    claimExpires: r.claim_expires,
    lastFetchedAt: r.last_fetched_at,
    lastStatus: r.last_status === null ? null : Number(r.last_status),
    lastOutcome: r.last_outcome,
    etag: r.etag,
    lastModified: r.last_modified,
    fetches: Number(r.fetches),
    failures: Number(r.failures),
    addedAt: r.added_at,
  };
}

export interface HostRow {
  host: string;
  holder: string | null;
  lease_until: number;
  next_at: number;
  crawl_delay_ms: number | null;
  strikes: number;
  blocked_until: number;
}

export function hostFromRow(r: HostRow): HostState {
  return {
    host: r.host,
    holder: r.holder,
    leaseUntil: Number(r.lease_until),
    nextAt: Number(r.next_at),
    crawlDelayMs: r.crawl_delay_ms === null ? null : Number(r.crawl_delay_ms),
    strikes: Number(r.strikes),
    blockedUntil: Number(r.blocked_until),
  };
}

/** Items of a sweep that have ended, from its per-outcome counters. */
export const SWEEP_DONE = `(${SWEEP_OUTCOMES.map((o) => `n_${o}`).join(' + ')})`;

export interface SweepRow {
  id: number;
  created_at: string;
  requested_by: string;
  scope: string;
  reason: string | null;
  total: number;
  finished_at: string | null;
  last_checked_at: string | null;
  [counter: `n_${string}`]: number;
}

export function sweepFromRow(r: SweepRow): Sweep {
  const counts = Object.fromEntries(SWEEP_OUTCOMES.map((o) => [o, Number(r[`n_${o}`] ?? 0)]));
  const done = SWEEP_OUTCOMES.reduce((n, o) => n + counts[o]!, 0);
  return {
    id: Number(r.id),
    createdAt: r.created_at,
    requestedBy: r.requested_by as SweepRequester,
    scope: (typeof r.scope === 'string' ? JSON.parse(r.scope) : r.scope) as SweepScope,
    reason: r.reason,
    total: Number(r.total),
    finishedAt: r.finished_at,
    lastCheckedAt: r.last_checked_at,
    counts: { ...counts, pending: Number(r.total) - done } as Sweep['counts'],
  };
}
