/**
 * Version history in Chromium: from the article's history to its diff page; the /changes page and its
 * filter form; the Sources page's coverage monitor. No script errors or CSP violations anywhere.
 */
import { describe, expect, it } from 'vitest';
import { withPage, type PageWatch } from '../helpers/browser.js';
import { readerArchive } from '../helpers/reader-archive.js';
import { servedInBrowser } from '../helpers/served-browser.js';

const served = servedInBrowser(readerArchive);

function clean(watch: PageWatch) {
  expect(watch.errors, 'script errors').toEqual([]);
  expect(watch.dialogs, 'dialogs').toEqual([]);
  expect(watch.csp, 'CSP violations').toEqual([]);
}

describe('version history in Chromium', () => {
  it('the article lists its versions classified; the diff link shows the edit inline and side by side', async () => {
    const seed = (
      await served.archive.store.listArticles({ sourceId: 'kcna-kp-en', status: 'live' })
    ).items[0]!;
    await withPage(served.browser, 'history', async (page, watch) => {
      await page.goto(served.url(`/articles/${seed.id}`));
      // The History section also lists events (ol.events): the versions are its ol.versions.
      const history = page.locator('section.history ol.versions li');
      expect(await history.count()).toBe(2);
      expect(await page.locator('section.history ol.events li').allTextContents()).toEqual([
        expect.stringMatching(/: body edit, 2 words \(version 2\)$/),
      ]);
      expect(await history.nth(1).textContent()).toMatch(/Version 2: body edited: \+1 −1 words/);
      await history.nth(1).locator('a', { hasText: 'changes from version 1' }).click();
      await page.waitForURL(/\/diff\?from=1&to=2$/);
      expect(await page.locator('.diff-inline del').allTextContents()).toEqual(['dynamic']);
      expect(await page.locator('.diff-inline ins').allTextContents()).toEqual(['vigorous']);
      expect(await page.locator('.diff-old del').allTextContents()).toEqual(['dynamic']);
      expect(await page.locator('.diff-new ins').allTextContents()).toEqual(['vigorous']);
      clean(watch);
    });
  });

  it('/changes lists the edit, filters through its form and leads to the diff; Sources draws its coverage bars', async () => {
    const seed = (
      await served.archive.store.listArticles({ sourceId: 'kcna-kp-en', status: 'live' })
    ).items[0]!;
    await withPage(served.browser, 'changes', async (page, watch) => {
      await page.goto(served.url(`/changes`));
      expect(
        await page.locator('nav[aria-label="Main"] a[aria-current="page"]').textContent(),
      ).toBe('Changes');
      const rows = page.locator('ol.changes li');
      expect(await rows.count()).toBeGreaterThan(0);
      expect(await page.locator('ol.changes .change-body').first().textContent()).toMatch(
        /^body edit, \d+ words?$/,
      );
      await page.selectOption('select[name="source"]', 'kcna-kp-en');
      await page.selectOption('select[name="kind"]', 'edit');
      await page.check('input[name="cosmetic"]');
      await page.click('form.filters button[type="submit"]');
      await page.waitForURL(/\/changes\?source=kcna-kp-en&kind=edit&cosmetic=1$/);
      expect(await rows.count()).toBe(1);
      await rows.first().locator('a', { hasText: 'what changed' }).click();
      await page.waitForURL(new RegExp(`/articles/${seed.id}/diff\\?from=1&to=2$`));
      expect(await page.locator('.diff-inline ins').allTextContents()).toEqual(['vigorous']);
      await page.goto(served.url(`/sources`));
      expect(await page.locator('table.coverage svg.bars').count()).toBe(
        await page.locator('table.sources tbody tr').count(),
      );
      clean(watch);
    });
  });
});
