import { describe, expect, it } from 'vitest';
import {
  bm25Scores,
  inverseDocumentFrequency,
  mergePostings,
  scoringTerms,
  seek,
  type Postings,
} from './bm25.js';

const postings = (pairs: [number, number][]): Postings => ({
  ids: Uint32Array.from(pairs, ([id]) => id),
  counts: Uint16Array.from(pairs, ([, count]) => count),
});

describe('scoringTerms', () => {
  it('scores each positive word once: stems as one term, phrases as their words, NOTs not at all', () => {
    const terms = scoringTerms({
      kind: 'and',
      items: [
        { kind: 'any', tokens: ['missile', 'missiles'] },
        { kind: 'phrase', tokens: ['workers', 'party'] },
        { kind: 'title', expr: { kind: 'any', tokens: ['missiles', 'missile'] } },
        {
          kind: 'except',
          base: { kind: 'prefix', prefix: 'nucl' },
          minus: { kind: 'any', tokens: ['test'] },
        },
        { kind: 'phrase', tokens: ['114', '돐'], lastPrefix: true },
      ],
    });
    expect(terms).toEqual([
      { tokens: ['missile', 'missiles'] },
      { tokens: ['workers'] },
      { tokens: ['party'] },
      { prefix: 'nucl' },
      { tokens: ['114'] },
      { prefix: '돐' },
    ]);
  });
});

describe('mergePostings', () => {
  it('adds the counts of the forms of one word over the union of their documents', () => {
    const merged = mergePostings([
      postings([
        [1, 2],
        [5, 1],
      ]),
      postings([
        [3, 4],
        [5, 3],
      ]),
    ]);
    expect([...merged.ids]).toEqual([1, 3, 5]);
    expect([...merged.counts]).toEqual([2, 4, 4]);
  });
});

describe('seek', () => {
  it('finds the first position at or after a start whose id is not below the target', () => {
    const ids = Uint32Array.from({ length: 1000 }, (_, i) => i * 2);
    expect(seek(ids, 0, 0)).toBe(0);
    expect(seek(ids, 0, 7)).toBe(4);
    expect(seek(ids, 4, 8)).toBe(4);
    expect(seek(ids, 10, 1998)).toBe(999);
    expect(seek(ids, 10, 5000)).toBe(1000);
  });
});

describe('bm25Scores', () => {
  it('scores as FTS5: idf · f(k1 + 1) / (f + k1(1 − b + b·len/avglen)), negated; +∞ without a word', () => {
    const words = Uint32Array.from([0, 10, 20, 30]);
    const stats = { documents: 10, averageWords: 20 };
    const term = postings([
      [1, 3],
      [2, 1],
    ]);
    const { scores, scored } = bm25Scores(Uint32Array.from([1, 2, 3]), [term], words, stats);
    const idf = Math.log((10 - 2 + 0.5) / (2 + 0.5));
    expect(scores[0]).toBeCloseTo((-idf * 3 * 2.2) / (3 + 1.2 * (0.25 + (0.75 * 10) / 20)), 12);
    expect(scores[1]).toBeCloseTo((-idf * 1 * 2.2) / (1 + 1.2 * (0.25 + (0.75 * 20) / 20)), 12);
    expect(scores[2]).toBe(Number.POSITIVE_INFINITY);
    expect(scored).toBe(2);
  });

  it('adds the terms and keeps a word in most documents just above nothing', () => {
    expect(inverseDocumentFrequency(10, 9)).toBe(1e-6);
    const words = Uint32Array.from([5, 5]);
    const stats = { documents: 10, averageWords: 5 };
    const both = bm25Scores(
      Uint32Array.from([0, 1]),
      [postings([[0, 1]]), postings([[0, 1]])],
      words,
      stats,
    );
    const one = bm25Scores(Uint32Array.from([0, 1]), [postings([[0, 1]])], words, stats);
    expect(one.scores[0]).toBeLessThan(-0.5);
    expect(both.scores[0]).toBeCloseTo(2 * one.scores[0]!, 12);
    expect(both.scores[1]).toBe(Number.POSITIVE_INFINITY);
  });
});
