/**
 * The JSON API over a real SQLite archive, through `app.request()` (no socket): each endpoint's answers,
 * cursor paging, the one error format, and every real response checked against the generated OpenAPI
 * document (which must itself be well formed and list every route the app serves).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from '@hono/zod-openapi';
import * as S from '../../src/api/schemas.js';
import {
  checkDocument,
  responseSchema,
  validate,
  type Json,
  type Obj,
} from '../helpers/openapi.js';
import { readerArchive } from '../helpers/reader-archive.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
let archive: Awaited<ReturnType<typeof readerArchive>>;
let doc: Obj;

/** A GET through the app; the JSON body is checked against the document's schema for its route and status. */
async function get(url: string, route: string, status = 200): Promise<Json> {
  const res = await archive.app.request(url);
  const body = (await res.json()) as Json;
  expect(res.status, `${url}: ${JSON.stringify(body).slice(0, 300)}`).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(validate(doc, responseSchema(doc, route, 'get', status), body), url).toEqual([]);
  return body;
}

beforeAll(async () => {
  archive = await readerArchive(dir.path);
  doc = (await (await archive.app.request('/api/openapi.json')).json()) as Obj;
});

afterAll(async () => {
  await archive.store.close();
  dir.cleanup();
});

describe('the OpenAPI document', () => {
  it('is a well-formed OpenAPI 3.0 document whose $refs all resolve', () => {
    expect(checkDocument(doc)).toEqual([]);
    expect(Object.keys((doc.components as Obj).schemas as Obj)).toEqual(
      expect.arrayContaining([
        'Error',
        'Article',
        'ArticleSummary',
        'ArticleList',
        'Version',
        'Source',
        'SearchResult',
        'Stats',
      ]),
    );
  });

  it('lists exactly the API routes the app serves', () => {
    const served = new Set(
      archive.app.routes
        .filter(
          (r) => r.path.startsWith('/api/v1/') && ['GET', 'POST', 'DELETE'].includes(r.method),
        )
        .map((r) => `${r.method} ${r.path.slice('/api'.length).replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(
      Object.entries(doc.paths as Obj).flatMap(([path, item]) =>
        Object.keys(item as Obj).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    expect(served.size).toBeGreaterThanOrEqual(7);
    expect([...served].sort()).toEqual([...documented].sort());
  });

  it('has a checker that finds real problems (it is not vacuous)', () => {
    const broken = structuredClone(doc) as Obj;
    ((broken.paths as Obj)['/v1/stats'] as Obj).get = {
      responses: {
        200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } } },
      },
    };
    expect(checkDocument(broken)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('description required'),
        expect.stringContaining('#/components/schemas/Nope does not resolve'),
      ]),
    );
    const summary = { $ref: '#/components/schemas/ArticleSummary' };
    expect(validate(doc, summary, { id: 'x' })).toEqual(
      expect.arrayContaining([expect.stringContaining('missing sourceId')]),
    );
    expect(
      validate(
        doc,
        { $ref: '#/components/schemas/Stats' },
        { ...Object.fromEntries(Object.keys(S.Stats.shape).map((k) => [k, 1])), secret: 1 },
      ),
    ).toEqual(['$: undeclared property secret']);
  });
});

describe('GET /api/v1/articles', () => {
  it('pages through every article with opaque cursors, no item twice, totals exact', async () => {
    const stats = (await get('/api/v1/stats', '/v1/stats')) as z.infer<typeof S.Stats>;
    const seen = new Set<string>();
    let url = '/api/v1/articles?limit=100';
    let pages = 0;
    for (;;) {
      const page = (await get(url, '/v1/articles')) as z.infer<typeof S.ArticleList>;
      expect(page.total).toBe(stats.articles + stats.teaserOnly);
      for (const item of page.items) {
        expect(seen.has(item.id)).toBe(false);
        seen.add(item.id);
      }
      pages++;
      if (page.next === null) break;
      expect(page.next).toMatch(/^[A-Za-z0-9_-]+$/);
      url = `/api/v1/articles?limit=100&cursor=${page.next}`;
    }
    expect(seen.size).toBe(stats.articles + stats.teaserOnly);
    expect(pages).toBe(Math.ceil(seen.size / 100));
  });

  it('filters by source, status and published date', async () => {
    const page = (await get(
      '/api/v1/articles?source=kcna-kp-en&status=teaser&limit=5',
      '/v1/articles',
    )) as z.infer<typeof S.ArticleList>;
    expect(page.total).toBe(20);
    expect(page.items).toHaveLength(5);
    expect(page.items.every((a) => a.sourceId === 'kcna-kp-en' && a.status === 'teaser')).toBe(
      true,
    );
    const mid = (await get(
      '/api/v1/articles?from=2011-12-10&to=2011-12-20&order=oldest&limit=100',
      '/v1/articles',
    )) as z.infer<typeof S.ArticleList>;
    expect(mid.total).toBeGreaterThan(0);
    expect(mid.items.every((a) => a.date >= '2011-12-10' && a.date <= '2011-12-20')).toBe(true);
    expect(mid.items.map((a) => a.date)).toEqual([...mid.items.map((a) => a.date)].sort());
  });

  it('answers mistakes with 400 and one message', async () => {
    const cases: [string, RegExp][] = [
      ['/api/v1/articles?limit=500', /^limit: /],
      ['/api/v1/articles?limit=abc', /^limit: /],
      ['/api/v1/articles?status=gone&from=2012', /status: .*; from: expected YYYY-MM-DD/],
      ['/api/v1/articles?cursor=not!a!cursor', /^cursor: not a cursor this API issued$/],
      [`/api/v1/articles?cursor=${Buffer.from('{"o":-1}').toString('base64url')}`, /^cursor: /],
      ['/api/v1/articles?source=nowhere', /^source: no source "nowhere"$/],
    ];
    for (const [url, message] of cases) {
      const body = (await get(url, '/v1/articles', 400)) as z.infer<typeof S.ErrorBody>;
      expect(body.error.code).toBe('bad_request');
      expect(body.error.message).toMatch(message);
    }
  });
});

describe('GET /api/v1/articles/{id} and /versions', () => {
  it('gives the text, the versions count and the listing that pointed to the article', async () => {
    const seed = (await archive.store.listArticles({ sourceId: 'kcna-kp-en', status: 'live' }))
      .items[0]!;
    const article = (await get(`/api/v1/articles/${seed.id}`, '/v1/articles/{id}')) as z.infer<
      typeof S.Article
    >;
    expect(article).toMatchObject({
      id: seed.id,
      versionCount: 2,
      date: 'March 24 (year unknown)',
      label: { derived: true },
    });
    expect(article.paragraphs.join(' ')).toContain('vigorous joint struggle');
    const versions = (await get(
      `/api/v1/articles/${seed.id}/versions`,
      '/v1/articles/{id}/versions',
    )) as z.infer<typeof S.VersionList>;
    expect(versions).toMatchObject({ total: 2, next: null });
    expect(versions.items.map((v) => v.seq)).toEqual([1, 2]);
    expect(versions.items[0]!.paragraphs.join(' ')).toContain('dynamic joint struggle');
    expect(versions.items.map((v) => v.change.kind)).toEqual(['first', 'body']);
    expect(versions.items[1]!.change).toMatchObject({
      titleChanged: false,
      wordsAdded: 1,
      wordsRemoved: 1,
    });
    const teaser = (await archive.store.listArticles({ status: 'teaser', limit: 1 })).items[0]!;
    const withListing = (await get(
      `/api/v1/articles/${teaser.id}`,
      '/v1/articles/{id}',
    )) as z.infer<typeof S.Article>;
    expect(withListing.listings.length).toBeGreaterThan(0);
    expect(withListing.listings[0]!.articleId).toBe(teaser.id);
  });

  it('gives the word diff between two versions, and between the latest and the one before by default', async () => {
    const seed = (await archive.store.listArticles({ sourceId: 'kcna-kp-en', status: 'live' }))
      .items[0]!;
    const diff = (await get(
      `/api/v1/articles/${seed.id}/diff?from=1&to=2`,
      '/v1/articles/{id}/diff',
    )) as z.infer<typeof S.VersionDiff>;
    expect(diff).toMatchObject({
      articleId: seed.id,
      from: 1,
      to: 2,
      change: { kind: 'body', wordsAdded: 1, wordsRemoved: 1 },
    });
    expect(diff.body.filter((p) => p.op !== 'equal')).toEqual([
      { op: 'delete', text: 'dynamic' },
      { op: 'insert', text: 'vigorous' },
    ]);
    const versions = await archive.store.getVersions(seed.id);
    expect(
      diff.body
        .filter((p) => p.op !== 'insert')
        .map((p) => p.text)
        .join(''),
    ).toBe(versions[0]!.paragraphs.join('\n\n'));
    expect(
      diff.body
        .filter((p) => p.op !== 'delete')
        .map((p) => p.text)
        .join(''),
    ).toBe(versions[1]!.paragraphs.join('\n\n'));
    expect(await get(`/api/v1/articles/${seed.id}/diff`, '/v1/articles/{id}/diff')).toEqual(diff);
    const back = (await get(
      `/api/v1/articles/${seed.id}/diff?from=2&to=1`,
      '/v1/articles/{id}/diff',
    )) as z.infer<typeof S.VersionDiff>;
    expect(back.body.filter((p) => p.op !== 'equal')).toEqual([
      { op: 'delete', text: 'vigorous' },
      { op: 'insert', text: 'dynamic' },
    ]);
    const bad = (await get(
      `/api/v1/articles/${seed.id}/diff?from=7`,
      '/v1/articles/{id}/diff',
      400,
    )) as z.infer<typeof S.ErrorBody>;
    expect(bad.error.message).toMatch(/no version 7/);
    await get('/api/v1/articles/nope/diff', '/v1/articles/{id}/diff', 404);
  });

  it('lists near-duplicate copies (same story) from the other source', async () => {
    const page = (await get(`/api/v1/articles?source=naenara-en`, '/v1/articles')) as z.infer<
      typeof S.ArticleList
    >;
    expect(page.total).toBe(1);
    const copy = (await get(
      `/api/v1/articles/${page.items[0]!.id}`,
      '/v1/articles/{id}',
    )) as z.infer<typeof S.Article>;
    expect(copy.copies).toHaveLength(1);
    expect(copy.copies[0]).toMatchObject({
      sourceId: 'kcna-co-jp-en',
      title: archive.firstTitle,
      storyId: copy.storyId,
    });
  });

  it('answers an unknown id with 404 in the error format', async () => {
    for (const [url, route] of [
      ['/api/v1/articles/0000000000000000', '/v1/articles/{id}'],
      ['/api/v1/articles/nope/versions', '/v1/articles/{id}/versions'],
    ] as const) {
      const body = (await get(url, route, 404)) as z.infer<typeof S.ErrorBody>;
      expect(body.error).toEqual({
        code: 'not_found',
        message: expect.stringMatching(/^no article "/),
      });
    }
  });
});

describe('GET /api/v1/sources', () => {
  it('lists the sources with counts, and one by id', async () => {
    const list = (await get('/api/v1/sources', '/v1/sources')) as z.infer<typeof S.SourceList>;
    expect(list.items.map((s) => s.id).sort()).toEqual([
      'hostile-wire-en',
      'kcna-co-jp-en',
      'kcna-co-jp-es',
      'kcna-kp-en',
      'naenara-en',
    ]);
    expect(list).toMatchObject({ total: 5, next: null });
    const kp = (await get('/api/v1/sources/kcna-kp-en', '/v1/sources/{id}')) as z.infer<
      typeof S.Source
    >;
    expect(kp).toMatchObject({ id: 'kcna-kp-en', label: 'KCNA.kp (En)', articles: 1, teasers: 20 });
    await get('/api/v1/sources/nope', '/v1/sources/{id}', 404);
  });
});

describe('GET /api/v1/search', () => {
  it('gives the searchArchive result with facets and a histogram', async () => {
    const r = (await get(
      '/api/v1/search?q=%22Kim%20Jong%20Il%22&facets=true&histogram=month&sort=newest&limit=5',
      '/v1/search',
    )) as z.infer<typeof S.SearchResult>;
    expect(r.query).toBe('"Kim Jong Il"');
    expect(r.total).toBeGreaterThan(5);
    expect(r.hits).toHaveLength(5);
    expect(r.facets!.source.reduce((n, f) => n + f.count, 0)).toBe(r.total);
    expect(r.histogram!.interval).toBe('month');
    expect(r.hits.map((h) => h.date)).toEqual([...r.hits.map((h) => h.date)].sort().reverse());
  });

  it('pages over stories with cursors until next is null', async () => {
    const ids: string[] = [];
    let url = '/api/v1/search?q=Kim&sort=oldest&limit=40';
    let stories = 0;
    for (let i = 0; i < 100; i++) {
      const r = (await get(url, '/v1/search')) as z.infer<typeof S.SearchResult>;
      stories = r.stories;
      ids.push(...r.hits.map((h) => h.id));
      if (!r.next) break;
      url = `/api/v1/search?q=Kim&sort=oldest&limit=40&cursor=${r.next}`;
    }
    expect(stories).toBeGreaterThan(80);
    expect(ids).toHaveLength(stories);
    expect(new Set(ids).size).toBe(stories);
  });

  it('answers a malformed query with 400, the message and its position', async () => {
    const body = (await get('/api/v1/search?q=(Kim%20OR', '/v1/search', 400)) as z.infer<
      typeof S.ErrorBody
    >;
    expect(body.error).toMatchObject({
      code: 'bad_query',
      message: expect.stringContaining('OR needs a word'),
      position: 5,
    });
    const unknown = (await get('/api/v1/search?q=source:nowhere', '/v1/search', 400)) as z.infer<
      typeof S.ErrorBody
    >;
    expect(unknown.error.code).toBe('bad_query');
    const missing = (await get('/api/v1/search', '/v1/search', 400)) as z.infer<typeof S.ErrorBody>;
    expect(missing.error).toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/^q: /),
    });
    await get('/api/v1/search?q=Kim&histogram=year', '/v1/search', 400);
  });

  it('says which older version matched under version:any (the edited seed said "dynamic", now "vigorous")', async () => {
    const current = (await get(
      '/api/v1/search?q=dynamic%20source:kcna-kp-en%20status:live',
      '/v1/search',
    )) as z.infer<typeof S.SearchResult>;
    expect(current.total).toBe(0);
    const r = (await get(
      '/api/v1/search?q=version:any%20dynamic%20source:kcna-kp-en%20status:live',
      '/v1/search',
    )) as z.infer<typeof S.SearchResult>;
    expect(r.query).toBe('version:any AND dynamic AND source:kcna-kp-en AND status:live');
    expect(r.hits.map((h) => [h.matchedVersion, h.versionCount])).toEqual([[1, 2]]);
    expect(r.hits[0]!.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['dynamic']);
    const both = (await get(
      '/api/v1/search?q=version:any%20vigorous%20source:kcna-kp-en%20status:live',
      '/v1/search',
    )) as z.infer<typeof S.SearchResult>;
    expect(both.hits.map((h) => h.matchedVersion)).toEqual([null]);
  });

  it('finds hostile titles and returns them as plain JSON strings', async () => {
    const r = (await get(
      '/api/v1/search?q=source:hostile-wire-en&sort=oldest',
      '/v1/search',
    )) as z.infer<typeof S.SearchResult>;
    expect(r.total).toBe(3);
    expect(r.hits[0]!.title.segments.map((s) => s.text).join('')).toBe(
      `<script>alert('x')</script> & "quotes" ]]> end`,
    );
  });
});

describe('errors', () => {
  it('answers an unknown API path with 404 JSON and a failure with 500 that hides internals', async () => {
    const res = await archive.app.request('/api/v1/nothing');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: 'no such endpoint: GET /api/v1/nothing' },
    });
    const { createApp } = await import('../../src/server/app.js');
    const failing = createApp({
      store: {
        ...archive.store,
        stats: () => Promise.reject(new Error('SQLITE_CORRUPT: secret path /var/db')),
        engine: 'sqlite',
        search: archive.store.search,
      } as never,
    });
    const original = process.stderr.write;
    process.stderr.write = (() => true) as never;
    try {
      const broken = await failing.request('/api/v1/stats');
      expect(broken.status).toBe(500);
      const body = await broken.text();
      expect(JSON.parse(body)).toEqual({
        error: { code: 'internal', message: 'the server failed to answer this request' },
      });
      expect(body).not.toContain('SQLITE');
    } finally {
      process.stderr.write = original;
    }
  });
});
