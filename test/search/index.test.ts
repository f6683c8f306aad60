/** The index beyond English: Korean bigrams, folded diacritics, datelines, statuses, and keeping in step with edits. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchArchive } from '../../src/search/search.js';
import { ENGINES, KCNA_TEXT, makeArchive, SEED } from '../helpers/archive.js';
import { dropAll, requirePostgres } from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
afterAll(async () => {
  dir.cleanup();
  await dropAll();
});
const jsonl = (name: string, records: object[]) => {
  const path = join(dir.path, name);
  writeFileSync(path, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
};

// The same expectations on every engine.
describe.each(ENGINES)('%s', (engine) => {
  let archive: Awaited<ReturnType<typeof makeArchive>>;
  const totalOf = async (query: string) => (await searchArchive(archive.store, { query })).total;

  beforeAll(async () => {
    if (engine === 'postgres') await requirePostgres();
    archive = await makeArchive(engine, dir.path);
    await archive.import([SEED, KCNA_TEXT(1), KCNA_TEXT(2), KCNA_TEXT(3)]);
    await archive.import([
      jsonl('mixed.jsonl', [
        {
          source: 'kcna-kp-ko',
          language: 'ko',
          published: '2024-05-01',
          title: '당의 정책을 관철하자',
          body: '조선중앙통신은 당의 정책을 철저히 관철하기 위한 투쟁을 보도하였다. 인민경제의 여러 부문에서 성과가 이룩되었다.',
        },
        {
          source: 'kcna-kp-es',
          language: 'es',
          published: '2024-05-02',
          title: 'Saludo a Raúl Castro',
          body: 'El Presidente envió un mensaje de felicitación a Raúl Castro Ruz con motivo del aniversario de la Revolución cubana y la amistad entre los pueblos.',
        },
        {
          source: 'kcna-kp-en',
          language: 'en',
          published: '2024-05-03',
          title: 'Talks Stalled',
          body: 'The negotiations stalled again on Friday as the delegations left the venue without a date for the next round of meetings.',
        },
        {
          source: 'kcna-kp-en',
          language: 'en',
          published: '2024-05-04',
          title: 'Delegation Returns',
          body: 'The delegation negotiating the fisheries agreement returned home on Saturday after a week of meetings with their counterparts.',
        },
      ]),
    ]);
  }, 60_000);
  afterAll(async () => {
    await archive?.store.close();
  });

  describe('languages', () => {
    it('finds Korean words inside longer forms through character bigrams', async () => {
      expect(await totalOf('정책')).toBe(1);
      expect(await totalOf('정책을')).toBe(1);
      expect(await totalOf('"당의 정책을"')).toBe(1);
      expect(await totalOf('관철')).toBe(1);
      expect(await totalOf('정책 lang:ko')).toBe(1);
      expect(await totalOf('책정')).toBe(0);
      const hit = (await searchArchive(archive.store, { query: '정책' })).hits[0]!;
      expect(hit.snippet.filter((s) => s.hit).map((s) => s.text)).toContain('정책');
    });

    it('folds diacritics both ways: Raul finds Raúl, and Revolucion finds Revolución', async () => {
      // One KCNA text writes "Raul Castro Ruz", the Spanish record "Raúl Castro Ruz".
      expect(await totalOf('Raul')).toBe(2);
      expect(await totalOf('Raúl')).toBe(2);
      expect(await totalOf('"Raul Castro Ruz"')).toBe(2);
      expect(await totalOf('revolucion')).toBe(1);
      const hits = (await searchArchive(archive.store, { query: 'raul' })).hits;
      expect(hits.flatMap((h) => h.snippet.filter((s) => s.hit).map((s) => s.text)).sort()).toEqual(
        ['Raul', 'Raúl'],
      );
    });

    it('stems English words but keeps phrases exact', async () => {
      // Besides the two records below, one KCNA text speaks of "negotiations".
      expect(await totalOf('negotiation')).toBe(3);
      expect(await totalOf('negotiating')).toBe(3);
      expect(await totalOf('"negotiation"')).toBe(0);
      expect(await totalOf('"negotiations"')).toBe(2);
      expect(await totalOf('"negotiating"')).toBe(1);
    });
  });

  describe('filters from the page itself', () => {
    it('filters and counts by dateline place and by status', async () => {
      const pyongyang = await searchArchive(archive.store, {
        query: 'place:pyongyang',
        facets: true,
      });
      expect(pyongyang.total).toBeGreaterThan(0);
      expect(pyongyang.facets!.place[0]).toMatchObject({
        value: 'Pyongyang',
        count: pyongyang.total,
      });
      expect(pyongyang.hits.every((h) => h.place === 'Pyongyang')).toBe(true);
      expect(await totalOf('status:teaser')).toBe(20);
      expect(await totalOf('status:teaser OR status:live')).toBe(
        (await archive.store.stats()).articles + 20,
      );
    });

    it('never lets a date filter match an article whose year is unknown', async () => {
      const seed = (
        await archive.store.listArticles({ sourceId: 'kcna-kp-en', status: 'live' })
      ).items.find((a) => a.published.year === null)!;
      const word = seed.paragraphs[0]!.split(/\W+/).filter((w) => w.length > 6)[0]!;
      const any = await searchArchive(archive.store, { query: `"${word}"`, limit: 100 });
      expect(any.hits.map((h) => h.id)).toContain(seed.id);
      const dated = await searchArchive(archive.store, {
        query: `"${word}" date:1900..2100`,
        limit: 100,
      });
      expect(dated.hits.map((h) => h.id)).not.toContain(seed.id);
    });
  });

  describe('keeping the index in step', () => {
    it("finds a new version's words, not the replaced ones, and sees new articles without a restart", async () => {
      const a = await makeArchive(engine, dir.path);
      const record = {
        source: 'kcna-kp-en',
        language: 'en',
        published: '2024-06-01',
        title: 'Grain Harvest Report',
        // Long enough that replacing two words is an edit of one article, not another item (data-model.md).
        body:
          'Farmers across the country reported a bumper harvest of maize and wheat this season, officials said on Saturday in Pyongyang. ' +
          'The harvest was the largest in a decade, thanks to new irrigation works and to the efforts of the farm workers ' +
          'in every province, who were praised at a meeting held at the Ministry of Agriculture on the same day.',
      };
      await a.import([jsonl('v1.jsonl', [record])]);
      const q = (query: string) => searchArchive(a.store, { query }).then((r) => r.total);
      expect(await q('maize')).toBe(1);
      // Same story (same lead), edited body: a second version that replaces the searchable text.
      await a.import([
        jsonl('v2.jsonl', [
          { ...record, body: record.body.replace('maize and wheat', 'potatoes and barley') },
        ]),
      ]);
      expect((await a.store.stats()).versions).toBe(2);
      expect(await q('maize')).toBe(0);
      expect(await q('potatoes')).toBe(1);
      await a.import([
        jsonl('other.jsonl', [
          {
            ...record,
            title: 'Fishing Season Opens',
            published: '2024-06-02',
            body: 'Fishermen on the east coast set out for the first catch of the season, bringing in squid and pollack by the ton.',
          },
        ]),
      ]);
      expect(await q('squid date:2024-06')).toBe(1);
      expect(await q('season')).toBe(2);
      await a.store.close();
    });
  });
});
