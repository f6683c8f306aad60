/**
 * The two engines' search indexes side by side, on the same imports: the same words with the same
 * counts (stemming expands from them), the same matches, and both keeping in step through an edit and a
 * full reprocess.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reprocessAll } from '../../src/pipeline/reprocess.js';
import { searchArchive } from '../../src/search/search.js';
import { CORPUS_SLICE, KCNA_TEXT, makeArchive, SEED } from '../helpers/archive.js';
import { dropAll, requirePostgres } from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
let sqlite: Awaited<ReturnType<typeof makeArchive>>;
let pg: Awaited<ReturnType<typeof makeArchive>>;

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
const jsonl = (name: string, records: object[]) => {
  const path = join(dir.path, name);
  writeFileSync(path, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
};

beforeAll(async () => {
  await requirePostgres();
  sqlite = await makeArchive('sqlite', dir.path);
  pg = await makeArchive('postgres', dir.path);
  const v1 = jsonl('v1.jsonl', [record]);
  const v2 = jsonl('v2.jsonl', [
    { ...record, body: record.body.replace('maize and wheat', 'potatoes and barley') },
  ]);
  for (const a of [sqlite, pg]) {
    await a.import([SEED, KCNA_TEXT(1), KCNA_TEXT(2), CORPUS_SLICE, v1]);
    await a.import([v2]);
  }
}, 60_000);
afterAll(async () => {
  await sqlite?.store.close();
  await pg?.store.close();
  dir.cleanup();
  await dropAll();
});

const everyWord = (a: typeof pg) => a.store.search.vocabulary('', 1_000_000);
const idsOf = async (a: typeof pg, query: string) => {
  const r = await searchArchive(a.store, { query, sort: 'newest', limit: 100 });
  return { total: r.total, stories: r.stories, ids: r.hits.map((h) => h.id) };
};

describe('PostgreSQL and SQLite indexes', () => {
  it('hold the same words; a word only a replaced version had is gone (PostgreSQL) or matches nothing (SQLite keeps it)', async () => {
    const words = await everyWord(pg);
    expect(words.length).toBeGreaterThan(5000);
    const sqliteWords = await everyWord(sqlite);
    expect(words).toContain('potatoes');
    expect(words).not.toContain('maize');
    const pgSet = new Set(words);
    const stale = sqliteWords.filter((w) => !pgSet.has(w));
    expect(new Set(sqliteWords)).toEqual(new Set([...words, ...stale]));
    expect(stale).toEqual(['maize']);
    for (const word of stale)
      expect((await searchArchive(sqlite.store, { query: `"${word}"` })).total, word).toBe(0);
    for (const prefix of ['negotiat', 'kor', 'reunif', 'rep', '2011']) {
      const live = (await sqlite.store.search.vocabulary(prefix, 512)).filter((w) => pgSet.has(w));
      expect(await pg.store.search.vocabulary(prefix, 512), prefix).toEqual(live);
    }
  });

  it('find the same articles for the same queries', async () => {
    for (const query of [
      'Korea',
      'talks',
      '"Kim Jong Il" -"Kim Jong Un"',
      'title:Kim',
      'econom*',
      'potatoes OR maize',
      'reunification date:2011-12',
    ]) {
      expect(await idsOf(pg, query), query).toEqual(await idsOf(sqlite, query));
    }
  });

  it('find the same articles and the same matched versions with version:any', async () => {
    const versionsOf = async (a: typeof pg, query: string) =>
      (await searchArchive(a.store, { query, sort: 'newest', limit: 100 })).hits.map((h) => [
        h.id,
        h.matchedVersion,
      ]);
    for (const query of [
      'version:any maize',
      'version:any "maize and wheat"',
      'version:any mai*',
      'version:any maize OR potatoes',
      'version:any harvest -maize',
      'version:any Korea',
      'version:any title:harvest',
    ]) {
      expect(await idsOf(pg, query), query).toEqual(await idsOf(sqlite, query));
      expect(await versionsOf(pg, query), query).toEqual(await versionsOf(sqlite, query));
    }
    expect(await versionsOf(pg, 'version:any maize')).toEqual([[expect.any(String), 1]]);
  });

  it('empty with the articles on a full reprocess, and fill again with them', async () => {
    const before = await idsOf(pg, 'Korea');
    const { generation } = await pg.store.search.refresh();
    await pg.store.clearDerived();
    const cleared = await pg.store.search.refresh();
    expect(cleared.generation).toBeGreaterThan(generation);
    for await (const rows of pg.store.search.rows()) expect(rows).toEqual([]);
    expect(await everyWord(pg)).toEqual([]);
    expect((await searchArchive(pg.store, { query: 'Korea' })).total).toBe(0);
    await reprocessAll(pg.store, { now: () => '2026-11-28T00:00:00.000Z' });
    expect(await idsOf(pg, 'Korea')).toEqual(before);
    expect(new Set(await everyWord(pg))).toEqual(
      new Set((await everyWord(sqlite)).filter((w) => w !== 'maize')),
    );
  });
});
