/**
 * Exports from the reader's pages in Chromium (issue 15): the download links beside a search's Atom
 * feed and on a source's page give files that Python's csv module and JSON read back whole, with
 * the hostile fixtures' markup and quotes intact as text.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { searchArchive } from '../../src/search/search.js';
import { withPage } from '../helpers/browser.js';
import { pythonCsv } from '../helpers/python-csv.js';
import { MARKER, PAYLOAD, readerArchive } from '../helpers/reader.js';
import { servedInBrowser } from '../helpers/served-browser.js';

const served = servedInBrowser(readerArchive);

describe('exports in Chromium', () => {
  it('downloads every hit of a search as CSV from the link beside the Atom feed', async () => {
    await withPage(served.browser, 'export-search-csv', async (page, watch) => {
      await page.goto(served.url(`/search?q=${MARKER}`));
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: 'CSV of this search' }).click();
      const file = await (await download).path();
      expect(readFileSync(file).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const [header, ...rows] = pythonCsv({ file });
      expect(header!.slice(0, 4)).toEqual(['id', 'source', 'source_name', 'date']);
      const total = (await searchArchive(served.archive.store, { query: MARKER })).total;
      expect(rows).toHaveLength(total);
      const titles = rows.map((r) => r[header!.indexOf('title')]);
      expect(titles).toContain(PAYLOAD.title);
      expect(watch.errors).toEqual([]);
    });
  });

  it("downloads a source's articles as JSONL from its page", async () => {
    await withPage(served.browser, 'export-source-jsonl', async (page) => {
      await page.goto(served.url(`/sources`));
      await page.locator('table a[href^="/sources/"]').first().click();
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: /^JSONL of / }).click();
      const lines = readFileSync(await (await download).path(), 'utf8')
        .trimEnd()
        .split('\n');
      const sourceId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
      type Exported = { source: { id: string }; status: string; versions: unknown[] };
      const records = lines.map((l) => JSON.parse(l) as Exported);
      const listed = await served.archive.store.listArticles({ sourceId, limit: 0 });
      expect(records).toHaveLength(listed.total);
      expect(records.every((r) => r.source.id === sourceId)).toBe(true);
      // Full texts carry their versions; teaser-only articles have none yet.
      for (const r of records) expect(r.versions.length > 0).toBe(r.status !== 'teaser');
    });
  });
});
