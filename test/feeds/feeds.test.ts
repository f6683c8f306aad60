/**
 * Atom feeds per source, per day and per search, read back by the real feedparser (python3-feedparser):
 * no bozo (well-formed, valid Atom), stable entry ids, titles intact — including hostile titles and
 * bodies (markup, `]]>`, control characters, lone surrogates, U+FFFE).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xmlText } from '../../src/feeds/atom.js';
import { entryOf } from '../../src/feeds/routes.js';
import { parseFeed } from '../helpers/feedparser.js';
import { readerArchive } from '../helpers/reader-archive.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
let archive: Awaited<ReturnType<typeof readerArchive>>;

async function feed(url: string) {
  const res = await archive.app.request(url);
  expect(res.status, url).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  const xml = await res.text();
  const parsed = parseFeed(xml);
  expect(parsed.bozoException, url).toBeNull();
  expect(parsed.bozo).toBe(0);
  expect(parsed.version).toBe('atom10');
  expect(parsed.feed.author).toBe('wirewatch');
  expect(parsed.feed.updated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  for (const e of parsed.entries) {
    expect(e.id).toMatch(/^urn:wirewatch:article:[0-9a-f]+$/);
    expect(e.link).toMatch(/^http:\/\/wirewatch\.test\/articles\/[0-9a-f]+$/);
    expect(e.updated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  }
  return { xml, parsed };
}

beforeAll(async () => {
  archive = await readerArchive(dir.path);
});

afterAll(async () => {
  await archive.store.close();
  dir.cleanup();
});

describe('per-source feed', () => {
  it('has the newest 50 entries of the source, ids stable across requests', async () => {
    const { parsed } = await feed('/feeds/sources/kcna-co-jp-en');
    expect(parsed.feed.id).toBe('urn:wirewatch:feed:source:kcna-co-jp-en');
    expect(parsed.entries).toHaveLength(50);
    const expected = (await archive.store.listArticles({ sourceId: 'kcna-co-jp-en', limit: 50 }))
      .items;
    expect(parsed.entries.map((e) => e.id)).toEqual(
      expected.map((a) => `urn:wirewatch:article:${a.id}`),
    );
    expect(parsed.entries.map((e) => e.title)).toEqual(expected.map((a) => a.title));
    expect((await feed('/feeds/sources/kcna-co-jp-en')).parsed.entries.map((e) => e.id)).toEqual(
      parsed.entries.map((e) => e.id),
    );
    expect((await archive.app.request('/feeds/sources/nope')).status).toBe(404);
  });
});

describe('per-day feed', () => {
  it('has every article published that day', async () => {
    const day = await archive.store.listArticles({
      from: '2011-12-13',
      to: '2011-12-13',
      limit: 500,
    });
    expect(day.total).toBeGreaterThan(3);
    const { parsed } = await feed('/feeds/days/2011-12-13');
    expect(parsed.feed.id).toBe('urn:wirewatch:feed:day:2011-12-13');
    expect(parsed.entries).toHaveLength(day.total);
    expect(new Set(parsed.entries.map((e) => e.id))).toEqual(
      new Set(day.items.map((a) => `urn:wirewatch:article:${a.id}`)),
    );
    expect(parsed.entries.every((e) => e.published?.startsWith('2011-12-13'))).toBe(true);
    expect((await feed('/feeds/days/1999-01-01')).parsed.entries).toHaveLength(0);
    for (const bad of ['2011-02-30', '2011-12', 'yesterday']) {
      const res = await archive.app.request(`/feeds/days/${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    }
  });
});

describe('search feed', () => {
  it('has the matches newest first', async () => {
    const { parsed } = await feed(
      `/feeds/search?q=${encodeURIComponent('"Kim Jong Il" date:2011-12')}`,
    );
    expect(parsed.feed.title).toBe('Search: "Kim Jong Il" AND date:2011-12 · wirewatch');
    expect(parsed.entries).toHaveLength(50);
    const published = parsed.entries.map((e) => e.published!);
    expect(published).toEqual([...published].sort().reverse());
  });

  it('answers a malformed query with 400 text/plain and the message', async () => {
    const res = await archive.app.request(`/feeds/search?q=${encodeURIComponent('(Kim OR')}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toContain('OR needs a word or phrase after it');
    expect((await archive.app.request('/feeds/search')).status).toBe(400);
  });
});

describe('hostile text', () => {
  it('is escaped, stripped of characters XML forbids, and read back intact by feedparser', async () => {
    const { xml, parsed } = await feed('/feeds/sources/hostile-wire-en');
    expect(parsed.entries).toHaveLength(3);
    const titles = parsed.entries.map((e) => e.title).sort();
    expect(titles).toEqual(
      [
        `<script>alert('x')</script> & "quotes" ]]> end`,
        'Controlcharactersand verticaltabs here', // the importer reads the vertical tab as a space
        'Entities &lt;b&gt; &#x26; &#0; and emoji 😀 and Korean 조선중앙통신',
      ].sort(),
    );
    const stored = (await archive.store.listArticles({ sourceId: 'hostile-wire-en' })).items.map(
      (a) => a.title!,
    );
    expect(stored.some((t) => /[\u0001\u0008\u001f\ufffe]/.test(t))).toBe(true);
    expect(titles).toEqual(stored.map((t) => t.replace(/[\u0001\u0008\u001f\ufffe]/g, '')).sort());
    const bodies = parsed.entries.map((e) => e.summary ?? '').join('\n');
    expect(bodies).toContain(
      '<img src=x onerror=alert(1)> and ]]> and &amp; and a CDATA <![CDATA[ opener.',
    );
    // SQLite stores the lone surrogate as U+FFFD (legal XML); xmlText's own test covers a lone one.
    expect(bodies).toMatch(
      /Bell and null-ish {2}and escape \[31m red and a lone surrogate \ufffd+ in the body/,
    );
    expect(bodies).toContain('</entry></feed> closing tags');
    expect(xml).not.toMatch(/<script|<img|\]\]>|[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const search = await feed(`/feeds/search?q=${encodeURIComponent('source:hostile-wire-en')}`);
    expect(search.parsed.entries.map((e) => e.title).sort()).toEqual(titles);
  });

  it('an entry links its article by the id, URL-encoded', async () => {
    const article = (await archive.store.listArticles({ limit: 1 })).items[0]!;
    expect(entryOf({ ...article, id: 'a/../b?c#d e' }, 'http://wirewatch.test').link).toBe(
      'http://wirewatch.test/articles/a%2F..%2Fb%3Fc%23d%20e',
    );
  });

  it('xmlText keeps what XML allows and nothing else', () => {
    expect(xmlText('a\u0000b\u0009c\u000bd\ud800e\ufffef\ud83d\ude00<&>"\'')).toBe(
      'ab\tcdef😀&lt;&amp;&gt;&quot;&apos;',
    );
  });
});

// Last in the file: it adds a source and an article the feeds above do not expect.
describe('ids that need encoding', () => {
  it('are percent-encoded in entry links and ids, read back by feedparser, links that resolve', async () => {
    const { store } = archive;
    const original = (await store.getArticle(
      (await store.listArticles({ limit: 1 })).items[0]!.id,
    ))!;
    const sourceId = 'odd ids ü';
    const id = 'a/../b?c#d e ü';
    await store.upsertSource({ id: sourceId, name: 'Odd', language: 'en', label: 'Odd ids' });
    await store.insertArticle({ ...original, id, sourceId, storyId: id });
    for (const v of await store.getVersions(original.id))
      await store.insertVersion({ ...v, articleId: id });
    const res = await archive.app.request(`/feeds/sources/${encodeURIComponent(sourceId)}`);
    expect(res.status).toBe(200);
    const parsed = parseFeed(await res.text());
    expect(parsed.bozo, parsed.bozoException ?? '').toBe(0);
    expect(parsed.feed.id).toBe('urn:wirewatch:feed:source:odd%20ids%20%C3%BC');
    expect(parsed.entries.map((e) => [e.id, e.link])).toEqual([
      [
        'urn:wirewatch:article:a%2F..%2Fb%3Fc%23d%20e%20%C3%BC',
        'http://wirewatch.test/articles/a%2F..%2Fb%3Fc%23d%20e%20%C3%BC',
      ],
    ]);
    const page = await archive.app.request(new URL(parsed.entries[0]!.link!).pathname);
    expect(page.status).toBe(200);
  });
});
