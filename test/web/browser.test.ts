/**
 * The reader in a real browser (Debian's Chromium through playwright-core) against the real server on
 * 127.0.0.1, port 0, over an archive built in a temp folder: the seed article, More From, paging, search
 * with a facet and the chart, the keyboard, and hostile text that must never run.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { withPage, type PageWatch } from '../helpers/browser.js';
import { MARKER, PAYLOAD, readerArchive } from '../helpers/reader.js';
import { servedInBrowser } from '../helpers/served-browser.js';

const served = servedInBrowser(readerArchive);

const url = served.url;

function clean(watch: PageWatch) {
  expect(watch.errors, 'script errors').toEqual([]);
  expect(watch.dialogs, 'dialogs').toEqual([]);
  expect(watch.csp, 'CSP violations').toEqual([]);
}

async function expectNothingRan(page: Page, watch: PageWatch, title: string | RegExp) {
  expect(
    await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss),
  ).toBeUndefined();
  expect(await page.title()).toMatch(title);
  expect(await page.locator('a[href^="javascript:" i], a[href^="data:" i]').count()).toBe(0);
  expect(watch.dialogs).toEqual([]);
}

describe('reader in Chromium', () => {
  it('shows the seed article: derived label, year unknown, More From KCNA.kp (En) with 20 teasers; a teaser link leads on', async () => {
    await withPage(served.browser, 'seed-article', async (page, watch) => {
      await page.goto(url(`/articles/${served.archive.seed.id}`));
      const h1 = page.locator('h1#headline');
      await expect(h1.getAttribute('class')).resolves.toBe('derived');
      expect(await h1.textContent()).toMatch(
        /^Kim Jong Un, general secretary of the Workers' Party of Korea/,
      );
      expect(await page.locator('.derived-note').textContent()).toContain('no headline');
      expect(await page.locator('dl.facts').first().textContent()).toContain(
        'March 24 (year unknown)',
      );
      const more = page.locator('section.more-from');
      expect(await more.locator('h2').textContent()).toBe('More From KCNA.kp (En)');
      expect(await more.locator('li').count()).toBe(20);
      const first = more.locator('li a').first();
      expect(await first.textContent()).toMatch(/^Pyongyang, January 22 \(KCNA\) -- /);
      expect(await more.locator('li time').first().getAttribute('datetime')).toBe('2025-01-22');
      await first.click();
      await page.waitForURL(/\/articles\/[0-9a-f]{16}$/);
      expect(await page.locator('.teaser-only').textContent()).toContain('Teaser only.');
      expect(await page.locator('h2#more-from-heading').textContent()).toBe(
        'More From KCNA.kp (En)',
      );
      await page.locator('a.more', { hasText: 'More Articles' }).click();
      await page.waitForURL(/\/sources\/kcna-kp-en$/);
      expect(await page.locator('h1').textContent()).toBe('KCNA.kp (En)');
      clean(watch);
    });
  });

  it('pages through a source, older and back', async () => {
    await withPage(served.browser, 'source-paging', async (page, watch) => {
      await page.goto(url('/sources/kcna-co-jp-en'));
      expect(await page.locator('main h2').first().textContent()).toContain('page 1 of 6');
      const newestOnFirst = await page
        .locator('ol.articles li time')
        .first()
        .getAttribute('datetime');
      await page.getByRole('link', { name: 'Older →' }).click();
      await page.waitForURL(/\?page=2$/);
      expect(await page.locator('main h2').first().textContent()).toContain('page 2 of 6');
      const newestOnSecond = await page
        .locator('ol.articles li time')
        .first()
        .getAttribute('datetime');
      expect(newestOnSecond! <= newestOnFirst!).toBe(true);
      await page.getByRole('link', { name: '← Newer' }).click();
      await page.waitForURL(/\/sources\/kcna-co-jp-en$/);
      clean(watch);
    });
  });

  it('searches, refines by a facet, and draws the attention chart beside its table', async () => {
    await withPage(served.browser, 'search-facet-chart', async (page, watch) => {
      await page.goto(url('/'));
      await page.locator('#q').fill('"Kim Jong Il"');
      await page.locator('#q').press('Enter');
      await page.waitForURL(/\/search\?q=/);
      expect(await page.locator('ol.hits > li').count()).toBe(20);
      expect(await page.locator('ol.hits mark').first().textContent()).toBe('Kim Jong Il');
      const before = await page.locator('p.summary').textContent();
      await page
        .locator('aside.facets section[aria-label="Source"] a', { hasText: 'KCNA.co.jp (Es)' })
        .click();
      await page.waitForURL(/source%3Akcna-co-jp-es/);
      expect(await page.locator('#search-q').inputValue()).toBe(
        '"Kim Jong Il" source:kcna-co-jp-es',
      );
      const after = await page.locator('p.summary').textContent();
      expect(after).not.toBe(before);
      expect(await page.locator('ol.hits > li').count()).toBeGreaterThan(0);
      expect(await page.locator('svg.attention-bars a').count()).toBeGreaterThan(0);
      expect(await page.locator('table.numbers tbody tr').count()).toBeGreaterThan(0);
      expect(await page.locator('table.numbers thead').textContent()).toMatch(
        /Matches.*All articles.*Share/,
      );
      const feed = await page
        .locator('link[rel="alternate"][type="application/atom+xml"]')
        .getAttribute('href');
      expect(feed).toBe('/feeds/search?q=%22Kim+Jong+Il%22+source%3Akcna-co-jp-es');
      clean(watch);
    });
  });

  it('shows a malformed query as an error with its position', async () => {
    await withPage(served.browser, 'query-error', async (page, watch) => {
      const res = await page.goto(url(`/search?q=${encodeURIComponent('(Kim OR')}`));
      expect(res?.status()).toBe(400);
      expect(await page.getByRole('alert').textContent()).toContain('at character 6');
      expect(await page.locator('mark.error-at').textContent()).toBe('O');
      clean(watch);
    });
  });

  it('works from the keyboard: Tab reaches the skip link first and the search box soon; the skip link moves focus to the content', async () => {
    await withPage(served.browser, 'keyboard', async (page, watch) => {
      await page.goto(url('/'));
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
      expect(await page.locator('a.skip').isVisible()).toBe(true);
      await page.keyboard.press('Enter');
      await page.waitForURL(/#main$/);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      await page.goto(url('/'));
      let reached = false;
      // Skip link, brand, six sections (Latest … Search), then the box: nine stops.
      for (let i = 0; i < 9 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.id === 'q');
      }
      expect(reached).toBe(true);
      await page.keyboard.type('Kim Il Sung');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/search\?q=Kim\+Il\+Sung/);
      // "/" jumps to the query box (site.js).
      await page.locator('ol.hits a').first().focus();
      await page.keyboard.press('/');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-q');
      clean(watch);
    });
  });

  it('works without JavaScript: search results, facets and the numbers table are all there', async () => {
    await withPage(
      served.browser,
      'no-javascript',
      async (page) => {
        await page.goto(url('/search?q=Kim'));
        expect(await page.locator('ol.hits > li').count()).toBe(20);
        expect(await page.locator('table.numbers tbody tr').count()).toBeGreaterThan(10);
        expect(await page.locator('svg.attention-bars').isVisible()).toBe(true);
      },
      { javaScriptEnabled: false },
    );
  });

  it('runs none of the payloads in titles, bodies, source labels, URLs and queries', async () => {
    await withPage(served.browser, 'xss', async (page, watch) => {
      const hostile = [
        ...(await served.archive.store.listArticles({ sourceId: served.archive.scriptSource.id }))
          .items,
        ...(await served.archive.store.listArticles({ sourceId: served.archive.svgSource.id }))
          .items,
      ];
      const paths: [string, RegExp][] = [
        ['/', /^Latest · wirewatch$/],
        ['/sources', /^Sources · wirewatch$/],
        [
          `/sources/${served.archive.scriptSource.id}`,
          /^<script>window.__xss = "source"<\/script> \(En\) · wirewatch$/,
        ],
        [`/sources/${served.archive.svgSource.id}`, /^"><svg onload=/],
        ['/days/2012-05-01', /^2012-05-01 · wirewatch$/],
        ['/days/2012-05-03', /^2012-05-03 · wirewatch$/],
        [`/search?q=${MARKER}`, /^Search: zanzibarite · wirewatch$/],
        [`/search?q=${encodeURIComponent(PAYLOAD.query)}`, /^Search: <script>/],
        [`/search?q=${encodeURIComponent(PAYLOAD.brokenQuery)}`, /^Search: "><img/],
        ...hostile.map((a): [string, RegExp] => [`/articles/${a.id}`, / · wirewatch$/]),
      ];
      for (const [path, title] of paths) {
        await page.goto(url(path));
        await page.waitForLoadState('load');
        await expectNothingRan(page, watch, title);
      }
      // The payload text is shown as text.
      const titled = hostile.find((a) => a.title === PAYLOAD.title)!;
      await page.goto(url(`/articles/${titled.id}`));
      expect(await page.locator('h1').textContent()).toBe(PAYLOAD.title);
      expect(await page.locator('.body').textContent()).toContain(PAYLOAD.body);
      expect(await page.locator('.kicker').textContent()).toBe(PAYLOAD.sourceScript);
      clean(watch);
    });
  });
});
