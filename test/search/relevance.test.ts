/**
 * Relevance is BM25 over every match (search/bm25.ts), on both engines: the page a search returns
 * equals a brute-force ranking computed here from the articles' own texts (tokenised as the index
 * tokenises them), and on SQLite a one-word query scores exactly as FTS5's own bm25 scores it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { B, HEADLINE_WEIGHT, K1 } from '../../src/search/bm25.js';
import { searchArchive } from '../../src/search/search.js';
import { sameStem, stemRange } from '../../src/search/stems.js';
import { indexTokens } from '../../src/search/text.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { CORPUS_SLICE, ENGINES, makeArchive } from '../helpers/archive.js';
import { dropAll, requirePostgres } from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
afterAll(async () => {
  await dropAll();
  dir.cleanup();
});

interface Doc {
  id: string;
  story: string;
  words: number;
  /** Per token: occurrences, the headline's counted HEADLINE_WEIGHT times. */
  counts: Map<string, number>;
}

/** Every article as the index holds it, read back from the store and tokenised here. */
async function documents(store: ArchiveStore): Promise<Doc[]> {
  const ids: number[] = [];
  for await (const rows of store.search.rows()) ids.push(...rows.map((r) => r.docId));
  const articles = await store.search.documents(ids);
  return [...articles.values()].map((a) => {
    const title = indexTokens(a.title);
    const body = indexTokens(a.paragraphs.length ? a.paragraphs.join('\n') : a.teaser);
    const counts = new Map<string, number>();
    for (const t of title) counts.set(t, (counts.get(t) ?? 0) + HEADLINE_WEIGHT);
    for (const t of body) counts.set(t, (counts.get(t) ?? 0) + 1);
    return { id: a.id, story: a.storyId, words: title.length + body.length, counts };
  });
}

/**
 * The brute-force ranking of an AND of words: every document scored, each story's best copy kept,
 * best first. A word stands for the forms sharing its stem, as a search expands it.
 */
function bruteForce(docs: Doc[], words: string[]): { id: string; score: number }[] {
  const vocabulary = [...new Set(docs.flatMap((d) => [...d.counts.keys()]))].sort();
  const terms = words.map((w) =>
    sameStem(
      w,
      vocabulary.filter((v) => v.startsWith(stemRange(w))),
    ),
  );
  const average = docs.reduce((n, d) => n + d.words, 0) / docs.length;
  const countOf = (d: Doc, forms: string[]) =>
    forms.reduce((n, f) => n + (d.counts.get(f) ?? 0), 0);
  const idf = terms.map((forms) => {
    const holding = docs.filter((d) => countOf(d, forms) > 0).length;
    const value = Math.log((docs.length - holding + 0.5) / (holding + 0.5));
    return value > 0 ? value : 1e-6;
  });
  const best = new Map<string, { id: string; score: number }>();
  for (const d of docs) {
    if (!terms.every((forms) => countOf(d, forms) > 0)) continue;
    let score = 0;
    terms.forEach((forms, i) => {
      const f = countOf(d, forms);
      score -= (idf[i]! * f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.words) / average));
    });
    const kept = best.get(d.story);
    if (!kept || score < kept.score) best.set(d.story, { id: d.id, score });
  }
  return [...best.values()].sort((a, b) => a.score - b.score);
}

describe.each(ENGINES)('relevance over every match on %s', (engine) => {
  let archive: Awaited<ReturnType<typeof makeArchive>>;
  let docs: Doc[];

  beforeAll(async () => {
    if (engine === 'postgres') await requirePostgres();
    archive = await makeArchive(engine, dir.path);
    await archive.import([CORPUS_SLICE]);
    docs = await documents(archive.store);
  }, 60_000);
  afterAll(async () => {
    await archive?.store.close();
  });

  it.each([
    ['Korea'],
    ['Kim Jong Il'],
    ['nuclear'],
    ['delegation', 'Pyongyang'],
    ['of', 'delegation'],
    ['of'],
  ])('ranks "%s" as a brute-force BM25 of every article does', async (...words: string[]) => {
    const expected = bruteForce(docs, words.join(' ').toLowerCase().split(' '));
    const result = await searchArchive(archive.store, { query: words.join(' '), limit: 20 });
    expect(result.ranked).toBe(result.total);
    expect(result.stories).toBe(expected.length);
    const got = result.hits.map((h) => h.score!);
    const want = expected.slice(0, 20).map((e) => e.score);
    expect(got).toHaveLength(want.length);
    got.forEach((score, i) => expect(score).toBeCloseTo(want[i]!, 9));
    // Where no two stories tie, the same articles in the same order.
    const unique = expected.slice(0, 20).filter((e, i, all) => {
      const near = (j: number) => Math.abs((all[j]?.score ?? Infinity) - e.score) < 1e-9;
      return !near(i - 1) && !near(i + 1);
    });
    for (const e of unique) expect(result.hits[expected.indexOf(e)]!.id).toBe(e.id);
  });
});

describe.each(ENGINES)('a word in half the articles or more on %s', (engine) => {
  it('is scored for the candidates to the page only, not read for every match', async () => {
    if (engine === 'postgres') await requirePostgres();
    const archive = await makeArchive(engine, dir.path);
    try {
      await archive.import([CORPUS_SLICE]);
      const docs = await documents(archive.store);
      expect(docs.filter((d) => d.counts.has('of')).length * 2).toBeGreaterThan(docs.length);
      const reads: string[] = [];
      const index = archive.store.search;
      const postings = index.postings.bind(index);
      const indexedWords = index.indexedWords.bind(index);
      index.postings = (token) => {
        reads.push(token);
        return postings(token);
      };
      let completed = 0;
      const asked: (string[] | undefined)[] = [];
      index.indexedWords = (ids, tokens) => {
        completed += ids.length;
        asked.push(tokens);
        return indexedWords(ids, tokens);
      };
      const result = await searchArchive(archive.store, { query: 'delegation of', limit: 10 });
      // The forms of "delegation" only: "of" is left to the candidates.
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.filter((token) => !token.startsWith('deleg'))).toEqual([]);
      expect(completed).toBeGreaterThan(0);
      expect(completed).toBeLessThan(result.total);
      // Only the common word's counts are asked for, and they are those of every word's read.
      expect(asked).toEqual([['of']]);
      const expected = bruteForce(docs, ['delegation', 'of']);
      result.hits.forEach((h, i) => expect(h.score).toBeCloseTo(expected[i]!.score, 9));
      const some = [...(await indexedWords(result.hits.map((_, i) => i + 1))).entries()];
      const few = await indexedWords(
        some.map(([d]) => d),
        ['of', 'the', 'no-such-word'],
      );
      expect(some.filter(([, words]) => words.has('the')).length).toBeGreaterThan(0);
      for (const [d, words] of some) {
        const kept = [...words].filter(([t]) => ['of', 'the'].includes(t));
        expect([...(few.get(d) ?? new Map())].sort()).toEqual(kept.sort());
      }
    } finally {
      await archive.store.close();
    }
  }, 60_000);
});

describe('the best match archived before thousands of weaker ones', () => {
  it('is first: no window of recent matches leaves it unscored', async () => {
    const archive = await makeArchive('sqlite', dir.path);
    const line = (i: number, title: string, body: string) =>
      JSON.stringify({
        source: 'KCNA (kcna.co.jp)',
        language: 'en',
        published: '2012-03-01',
        title,
        body,
      });
    const lines = [
      line(0, 'Lighthouse Lighthouse', 'The lighthouse keepers met at the lighthouse.'),
    ];
    // More weaker matches after it than relevance used to score (the 5,000 most recent).
    for (let i = 1; i <= 5_100; i++)
      lines.push(
        line(
          i,
          `Harbour report ${i}`,
          `Ship ${i} passed the old lighthouse near quay ${i} at ${i % 24} hours.`,
        ),
      );
    const file = join(dir.path, 'lighthouses.jsonl');
    writeFileSync(file, lines.join('\n') + '\n');
    await archive.import([file]);
    try {
      const result = await searchArchive(archive.store, { query: 'lighthouse', limit: 3 });
      expect(result.total).toBe(5_101);
      expect(result.ranked).toBe(5_101);
      expect(result.hits[0]!.title.segments.map((s) => s.text).join('')).toBe(
        'Lighthouse Lighthouse',
      );
    } finally {
      await archive.store.close();
    }
  }, 120_000);
});

describe('a one-word query on SQLite', () => {
  it('scores every match exactly as FTS5 bm25(search_fts, 3.0, 1.0) does', async () => {
    const archive = await makeArchive('sqlite', dir.path);
    await archive.import([CORPUS_SLICE]);
    const result = await searchArchive(archive.store, { query: '"delegation"', limit: 100 });
    await archive.store.close();
    const db = new Database(archive.path!, { readonly: true });
    const fts = new Map(
      (
        db
          .prepare(
            `SELECT a.id, bm25(search_fts, 3.0, 1.0) FROM search_fts JOIN articles a
            ON a.rowid = search_fts.rowid WHERE search_fts MATCH 'delegation'`,
          )
          .raw()
          .all() as [string, number][]
      ).map(([id, score]) => [id, score]),
    );
    db.close();
    expect(result.total).toBe(fts.size);
    expect(result.hits.length).toBeGreaterThan(10);
    for (const h of result.hits) expect(h.score).toBeCloseTo(fts.get(h.id)!, 9);
  });
});
