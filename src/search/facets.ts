/**
 * Facet counts and attention over time for a set of hits, read from the in-memory columns in one pass
 * each. Counts are of articles (copies included), so they add up to the total.
 */
import { UNKNOWN_DAY, type SearchColumns } from './columns.js';
import { bucketLabel, bucketOf, type Interval } from './periods.js';

export interface FacetValue {
  value: string;
  count: number;
}

export interface Facets {
  source: FacetValue[];
  language: FacetValue[];
  year: FacetValue[];
  month: FacetValue[];
  place: FacetValue[];
}

export interface Histogram {
  interval: Interval;
  buckets: { start: string; count: number; total: number; share: number }[];
  /** Hits whose date is not known precisely enough for this interval. */
  undated: number;
}

/** The most frequent dateline places shown; the other facets are short by nature. */
const PLACES_SHOWN = 25;

export function countFacets(ids: Uint32Array, c: SearchColumns): Facets {
  const source = new Int32Array(c.sources.values.length);
  const language = new Int32Array(c.languages.values.length);
  const place = new Int32Array(c.places.values.length);
  const year = new Map<number, number>();
  const month = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) {
    const d = ids[i]!;
    source[c.source[d]!]!++;
    language[c.language[d]!]!++;
    if (c.place[d]! >= 0) place[c.place[d]!]!++;
    const y = c.year[d]!;
    if (y) {
      year.set(y, (year.get(y) ?? 0) + 1);
      if (c.month[d])
        month.set(y * 12 + c.month[d]! - 1, (month.get(y * 12 + c.month[d]! - 1) ?? 0) + 1);
    }
  }
  const byCount = (values: string[], counts: Int32Array, limit = Infinity) =>
    Array.from(counts, (count, i) => ({ value: values[i]!, count }))
      .filter((f) => f.count > 0)
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .slice(0, limit);
  return {
    source: byCount(c.sources.values, source),
    language: byCount(
      c.languages.values.map((l) => l || 'und'),
      language,
    ),
    year: [...year].sort((a, b) => a[0] - b[0]).map(([y, count]) => ({ value: String(y), count })),
    month: [...month]
      .sort((a, b) => a[0] - b[0])
      .map(([m, count]) => ({ value: bucketLabel('month', m), count })),
    place: byCount(c.placeLabels, place, PLACES_SHOWN),
  };
}

function bucketCounts(
  ids: Uint32Array | null,
  c: SearchColumns,
  interval: Interval,
): { counts: Map<number, number>; undated: number } {
  const counts = new Map<number, number>();
  let undated = 0;
  const n = ids ? ids.length : c.present.length;
  for (let i = 0; i < n; i++) {
    const d = ids ? ids[i]! : i;
    if (!ids && !c.present[d]) continue;
    const day = c.day[d]!;
    const known =
      interval === 'month' ? c.year[d]! !== 0 && c.month[d]! !== 0 : day !== UNKNOWN_DAY;
    if (!known) {
      undated++;
      continue;
    }
    const key = bucketOf(interval, day, c.year[d]!, c.month[d]!);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return { counts, undated };
}

const totalsCache = new WeakMap<SearchColumns, Map<string, Map<number, number>>>();

/** Articles of each bucket across the whole archive: the denominator of the share. */
function archiveTotals(c: SearchColumns, interval: Interval): Map<number, number> {
  let perColumns = totalsCache.get(c);
  if (!perColumns) totalsCache.set(c, (perColumns = new Map()));
  const key = `${c.generation}:${interval}`;
  let totals = perColumns.get(key);
  if (!totals) {
    perColumns.clear();
    totals = bucketCounts(null, c, interval).counts;
    perColumns.set(key, totals);
  }
  return totals;
}

/** Zero-filled between the first and last bucket with hits, unless that would be absurdly long. */
const MAX_FILLED = 20_000;

export function histogram(ids: Uint32Array, c: SearchColumns, interval: Interval): Histogram {
  const { counts, undated } = bucketCounts(ids, c, interval);
  const totals = archiveTotals(c, interval);
  const keys = [...counts.keys()].sort((a, b) => a - b);
  let span = keys;
  if (keys.length > 0 && keys[keys.length - 1]! - keys[0]! < MAX_FILLED) {
    span = [];
    for (let k = keys[0]!; k <= keys[keys.length - 1]!; k++) span.push(k);
  }
  return {
    interval,
    undated,
    buckets: span.map((k) => {
      const count = counts.get(k) ?? 0;
      const total = totals.get(k) ?? 0;
      return {
        start: bucketLabel(interval, k),
        count,
        total,
        share: total ? Math.round((count / total) * 10000) / 10000 : 0,
      };
    }),
  };
}
