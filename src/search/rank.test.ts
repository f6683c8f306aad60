import { describe, expect, it } from 'vitest';
import { seededRandom as random } from '../../test/helpers/random.js';
import type { SearchRow } from '../store/types.js';
import { SearchColumns, UNKNOWN_DAY } from './columns.js';
import { rankHits, relevanceKey, type Sort } from './rank.js';

/** Stories of many equal copies (the same score and day), teasers, undated and unscored matches. */
function archive(seed: number, size: number) {
  const next = random(seed);
  const rows: SearchRow[] = [];
  const scores = new Float64Array(size);
  const storyOf: number[] = [];
  for (let d = 0; d < size; d++) {
    const copyOf = d > 0 && next() < 0.5 ? Math.floor(next() * d) : -1;
    const story = copyOf >= 0 ? storyOf[copyOf]! : d;
    storyOf.push(story);
    const dated = next() < 0.9;
    rows.push({
      docId: d,
      sourceId: 's',
      language: 'en',
      year: dated ? 2012 : null,
      month: dated ? 1 + (story % 12) : null,
      day: dated ? 1 + (story % 28) : null,
      place: null,
      status: next() < 0.15 ? 'teaser' : 'live',
      storyId: `story-${story}`,
      firstSeen: '2026-01-01T00:00:00.000Z',
      words: 100,
    });
    scores[d] =
      next() < 0.1
        ? Number.POSITIVE_INFINITY
        : copyOf >= 0
          ? scores[copyOf]!
          : -Math.round(next() * 20) / 4;
  }
  const columns = new SearchColumns();
  columns.apply(rows);
  return { columns, scores };
}

/** Every match keyed and sorted, each story's first kept: what `rankHits` must give. */
function bruteForce(
  ids: Uint32Array,
  scores: Float64Array | null,
  c: SearchColumns,
  sort: Sort,
  offset: number,
  limit: number,
) {
  const teaser = c.statusCode('teaser');
  const dateKey = (d: number, newest: boolean) => {
    if (c.day[d] === UNKNOWN_DAY) return 8e15 + (newest ? -d : d);
    const k = c.day[d]! * 2 ** 32 + d;
    return newest ? -k : k;
  };
  const order = Array.from(ids.keys()).map((i) => {
    const d = ids[i]!;
    const relevance = sort === 'relevance' && scores !== null;
    return {
      i,
      d,
      key: relevance ? relevanceKey(c, d, scores[i]!) : dateKey(d, sort !== 'oldest'),
      tie: relevance && c.status[d] === teaser ? 1 : 0,
    };
  });
  order.sort((a, b) => a.key - b.key || a.tie - b.tie || a.i - b.i);
  const copies = new Map<number, number>();
  for (const d of ids) copies.set(c.story[d]!, (copies.get(c.story[d]!) ?? 0) + 1);
  const seen = new Set<number>();
  const best = order.filter((o) => !seen.has(c.story[o.d]!) && seen.add(c.story[o.d]!));
  const wanted = offset + limit;
  return {
    page: best.slice(offset, wanted).map((o) => ({
      docId: o.d,
      copies: copies.get(c.story[o.d]!)!,
      score: scores ? scores[o.i]! : null,
    })),
    stories: copies.size,
    bound: best.length >= wanted ? best[wanted - 1]!.key : Number.POSITIVE_INFINITY,
  };
}

describe('rankHits', () => {
  it('gives the page of a full sort: best copy per story, ties to full texts, then the earlier', () => {
    for (const seed of [1, 2, 3]) {
      const { columns, scores } = archive(seed, 3000);
      const next = random(seed + 100);
      // A sparse subset, as a query's matches are.
      const ids = Uint32Array.from(columns.all().filter(() => next() < 0.6));
      const subScores = Float64Array.from(ids, (d) => scores[d]!);
      for (const sort of ['relevance', 'newest', 'oldest'] as const)
        for (const [offset, limit] of [
          [0, 20],
          [40, 20],
          [0, 1],
          [500, 100],
          [5000, 20],
        ] as const) {
          const got = rankHits(ids, subScores, columns, sort, offset, limit);
          const expected = bruteForce(ids, subScores, columns, sort, offset, limit);
          const label = `seed ${seed}, ${sort}, ${offset}+${limit}`;
          expect(got.page, label).toEqual(expected.page);
          expect(got.stories, label).toBe(expected.stories);
          expect(got.bound, label).toBe(expected.bound);
        }
    }
  });

  it('reaches past a story whose copies fill the first pick', () => {
    const { columns } = archive(7, 10);
    const rows: SearchRow[] = Array.from({ length: 2000 }, (_, i) => ({
      docId: 10 + i,
      sourceId: 's',
      language: 'en',
      year: 2012,
      month: 1,
      day: 1,
      place: null,
      status: 'live',
      // 1,990 equal copies of one story, then ten stories of one match each.
      storyId: i < 1990 ? 'big' : `small-${i}`,
      firstSeen: '2026-01-01T00:00:00.000Z',
      words: 100,
    }));
    columns.apply(rows);
    const ids = Uint32Array.from(rows, (r) => r.docId);
    const scores = Float64Array.from(ids, (d) => (d < 2000 ? -10 : -1));
    const got = rankHits(ids, scores, columns, 'relevance', 0, 5);
    expect(got.page).toEqual(bruteForce(ids, scores, columns, 'relevance', 0, 5).page);
    expect(got.page.map((h) => h.copies)).toEqual([1990, 1, 1, 1, 1]);
    expect(got.stories).toBe(11);
  });
});
