/**
 * The coverage monitor: per source and day, what was published, archived, edited and removed, and
 * flags for what a purge or a broken crawler looks like. Pure: the days come from `store.coverage`.
 *
 * - `volume-drop`: a complete day whose count of articles published is far below the source's normal
 *   level (the median of the 28 days before it); a dead crawler or a silent source looks like this.
 * - `deletion-spike`: a day with many more removals than usual: at least `MIN_SPIKE` and either a
 *   tenth of the source's articles or five times its usual daily removals (the December 2013 KCNA
 *   purge removed ~35,000 articles in days; a normal day removes none or a handful).
 */
import type { CoverageDay } from '../store/types.js';

export type CoverageFlagKind = 'volume-drop' | 'deletion-spike';

export interface CoverageFlag {
  sourceId: string;
  day: string;
  kind: CoverageFlagKind;
  /** One line a reader understands, e.g. `3 articles published, 41 on a normal day`. */
  detail: string;
  count: number;
  normal: number;
}

export interface FlagOptions {
  /** The first day not yet complete (UTC `YYYY-MM-DD`): days from it on are not judged for volume. */
  today: string;
  /** Days before a day that make its normal level. */
  window?: number;
  /** Only days within this many days before `today` are judged. */
  recentDays?: number;
  /** Articles per source (any status), for the share a purge takes. */
  sourceSizes?: Map<string, number>;
}

const MIN_SPIKE = 3;
const MIN_NORMAL_VOLUME = 5;
const DROP_SHARE = 0.3;

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The flags for `days` (any order, several sources), oldest first. */
export function coverageFlags(days: readonly CoverageDay[], options: FlagOptions): CoverageFlag[] {
  const window = options.window ?? 28;
  const firstJudged = addDays(options.today, -(options.recentDays ?? 7));
  const bySource = new Map<string, Map<string, CoverageDay>>();
  for (const d of days) {
    if (!bySource.has(d.sourceId)) bySource.set(d.sourceId, new Map());
    bySource.get(d.sourceId)!.set(d.day, d);
  }
  const flags: CoverageFlag[] = [];
  for (const [sourceId, byDay] of bySource) {
    const size = options.sourceSizes?.get(sourceId) ?? 0;
    const firstDay = [...byDay.keys()].sort()[0]!;
    for (let day = firstJudged; day <= options.today; day = addDays(day, 1)) {
      const before = Array.from({ length: window }, (_, i) => addDays(day, -window + i)).filter(
        (d) => d >= firstDay,
      );
      const today = byDay.get(day);
      const deletions = today?.deletions ?? 0;
      const usualDeletions = median(before.map((d) => byDay.get(d)?.deletions ?? 0));
      if (
        deletions >= MIN_SPIKE &&
        (deletions >= size * 0.1 || deletions >= 5 * Math.max(1, usualDeletions))
      ) {
        flags.push({
          sourceId,
          day,
          kind: 'deletion-spike',
          count: deletions,
          normal: usualDeletions,
          detail: `${deletions} articles removed from the source, ${usualDeletions} on a normal day${size ? ` (${Math.round((deletions / size) * 100)}% of its ${size})` : ''}`,
        });
      }
      // Volume needs a complete day and a history long enough to say what is normal.
      if (day >= options.today || before.length < Math.min(window, 7)) continue;
      const published = today?.published ?? 0;
      const normal = median(before.map((d) => byDay.get(d)?.published ?? 0));
      if (normal >= MIN_NORMAL_VOLUME && published < normal * DROP_SHARE) {
        flags.push({
          sourceId,
          day,
          kind: 'volume-drop',
          count: published,
          normal,
          detail: `${published} articles published, ${normal} on a normal day`,
        });
      }
    }
  }
  return flags.sort((a, b) =>
    a.day < b.day ? -1 : a.day > b.day ? 1 : a.sourceId < b.sourceId ? -1 : 1,
  );
}
