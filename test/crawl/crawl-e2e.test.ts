/**
 * End to end: `crawl` over the local fixture site, which serves a KCNA-like 2026 list (GET page 1 with
 * a session, POST page 2 with `_csrf`) and a Rodong-like list with their real article pages, plus a
 * feed of hostile routes. The archive must hold the right titles, dates and bodies, and every failure
 * must end as a recorded error with its capture kept, retried by the next pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawl } from '../../src/crawl/crawler.js';
import { runForever } from '../../src/crawl/frontier/run.js';
import type { FetcherOptions } from '../../src/crawl/fetch/fetcher.js';
import { sourceConfigSchema, type SourceConfig } from '../../src/crawl/sources/config.js';
import { templateHealth } from '../../src/ingest/template-health.js';
import { freshArchive } from '../helpers/archive.js';
import {
  FIXTURE_FETCHER,
  RODONG_NEWS_IDS,
  RODONG_PAGED_MENU,
  startFixtureSite,
  type FixtureSite,
} from '../helpers/fixture-site.js';
import { tempDir } from '../helpers/tmp.js';

const fetcher: FetcherOptions = FIXTURE_FETCHER;

describe('crawling the fixture site end to end', () => {
  let site: FixtureSite;
  const tmp = tempDir();
  beforeAll(async () => {
    site = await startFixtureSite();
  });
  afterAll(async () => {
    await site.close();
    tmp.cleanup();
  });

  const source = (
    fields: Partial<SourceConfig> & Pick<SourceConfig, 'id' | 'profile' | 'lists'>,
    host: string,
  ) =>
    sourceConfigSchema.parse({
      baseUrl: `http://${host}:${site.port}`,
      delayMs: 0,
      allowPrivate: true,
      ...fields,
    });

  it('fills the archive with KCNA (2026 layout, POST pagination) and Rodong (old layout) articles', async () => {
    const archive = freshArchive(tmp.path);
    const sources = [
      source(
        {
          id: 'kcna',
          profile: 'kcna-en',
          lists: ['/en/article/list/6a47505ba5268fd7749c0fe11e4b24b4'],
        },
        'kcna.test',
      ),
      source(
        {
          id: 'rodong',
          profile: 'rodong-en',
          lists: ['/en/index.php?strPageID=SF01_01_02&iMenuID=2'],
        },
        'rodong.test',
      ),
    ];
    const report = await crawl(archive.store, sources, { fetcher });
    expect(report.sources.flatMap((s) => s.errors)).toEqual([]);
    // Both lists are walked to their real end on a first pass: KCNA's last page is the `page_cnt` its
    // script gives; Rodong's is the page before the one answering "unknown address".
    expect(report.sources[0]).toMatchObject({ listPages: 2, articlesFetched: 2, walks: 1 });
    // Rodong: page 1 holds 10 new articles, so page 2 (iSubMenuID=2) is asked for; it answers "unknown address", the end.
    expect(report.sources[1]).toMatchObject({ listPages: 2, articlesFetched: 10, walks: 1 });
    // Page 2 was a POST with the session cookie and the form's _csrf.
    const post = site.hitsTo('kcna.test').find((h) => h.method === 'POST')!;
    expect(post.headers.cookie).toMatch(/^SESSION=/);
    expect(new URLSearchParams(post.body).get('page_num')).toBe('2');

    const kcna = (await archive.store.listArticles({ sourceId: 'kcna-kp-en', limit: 10 })).items;
    expect(kcna.map((a) => [a.status, a.title, a.published])).toEqual(
      expect.arrayContaining([
        // No date on the page: the list's date, the page's own title.
        ['live', 'Current KCNA Article', { year: 2026, month: 7, day: 19, basis: 'listing' }],
        [
          'live',
          'Synthetic Headline Epsilon',
          { year: 2025, month: 12, day: 30, basis: 'listing' },
        ],
      ]),
    );
    expect(kcna).toHaveLength(2);
    const current = kcna.find((a) => a.title === 'Current KCNA Article')!;
    expect(current.paragraphs).toEqual(['First paragraph.', 'Second paragraph.']);

    const rodong = (await archive.store.listArticles({ sourceId: 'rodong-en', limit: 50 })).items;
    expect(rodong).toHaveLength(RODONG_NEWS_IDS.length);
    expect(
      rodong.every(
        (a) => a.status === 'live' && a.published.year === 2022 && a.published.basis === 'page',
      ),
    ).toBe(true);
    const railway = rodong.find((a) => a.title === 'Strong Support to Railway')!;
    expect(railway.published).toMatchObject({ year: 2022, month: 3, day: 11 });
    expect(railway.paragraphs[0]).toBe('Support to the railway gains momentum in the DPRK.');
    expect(railway.paragraphs.at(-1)).not.toBe('Rodong Sinmun');

    // A second pass finds nothing new: the list is fetched, its articles are known.
    const again = await crawl(archive.store, sources, { fetcher });
    expect(again.sources.map((s) => s.articlesFetched)).toEqual([0, 0]);
    expect((await archive.store.listArticles({ limit: 100 })).total).toBe(12);
    expect(
      [...(await templateHealth(archive.store)).values()].every((h) => h.status === 'ok'),
    ).toBe(true);
  });

  it('follows Rodong list pagination (iSubMenuID) to page 2, stops past the last page, and stops at known articles next time', async () => {
    const archive = freshArchive(tmp.path);
    const list = `/en/index.php?strPageID=SF01_01_02&iMenuID=${RODONG_PAGED_MENU}`;
    const sources = [
      source({ id: 'rodong', profile: 'rodong-en', lists: [list] }, 'rodongpaged.test'),
    ];
    const report = await crawl(archive.store, sources, { fetcher });
    expect(report.sources[0]!.errors).toEqual([]);
    expect(report.sources[0]).toMatchObject({ listPages: 3, articlesFetched: 10, newUrls: 10 });
    const lists = site
      .hitsTo('rodongpaged.test')
      .filter((h) => h.path.includes('SF01_01_02'))
      .map((h) => h.path);
    expect(lists).toEqual([list, `${list}&iSubMenuID=2`, `${list}&iSubMenuID=3`]);
    // Page 2's articles (rows 6–10 of the real list) are in the archive with their own pages' dates.
    const rodong = (
      await archive.store.listArticles({ sourceId: 'rodong-en', status: 'live', limit: 50 })
    ).items;
    expect(rodong.map((a) => a.url).sort()).toEqual(
      RODONG_NEWS_IDS.map(
        (id) =>
          `http://rodongpaged.test:${site.port}/en/index.php?strPageID=SF01_02_01&newsID=${id}`,
      ).sort(),
    );
    expect(rodong.find((a) => a.url!.endsWith('2022-03-10-0005'))!.published).toMatchObject({
      year: 2022,
      month: 3,
      day: 10,
      basis: 'page',
    });
    // Next pass: page 1's articles are known, so page 2 is not asked for again.
    const again = await crawl(archive.store, sources, { fetcher });
    expect(again.sources[0]).toMatchObject({ listPages: 1, articlesFetched: 0 });
    expect(
      [...(await templateHealth(archive.store)).values()].every((h) => h.status === 'ok'),
    ).toBe(true);
  });

  it('a failed KCNA session (HTTP 200, empty list) is a recorded error, not the last page', async () => {
    const archive = freshArchive(tmp.path);
    const report = await crawl(
      archive.store,
      [
        source(
          {
            id: 'kcna',
            profile: 'kcna-en',
            lists: ['/en/article/list/6a47505ba5268fd7749c0fe11e4b24b4'],
          },
          'badsession.test',
        ),
      ],
      { fetcher },
    );
    expect(report.sources[0]!.errors.join('\n')).toMatch(
      /template broken: no list items at .*failed session/,
    );
    // Renewed once (a second page-1 GET), then given up: two POSTs, never a third.
    expect(site.hitsTo('badsession.test').filter((h) => h.method === 'POST')).toHaveLength(2);
    const health = (await templateHealth(archive.store)).get('kcna-kp-en')!;
    expect(health.status).toBe('template broken');
  });

  it('a failed KCNA session is renewed once: a new page-1 GET, then the POST again with the new cookie and _csrf', async () => {
    const archive = freshArchive(tmp.path);
    const report = await crawl(
      archive.store,
      [
        source(
          {
            id: 'kcna',
            profile: 'kcna-en',
            lists: ['/en/article/list/6a47505ba5268fd7749c0fe11e4b24b4'],
          },
          'flakysession.test',
        ),
      ],
      { fetcher },
    );
    expect(report.sources[0]!.errors).toEqual([]);
    expect(report.sources[0]).toMatchObject({ articlesFetched: 2, listPages: 4 });
    const hits = site.hitsTo('flakysession.test').filter((h) => h.path !== '/robots.txt');
    // The list is read page after page in one session, then the new articles it named are fetched.
    expect(hits.map((h) => `${h.method} ${h.path}`)).toEqual([
      'GET /en/article/list/6a47505ba5268fd7749c0fe11e4b24b4',
      'POST /en/article/list/6a47505ba5268fd7749c0fe11e4b24b4', // answered with the empty bad-session page
      'GET /en/article/list/6a47505ba5268fd7749c0fe11e4b24b4', // a new session
      'POST /en/article/list/6a47505ba5268fd7749c0fe11e4b24b4',
      'GET /en/article/detail/99d235cb100ee217cd6678bb8fc80e4d', // page 1's article
      'GET /en/article/detail/aaaa1111bbbb2222cccc3333dddd4444', // page 2's article
    ]);
    const [failed, retried] = hits.filter((h) => h.method === 'POST');
    expect(retried!.headers.cookie).not.toBe(failed!.headers.cookie);
    const form = (h: typeof failed) => new URLSearchParams(h!.body);
    expect(form(retried).get('_csrf')).not.toBe(form(failed).get('_csrf'));
    expect(form(retried).get('page_num')).toBe('2');
    const titles = (
      await archive.store.listArticles({ sourceId: 'kcna-kp-en', status: 'live', limit: 10 })
    ).items.map((a) => a.title);
    expect(titles.sort()).toEqual(['Current KCNA Article', 'Synthetic Headline Epsilon']);
    // The newest list page is healthy, so the source is too; the failed answer stays on its capture.
    expect((await templateHealth(archive.store)).get('kcna-kp-en')!.status).toBe('ok');
    expect(
      (await archive.store.listCaptures()).items.some((c) =>
        c.errors.some((e) => /failed session/.test(e)),
      ),
    ).toBe(true);
  });

  it('hostile routes end as recorded errors with their captures kept; the next pass retries what failed', async () => {
    const archive = freshArchive(tmp.path);
    const sources = [
      source(
        {
          id: 'hostile',
          profile: 'generic',
          archiveSource: 'Hostile Wire (En)',
          lists: ['/hostile/feed.xml'],
        },
        'hostile.test',
      ),
    ];
    const report = await crawl(archive.store, sources, { fetcher });
    const errors = report.sources[0]!.errors.join('\n');
    expect(errors).toMatch(/flaky\?n=3: http-error \(HTTP 503\)/);
    expect(errors).toMatch(/\/reset: network-error/);
    expect(errors).toMatch(/\/loop\/a: redirect-error/);
    expect(errors).toMatch(/\/big: truncated/);
    expect(errors).toMatch(/\/private\/secret: refused/);
    expect(report.sources[0]!.articlesFetched).toBe(1);
    const good = (await archive.store.listArticles({ status: 'live' })).items;
    expect(good.map((a) => a.title)).toEqual(['Harvest Figures Published']);
    // Nothing lost: every exchange is a capture, errors included.
    const captures = (await archive.store.listCaptures()).items;
    expect(
      captures.some(
        (c) => String(c.options.url).endsWith('/reset') && String(c.options.error ?? '').length > 0,
      ),
    ).toBe(true);
    expect(captures.every((c) => c.processedAt !== null)).toBe(true);
    // The failed items are still teasers; the next pass fetches them again and /flaky has recovered.
    const second = await crawl(archive.store, sources, { fetcher });
    expect(second.sources[0]!.articlesFetched).toBe(1);
    expect(site.hitsTo('hostile.test', '/flaky?n=3').length).toBe(4);
  });

  it('a stopped crawl loses nothing and the next one completes it', async () => {
    const archive = freshArchive(tmp.path);
    const sources = [
      source(
        {
          id: 'rodong',
          profile: 'rodong-en',
          lists: ['/en/index.php?strPageID=SF01_01_02&iMenuID=2'],
        },
        'rodong2.test',
      ),
    ];
    const stop = new AbortController();
    const first = await crawl(archive.store, sources, {
      fetcher,
      signal: stop.signal,
      onProgress: (p) => {
        if (p.articlesFetched >= 3) stop.abort();
      },
    });
    expect(first.stopped).toBe(true);
    expect(first.sources[0]!.articlesFetched).toBe(3);
    const second = await crawl(archive.store, sources, { fetcher });
    expect(second.sources[0]!.articlesFetched).toBe(7);
    expect((await archive.store.listArticles({ status: 'live', limit: 50 })).total).toBe(10);
  });

  it('serve --crawl: each list is polled again once its poll interval has passed, until stopped', async () => {
    const archive = freshArchive(tmp.path);
    const list = '/en/index.php?strPageID=SF01_01_02&iMenuID=2';
    const sources = [
      source(
        { id: 'rodong', profile: 'rodong-en', lists: [list], pollMinutes: 0.002 },
        'rodong3.test',
      ),
    ];
    const stop = new AbortController();
    const spells: number[] = [];
    await runForever(archive.store, sources, {
      fetcher,
      signal: stop.signal,
      pollMs: 50,
      onIdle: (worker) => {
        spells.push(worker.reports.get('rodong')!.articlesFetched);
        if (site.hitsTo('rodong3.test', list).length >= 2) stop.abort();
      },
    });
    // The first spell of work archived the list's ten articles; the second poll found nothing new.
    expect(spells[0]).toBe(10);
    expect(spells.at(-1)).toBe(10);
    expect(site.hitsTo('rodong3.test', list).length).toBeGreaterThanOrEqual(2);
    expect((await archive.store.listArticles({ status: 'live', limit: 50 })).total).toBe(10);
  });
});
