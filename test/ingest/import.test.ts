import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { CORPUS_SLICE, freshArchive, KCNA_TEXT, SEED } from '../helpers/archive.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('importing the seed page', () => {
  it('gives one full article of KCNA.kp (En), year unknown, and 20 unique teaser entries', async () => {
    const a = freshArchive(dir.path);
    const report = await a.import([SEED]);
    expect(report.rejected).toBe(0);
    expect(report.articles.new).toBe(1);
    expect(report.teasers.new).toBe(20);

    expect(await a.store.getSource('kcna-kp-en')).toEqual({
      id: 'kcna-kp-en',
      name: 'KCNA.kp',
      language: 'en',
      label: 'KCNA.kp (En)',
    });
    const live = await a.store.listArticles({ status: 'live' });
    expect(live.total).toBe(1);
    const article = live.items[0]!;
    expect(article.title).toBeNull();
    expect(article.sourceId).toBe('kcna-kp-en');
    expect(article.published).toEqual({ year: null, month: 3, day: 24, basis: 'dateline-only' });
    expect(article.dateline).toMatchObject({
      place: 'Pyongyang',
      month: 3,
      day: 24,
      agency: 'KCNA',
      damaged: false,
    });
    expect(article.paragraphs).toHaveLength(4);
    expect(article.paragraphs.join('\n')).not.toMatch(/-0-|More From|January 22/);

    const teasers = await a.store.listArticles({ status: 'teaser', limit: 100 });
    expect(teasers.total).toBe(20);
    const byDay = (d: number) =>
      teasers.items.filter(
        (t) => t.published.year === 2025 && t.published.month === 1 && t.published.day === d,
      );
    expect(byDay(22)).toHaveLength(10);
    expect(byDay(21)).toHaveLength(10);
    for (const t of teasers.items) {
      expect(t.dateline?.place).toBe('Pyongyang');
      expect(t.published.basis).toBe('listing');
      const listings = await a.store.listListingEntries({ articleId: t.id });
      expect(listings).toHaveLength(1);
      expect(listings[0]!.text).toBe(t.teaser);
    }
    const stats = await a.store.stats();
    expect(stats).toMatchObject({
      captures: 1,
      articles: 1,
      teaserOnly: 20,
      listingEntries: 20,
      versions: 1,
      yearUnknown: 1,
    });
    await a.store.close();
  });

  it('changes nothing when the same input is imported twice', async () => {
    const a = freshArchive(dir.path);
    await a.import([SEED, CORPUS_SLICE]);
    const before = await a.store.stats();
    const again = await a.import([SEED, CORPUS_SLICE]);
    expect(again.captures).toEqual({ new: 0, known: 2 });
    expect(again.records).toBe(0);
    expect(await a.store.stats()).toEqual(before);
    await a.store.close();
  });

  it('takes the year from --year when given, and from a later import that gives it', async () => {
    const a = freshArchive(dir.path);
    await a.import([SEED]);
    const report = await a.import([SEED], { year: 2021 });
    expect(report.captures.known).toBe(1);
    const [article] = (await a.store.listArticles({ status: 'live' })).items;
    expect(article!.published).toEqual({ year: 2021, month: 3, day: 24, basis: 'import-option' });
    expect((await a.store.stats()).versions).toBe(1);
    await a.store.close();
  });
});

describe('versions, merges and teasers', () => {
  it('makes a changed text a new version, never an overwrite', async () => {
    const a = freshArchive(dir.path);
    await a.import([SEED]);
    const edited = join(dir.path, 'seed-edited.txt');
    writeFileSync(
      edited,
      readFileSync(SEED, 'utf8').replace(
        'launch a dynamic joint struggle',
        'launch a vigorous joint struggle',
      ),
    );
    const report = await a.import([edited]);
    expect(report.articles).toMatchObject({ new: 0, newVersion: 1 });
    const [article] = (await a.store.listArticles({ status: 'live' })).items;
    const versions = await a.store.getVersions(article!.id);
    expect(versions.map((v) => v.seq)).toEqual([1, 2]);
    expect(versions[0]!.paragraphs[2]).toContain('dynamic joint struggle');
    expect(versions[1]!.paragraphs[2]).toContain('vigorous joint struggle');
    expect(article!.paragraphs[2]).toContain('vigorous');
    expect(article!.versionCount).toBe(2);
    await a.store.close();
  });

  it('merges the same article from two inputs: the titled, dated copy completes the untitled one', async () => {
    const a = freshArchive(dir.path);
    await a.import([SEED]);
    const seedBody = readFileSync(SEED, 'utf8').split('More From')[0]!;
    const copy = join(dir.path, 'kcnawatch-copy.txt');
    writeFileSync(
      copy,
      `https://kcnawatch.org/newstream/1616567000-1/kim-jong-un-sends-verbal-message/\nKim Jong Un Sends Verbal Message to Raul Castro Ruz\n\nDate: 24/03/2021 | Source: KCNA.kp (En) | Read original version at source\n\n${seedBody}`,
    );
    const report = await a.import([copy]);
    expect(report.articles).toMatchObject({ new: 0, unchanged: 1 });
    const live = await a.store.listArticles({ status: 'live' });
    expect(live.total).toBe(1);
    expect(live.items[0]).toMatchObject({
      title: 'Kim Jong Un Sends Verbal Message to Raul Castro Ruz',
      published: { year: 2021, month: 3, day: 24, basis: 'page' },
    });
    expect(await a.store.getVersions(live.items[0]!.id)).toHaveLength(1);
    await a.store.close();
  });

  it('completes a teaser-only article when its full text arrives, keeping its id', async () => {
    const a = freshArchive(dir.path);
    await a.import([SEED]);
    const teaser = (await a.store.listArticles({ status: 'teaser', limit: 100 })).items.find((t) =>
      t.teaser?.includes('Fishing sector'),
    )!;
    const full = join(dir.path, 'fishing.txt');
    writeFileSync(
      full,
      [
        'Fishing Sector of DPRK Pushes Ahead with Consolidation of Material and Technical Foundations',
        '',
        'Date: 22/01/2025 | Source: KCNA.kp (En) | Read original version at source',
        '',
        'Pyongyang, January 22 (KCNA) -- Fishing sector of the DPRK pushes ahead with the work to consolidate the material and technical foundations of fishery.',
        '',
        'Fishery stations and companies are building modern fishing boats. -0-',
      ].join('\n'),
    );
    const report = await a.import([full]);
    expect(report.articles.completedTeaser).toBe(1);
    const done = await a.store.getArticle(teaser.id);
    expect(done).toMatchObject({ status: 'live', versionCount: 1, teaser: teaser.teaser });
    expect(done!.paragraphs).toHaveLength(2);
    expect((await a.store.stats()).teaserOnly).toBe(19);
    await a.store.close();
  });

  it('groups republished copies across sources as one story, keeping each copy', async () => {
    const a = freshArchive(dir.path);
    const record = JSON.parse(readFileSync(CORPUS_SLICE, 'utf8').split('\n')[0]!);
    const original = join(dir.path, 'original.jsonl');
    const copy = join(dir.path, 'copy.jsonl');
    writeFileSync(original, `${JSON.stringify(record)}\n`);
    writeFileSync(
      copy,
      `${JSON.stringify({
        ...record,
        source: 'Naenara (En)',
        title: record.title.toUpperCase(),
        body: `${record.body.replace(/'/g, '\u2019').replace('great socio-economic', 'big socio-economic')}\n\nKCNA`,
      })}\n`,
    );
    await a.import([original, copy]);
    const all = await a.store.listArticles({});
    expect(all.total).toBe(2);
    expect(new Set(all.items.map((x) => x.sourceId))).toEqual(
      new Set(['kcna-co-jp-en', 'naenara-en']),
    );
    expect(all.items[0]!.storyId).toBe(all.items[1]!.storyId);
    expect((await a.store.stats()).storiesWithCopies).toBe(1);
    await a.store.close();
  });
});

describe('importing JSONL and the kcna-text fixtures', () => {
  it('imports the corpus slice with dates from the records, per language edition', async () => {
    const a = freshArchive(dir.path);
    const report = await a.import([CORPUS_SLICE]);
    expect(report.rejected).toBe(0);
    expect(report.records).toBe(400);
    const stats = await a.store.stats();
    expect(stats.articles).toBe(report.articles.new);
    expect(stats.articles + report.articles.unchanged + report.articles.newVersion).toBe(400);
    const es = await a.store.listArticles({ sourceId: 'kcna-co-jp-es' });
    expect(es.total).toBeGreaterThan(0);
    expect(es.items.every((x) => x.language === 'es' && x.published.basis === 'record')).toBe(true);
    const dec = await a.store.listArticles({
      sourceId: 'kcna-co-jp-en',
      from: '2011-12-01',
      to: '2011-12-01',
      limit: 1000,
    });
    const expected = readFileSync(CORPUS_SLICE, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .filter((r) => r.language === 'en' && r.published === '2011-12-01');
    expect(dec.total).toBeLessThanOrEqual(expected.length);
    expect(dec.total).toBeGreaterThan(expected.length - 5);
    await a.store.close();
  });

  it('reads gzip-compressed page text like plain text, and finds an article by its URL', async () => {
    const { gzipSync } = await import('node:zlib');
    const a = freshArchive(dir.path);
    const gz = join(dir.path, 'kcna-text-18.txt.gz');
    writeFileSync(gz, gzipSync(readFileSync(KCNA_TEXT(18))));
    const report = await a.import([gz], { source: 'KCNA.kp (En)' });
    expect(report).toMatchObject({ rejected: 0, articles: { new: 1 } });
    const url = readFileSync(KCNA_TEXT(18), 'utf8').split('\n')[0]!.trim();
    const found = await a.store.findArticleByUrl(url);
    expect(found?.title).toBe(
      'Press Statement of Vice Department Director of WPK Central Committee Kim Yo Jong',
    );
    expect(found?.published).toMatchObject({ month: 7, day: 14 });
    await a.store.close();
  });

  it('takes the source from a known site URL when the page names none', async () => {
    const a = freshArchive(dir.path);
    const report = await a.import([KCNA_TEXT(19)]);
    expect(report).toMatchObject({ rejected: 0, articles: { new: 1 } });
    expect((await a.store.listArticles({ sourceId: 'kcna-kp-en' })).total).toBe(1);
    expect(await a.store.getSource('kcna-kp-en')).toMatchObject({ label: 'KCNA.kp (En)' });
    await a.store.close();
  });

  it('imports every kcna-text fixture with a source, a body and an honest date', async () => {
    const a = freshArchive(dir.path);
    const files = [1, 2, 3, 4, 6, 7, 9, 10, 12, 15, 17, 18, 19, 20].map(KCNA_TEXT);
    const report = await a.import(files, { source: 'KCNA.kp (En)' });
    expect(report.rejected).toBe(0);
    expect(report.articles.new).toBe(14);
    for (const article of (await a.store.listArticles({ limit: 100 })).items) {
      expect(article.paragraphs.length).toBeGreaterThan(0);
      expect(article.paragraphs.join(' ')).not.toMatch(/-0-\s*$|Copyright|Read original version/);
      if (article.published.year === null) expect(article.published.basis).toBe('dateline-only');
    }
    await a.store.close();
  });
});
