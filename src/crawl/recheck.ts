/**
 * The re-check schedule: which known articles to fetch again so edits and removals are seen. Pure.
 *
 * An article is due when a point of its schedule has passed since its page was last fetched. The
 * points are offsets from when it appeared (1 h, 6 h, 1 d, 3 d, 7 d, 30 d by default), then one a
 * month for ever, where each month only a sample of the articles is due (a different sample each
 * month, chosen by a hash of id and month, so the whole archive is walked over the months).
 *
 * "When it appeared" is when wirewatch first saw it, or the end of its publication day when that is
 * earlier: an article archived years after publication (a backfill) starts on the monthly sample
 * instead of costing six fetches in its first month.
 */
import { createHash } from 'node:crypto';
import type { RecheckCandidate } from '../store/types.js';

export interface RecheckPolicy {
  /** Offsets after appearance, in minutes, ascending. Empty turns re-checking off. */
  afterMinutes: number[];
  /** Part of the archive re-checked each month after the last offset (0 to 1). */
  monthlySample: number;
  /** At most this many re-fetches per source and pass: the most overdue first. */
  maxPerPass: number;
}

const MINUTE = 60_000;
const MONTH = 30 * 24 * 60 * MINUTE;

/** `90s`, `15m`, `1h`, `3d`, `2w` → minutes. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)$/.exec(text.trim());
  if (!m) return null;
  const unit = { s: 1 / 60, m: 1, h: 60, d: 1440, w: 10080 }[m[2] as 's' | 'm' | 'h' | 'd' | 'w'];
  return Number(m[1]) * unit;
}

export const DEFAULT_RECHECK = ['1h', '6h', '1d', '3d', '7d', '30d'];

function sampled(id: string, month: number, share: number): boolean {
  if (share >= 1) return true;
  if (share <= 0) return false;
  const h = createHash('sha1').update(`${id}\u0000${month}`).digest().readUInt32BE(0);
  return h / 2 ** 32 < share;
}

function appearedAt(c: RecheckCandidate): number {
  const seen = Date.parse(c.firstSeen);
  if (!c.pubDate) return seen;
  const endOfDay = Date.parse(`${c.pubDate}T00:00:00Z`) + 24 * 60 * MINUTE;
  return Number.isNaN(endOfDay) ? seen : Math.min(seen, endOfDay);
}

/** The latest schedule point at or before `now`, or null when none has come yet. */
export function lastDuePoint(
  c: RecheckCandidate,
  now: number,
  policy: RecheckPolicy,
): number | null {
  const offsets = policy.afterMinutes;
  if (!offsets.length) return null;
  const start = appearedAt(c);
  const last = start + offsets.at(-1)! * MINUTE;
  if (now >= last) {
    // Monthly after the last offset, when this month's sample includes it (a missed month is not made up).
    const month = Math.floor((now - last) / MONTH);
    return month >= 1 && sampled(c.id, month, policy.monthlySample) ? last + month * MONTH : last;
  }
  let point: number | null = null;
  for (const minutes of offsets)
    if (start + minutes * MINUTE <= now) point = start + minutes * MINUTE;
  return point;
}

/** The articles to fetch again now, most overdue first, at most `maxPerPass`. Teasers are left to the lists. */
export function dueForRecheck(
  candidates: readonly RecheckCandidate[],
  now: number,
  policy: RecheckPolicy,
): RecheckCandidate[] {
  const due: Array<{ c: RecheckCandidate; point: number }> = [];
  for (const c of candidates) {
    if (c.status === 'teaser') continue;
    const point = lastDuePoint(c, now, policy);
    if (point === null) continue;
    const checked = c.checkedAt ? Date.parse(c.checkedAt) : Number.NEGATIVE_INFINITY;
    if (checked < point) due.push({ c, point });
  }
  due.sort((a, b) => a.point - b.point);
  return due.slice(0, policy.maxPerPass).map((d) => d.c);
}
