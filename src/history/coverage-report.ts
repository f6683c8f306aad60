/**
 * The coverage monitor over a date range: the per-source daily counts the store keeps, and the flags
 * `coverageFlags` raises on them. The Sources page, `wirewatch stats`, /api/v1/coverage and
 * /feeds/coverage all read it here, so they raise the same flags.
 */
import type { ArchiveStore, CoverageDay } from '../store/types.js';
import { coverageFlags, type CoverageFlag } from './coverage.js';

/** The current UTC date, `YYYY-MM-DD`: the first day not yet complete. */
export function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
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
 * for removals only.
 */
export async function coverageReport(
  store: ArchiveStore, options: { sourceId?: string; from?: string; to?: string; today: string },
): Promise<CoverageReport> {
  const to = options.to ?? options.today;
  const from = options.from ?? addDays(to, -29);
  const [days, sources] = await Promise.all([
    store.coverage({ sourceId: options.sourceId, from: addDays(from, -WINDOW), to }),
    store.listSources(),
  ]);
  // Judge up to `to` as complete unless it is not over yet.
  const judgeTo = to < options.today ? addDays(to, 1) : options.today;
  const sourceSizes = new Map(sources.map((s) => [s.id, s.articles + s.teasers]));
  const flags = coverageFlags(days, { today: judgeTo, recentDays: Math.max(0, daysBetween(from, judgeTo)), window: WINDOW, sourceSizes })
    .filter((f) => f.day >= from && f.day <= to);
  return { from, to, days: days.filter((d) => d.day >= from && d.day <= to), flags };
}

/** `⚠ deletion spike on 2026-11-09: 40 articles removed from the source, …`: one line per flag. */
export function flagText(f: CoverageFlag): string {
  return `${f.kind === 'deletion-spike' ? 'deletion spike' : 'volume drop'} on ${f.day}: ${f.detail}`;
}
