import { describe, expect, it } from 'vitest';
import type { SearchRow } from '../store/types.js';
import { SearchColumns } from './columns.js';
import { countFacets } from './facets.js';

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
