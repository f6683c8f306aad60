/**
 * The Sources page in Chromium on a phone-sized screen (390 px): the wide table of sources scrolls in
 * its own box, so the document itself never scrolls sideways.
 */
import { describe, expect, it } from 'vitest';
import { withPage } from '../helpers/browser.js';
import { readerArchive } from '../helpers/reader.js';
import { servedInBrowser } from '../helpers/served-browser.js';

const served = servedInBrowser(readerArchive);

describe('the Sources page on a phone', () => {
  it('never scrolls the document sideways; the sources table scrolls in its own box', async () => {
    await withPage(
      served.browser,
      'sources-phone',
      async (page, watch) => {
        await page.goto(served.url(`/sources`));
        expect(await page.title()).toBe('Sources · wirewatch');
        const scrollWidth = () => page.evaluate(() => document.documentElement.scrollWidth);
        expect(await scrollWidth()).toBeLessThanOrEqual(390);
        // The table is wider than the screen: its own box scrolls, within the screen's width.
        const box = page.locator('.table-scroll', { has: page.locator('table.sources') });
        const size = await box.evaluate((e) => ({
          right: e.getBoundingClientRect().right,
          scrollWidth: e.scrollWidth,
          clientWidth: e.clientWidth,
        }));
        expect(size.right).toBeLessThanOrEqual(390);
        expect(size.scrollWidth).toBeGreaterThan(size.clientWidth);
        // Its last column (the feed links, each with a visually hidden label) is reached by
        // scrolling the box, and still the document does not widen.
        await box.evaluate((e) => e.scrollTo({ left: e.scrollWidth }));
        await page
          .locator('table.sources tbody tr')
          .first()
          .locator('td')
          .last()
          .locator('a')
          .focus();
        expect(await scrollWidth()).toBeLessThanOrEqual(390);
        expect(await page.evaluate(() => window.scrollX)).toBe(0);
        expect(watch.errors, 'script errors').toEqual([]);
      },
      { viewport: { width: 390, height: 844 } },
    );
  });
});
