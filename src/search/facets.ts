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

/** Matches among the period's articles of one kind, and their share of that kind. */
export interface KindCount {
  count: number;
  total: number;
  share: number;
}

export interface HistogramBucket extends KindCount {
  start: string;
  /** Articles with a text. */
  full: KindCount;
  /** Articles known only by a headline or teaser: their few words match far less often. */
  teaser: KindCount;
}

export interface Histogram {
  interval: Interval;
  buckets: HistogramBucket[];
  /** Hits without a full date: no date filter finds them, so no period counts them. */
  undated: number;
}

/** The most frequent dateline places shown; the other facets are short by nature. */
const PLACES_SHOWN = 25;

/** Every value of the 16-bit year column, shifted to start at 0. */
const YEAR_SHIFT = 2 ** 15;

/**
 * Counts by year and by month, kept for the process and left zeroed after each use: a count per
 * match is then an increment, not a map lookup (~4 MB, against ~10 ms at a million matches).
 */
let yearScratch: Int32Array | null = null;
let monthScratch: Int32Array | null = null;

/** The counts of `scratch` at `touched` as sorted (key, count) pairs, the scratch zeroed again. */
function drain(scratch: Int32Array, touched: number[]): [number, number][] {
  const out = touched.sort((a, b) => a - b).map((k): [number, number] => [k, scratch[k]!]);
  for (const k of touched) scratch[k] = 0;
  return out;
}

export function countFacets(ids: Uint32Array, c: SearchColumns): Facets {
  const source = new Int32Array(c.sources.values.length);
  const language = new Int32Array(c.languages.values.length);
  const place = new Int32Array(c.places.values.length);
  const years = (yearScratch ??= new Int32Array(2 * YEAR_SHIFT));
  const months = (monthScratch ??= new Int32Array(2 * YEAR_SHIFT * 12));
  const yearsTouched: number[] = [];
  const monthsTouched: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    const d = ids[i]!;
    source[c.source[d]!]!++;
    language[c.language[d]!]!++;
    if (c.place[d]! >= 0) place[c.place[d]!]!++;
    const y = c.year[d]!;
    if (y) {
      const shifted = y + YEAR_SHIFT;
      if (years[shifted]!++ === 0) yearsTouched.push(shifted);
      const m = c.month[d]!;
      if (m) {
        const key = shifted * 12 + m - 1;
        if (months[key]!++ === 0) monthsTouched.push(key);
      }
    }
  }
  const year = drain(years, yearsTouched).map(([k, n]): [number, number] => [k - YEAR_SHIFT, n]);
  const month = drain(months, monthsTouched).map(([k, n]): [number, number] => [
    k - YEAR_SHIFT * 12,
    n,
  ]);
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
    year: year.map(([y, count]) => ({ value: String(y), count })),
    month: month.map(([m, count]) => ({ value: bucketLabel('month', m), count })),
    place: byCount(c.placeLabels, place, PLACES_SHOWN),
  };
}

/** Bucket keys → articles, one map per kind of article. */
interface KindCounts {
  full: Map<number, number>;
  teaser: Map<number, number>;
}

/** Buckets counted in arrays at most (days from the year 1 to 9999 are 3.65 million). */
const DENSE_BUCKETS = 4_000_000;

/** The bucket keys the archive's dated articles span, per generation of the columns: [first, last]. */
const spans = new WeakMap<SearchColumns, { generation: number; first: number; last: number }>();

function daySpan(c: SearchColumns): { first: number; last: number } | null {
  let span = spans.get(c);
  if (!span || span.generation !== c.generation) {
    let first = Infinity;
    let last = -Infinity;
    for (let d = 0; d < c.present.length; d++) {
      const day = c.day[d]!;
      if (!c.present[d] || day === UNKNOWN_DAY) continue;
      if (day < first) first = day;
      if (day > last) last = day;
    }
    span = { generation: c.generation, first, last };
    spans.set(c, span);
  }
  return span.first <= span.last ? span : null;
}

const add = (counts: Map<number, number>, key: number, n: number) =>
  counts.set(key, (counts.get(key) ?? 0) + n);

/** Counts by bucket key from `base`, kept for the process and zeroed after each use. */
let fullScratch = new Int32Array(0);
let teaserScratch = new Int32Array(0);

function bucketCounts(
  ids: Uint32Array | null,
  c: SearchColumns,
  interval: Interval,
): KindCounts & { undated: number } {
  const teaserCode = c.statusCode('teaser');
  const span = daySpan(c);
  // Both ends of the span bucketed as a day is (the year and month of a day number).
  const keyOf = (day: number) => {
    const iso = new Date(day * 86_400_000);
    return bucketOf(interval, day, iso.getUTCFullYear(), iso.getUTCMonth() + 1);
  };
  const base = span ? keyOf(span.first) : 0;
  const size = span ? keyOf(span.last) - base + 1 : 0;
  const dense = size > 0 && size <= DENSE_BUCKETS;
  if (dense && fullScratch.length < size) {
    fullScratch = new Int32Array(size);
    teaserScratch = new Int32Array(size);
  }
  const full = new Map<number, number>();
  const teaser = new Map<number, number>();
  let undated = 0;
  const n = ids ? ids.length : c.present.length;
  for (let i = 0; i < n; i++) {
    const d = ids ? ids[i]! : i;
    if (!ids && !c.present[d]) continue;
    const day = c.day[d]!;
    // A month without its day too: a period counts only what its date filter finds.
    if (day === UNKNOWN_DAY) {
      undated++;
      continue;
    }
    const key = bucketOf(interval, day, c.year[d]!, c.month[d]!);
    const isTeaser = c.status[d] === teaserCode;
    const k = key - base;
    // Outside the span only where a year's month key and its day disagree (years 0–99 in
    // Date.UTC): counted in the map.
    if (dense && k >= 0 && k < size) (isTeaser ? teaserScratch : fullScratch)[k]!++;
    else add(isTeaser ? teaser : full, key, 1);
  }
  if (dense)
    for (let k = 0; k < size; k++) {
      if (fullScratch[k]) add(full, base + k, fullScratch[k]!);
      if (teaserScratch[k]) add(teaser, base + k, teaserScratch[k]!);
      fullScratch[k] = 0;
      teaserScratch[k] = 0;
    }
  return { full, teaser, undated };
}

const totalsCache = new WeakMap<SearchColumns, Map<string, KindCounts>>();

/** Articles of each bucket across the whole archive: the denominators of the shares. */
function archiveTotals(c: SearchColumns, interval: Interval): KindCounts {
  let perColumns = totalsCache.get(c);
  if (!perColumns) totalsCache.set(c, (perColumns = new Map()));
  const key = `${c.generation}:${interval}`;
  let totals = perColumns.get(key);
  if (!totals) {
    perColumns.clear();
    const { full, teaser } = bucketCounts(null, c, interval);
    totals = { full, teaser };
    perColumns.set(key, totals);
  }
  return totals;
}

/** Zero-filled between the first and last bucket with hits, unless that would be absurdly long. */
const MAX_FILLED = 20_000;

function kindCount(count: number, total: number): KindCount {
  return { count, total, share: total ? Math.round((count / total) * 10000) / 10000 : 0 };
}

export function histogram(ids: Uint32Array, c: SearchColumns, interval: Interval): Histogram {
  const hits = bucketCounts(ids, c, interval);
  const totals = archiveTotals(c, interval);
  const keys = [...new Set([...hits.full.keys(), ...hits.teaser.keys()])].sort((a, b) => a - b);
  let span = keys;
  if (keys.length > 0 && keys[keys.length - 1]! - keys[0]! < MAX_FILLED) {
    span = [];
    for (let k = keys[0]!; k <= keys[keys.length - 1]!; k++) span.push(k);
  }
  const of = (m: Map<number, number>, k: number) => m.get(k) ?? 0;
  return {
    interval,
    undated: hits.undated,
    buckets: span.map((k) => {
      const full = kindCount(of(hits.full, k), of(totals.full, k));
      const teaser = kindCount(of(hits.teaser, k), of(totals.teaser, k));
      return {
        start: bucketLabel(interval, k),
        // Both kinds together, kept for older clients: the share mixes them.
        ...kindCount(full.count + teaser.count, full.total + teaser.total),
        full,
        teaser,
      };
    }),
  };
}
