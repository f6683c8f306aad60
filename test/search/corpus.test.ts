/**
 * Search totals against an independent count: a regex over the same real KCNA stories (title + body),
 * with words as runs of letters and digits and diacritics folded, the way a reader would grep them.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stemmer } from 'stemmer';
import { searchArchive, SearchError, type SearchRequest } from '../../src/search/search.js';
import { CORPUS_SLICE, ENGINES, makeArchive } from '../helpers/archive.js';
import { dropAll, requirePostgres } from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';

interface Story {
  title: string;
  body: string;
  language: string;
  published: string;
}

const dir = tempDir();
afterAll(async () => {
  dir.cleanup();
  await dropAll();
});

// The slice holds four stories twice, word for word (one article each), and a short flash followed by
// the full story under the same title and date (two items KCNA issued, so two articles), so the count
// keeps one story per distinct record.
const stories: Story[] = [
  ...new Map(
    readFileSync(CORPUS_SLICE, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Story)
      .map((s) => [`${s.language}\u0000${s.title}\u0000${s.published}\u0000${s.body}`, s] as const),
  ).values(),
];

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
const textOf = (s: Story) => fold(`${s.title}\n${s.body}`);
const phraseRegex = (phrase: string) =>
  new RegExp(
    `(?<![\\p{L}\\p{N}])${fold(phrase)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`,
    'u',
  );
const count = (pred: (s: Story) => boolean) => stories.filter(pred).length;
const has = (phrase: string) => (s: Story) => phraseRegex(phrase).test(textOf(s));

// The same searches, the same totals, on every engine.
describe.each(ENGINES)('%s', (engine) => {
  let archive: Awaited<ReturnType<typeof makeArchive>>;
  const search = (query: string, extra: Partial<SearchRequest> = {}) =>
    searchArchive(archive.store, { query, ...extra });

  beforeAll(async () => {
    if (engine === 'postgres') await requirePostgres();
    archive = await makeArchive(engine, dir.path);
    await archive.import([CORPUS_SLICE]);
    expect((await archive.store.stats()).articles).toBe(stories.length);
  }, 60_000);
  afterAll(async () => {
    await archive?.store.close();
  });

  describe('search totals equal an independent regex count over the corpus', () => {
    it.each([
      'Kim Jong Il',
      'Kim Jong Un',
      "Workers' Party of Korea",
      'South Korea',
      'Lee Myung Bak',
      'Kim Yong Nam',
      'national reunification',
      'Pyongyang',
      'Lao',
      'United States',
      'República Popular Democrática de Corea',
      'Republica Popular Democratica',
      'Partido del Trabajo',
    ])('phrase "%s"', async (phrase) => {
      const expected = count(has(phrase));
      expect(expected).toBeGreaterThan(0);
      expect((await search(`"${phrase}"`)).total).toBe(expected);
    });

    it('words without quotes must all occur, anywhere, in any form of their stem', async () => {
      const stem = (w: string) => stemmer(fold(w));
      const words = (s: Story) =>
        new Set(
          textOf(s)
            .split(/[^\p{L}\p{N}]+/u)
            .map(stem),
        );
      const expected = count(
        (s) => words(s).has(stem('negotiations')) && words(s).has(stem('nuclear')),
      );
      expect(expected).toBeGreaterThan(0);
      expect((await search('negotiations nuclear')).total).toBe(expected);
    });

    it('boolean operators combine like sets', async () => {
      const a = has('Kim Jong Il'),
        b = has('Kim Jong Un'),
        c = has('Kim Yong Nam');
      expect((await search('"Kim Jong Il" -"Kim Jong Un"')).total).toBe(
        count((s) => a(s) && !b(s)),
      );
      expect((await search('"Kim Jong Un" OR "Kim Yong Nam"')).total).toBe(
        count((s) => b(s) || c(s)),
      );
      expect((await search('("Kim Jong Un" OR "Kim Yong Nam") NOT "Kim Jong Il"')).total).toBe(
        count((s) => (b(s) || c(s)) && !a(s)),
      );
    });

    it('date and source filters count like the records say', async () => {
      const a = has('Kim Jong Il');
      const inRange = (s: Story) => s.published >= '2011-12-01' && s.published <= '2011-12-07';
      expect((await search('"Kim Jong Il" date:2011-12-01..2011-12-07')).total).toBe(
        count((s) => a(s) && inRange(s)),
      );
      expect((await search('"Kim Jong Il" after:2011-12-07')).total).toBe(
        count((s) => a(s) && s.published > '2011-12-07'),
      );
      expect((await search('"Kim Jong Il" source:kcna-co-jp-es')).total).toBe(
        count((s) => a(s) && s.language === 'es'),
      );
      expect((await search('lang:es')).total).toBe(count((s) => s.language === 'es'));
      expect((await search('date:2011-12-05 -lang:es')).total).toBe(
        count((s) => s.published === '2011-12-05' && s.language !== 'es'),
      );
    });

    it('title: looks only at headlines', async () => {
      expect((await search('title:"Kim Jong Il"')).total).toBe(
        count((s) => phraseRegex('Kim Jong Il').test(fold(s.title))),
      );
    });

    it('prefix* finds every word so beginning', async () => {
      const re = /(?<![\p{L}\p{N}])reunif[\p{L}\p{N}]*/u;
      expect((await search('reunif*')).total).toBe(count((s) => re.test(textOf(s))));
    });
  });

  describe('results', () => {
    it('facets and the histogram add up to the total, and shares are of all articles in the period', async () => {
      const r = await search('"Kim Jong Il"', { facets: true, histogram: 'day' });
      const sum = (xs: { count: number }[]) => xs.reduce((n, x) => n + x.count, 0);
      expect(sum(r.facets!.source)).toBe(r.total);
      expect(sum(r.facets!.language)).toBe(r.total);
      expect(sum(r.facets!.year)).toBe(r.total);
      expect(sum(r.histogram!.buckets) + r.histogram!.undated).toBe(r.total);
      const day = r.histogram!.buckets.find((b) => b.count > 0)!;
      expect(day.total).toBe(count((s) => s.published === day.start));
      expect(day.share).toBeCloseTo(day.count / day.total, 4);
    });

    it('newest and oldest order by date; every story appears once, its copies counted', async () => {
      const all = await search('Korea', { sort: 'newest', limit: 100 });
      const dates = all.hits.map((h) => h.date);
      expect(dates).toEqual([...dates].sort().reverse());
      const oldest = await search('Korea', { sort: 'oldest', limit: 5 });
      expect(oldest.hits.map((h) => h.date)).toEqual([...oldest.hits.map((h) => h.date)].sort());
      let copies = 0;
      const seen = new Set<string>();
      for (let offset = 0; offset < all.stories; offset += 100) {
        for (const h of (await search('Korea', { sort: 'newest', limit: 100, offset })).hits) {
          copies += h.copies;
          seen.add(h.id);
        }
      }
      expect(seen.size).toBe(all.stories);
      expect(copies).toBe(all.total);
    });

    it('ranks by relevance with the title weighted, and highlights the words found', async () => {
      const r = await search('Lao', { limit: 3 });
      expect(r.sort).toBe('relevance');
      expect(r.hits[0]!.title.segments.some((s) => s.hit && /lao/i.test(s.text))).toBe(true);
      const scores = r.hits.map((h) => h.score!);
      expect(scores).toEqual([...scores].sort((a, b) => a - b));
      expect(r.hits[0]!.snippet.some((s) => s.hit)).toBe(true);
    });

    it('answers a malformed query or an unknown source with a SearchError, never an SQL error', async () => {
      await expect(search('"Kim')).rejects.toThrow(SearchError);
      await expect(search('(Kim OR')).rejects.toMatchObject({ position: 5 });
      await expect(search('source:nowhere')).rejects.toThrow(/no source "nowhere" in this archive/);
      await expect(search('Kim', { limit: 0 })).rejects.toThrow(/limit must be/);
    });
  });
});
