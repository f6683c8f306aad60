/**
 * The coverage monitor over a date range: the per-source daily counts the store keeps, and the flags
 * `coverageFlags` raises on them. The Sources page, `wirewatch stats`, /api/v1/coverage and
 * /feeds/coverage all read it here, so they raise the same flags.
 */
import { DEFAULT_LIMITS } from '../config.js';
import { limitExceeded, Problem } from '../errors.js';
import type { ArchiveStore, CoverageDay } from '../store/types.js';
import { coverageFlags, type CoverageFlag } from './coverage.js';

/** The current UTC date, `YYYY-MM-DD`: the first day not yet complete. */
export function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * `2026-02-28` when the text is that day of the calendar, else null: `Date` reads `2026-02-31` as
 * March 3 and `2026-02-32` as nothing, so the day must survive a round trip.
 */
export function calendarDay(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const t = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === text ? text : null;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface CoverageReport {
  from: string;
  to: string;
  /** Days with any activity in [from, to], oldest first (a day with nothing is absent). */
  days: CoverageDay[];
  /** Flags raised on days in [from, to], oldest first. */
  flags: CoverageFlag[];
}

/** Days the flags compare each day with (coverageFlags' default window). */
const WINDOW = 28;

/**
 * Coverage of `[from, to]` (default: the 30 days up to `today`). Flags are judged for every day of the
 * range, each against the 28 days before it; a day from `today` on is not complete, so it is judged
 * for removals only. The work grows with the range, so it is at most `maxDays` long (400 beyond).
 */
export async function coverageReport(
  store: ArchiveStore,
  options: { sourceId?: string; from?: string; to?: string; today: string; maxDays?: number },
): Promise<CoverageReport> {
  for (const name of ['from', 'to', 'today'] as const) {
    const day = options[name];
    if (day !== undefined && calendarDay(day) === null)
      throw new Problem(400, 'bad_request', `${name}: not a calendar day: "${day}"`);
  }
  if (options.from && options.to && options.from > options.to)
    throw new Problem(400, 'bad_request', 'from: after to');
  const to = options.to ?? options.today;
  const from = options.from ?? addDays(to, -29);
  if (from > to) throw new Problem(400, 'bad_request', 'from: after today; give to as well');
  const maxDays = options.maxDays ?? DEFAULT_LIMITS.coverage.maxDays;
  const span = daysBetween(from, to) + 1;
  if (span > maxDays)
    throw limitExceeded(
      'coverage.maxDays',
      `the range ${from} to ${to} is ${span.toLocaleString('en')} days; at most ${maxDays}`,
    );
  const [days, sources] = await Promise.all([
    store.coverage({ sourceId: options.sourceId, from: addDays(from, -WINDOW), to }),
    store.listSources(),
  ]);
  // Judge up to `to` as complete unless it is not over yet.
  const judgeTo = to < options.today ? addDays(to, 1) : options.today;
  const sourceSizes = new Map(sources.map((s) => [s.id, s.articles + s.teasers]));
  const flags = coverageFlags(days, {
    today: judgeTo,
    recentDays: Math.max(0, daysBetween(from, judgeTo)),
    window: WINDOW,
    sourceSizes,
  }).filter((f) => f.day >= from && f.day <= to);
  return { from, to, days: days.filter((d) => d.day >= from && d.day <= to), flags };
}

/** `⚠ deletion spike on 2026-11-09: 40 articles removed from the source, …`: one line per flag. */
export function flagText(f: CoverageFlag): string {
  return `${f.kind === 'deletion-spike' ? 'deletion spike' : 'volume drop'} on ${f.day}: ${f.detail}`;
}
