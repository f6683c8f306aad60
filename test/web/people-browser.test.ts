/**
 * People in Chromium over the demo archive, served on 127.0.0.1: from the index to a person, the
 * chart drawn by the server, a name in an article leading to its person, on a phone-sized screen
 * with nothing overflowing, and no script error or CSP violation anywhere.
 */
import { describe, expect, it } from 'vitest';
import { withPage, type PageWatch } from '../helpers/browser.js';
import { readerArchive } from '../helpers/reader.js';
import { servedInBrowser } from '../helpers/served-browser.js';

const served = servedInBrowser(readerArchive);

function clean(watch: PageWatch) {
  expect(watch.errors, 'script errors').toEqual([]);
  expect(watch.csp, 'CSP violations').toEqual([]);
}

describe('people in Chromium', () => {
  it('leads from the index to a person, whose page draws mentions per month, on a phone', async () => {
    await withPage(
      served.browser,
      'people-phone',
      async (page, watch) => {
        await page.goto(served.url(`/people`));
        expect(await page.title()).toBe('People · wirewatch');
        // The table scrolls in its own box: the page itself never runs wider than the screen.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          390,
        );
        const first = page.locator('table.people tbody th a').first();
        const name = (await first.textContent())!;
        await first.click();
        await page.waitForURL(/\/people\/[^/]+$/);
        expect(await page.locator('h1').textContent()).toBe(name);
        expect(await page.locator('svg.bars rect').count()).toBeGreaterThan(0);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          390,
        );
        clean(watch);
      },
      { viewport: { width: 390, height: 844 } },
    );
  });

  it('links a name in an article to its person', async () => {
    await withPage(served.browser, 'people-article', async (page, watch) => {
      const [kim] = await served.archive.store.people.mentionsOf('kim-jong-un', 1);
      expect(kim).toBeDefined();
      await page.goto(served.url(`/articles/${encodeURIComponent(kim!.articleId)}`));
      await page.locator('.body a.person[href="/people/kim-jong-un"]').first().click();
      await page.waitForURL(/\/people\/kim-jong-un$/);
      expect(await page.locator('h1').textContent()).toBe('Kim Jong Un');
      clean(watch);
    });
  });
});
