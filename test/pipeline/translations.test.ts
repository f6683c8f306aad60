/**
 * Translations on both engines: real corpus stories (test/fixtures/jsonl/kcna-translations-days.jsonl,
 * whole days around pairs judged by hand in src/bench/translations/) linked by the drain, shown on the article page and in
 * the API, searchable with `translated:`, linked again after an edit, and kept right through a
 * reprocess.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reprocessAll } from '../../src/pipeline/reprocess.js';
import { searchArchive } from '../../src/search/search.js';
import { createApp } from '../../src/server/app.js';
import { ENGINES, makeArchive } from '../helpers/archive.js';
import { dropAll, requirePostgres } from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';

const FIXTURE = join(
  import.meta.dirname,
  '..',
  'fixtures',
  'jsonl',
  'kcna-translations-days.jsonl',
);
const dir = tempDir();
afterAll(async () => {
  dir.cleanup();
  await dropAll();
});

describe.each(ENGINES)('%s', (engine) => {
  let archive: Awaited<ReturnType<typeof makeArchive>>;
  const idOf = async (title: string) => {
    const page = await archive.store.listArticles({ limit: 500 });
    const found = page.items.find((a) => a.title?.startsWith(title));
    if (!found) throw new Error(`no article titled ${title}`);
    return found.id;
  };

  beforeAll(async () => {
    if (engine === 'postgres') await requirePostgres();
    archive = await makeArchive(engine, dir.path);
    await archive.import([FIXTURE]);
  }, 60_000);
  afterAll(async () => {
    await archive?.store.close();
  });

  it('links each Spanish story to its English original, and the one with no twin to nothing', async () => {
    const tiles = await idOf('Ampliada Fabrica de Azulejo');
    const links = await archive.store.translations.of(tiles);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({
      otherId: await idOf('Production on Steady Boost'),
      language: 'en',
    });
    expect(links[0]!.score).toBeGreaterThan(0.3);
    // Stored both ways.
    expect((await archive.store.translations.of(links[0]!.otherId))[0]!.otherId).toBe(tiles);
    const zoo = await archive.store.translations.of(await idOf('Kim Jong Un recorre el Parque'));
    expect(zoo.map((t) => t.otherId)).toEqual([await idOf('Kim Jong Un Visits Central Zoo')]);
    const ndc = await archive.store.translations.of(await idOf('CDN publica declaracion'));
    expect(ndc.map((t) => t.otherId)).toEqual([await idOf('DPRK NDC Reiterates')]);
    expect(await archive.store.translations.of(await idOf('Periodico de Coreanos'))).toEqual([]);
    expect(await archive.store.translations.of(await idOf('Stop to Gag on Press'))).toEqual([]);
  });

  it('finds translated texts with translated:yes and the rest with translated:no', async () => {
    const titles = async (query: string) => {
      const result = await searchArchive(archive.store, { query, limit: 100 });
      return result.hits.map((h) => h.title.segments.map((s) => s.text).join(''));
    };
    const yes = await titles('translated:yes lang:es');
    expect(yes).toContain('Kim Jong Un recorre el Parque Zoologico Nacional');
    expect(yes).not.toContain('Periodico de Coreanos en EE.UU. condena represion del Sur de Corea');
    const no = await titles('translated:no lang:es');
    expect(no).toContain('Periodico de Coreanos en EE.UU. condena represion del Sur de Corea');
    expect(no).not.toContain('Kim Jong Un recorre el Parque Zoologico Nacional');
    const all = (await searchArchive(archive.store, { query: 'lang:es' })).total;
    expect(yes.length + no.length).toBe(all);
    await expect(searchArchive(archive.store, { query: 'translated:maybe' })).rejects.toThrow(
      /translated must be yes or no/,
    );
  });

  it('shows "also in" and what differs on the article page, both texts side by side, and the API', async () => {
    const app = createApp({ store: archive.store });
    const zoo = await idOf('Kim Jong Un Visits Central Zoo');
    const spanish = await idOf('Kim Jong Un recorre el Parque');
    const page = await (await app.request(`/articles/${encodeURIComponent(zoo)}`)).text();
    expect(page).toContain('<nav class="also-in" aria-label="Translations">');
    expect(page).toContain(`hreflang="es" lang="es">español</a>`);
    expect(page).toContain('<h2 id="translations-heading">Translations</h2>');
    const sides = await app.request(
      `/articles/${encodeURIComponent(zoo)}/translations/${encodeURIComponent(spanish)}`,
    );
    expect(sides.status).toBe(200);
    const html = await sides.text();
    expect(html).toContain('Kim Jong Un Visits Central Zoo');
    expect(html).toContain('Kim Jong Un recorre el Parque Zoologico Nacional');
    expect(
      (await app.request(`/articles/${encodeURIComponent(zoo)}/translations/nope`)).status,
    ).toBe(404);
    const api = (await (
      await app.request(`/api/v1/articles/${encodeURIComponent(zoo)}`)
    ).json()) as {
      translations: Array<{ id: string; language: string; onlyHere: string[] }>;
    };
    expect(api.translations).toEqual([
      expect.objectContaining({ id: spanish, language: 'es', onlyHere: expect.any(Array) }),
    ]);
  });

  it('links a day again after an edit: a name cut from the English shows as only in the Spanish', async () => {
    // As KCNA did in December 2013: Jang Song Thaek edited out of an English story, not its translation.
    const [record] = readFileSync(FIXTURE, 'utf8')
      .split('\n')
      .map((line) => (line ? (JSON.parse(line) as { title: string; body: string }) : null))
      .filter((r) => r?.title === 'Kim Jong Un Visits Central Zoo');
    const zoo = await idOf('Kim Jong Un Visits Central Zoo');
    const spanish = await idOf('Kim Jong Un recorre el Parque');
    const before = (await archive.store.translations.of(zoo))[0]!;
    expect(before.otherId).toBe(spanish);
    expect(before.onlyThere).not.toContain('Jang Song Thaek');
    const edited = join(dir.path, `zoo-edited-${engine}.jsonl`);
    writeFileSync(
      edited,
      `${JSON.stringify({ ...record, body: record!.body.replace('Jang Song Thaek, ', '') })}\n`,
    );
    await archive.import([edited], { now: () => '2026-11-29T00:00:00.000Z' });
    expect((await archive.store.getVersions(zoo)).length).toBe(2);
    const after = await archive.store.translations.of(zoo);
    expect(after.map((t) => t.otherId)).toEqual([spanish]);
    expect(after[0]!.onlyThere).toContain('Jang Song Thaek');
    // And from the Spanish side: the name is one only it has.
    const back = await archive.store.translations.of(spanish);
    expect(back[0]!.onlyHere).toContain('Jang Song Thaek');
  });

  it('keeps the same links through a reprocess', async () => {
    const before = await archive.store.translations.of(await idOf('Ampliada Fabrica de Azulejo'));
    await reprocessAll(archive.store, { now: () => '2026-11-28T00:00:00.000Z' });
    const after = await archive.store.translations.of(await idOf('Ampliada Fabrica de Azulejo'));
    expect(after.map((t) => [t.otherId, t.score])).toEqual(before.map((t) => [t.otherId, t.score]));
  });
});
