/**
 * A search cannot hold the server: the query's size is bounded by `limits.search` (a 400 naming the
 * limit), and a search that runs past its time budget stops with a 503 and Retry-After — on the API,
 * the search page and the search feed alike. Over the reader archive (demo data plus hostile records).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitsSchema } from '../../src/config.js';
import { createApp } from '../../src/server/app.js';
import type { ArchiveStore, SearchIndex } from '../../src/store/types.js';
import { responseSchema, validate, type Json, type Obj } from '../helpers/openapi.js';
import { readerArchive } from '../helpers/reader.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
let archive: Awaited<ReturnType<typeof readerArchive>>;
let app: ReturnType<typeof createApp>;
let doc: Obj;

/** The reported case: 300 copies of `a*`, 899 characters. */
const HOSTILE = Array.from({ length: 300 }, () => 'a*').join(' ');
const q = (query: string) => `q=${encodeURIComponent(query)}`;

beforeAll(async () => {
  archive = await readerArchive(dir.path);
  app = createApp({ store: archive.store });
  doc = (await (await app.request('/api/openapi.json')).json()) as Obj;
});

afterAll(async () => {
  await archive.store.close();
  dir.cleanup();
});

async function apiError(a: ReturnType<typeof createApp>, url: string, status: number) {
  const res = await a.request(url);
  const body = (await res.json()) as Json;
  expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(status);
  expect(validate(doc, responseSchema(doc, '/v1/search', 'get', status), body)).toEqual([]);
  return {
    res,
    error: (body as { error: { code: string; message: string; limit?: string } }).error,
  };
}

describe('bounded query size', () => {
  it('refuses 300 × a* quickly with a 400 that names the limit, on every surface', async () => {
    expect(HOSTILE).toHaveLength(899);
    const started = Date.now();
    const { error } = await apiError(app, `/api/v1/search?${q(HOSTILE)}`, 400);
    expect(error).toMatchObject({ code: 'limit_exceeded', limit: 'search.maxPrefixes' });
    expect(error.message).toMatch(/300 prefixes; at most \d+ \(limits\.search\.maxPrefixes\)/);

    const page = await app.request(`/search?${q(HOSTILE)}`);
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('role="alert"');
    expect(html).toMatch(/300 prefixes; at most \d+ \(limits\.search\.maxPrefixes\)/);

    const feed = await app.request(`/feeds/search?${q(HOSTILE)}`);
    expect(feed.status).toBe(400);
    expect(feed.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await feed.text()).toMatch(/limits\.search\.maxPrefixes/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('bounds the query length and the number of terms', async () => {
    const long = await apiError(app, `/api/v1/search?${q('Kim '.repeat(600))}`, 400);
    expect(long.error).toMatchObject({ code: 'limit_exceeded', limit: 'search.maxQueryLength' });
    const words = Array.from({ length: 70 }, (_, i) => `w${i}`).join(' OR ');
    const many = await apiError(app, `/api/v1/search?${q(words)}`, 400);
    expect(many.error).toMatchObject({ code: 'limit_exceeded', limit: 'search.maxTerms' });
    expect(many.error.message).toMatch(/70 terms; at most 64/);
  });

  it('caps what one prefix may stand for', async () => {
    const narrow = createApp({
      store: archive.store,
      limits: limitsSchema.parse({ search: { maxPrefixWords: 50 } }),
    });
    const { error } = await apiError(narrow, `/api/v1/search?${q('a*')}`, 400);
    expect(error).toMatchObject({ code: 'limit_exceeded', limit: 'search.maxPrefixWords' });
    expect(error.message).toMatch(
      /^a\* stands for more than 50 indexed words; give more of the word/,
    );
    expect((await narrow.request(`/api/v1/search?${q('zanzibar*')}`)).status).toBe(200);
  });

  it('still answers a normal query, duplicates and all', async () => {
    const res = await app.request(
      `/api/v1/search?${q('Kim* Kim* nuclear OR nuclear')}&facets=true`,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number };
    expect(body.total).toBeGreaterThan(0);
    expect((await app.request(`/search?${q('"Kim Jong Il"')}`)).status).toBe(200);
  });
});

/** The archive with its index's `match` replaced (the rest as it is). */
function withMatch(
  store: ArchiveStore,
  match: (
    index: SearchIndex,
    ...args: Parameters<SearchIndex['match']>
  ) => ReturnType<SearchIndex['match']>,
) {
  const index = store.search;
  const search = new Proxy(index, {
    get: (target, key) => {
      if (key === 'match')
        return (...args: Parameters<SearchIndex['match']>) => match(target, ...args);
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return new Proxy(store, {
    get: (target, key) => (key === 'search' ? search : Reflect.get(target, key, target)),
  });
}

/** The archive's index, answering each match only after a pause: a search that cannot finish in time. */
function slowStore(store: ArchiveStore, pauseMs: number): ArchiveStore {
  return withMatch(store, async (index, ...args) => {
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    return index.match(...args);
  });
}

describe('each word list is read once per search', () => {
  it('also when two branches of the query need it at the same time', async () => {
    const reads: string[] = [];
    const counting = createApp({
      store: withMatch(archive.store, (index, expr) => {
        reads.push(JSON.stringify(expr));
        return index.match(expr);
      }),
    });
    const res = await counting.request(`/api/v1/search?${q('Kim* OR (Kim* source:kcna-kp-en)')}`);
    expect(res.status).toBe(200);
    expect(reads).toEqual([JSON.stringify({ kind: 'prefix', prefix: 'kim' })]);
  });
});

describe('time budget', () => {
  it('stops a search past its budget with 503 and Retry-After; never a 500', async () => {
    const limits = limitsSchema.parse({ search: { budgetMs: 100 } });
    const slow = createApp({ store: slowStore(archive.store, 150), limits });
    const started = Date.now();
    // A different query on each surface: what one read stays cached, so the same query again may fit.
    const { res, error } = await apiError(slow, `/api/v1/search?${q('nuclear talks')}`, 503);
    expect(error.code).toBe('search_timeout');
    expect(error.message).toMatch(/longer than its 100 ms budget/);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    const page = await slow.request(`/search?${q('economy plan')}`);
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe(res.headers.get('retry-after'));
    expect(await page.text()).toMatch(/longer than its 100 ms budget/);

    const feed = await slow.request(`/feeds/search?${q('Kim visit')}`);
    expect(feed.status).toBe(503);
    expect(feed.headers.get('retry-after')).toBe(res.headers.get('retry-after'));
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('lets the same search finish within a budget it fits', async () => {
    const patient = createApp({
      store: slowStore(archive.store, 5),
      limits: limitsSchema.parse({ search: { budgetMs: 30_000 } }),
    });
    expect((await patient.request(`/api/v1/search?${q('nuclear talks')}`)).status).toBe(200);
  });
});
