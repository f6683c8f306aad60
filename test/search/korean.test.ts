/**
 * Korean search on both engines, over the real Korean records of test/fixtures/korean: one-syllable
 * words inside longer words, full-width digits, and a phrase ending on a one-syllable word.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchArchive } from '../../src/search/search.js';
import { ENGINES, makeArchive } from '../helpers/archive.js';
import { dropAll, requirePostgres } from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'korean');
const KCNA = join(
  FIXTURES,
  'kcna-kp__bicheondev-nkarchive__news-details-sample-2026-08-20-21.jsonl',
);
const RODONG = join(
  FIXTURES,
  'rodong-ko__bicheondev-nkarchive__rodong-ko-text-sample-2026-03-04.jsonl',
);

const dir = tempDir();
afterAll(async () => {
  dir.cleanup();
  await dropAll();
});

describe.each(ENGINES)('%s', (engine) => {
  let archive: Awaited<ReturnType<typeof makeArchive>>;
  const search = (query: string) => searchArchive(archive.store, { query, limit: 100 });
  const titles = async (query: string) =>
    (await search(query)).hits.map((h) => h.title.segments.map((s) => s.text).join(''));

  beforeAll(async () => {
    if (engine === 'postgres') await requirePostgres();
    archive = await makeArchive(engine, dir.path);
    await archive.import([KCNA, RODONG]);
  }, 60_000);
  afterAll(async () => {
    await archive?.store.close();
  });

  it('finds a one-syllable word inside the words it opens (당 in 당원, 당정책), not only alone', async () => {
    const party = await search('당');
    // Every text with a word that starts with 당 is found: the one-syllable word alone would be 0 or 1.
    expect(party.total).toBeGreaterThan(5);
    for (const hit of party.hits)
      expect(hit.snippet.some((s) => s.hit && s.text.includes('당'))).toBe(true);
    // Narrowed by another word, as any word is.
    expect((await search('당 강원도')).total).toBeGreaterThanOrEqual(1);
  });

  it('finds full-width digits by ASCII digits and by themselves', async () => {
    const plan =
      '２０２５년 인민경제계획을 가장 모범적으로 수행한 공업부문의 단위들에 공동순회우승기와 표창장 수여';
    expect(await titles('2025')).toContain(plan);
    expect(await titles('２０２５')).toContain(plan);
  });

  it('finds a phrase that ends on a one-syllable word run into the next (114돐경축)', async () => {
    const found = await titles('114돐');
    expect(found.some((t) => t.includes('１１４돐경축 사진전람회'))).toBe(true);
    expect((await titles('"김일성동지 탄생 114돐"')).sort()).toEqual([...found].sort());
  });

  it('keeps finding words of two syllables and more inside compounds and inflections', async () => {
    expect((await search('에볼라비루스')).total).toBe(1);
    expect((await search('비루스')).total).toBeGreaterThanOrEqual(1);
    expect((await search('비루스 lang:ko')).total).toBe((await search('비루스')).total);
    expect((await search('조선중앙통신 -에볼라')).total).toBeGreaterThan(0);
  });
});
