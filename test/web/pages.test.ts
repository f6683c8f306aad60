/** Reader pages through `createApp(...).request()`: status codes, what each page shows, escaping of hostile text. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { PAYLOAD, MARKER, readerArchive } from '../helpers/reader.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
let archive: Awaited<ReturnType<typeof readerArchive>>;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  archive = await readerArchive(dir.path);
  app = createApp({ store: archive.store });
});

afterAll(async () => {
  await archive.store.close();
  dir.cleanup();
});

async function get(path: string): Promise<{ status: number; html: string; type: string | null }> {
  const res = await app.request(path);
  return { status: res.status, html: await res.text(), type: res.headers.get('content-type') };
}

/** Every raw payload string: none may reach the page unescaped. */
const RAW = ['<script>window', '<img src=x', '<svg onload', 'onerror="', 'onload="window'];

function expectNoRawPayload(html: string) {
  for (const raw of RAW) expect(html, raw).not.toContain(raw);
  // The only <script> elements are the site's own, loaded from /assets.
  expect(html.match(/<script\b[^>]*>/g)?.every((tag) => /src="\/assets\//.test(tag)) ?? true).toBe(
    true,
  );
  expect(html).not.toMatch(/<a\b[^>]*\bhref="\s*(javascript|data|vbscript):/i);
}

describe('reader pages: status codes', () => {
  it.each([
    ['/', 200],
    ['/sources', 200],
    ['/sources/kcna-co-jp-en', 200],
    ['/sources/kcna-co-jp-en?page=2', 200],
    ['/sources/kcna-co-jp-en?page=banana', 200],
    ['/sources/no-such-source', 404],
    ['/articles/0000000000000000', 404],
    ['/days/2011-12-01', 200],
    ['/days/2011-02-30', 404],
    ['/days/yesterday', 404],
    ['/search', 200],
    ['/search?q=Kim', 200],
    ['/search?q=%28Kim+OR', 400],
    ['/search?q=source%3Anowhere', 400],
    ['/search?q=Kim&sort=sideways&page=-3&interval=year', 200],
    ['/search?q=Kim&page=999999', 200],
    ['/nothing/here', 404],
  ])('%s answers %i with an HTML page', async (path, status) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    expect(res.type).toMatch(/^text\/html/);
    expect(res.html).toMatch(/^<!doctype html><html lang="en">/);
    expect(res.html).toContain('<main id="main"');
  });
});

describe('reader pages: content', () => {
  it('home lists the latest articles and every source with its counts and last capture', async () => {
    const { html } = await get('/');
    expect(html).toContain('<h1>Latest articles</h1>');
    expect(html).toContain(
      'KCNA.co.jp (En)</a><span class="meta"> 286 articles, 0 teaser-only articles · last capture 2026-11-28 00:00 UTC',
    );
    expect(html).toContain('href="/feeds/sources/kcna-kp-en"');
  });

  it('the seed article: derived label marked, year unknown with its basis, More From KCNA.kp (En) with 20 teasers', async () => {
    const { html } = await get(`/articles/${archive.seed.id}`);
    expect(html).toMatch(
      /<h1 id="headline" class="derived" lang="en">Kim Jong Un, general secretary of the Workers&#39; Party of Korea \(WPK\),…<\/h1>/,
    );
    expect(html).toContain('The source page shows no headline');
    expect(html).toContain('March 24 (year unknown)');
    expect(html).toContain('month and day from the dateline; nothing states the year');
    expect(html).toContain('<dd>Pyongyang, March 24 (KCNA) --</dd>');
    expect(html).toContain('<h2 id="more-from-heading">More From KCNA.kp (En)</h2>');
    const more = html.slice(html.indexOf('more-from-heading'));
    expect(more.match(/<li>/g)).toHaveLength(20);
    expect(more).toContain(
      'Pyongyang, January 22 (KCNA) -- Fishing sector of the DPRK pushes ahead',
    );
    expect(more).toContain('<time datetime="2025-01-22">2025-01-22</time>');
    expect(more).toContain('>More Articles<');
    expect(html).toMatch(/1 capture\b/);
    expect(html).toContain('1 version ·');
    expect(html.split('<p>').length - 1).toBeGreaterThanOrEqual(4);
  });

  it('a teaser-only article says so', async () => {
    const teaser = (
      await archive.store.listArticles({ sourceId: 'kcna-kp-en', status: 'teaser', limit: 1 })
    ).items[0]!;
    const { html } = await get(`/articles/${teaser.id}`);
    expect(html).toContain('<strong>Teaser only.</strong>');
    expect(html).toContain('The listing gave no link to the full text');
  });

  it('a teaser-only article links where its full text is expected, when that is an http(s) address', async () => {
    const [, second, third] = (
      await archive.store.listArticles({ sourceId: 'kcna-kp-en', status: 'teaser', limit: 3 })
    ).items;
    const withUrl = (await archive.store.getArticle(second!.id))!;
    await archive.store.updateArticle({
      ...withUrl,
      url: 'https://kcnawatch.example/newstream/1?a=1&b=2',
    });
    const linked = await get(`/articles/${second!.id}`);
    expect(linked.html).toContain(
      'The full text is expected at <a href="https://kcnawatch.example/newstream/1?a=1&amp;b=2" rel="noopener noreferrer nofollow">',
    );
    const withScript = (await archive.store.getArticle(third!.id))!;
    await archive.store.updateArticle({ ...withScript, url: ' JavaScript:window.__xss=1' });
    const unlinked = await get(`/articles/${third!.id}`);
    expect(unlinked.html).toContain('The listing gave no link to the full text');
    expect(unlinked.html).toContain('(not a web address; not linked)');
    expectNoRawPayload(unlinked.html);
  });

  it('an article with a URL links it with rel="noopener noreferrer nofollow"; copies in other sources are listed', async () => {
    const copy = (await archive.store.listArticles({ sourceId: archive.svgSource.id })).items[0]!;
    const { html } = await get(`/articles/${copy.id}`);
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html).toContain(
      'href="https://example.org/story?x=%22%3E%3Cscript%3Ewindow.__xss=%22href%22%3C/script%3E"',
    );
    expect(html).toContain('<h2 id="copies-heading">Copies of this story (1)</h2>');
    expectNoRawPayload(html);
  });

  it('a source page pages newest first', async () => {
    const first = await get('/sources/kcna-co-jp-en');
    expect(first.html).toContain('Articles, newest first: page 1 of 6');
    expect(first.html).toContain('href="/sources/kcna-co-jp-en?page=2" rel="next"');
    const last = await get('/sources/kcna-co-jp-en?page=6');
    expect(last.html).toContain('page 6 of 6');
    expect(last.html).toContain('href="/sources/kcna-co-jp-en?page=5" rel="prev"');
  });

  it('a day lists its articles by source, with the previous and next days that have articles', async () => {
    const { html } = await get('/days/2011-12-20');
    expect(html).toContain('Published on Tuesday, 20 December 2011');
    expect(html).toMatch(/href="\/days\/2011-12-\d\d" rel="prev"/);
    expect(html).toMatch(/href="\/days\/2011-12-\d\d" rel="next"/);
    expect(html).toContain('KCNA.co.jp (En)</a>');
  });

  it('the sources page lists every source with counts, first and last article', async () => {
    const { html } = await get('/sources');
    // The demo data's six sources (its recorded crawl history and the two Korean editions included)
    // and the two payload sources.
    expect(html).toContain('<caption id="sources-caption">8 sources in the archive</caption>');
    expect(html).toContain('<a href="/sources/kcna-kp-ko">KCNA.kp (Ko)</a>');
    expect(html).toContain('<a href="/sources/rodong-ko">Rodong Sinmun (Ko)</a>');
    expect(html).toContain('Demonstration recording (En)');
    expect(html).toContain('<a href="/days/2011-01-03">2011-01-03</a>');
  });

  it('search shows highlighted hits, facets that add a filter, copies, the feed, the chart table', async () => {
    const { html } = await get(`/search?q=${encodeURIComponent('"Kim Jong Il"')}`);
    expect(html).toContain('<mark>Kim Jong Il</mark>');
    expect(html).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Search “&quot;Kim Jong Il&quot;” (Atom)" href="/feeds/search?q=%22Kim+Jong+Il%22"/>',
    );
    expect(html).toContain(
      `href="/search?q=${encodeURIComponent('"Kim Jong Il" source:kcna-co-jp-es').replace(/%20/g, '+')}"`,
    );
    expect(html).toContain('href="/search?q=%22Kim+Jong+Il%22+date%3A2011-12"');
    expect(html).toContain('<table class="numbers">');
    expect(html).toMatch(/<tr><th scope="row">2011-12<\/th>/);
    expect(html).toContain('rel="next"');
    const copies = await get(`/search?q=${MARKER}+delegation`);
    expect(copies.html).toContain('>2 copies</a>');
  });

  it('a malformed query shows its message and position, escaped', async () => {
    const res = await get(`/search?q=${encodeURIComponent(PAYLOAD.brokenQuery)}`);
    expect(res.status).toBe(400);
    expect(res.html).toContain('role="alert"');
    expect(res.html).toMatch(/this quote is never closed \(at character \d+\)/);
    expect(res.html).toContain('<mark class="error-at">&quot;</mark>');
    expectNoRawPayload(res.html);
  });
});

describe('reader pages: hostile text is escaped everywhere', () => {
  it.each([
    ['/'],
    ['/sources'],
    ['/days/2012-05-01'],
    ['/days/2012-05-02'],
    ['/days/2012-05-03'],
    [`/search?q=${MARKER}`],
    [`/search?q=${encodeURIComponent(PAYLOAD.query)}`],
    [`/search?q=${MARKER}&sort=newest`],
  ])('%s', async (path) => {
    const { html } = await get(path);
    expectNoRawPayload(html);
  });

  it('source pages of sources named by payloads', async () => {
    for (const source of [archive.scriptSource, archive.svgSource]) {
      const { status, html } = await get(`/sources/${source.id}`);
      expect(status).toBe(200);
      expectNoRawPayload(html);
      expect(html).toContain(
        source.label
          .replace(/&/g, '&amp;')
          .replace(/</g, '&lt;')
          .replace(/>/g, '&gt;')
          .replace(/"/g, '&quot;')
          .replace(/'/g, '&#39;'),
      );
    }
  });

  it('articles whose title, body, source and URL are payloads; a non-http(s) URL is shown, never linked', async () => {
    for (const a of (await archive.store.listArticles({ sourceId: archive.scriptSource.id }))
      .items) {
      const { html } = await get(`/articles/${a.id}`);
      expectNoRawPayload(html);
      expect(html).toContain('(not a web address; not linked)');
      expect(html).toContain('&lt;script&gt;');
    }
  });

  it('a "template broken" page whose URL is not http(s) is named, never linked', async () => {
    const sha256 = 'f'.repeat(64);
    await archive.store.putCapture(
      {
        sha256,
        origin: PAYLOAD.jsUrl,
        capturedAt: '2026-11-29T00:00:00.000Z',
        mediaType: 'application/warc',
        kind: 'warc',
        size: 0,
        storedEncoding: 'identity',
        options: { source: 'kcna-kp-en', pageKind: 'listing', url: PAYLOAD.jsUrl },
        processedAt: null,
        errors: [],
      },
      (async function* () {})(),
    );
    await archive.store.finishCapture({ sha256, kind: 'warc' }, null, {
      processedAt: '2026-11-29T00:00:01.000Z',
      errors: [`template broken: no list items at ${PAYLOAD.jsUrl}`],
    });
    const { html } = await get('/sources');
    const section = html.slice(
      html.indexOf('id="template-health-title"'),
      html.indexOf('</section>', html.indexOf('id="template-health-title"')),
    );
    expect(section).toContain(
      '<code>kcna-kp-en</code>: template broken at javascript:window.__xss = &quot;url&quot;',
    );
    expect(section).not.toMatch(/<a\b/);
    expectNoRawPayload(html);
  });

  it('an unknown id echoed in a 404 page is escaped', async () => {
    const res = await get(`/sources/${encodeURIComponent('<svg onload=alert(1)>')}`);
    expect(res.status).toBe(404);
    expect(res.html).toContain('&lt;svg onload=alert(1)&gt;');
  });
});
