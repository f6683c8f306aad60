import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportWarc } from '../../src/capture/export-warc.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { archiveSink } from '../../src/crawl/fetch/archive-sink.js';
import { drain } from '../../src/pipeline/driver.js';
import { readCrawledPage } from '../../src/ingest/crawled-page.js';
import { templateHealth } from '../../src/ingest/template-health.js';
import { reprocessAll } from '../../src/pipeline/reprocess.js';
import { freshArchive } from '../helpers/archive.js';
import { CP1252_TEXT, startFixtureSite, type FixtureSite } from '../helpers/fixture-site.js';
import { tempDir } from '../helpers/tmp.js';
import { testFetcher } from '../crawl/helpers.js';

/** A crawled response, stored as WARC by archiveSink, extracted by its site profile. */
describe('extraction of crawled captures', () => {
  let site: FixtureSite;
  const tmp = tempDir();
  beforeAll(async () => {
    site = await startFixtureSite();
  });
  afterAll(async () => {
    await site.close();
    tmp.cleanup();
  });

  async function crawlOne(path: string, options: Record<string, string>) {
    const archive = freshArchive(tmp.path);
    const sink = archiveSink({ store: archive.store, tags: options });
    const { fetcher } = testFetcher({ onExchange: sink.onExchange, robots: false });
    await fetcher.fetch(site.url('site.test', path));
    const capture = sink.captures.at(-1)!;
    const { report } = await drain(archive.store, { now: () => '2026-11-28T00:00:00.000Z' });
    return { archive, report, capture: (await archive.store.getCapture(capture))! };
  }

  it('a Rodong article page becomes an article with its page date and without the byline', async () => {
    const { archive, report, capture } = await crawlOne('/rodong/article', {
      profile: 'rodong-en',
    });
    expect(report.errors).toEqual([]);
    expect(report.articles.new).toBe(1);
    const articles = (await archive.store.listArticles({})).items;
    expect(articles[0]).toMatchObject({
      sourceId: 'rodong-en',
      title: 'Strong Support to Railway',
      published: { year: 2022, month: 3, day: 11, basis: 'page' },
    });
    expect(capture.options).toMatchObject({
      profile: 'rodong-en',
      pageKind: 'article',
      sourceId: 'rodong-en',
    });
    expect((await templateHealth(archive.store)).get('rodong-en')?.status).toBe('ok');
  });

  it('a source given by name keeps its id and article ids through reprocess and WARC re-import', async () => {
    const { archive } = await crawlOne('/rodong/article', {
      profile: 'rodong-en',
      source: 'Pyongyang Mirror',
    });
    const state = async (store: ArchiveStore) => ({
      sources: (await store.listSources()).map((s) => s.id).sort(),
      articles: (await store.listArticles({})).items.map((a) => `${a.id} ${a.sourceId}`).sort(),
    });
    const before = await state(archive.store);
    expect(before.sources).toEqual(['pyongyang-mirror-und']);
    expect(before.articles).toHaveLength(1);
    for (let run = 0; run < 2; run++) {
      const again = await reprocessAll(archive.store);
      expect(again.errors).toEqual([]);
      expect(await state(archive.store)).toEqual(before);
    }
    const file = join(tmp.path, 'mirror.warc.gz');
    const out = createWriteStream(file);
    await exportWarc(archive.store, out);
    out.end();
    await finished(out);
    const copy = freshArchive(tmp.path);
    await copy.import([file]);
    expect(await state(copy.store)).toEqual(before);
    await reprocessAll(copy.store);
    expect(await state(copy.store)).toEqual(before);
  });

  it('a KCNA list page records listing entries pointing at headline-only articles', async () => {
    const { archive, report, capture } = await crawlOne('/kcna/list', { profile: 'kcna-en' });
    expect(report.teasers.new).toBe(2);
    expect(await archive.store.listListingEntries({ captureSha256: capture.sha256 })).toHaveLength(
      2,
    );
    const teasers = (await archive.store.listArticles({ status: 'teaser' })).items;
    expect(teasers.map((t) => t.published.year)).toEqual([2026, 2026]);
  });

  it('a page that does not match the template stores nothing and marks the source "template broken"', async () => {
    const { archive, report, capture } = await crawlOne('/rodong/article', { profile: 'kcna-en' });
    expect(report.articles.new).toBe(0);
    expect((await archive.store.listArticles({})).total).toBe(0);
    expect(capture.errors[0]).toMatch(
      /^template broken: .* at http:\/\/site\.test:\d+\/rodong\/article/,
    );
    const health = (await templateHealth(archive.store)).get('kcna-kp-en')!;
    expect(health).toMatchObject({
      status: 'template broken',
      url: site.url('site.test', '/rodong/article'),
    });
    // The template "fixed" (here: the right profile) and reprocess: the capture is still there.
    await archive.store.requeueCapture(capture, {
      ...capture.options,
      profile: 'rodong-en',
      source: 'kcna-kp-en',
    });
    const again = await reprocessAll(archive.store);
    expect(again.errors).toEqual([]);
    expect((await archive.store.listArticles({})).total).toBe(1);
    expect((await templateHealth(archive.store)).get('kcna-kp-en')?.status).toBe('ok');
  });

  it('a stored windows-1252 page reads back with its curly quotes, declared iso-8859-1 or not at all', async () => {
    for (const path of ['/cp1252-as-latin1', '/cp1252-undeclared']) {
      const { archive, capture } = await crawlOne(path, {});
      expect(await readCrawledPage(archive.store, capture)).toMatchObject({
        contentType: expect.stringMatching(/^text\/html/),
        text: CP1252_TEXT,
      });
    }
  });

  it('an HTTP error or a refused fetch is kept and is not an extraction problem', async () => {
    const { report } = await crawlOne('/loop/a', {});
    expect(report.errors).toEqual([]);
  });
});
