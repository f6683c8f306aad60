/**
 * The re-check schedule: when a known article is fetched again so edits and removals are seen. Pure;
 * the crawl frontier keeps each article's next time (crawl/frontier/worker.ts).
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

/** What the schedule needs of an article. */
export interface ScheduledArticle {
  id: string;
  /** When the archive first saw it (ISO). */
  firstSeen: string;
  /** `YYYY-MM-DD` when the full publication date is known. */
  pubDate: string | null;
}

export interface RecheckPolicy {
  /** Offsets after appearance, in minutes, ascending. Empty turns re-checking off. */
  afterMinutes: number[];
  /** Part of the archive re-checked each month after the last offset (0 to 1). */
  monthlySample: number;
  /** At most this many scheduled re-fetches per source and pass of `wirewatch crawl`. */
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

/** Whether month `month` after the last offset samples the article (a hash of id and month). */
export function sampled(id: string, month: number, share: number): boolean {
  if (share >= 1) return true;
  if (share <= 0) return false;
  const h = createHash('sha1').update(`${id}\u0000${month}`).digest().readUInt32BE(0);
  return h / 2 ** 32 < share;
}

function appearedAt(c: Pick<ScheduledArticle, 'firstSeen' | 'pubDate'>): number {
  const seen = Date.parse(c.firstSeen);
  if (!c.pubDate) return seen;
  const endOfDay = Date.parse(`${c.pubDate}T00:00:00Z`) + 24 * 60 * MINUTE;
  return Number.isNaN(endOfDay) ? seen : Math.min(seen, endOfDay);
}

/**
 * When an article checked at `after` is next due: the first point of its schedule later than
 * `after` (the offsets, then each month whose sample takes it). Null when none ever comes (the
 * schedule is off, or the monthly share is 0 and the offsets have passed).
 */
export function nextCheckAt(
  c: ScheduledArticle,
  after: number,
  policy: Pick<RecheckPolicy, 'afterMinutes' | 'monthlySample'>,
): number | null {
  const offsets = policy.afterMinutes;
  if (!offsets.length) return null;
  const start = appearedAt(c);
  for (const minutes of offsets)
    if (start + minutes * MINUTE > after) return start + minutes * MINUTE;
  if (policy.monthlySample <= 0) return null;
  const last = start + offsets.at(-1)! * MINUTE;
  const first = Math.max(1, Math.floor((after - last) / MONTH) + 1);
  // A share of s takes an article about once in 1/s months; a hundred years bounds the search.
  for (let month = first; month < first + 1200; month++) {
    if (sampled(c.id, month, policy.monthlySample)) return last + month * MONTH;
  }
  return null;
}
