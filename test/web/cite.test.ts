/**
 * "Cite this" (issue 15, item 3) and the version permalinks it points to: the capture's own time
 * (a WARC record's date, not the import's clock) and sha-256, each version's text at its own
 * address, copy buttons that put the citation on the clipboard, and a print stylesheet that keeps it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createApp } from '../../src/server/app.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import { freshArchive } from '../helpers/archive.js';
import { launchChromium, withPage } from '../helpers/browser.js';
import { readerArchive } from '../helpers/reader-archive.js';
import { tempDir } from '../helpers/tmp.js';
import { foreignWarc } from '../helpers/warc.js';

const dir = tempDir();
let archive: Awaited<ReturnType<typeof readerArchive>>;
let edited: { id: string };
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  archive = await readerArchive(dir.path);
  const list = await archive.store.listArticles({ limit: 1000 });
  const withVersions = [];
  for (const a of list.items) if (a.versionCount === 2) withVersions.push(a);
  edited = withVersions[0]!;
  server = await startServer(archive.store, { host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await archive?.store.close();
  dir.cleanup();
});

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

describe('cite this', () => {
  it('cites a crawled page with the time and sha-256 of its capture, not the import clock', async () => {
    const warc = join(dir.path, 'rodong.warc');
    writeFileSync(warc, Buffer.concat(await foreignWarc()));
    const other = freshArchive(dir.path);
    try {
      await other.import([warc]);
      const [article] = (await other.store.listArticles({ limit: 1 })).items;
      const [version] = await other.store.getVersions(article!.id);
      const app = createApp({ store: other.store, publicUrl: 'https://archive.example' });
      const html = await (await app.request(`/articles/${article!.id}`)).text();
      const cite = html.slice(html.indexOf('<section class="cite"'));
      expect(cite).toContain('<time datetime="2022-03-12T08:00:00.000Z">');
      expect(cite).not.toContain('2026-11-28');
      expect(cite).toContain(`<code class="sha">${version!.captureSha256}</code>`);
      const permalink = `https://archive.example/articles/${article!.id}/versions/1`;
      expect(cite).toContain(`href="${permalink}"`);
      const bibtex = text(/<pre id="cite-bibtex"[^>]*>([\s\S]*?)<\/pre>/.exec(cite)![1]!);
      expect(bibtex).toContain('urldate = {2022-03-12}');
      expect(bibtex).toContain(`\\url{${permalink}}`);
      const csl = JSON.parse(text(/<pre id="cite-csl"[^>]*>([\s\S]*?)<\/pre>/.exec(cite)![1]!));
      expect(csl).toMatchObject({ archive_location: permalink, URL: article!.url });
    } finally {
      await other.store.close();
    }
  });

  it('serves each version at its own address, with its own text and citation; others are 404', async () => {
    const first = await archive.app.request(`/articles/${edited.id}/versions/1`);
    expect(first.status).toBe(200);
    const one = await first.text();
    expect(one).toContain('launch a dynamic joint struggle');
    expect(one).toContain('Version 1 of 2');
    expect(one).toContain(`href="/articles/${edited.id}/versions/2"`);
    expect(one).toContain('http://wirewatch.test/articles/');
    const two = await (await archive.app.request(`/articles/${edited.id}/versions/2`)).text();
    expect(two).toContain('launch a vigorous joint struggle');
    expect(two).toContain(`/diff?from=1&amp;to=2`);
    for (const bad of ['3', '0', 'abc', '1e3'])
      expect((await archive.app.request(`/articles/${edited.id}/versions/${bad}`)).status).toBe(
        404,
      );
    const article = await (await archive.app.request(`/articles/${edited.id}`)).text();
    expect(article).toContain(`<a href="/articles/${edited.id}/versions/1">Version 1</a>`);
  });

  it('copies each format with one click, and keeps the citation when printed', async () => {
    await withPage(
      browser,
      'cite-copy',
      async (page, watch) => {
        await page.goto(`${server.url}/articles/${edited.id}`);
        await page.getByRole('button', { name: 'Copy BibTeX' }).click();
        await expect
          .poll(() => page.getByRole('button', { name: 'Copy BibTeX' }).textContent())
          .toBe('Copied');
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        expect(copied).toBe(await page.locator('#cite-bibtex').textContent());
        expect(copied).toMatch(/^@misc\{wirewatch-/);
        await page.emulateMedia({ media: 'print' });
        expect(await page.locator('#cite').isVisible()).toBe(true);
        expect(await page.locator('header.site').isVisible()).toBe(false);
        expect(await page.getByRole('button', { name: 'Copy BibTeX' }).isVisible()).toBe(false);
        expect(watch.errors).toEqual([]);
        expect(watch.csp).toEqual([]);
      },
      { permissions: ['clipboard-read', 'clipboard-write'] },
    );
  });
});
