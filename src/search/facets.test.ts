import { describe, expect, it } from 'vitest';
import type { SearchRow } from '../store/types.js';
import { SearchColumns, UNKNOWN_DAY } from './columns.js';
import { countFacets, histogram } from './facets.js';
import { bucketLabel, bucketOf, INTERVALS } from './periods.js';

function columnsOf(dates: [number | null, number | null][]): SearchColumns {
  const rows: SearchRow[] = dates.map(([year, month], d) => ({
    docId: d,
    sourceId: d % 3 ? 'kcna' : 'rodong',
    language: 'en',
    year,
    month,
    day: year && month ? 1 : null,
    place: null,
    status: 'live',
    storyId: `story-${d}`,
    firstSeen: '2026-01-01T00:00:00.000Z',
    words: 100,
  }));
  const columns = new SearchColumns();
  columns.apply(rows);
  return columns;
}

describe('countFacets', () => {
  it('counts years and months in order, a year without its month in its year only', () => {
    const columns = columnsOf([
      [2012, 3],
      [2011, 12],
      [2012, 3],
      [2012, null],
      [null, null],
      [1998, 1],
    ]);
    const all = Uint32Array.from([0, 1, 2, 3, 4, 5]);
    const expected = {
      year: [
        { value: '1998', count: 1 },
        { value: '2011', count: 1 },
        { value: '2012', count: 3 },
      ],
      month: [
        { value: '1998-01', count: 1 },
        { value: '2011-12', count: 1 },
        { value: '2012-03', count: 2 },
      ],
    };
    const facets = countFacets(all, columns);
    expect({ year: facets.year, month: facets.month }).toEqual(expected);
    expect(facets.source).toEqual([
      { value: 'kcna', count: 4 },
      { value: 'rodong', count: 2 },
    ]);
    // Counted afresh each time: nothing of the last count is left over.
    const again = countFacets(Uint32Array.from([1, 3]), columns);
    expect(again.year).toEqual([
      { value: '2011', count: 1 },
      { value: '2012', count: 1 },
    ]);
    expect(again.month).toEqual([{ value: '2011-12', count: 1 }]);
    expect(countFacets(all, columns).month).toEqual(expected.month);
  });
});

describe('histogram', () => {
  it('counts every dated hit in its bucket, by kind, whatever the years', () => {
    const rows: SearchRow[] = [];
    const dates: [number, number, number][] = [
      [2012, 3, 5],
      [2012, 3, 31],
      [2011, 12, 1],
      [1998, 1, 1],
      // A year Date.UTC reads as 1950: its month key and its day disagree.
      [50, 6, 1],
      [2026, 12, 7],
    ];
    for (let d = 0; d < 60; d++) {
      const [year, month, day] = dates[d % dates.length]!;
      const undated = d % 7 === 0;
      rows.push({
        docId: d,
        sourceId: 'kcna',
        language: 'en',
        year,
        month,
        day: undated ? null : day,
        place: null,
        status: d % 3 === 0 ? 'teaser' : 'live',
        storyId: `story-${d}`,
        firstSeen: '2026-01-01T00:00:00.000Z',
        words: 100,
      });
    }
    const c = new SearchColumns();
    c.apply(rows);
    const ids = Uint32Array.from(
      rows.filter((_, d) => d % 2 === 0),
      (r) => r.docId,
    );
    for (const interval of INTERVALS) {
      const got = histogram(ids, c, interval);
      const expected = new Map<string, { full: number; teaser: number }>();
      let undated = 0;
      for (const d of ids) {
        if (c.day[d] === UNKNOWN_DAY) {
          undated++;
          continue;
        }
        const label = bucketLabel(interval, bucketOf(interval, c.day[d]!, c.year[d]!, c.month[d]!));
        const e = expected.get(label) ?? { full: 0, teaser: 0 };
        if (rows[d]!.status === 'teaser') e.teaser++;
        else e.full++;
        expected.set(label, e);
      }
      expect(got.undated, interval).toBe(undated);
      const counted = got.buckets
        .filter((b) => b.count > 0)
        .map((b) => [b.start, { full: b.full.count, teaser: b.teaser.count }]);
      expect(Object.fromEntries(counted), interval).toEqual(Object.fromEntries(expected));
      expect(counted.length, interval).toBe(expected.size);
      // Asked again, nothing of the last count is left over.
      expect(histogram(ids, c, interval), interval).toEqual(got);
    }
  });
});
