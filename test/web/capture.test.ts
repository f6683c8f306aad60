/**
 * The page as captured (issue 15, item 4): a capture's records and headers and its bytes as text,
 * the HTML rendered inert under a sandbox CSP — no script, form or external request survives a
 * hostile page, in Chromium too — links rewritten to the archive's copies, and a download of its
 * WARC records that `wirewatch import` reads back into the same capture.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server/serve.js';
import type { CaptureRecord } from '../../src/store/types.js';
import { freshArchive } from '../helpers/archive.js';
import { launchChromium, withPage } from '../helpers/browser.js';
import { tempDir } from '../helpers/tmp.js';
import { foreignWarc, responseRecord, RODONG_URL } from '../helpers/warc.js';
import { createApp } from '../../src/server/app.js';

const HOSTILE_URL = 'http://hostile.test/news/1.html';
const HOSTILE_PAGE = `<!doctype html><html><head>
<title>Hostile &amp; "quoted" page</title>
<base href="http://evil.test/">
<meta http-equiv="refresh" content="0;url=http://evil.test/refresh">
<link rel="stylesheet" href="http://evil.test/x.css">
<style>@import url(http://evil.test/import.css); body { background: url(http://evil.test/bg.png) }</style>
<script>window.__xss = 'head'</script>
</head><body onload="window.__xss = 'body'">
<h1 style="background:url(http://evil.test/h1.png)">Headline of the page</h1>
<p>First paragraph <b>bold</b> with <a href="${RODONG_URL}">the archived Rodong story</a>,
<a href="http://elsewhere.test/story">a story not archived</a>, <a href="javascript:window.__xss='href'">a script link</a>
and <a href="#top">an anchor</a>.</p>
<img src="http://evil.test/pixel.gif" alt="a pixel" onerror="window.__xss = 'img'">
<form action="http://evil.test/post" method="post"><input name="q" value="typed"><button>Send</button></form>
<iframe src="http://evil.test/frame"></iframe><object data="http://evil.test/obj"></object>
<svg onload="window.__xss = 'svg'"><script>window.__xss = 'svg-script'</script></svg>
<video src="http://evil.test/v.mp4" autoplay></video>
<p onclick="window.__xss = 'click'">Last paragraph &lt;not a tag&gt;</p>
<script src="http://evil.test/x.js"></script>
</body></html>`;

const dir = tempDir();
let archive: ReturnType<typeof freshArchive>;
let hostile: CaptureRecord;
let rodong: CaptureRecord;
let rodongArticle: string;
let app: ReturnType<typeof createApp>;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  archive = freshArchive(dir.path);
  const file = join(dir.path, 'pages.warc');
  const page = await responseRecord(
    HOSTILE_URL,
    'HTTP/1.1 200 OK',
    { 'Content-Type': 'text/html; charset=utf-8' },
    new TextEncoder().encode(HOSTILE_PAGE),
    '2024-05-01T10:00:00Z',
  );
  writeFileSync(file, Buffer.concat([...(await foreignWarc()), page]));
  await archive.import([file]);
  const captures = (await archive.store.listCaptures({ limit: 100 })).items.filter(
    (k) => k.kind === 'warc',
  );
  hostile = captures.find((k) => k.origin.includes('hostile.test'))!;
  rodong = captures.find((k) => k.origin.includes('rodong'))!;
  rodongArticle = (await archive.store.findArticleByUrl(RODONG_URL))!.id;
  app = createApp({ store: archive.store });
  server = await startServer(archive.store, { host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await archive?.store.close();
  dir.cleanup();
});

describe('the page as captured', () => {
  it('shows the WARC records, the request and response headers, and the bytes as escaped text', async () => {
    const res = await app.request(`/captures/${rodong.sha256}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('WARC request record');
    expect(html).toContain('WARC response record');
    expect(html).toContain(
      'GET /en/index.php?strPageID=SF01_02_01&amp;newsID=2022-03-11-0003 HTTP/1.1',
    );
    expect(html).toContain('HTTP/1.1 200 OK');
    // Header names as the WARC reader folds them (the download keeps the bytes as received).
    expect(html).toContain('content-type: text/html; charset=utf-8');
    expect(html).toMatch(/warc-record-id: &lt;urn:uuid:[0-9a-f-]+&gt;/);
    expect(html).toContain('<time datetime="2022-03-12T08:00:00.000Z">');
    const page = await (await app.request(`/captures/${hostile.sha256}`)).text();
    expect(page).toContain('&lt;script&gt;window.__xss = &#39;head&#39;&lt;/script&gt;');
    expect(page).not.toContain('<script>window.__xss');
    expect(page).toContain(`href="/captures/${hostile.sha256}/render?kind=warc"`);
  });

  it('renders the page inert: allowed text and structure only, links to the archive or nowhere', async () => {
    const res = await app.request(`/captures/${hostile.sha256}/render?kind=warc`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
    const html = await res.text();
    expect(html).toContain('<title>Hostile &amp; &quot;quoted&quot; page (archived)</title>');
    expect(html).toContain('<h1>Headline of the page</h1>');
    expect(html).toContain('<b>bold</b>');
    expect(html).toContain(`href="/articles/${rodongArticle}"`);
    expect(html).toContain('title="not in the archive: http://elsewhere.test/story"');
    expect(html).toContain('href="#top"');
    expect(html).toContain('[image: a pixel]');
    expect(html).toContain('Last paragraph &lt;not a tag&gt;');
    for (const gone of [
      /<script/i,
      /<style/i,
      /<link/i,
      /<meta http/i,
      /<base/i,
      /<form/i,
      /<input/i,
      /<iframe/i,
      /<object/i,
      /<svg/i,
      /<video/i,
      /\son\w+=/i,
      /javascript:/i,
      /\ssrc=/i,
      /\saction=/i,
    ])
      expect(html, String(gone)).not.toMatch(gone);
    // evil.test survives only inside title attributes, as text.
    expect(html.replace(/title="[^"]*"/g, '')).not.toContain('evil.test');
  });

  it('runs nothing and fetches nothing in Chromium', async () => {
    await withPage(browser, 'capture-inert', async (page, watch) => {
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      const url = `${server.url}/captures/${hostile.sha256}/render?kind=warc`;
      await page.goto(url);
      await page.locator('p').last().click();
      await page.waitForTimeout(300);
      expect(requests).toEqual([url]);
      expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBe(
        undefined,
      );
      expect(watch.dialogs).toEqual([]);
      expect(await page.locator('form, input, iframe, script').count()).toBe(0);
      // The archived story's link leads to the archive's copy.
      await page.getByRole('link', { name: 'the archived Rodong story' }).click();
      await page.waitForURL(`${server.url}/articles/${rodongArticle}`);
    });
  });

  it('downloads the WARC records, which import back into the same capture', async () => {
    const res = await app.request(`/captures/${rodong.sha256}/download?kind=warc`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="[0-9a-f]{16}\.warc\.gz"$/,
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(gunzipSync(bytes).toString('latin1')).toMatch(/^WARC\/1\.[01]\r\n/);
    const file = join(dir.path, 'download.warc.gz');
    writeFileSync(file, bytes);
    const other = freshArchive(dir.path);
    try {
      await other.import([file]);
      expect((await other.store.capturesOf(rodong.sha256)).map((k) => k.kind)).toEqual(['warc']);
      expect((await other.store.findArticleByUrl(RODONG_URL))?.id).toBe(rodongArticle);
    } finally {
      await other.store.close();
    }
  });

  it('answers 404 for a capture it does not hold', async () => {
    for (const path of [
      '0'.repeat(64),
      'not-a-sha',
      `${'0'.repeat(64)}/render`,
      `${'0'.repeat(64)}/download`,
    ])
      expect((await app.request(`/captures/${path}`)).status, path).toBe(404);
  });
});
