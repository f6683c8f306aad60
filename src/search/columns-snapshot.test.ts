import { describe, expect, it } from 'vitest';
import type { SearchRow } from '../store/types.js';
import { SearchColumns } from './columns.js';
import { decodeColumns, encodeColumns, isColumnsSnapshot } from './columns-snapshot.js';

function row(docId: number, over: Partial<SearchRow> = {}): SearchRow {
  return {
    docId,
    sourceId: docId % 3 ? 'kcna-kp-en' : 'rodong-ko',
    language: docId % 3 ? 'en' : 'ko',
    year: 2012,
    month: 3,
    day: (docId % 28) + 1,
    place: docId % 2 ? 'Pyongyang' : null,
    status: 'live',
    // Derived ids (16 hex digits) and an imported record's own, and stories shared by several.
    storyId: docId % 5 === 0 ? `record-${docId % 7}` : (docId % 11).toString(16).padStart(16, 'a'),
    firstSeen: `2026-01-0${(docId % 9) + 1}T00:00:00.000Z`,
    words: docId * 7,
    ...over,
  };
}

function sample(): SearchColumns {
  const columns = new SearchColumns();
  const rows = [];
  for (let d = 1; d < 3000; d += d % 4 ? 1 : 3) rows.push(row(d));
  rows.push(
    row(3001, { year: null, month: null, day: null, status: 'teaser', place: 'PYONGYANG' }),
  );
  rows.push(row(3002, { language: null, place: 'Beijing', status: 'deleted' }));
  columns.apply(rows);
  columns.generation = 42;
  return columns;
}

/** What a search reads of the columns, document by document. */
function read(c: SearchColumns, docs: number) {
  const out = [];
  for (let d = 0; d < docs; d++)
    out.push([
      c.present[d] ?? 0,
      c.sources.values[c.source[d] ?? 0],
      c.languages.values[c.language[d] ?? 0],
      c.year[d],
      c.month[d],
      c.day[d],
      c.place[d]! >= 0 ? c.placeLabels[c.place[d]!] : null,
      c.status[d],
      c.story[d],
      c.archived[d],
    ]);
  return out;
}

describe('search columns snapshot', () => {
  it('reads back what it wrote: every document, the dictionaries and the story codes', () => {
    const columns = sample();
    const back = decodeColumns(encodeColumns(columns));
    expect(back.generation).toBe(42);
    expect(back.size).toBe(columns.size);
    expect(read(back, 3010)).toEqual(read(columns, 3010));
    expect([...back.all()]).toEqual([...columns.all()]);
    expect(back.places.find('pyongyang')).toBe(columns.places.find('pyongyang'));
    expect(back.statusCode('teaser')).toBe(columns.statusCode('teaser'));
    // Known stories keep their codes; a new one gets the next, as in the columns it came from.
    for (const id of ['record-3', 'aaaaaaaaaaaaaaa5', 'new-story', 'ffffffffffffffff'])
      expect(back.stories.code(id), id).toBe(columns.stories.code(id));
  });

  it('takes changed rows afterwards as the columns do', () => {
    const columns = sample();
    const back = decodeColumns(encodeColumns(columns));
    const changes = [
      row(7, { status: 'deleted', place: 'Moscow' }),
      row(5000),
      row(2, { storyId: 'x' }),
    ];
    columns.apply(changes);
    back.apply(changes);
    expect(read(back, 5001)).toEqual(read(columns, 5001));
    expect(back.size).toBe(columns.size);
  });

  it('reads an empty archive', () => {
    const back = decodeColumns(encodeColumns(new SearchColumns()));
    expect(back.size).toBe(0);
    expect([...back.all()]).toEqual([]);
  });

  it('refuses bytes that are not a whole snapshot', () => {
    const bytes = encodeColumns(sample());
    expect(() => decodeColumns(bytes.subarray(0, bytes.length - 4))).toThrow(/cut short/);
    expect(() => decodeColumns(Buffer.concat([bytes, Buffer.alloc(4)]))).toThrow(/left over/);
    expect(() => decodeColumns(Buffer.from('SQLite format 3\0'))).toThrow(/magic/);
    const other = Buffer.from(bytes);
    other.writeUInt32LE(99, 4);
    expect(() => decodeColumns(other)).toThrow(/format 99/);
    expect(
      [bytes, other, Buffer.from('SQLite format 3\0')].map((b) =>
        isColumnsSnapshot(b.subarray(0, 8)),
      ),
    ).toEqual([true, false, false]);
  });
});
