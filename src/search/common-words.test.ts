import { describe, expect, it } from 'vitest';
import { seededRandom as random } from '../../test/helpers/random.js';
import type { SearchRow } from '../store/types.js';
import { bm25Scores, finishScores, partialScores, type Postings } from './bm25.js';
import { SearchColumns } from './columns.js';
import { completeScores, isCommon, MAX_CANDIDATES, type DeferredScoring } from './common-words.js';
import { NO_DEADLINE } from './deadline.js';
import { rankAmong, rankHits } from './rank.js';
import type { DocumentWords } from './token-cache.js';

function archive(seed: number, size: number) {
  const next = random(seed);
  const rows: SearchRow[] = [];
  // Per document: counts of a rare word, a middling one and two common ones.
  const counts = new Map<number, Map<string, number>>();
  for (let d = 0; d < size; d++) {
    const words = new Map<string, number>();
    if (next() < 0.1) words.set('rare', 1 + Math.floor(next() * 4));
    if (next() < 0.3) words.set('middling', 1 + Math.floor(next() * 3));
    if (next() < 0.8) words.set('of', 1 + Math.floor(next() * 30));
    if (next() < 0.6) words.set('kim', 1 + Math.floor(next() * 6));
    counts.set(d, words);
    rows.push({
      docId: d,
      sourceId: 's',
      language: 'en',
      year: 2012,
      month: 1,
      day: 1 + (d % 28),
      place: null,
      status: next() < 0.1 ? 'teaser' : 'live',
      storyId: `story-${Math.floor(next() * size * 0.8)}`,
      firstSeen: '2026-01-01T00:00:00.000Z',
      words: 20 + Math.floor(next() * 400),
    });
  }
  const columns = new SearchColumns();
  columns.apply(rows);
  const postings = (word: string): Postings => {
    const ids = [...counts.keys()].filter((d) => counts.get(d)!.has(word));
    return {
      ids: Uint32Array.from(ids),
      counts: Uint16Array.from(ids, (d) => counts.get(d)!.get(word)!),
    };
  };
  return { columns, counts, postings };
}

describe('completeScores: common words scored only where they can change the page', () => {
  it.each([1, 2, 3, 4, 5, 6])('gives the page a full scoring gives (seed %i)', async (seed) => {
    const { columns, counts, postings } = archive(seed, 3_000);
    const stats = columns.collectionStats();
    const words = ['middling', 'of', 'kim', 'rare'];
    const lists = words.map(postings);
    const ids = columns.all();
    const common = words.filter((_, i) => isCommon(lists[i]!.ids.length, stats));
    expect(common).toEqual(['of', 'kim']);
    const rare = lists.filter((_, i) => !common.includes(words[i]!));
    const partial = partialScores(ids, rare, columns.words, stats);
    let read = 0;
    const deferred: DeferredScoring = {
      terms: common.map((w) => ({ tokens: [w], holding: postings(w).ids })),
      partial,
      postings: async () => common.map(postings),
    };
    const context = {
      columns,
      stats,
      deadline: NO_DEADLINE,
      indexedWords: async (docIds: number[], tokens?: string[]): Promise<DocumentWords> => {
        read += docIds.length;
        // Only the common words are asked for.
        expect(tokens?.sort()).toEqual(['kim', 'of']);
        const only = (words: Map<string, number>) =>
          new Map([...words].filter(([t]) => tokens!.includes(t)));
        return new Map(docIds.map((d) => [d, only(counts.get(d)!)]));
      },
    };
    const full = bm25Scores(ids, lists, columns.words, stats);
    for (const [offset, limit] of [
      [0, 20],
      [40, 20],
    ] as const) {
      const first = rankHits(
        ids,
        finishScores(partial).scores,
        columns,
        'relevance',
        offset,
        limit,
      );
      // Completion works on its own copy of the partial sums (it completes them in place).
      const own = { ...deferred, partial: partial.slice() };
      const complete = await completeScores(ids, own, first.bound, context);
      const page = rankHits(ids, complete.scores, columns, 'relevance', offset, limit).page;
      // Ranking the contenders alone gives the same page, copies counted among every match.
      expect(complete.contenders).not.toBeNull();
      expect(complete.contenders!.length).toBeLessThan(ids.length / 4);
      const among = rankAmong(ids, complete.scores, complete.contenders!, columns, offset, limit);
      expect(among.page).toEqual(page);
      expect(among.stories).toBe(first.stories);
      const expected = rankHits(ids, full.scores, columns, 'relevance', offset, limit).page;
      // The same scores (summed in another order: equal to the last bits) of the same documents.
      expect(page).toHaveLength(expected.length);
      page.forEach((h, i) => {
        expect(h.score).toBeCloseTo(expected[i]!.score!, 10);
        if (Math.abs(h.score! - expected[i]!.score!) < 1e-12)
          expect(h.docId).toBe(expected[i]!.docId);
      });
      expect(complete.scored).toBe(full.scored);
    }
    // A few candidates were read, not the common words' postings of every match.
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(MAX_CANDIDATES);
  });
});
