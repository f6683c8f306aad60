/**
 * The page cache and conditional requests (server/page-cache.ts), on both engines: an article page
 * asked twice is made once; If-None-Match gets 304 while the page is the same; a write by another
 * connection (another process's import) or by the server's own store makes the next answer new; a
 * 404 is not kept; every answer still carries the security headers.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { importPaths } from '../../src/pipeline/import.js';
import { createApp } from '../../src/server/app.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { ENGINES, type Engine } from '../helpers/archive.js';
import { dropAll, freshSchema, PG_URL, requirePostgres } from '../helpers/pg.js';
import { PLANT } from '../helpers/plant.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
afterAll(async () => {
  dir.cleanup();
  await dropAll();
});

const edited = (from: string, to: string) => ({ ...PLANT, body: PLANT.body.replace(from, to) });

let files = 0;
function jsonl(record: object): string {
  const path = join(dir.path, `record-${files++}.jsonl`);
  writeFileSync(path, `${JSON.stringify(record)}\n`);
  return path;
}

/** Two stores on one archive: the server's, and another connection standing for another process. */
async function twoConnections(engine: Engine): Promise<[ArchiveStore, ArchiveStore]> {
  if (engine === 'sqlite') {
    const path = join(dir.path, `archive-${files++}.db`);
    const server = new SqliteStore(path);
    return [server, new SqliteStore(path)];
  }
  await requirePostgres();
  const schema = freshSchema('cache');
  const server = await PostgresStore.open(PG_URL, { schema });
  return [server, await PostgresStore.open(PG_URL, { schema })];
}

/**
 * Runs `check` again while it fails with the archive's change token moved under it. On PostgreSQL the
 * token moves a moment after a commit, when its notification arrives (the other connection's import
 * may land during the check), and once when the store's listener first connects: a kept page is then
 * made again (dropped too often, never too seldom). A check that fails while the token stayed put
 * fails the test, as on SQLite.
 */
async function whileUnchanged<T>(store: ArchiveStore, check: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const before = await store.changeToken();
    try {
      return await check();
    } catch (error) {
      if (attempt >= 5 || (await store.changeToken()) === before) throw error;
    }
  }
}

const importInto = (store: ArchiveStore, record: object, at: string) =>
  importPaths(store, [jsonl(record)], { format: 'auto', now: () => at });

describe('page cache size', () => {
  it('is set in MiB by WIREWATCH_PAGE_CACHE_MIB, 32 by default; anything but a whole number ≥ 0 says so', () => {
    expect(loadConfig({}, {}).server.pageCacheMiB).toBe(32);
    expect(loadConfig({}, { WIREWATCH_PAGE_CACHE_MIB: '0' }).server.pageCacheMiB).toBe(0);
    expect(loadConfig({}, { WIREWATCH_PAGE_CACHE_MIB: '128' }).server.pageCacheMiB).toBe(128);
    for (const bad of ['-1', 'lots', '1.5'])
      expect(() => loadConfig({}, { WIREWATCH_PAGE_CACHE_MIB: bad })).toThrow(
        /^config: WIREWATCH_PAGE_CACHE_MIB: /,
      );
  });
});

describe.each(ENGINES)('page cache: %s', (engine) => {
  it('makes a page once while the archive is unchanged, answers 304 to its ETag, and follows every write', async () => {
    const [server, other] = await twoConnections(engine);
    try {
      await importInto(other, PLANT, '2026-11-28T00:00:00.000Z');
      const [article] = (await server.listArticles({ limit: 1 })).items;
      const path = `/articles/${article!.id}`;
      const app = createApp({ store: server });
      const get = (headers: Record<string, string> = {}) => app.request(path, { headers });

      const { etag } = await whileUnchanged(server, async () => {
        const first = await get();
        expect(first.status).toBe(200);
        const etag = first.headers.get('etag');
        expect(etag).toMatch(/^"[\w-]{27}"$/);
        expect(first.headers.get('cache-control')).toBe('no-cache');
        const page = await first.text();
        expect(page).toContain('inspected the Hwasong fertilizer plant');

        // Asked again: the same bytes, and not one store read for them.
        const reads = vi.spyOn(server, 'getArticle');
        try {
          const again = await get();
          expect(await again.text()).toBe(page);
          expect(again.headers.get('etag')).toBe(etag);
          expect(again.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
          expect(again.headers.get('x-content-type-options')).toBe('nosniff');
          expect(reads).not.toHaveBeenCalled();
        } finally {
          reads.mockRestore();
        }
        return { page, etag };
      });

      const notModified = await get({ 'If-None-Match': etag! });
      expect(notModified.status).toBe(304);
      expect(await notModified.text()).toBe('');
      expect(notModified.headers.get('etag')).toBe(etag);
      expect((await get({ 'If-None-Match': `"other", W/${etag}` })).status).toBe(304);
      expect((await get({ 'If-None-Match': '"other"' })).status).toBe(200);

      // Another connection writes a new version: the next answer is made anew and shows it.
      await importInto(
        other,
        edited('the Hwasong fertilizer plant', 'the fertilizer plant'),
        '2026-11-29T00:00:00.000Z',
      );
      const reads = vi.spyOn(server, 'getArticle');
      const afterOther = await get({ 'If-None-Match': etag! });
      expect(afterOther.status).toBe(200);
      expect(reads).toHaveBeenCalled();
      const second = await afterOther.text();
      expect(second).toContain('inspected the fertilizer plant');
      expect(afterOther.headers.get('etag')).not.toBe(etag);

      // The server's own store writes (as a sweep it runs would): the same.
      await importInto(server, edited('on Monday', 'on Tuesday'), '2026-11-30T00:00:00.000Z');
      const third = await (await get()).text();
      expect(third).toContain('officials said on Tuesday');
      expect(third).not.toBe(second);
      reads.mockRestore();
    } finally {
      await other.close();
      await server.close();
    }
  });

  it('keeps pages gzip-compressed: sent so to a client that accepts gzip, inflated for one that does not', async () => {
    const [server, other] = await twoConnections(engine);
    try {
      await importInto(other, PLANT, '2026-11-28T00:00:00.000Z');
      const [article] = (await server.listArticles({ limit: 1 })).items;
      const path = `/articles/${article!.id}`;
      const app = createApp({ store: server });
      const { plain, page } = await whileUnchanged(server, async () => {
        const plain = await app.request(path);
        const page = await plain.text();
        expect(plain.headers.get('content-encoding')).toBeNull();
        expect(plain.headers.get('vary')).toBe('Accept-Encoding');
        expect(Number(plain.headers.get('content-length'))).toBe(Buffer.byteLength(page));

        const reads = vi.spyOn(server, 'getArticle');
        try {
          const zipped = await app.request(path, { headers: { 'Accept-Encoding': 'gzip, br' } });
          expect(zipped.headers.get('content-encoding')).toBe('gzip');
          const bytes = Buffer.from(await zipped.arrayBuffer());
          expect(Number(zipped.headers.get('content-length'))).toBe(bytes.byteLength);
          expect(bytes.byteLength).toBeLessThan(Buffer.byteLength(page) / 2);
          expect(gunzipSync(bytes).toString('utf8')).toBe(page);
          const zippedTag = zipped.headers.get('etag')!;
          expect(zippedTag).toBe(`${plain.headers.get('etag')!.slice(0, -1)}-gz"`);
          // Refused (q=0), or not named: the page as made, from the kept bytes.
          const refused = await app.request(path, { headers: { 'Accept-Encoding': 'gzip;q=0' } });
          expect(refused.headers.get('content-encoding')).toBeNull();
          expect(await refused.text()).toBe(page);
          expect(reads).not.toHaveBeenCalled();
          // Either form's tag names the same page.
          for (const tag of [zippedTag, plain.headers.get('etag')!])
            expect((await app.request(path, { headers: { 'If-None-Match': tag } })).status).toBe(
              304,
            );
        } finally {
          reads.mockRestore();
        }
        return { plain, page };
      });

      // A cache of 0 bytes keeps nothing: each request makes the page, which is still tagged.
      const uncached = createApp({ store: server, pageCacheBytes: 0 });
      const made = vi.spyOn(server, 'getArticle');
      const once = await uncached.request(path);
      expect(await once.text()).toBe(page);
      expect(once.headers.get('etag')).toBe(plain.headers.get('etag'));
      await uncached.request(path);
      expect(made).toHaveBeenCalledTimes(2);
      made.mockRestore();
    } finally {
      await other.close();
      await server.close();
    }
  });

  it('keeps a search’s answer until the archive changes, but makes one reaching back from now every time', async () => {
    const [server, other] = await twoConnections(engine);
    try {
      await importInto(other, PLANT, '2026-11-28T00:00:00.000Z');
      const app = createApp({ store: server });
      const search = async (q: string) => {
        const res = await app.request(`/api/v1/search?${new URLSearchParams({ q })}`);
        expect(res.status, q).toBe(200);
        return { etag: res.headers.get('etag'), body: (await res.json()) as { total: number } };
      };
      const searching = vi.spyOn(server.search, 'changesSince');
      const { first, calls } = await whileUnchanged(server, async () => {
        const first = await search('fertilizer');
        expect(first.body.total).toBe(1);
        const calls = searching.mock.calls.length;
        expect(calls).toBeGreaterThan(0);
        expect(await search('fertilizer')).toEqual(first);
        expect(searching.mock.calls.length).toBe(calls);
        return { first, calls };
      });
      // `archived:` reaches back from the clock: never kept.
      await search('fertilizer archived:7d');
      const afterOne = searching.mock.calls.length;
      expect(afterOne).toBeGreaterThan(calls);
      await search('fertilizer archived:7d');
      expect(searching.mock.calls.length).toBeGreaterThan(afterOne);
      // A write makes the kept answer stale.
      await importInto(
        other,
        {
          ...PLANT,
          title: 'Another Fertilizer Plant',
          url: 'http://example.test/2',
          body: `${PLANT.body} Again.`,
        },
        '2026-11-29T00:00:00.000Z',
      );
      const after = await search('fertilizer');
      expect(after.etag).not.toBe(first.etag);
      searching.mockRestore();
    } finally {
      await other.close();
      await server.close();
    }
  });

  it('keeps no answer but a 200: a missing article is found once it is archived', async () => {
    const [server, other] = await twoConnections(engine);
    try {
      const app = createApp({ store: server });
      await importInto(other, PLANT, '2026-11-28T00:00:00.000Z');
      const [article] = (await server.listArticles({ limit: 1 })).items;
      const id = article!.id;
      // Another id of the same shape, not in the archive.
      const missing = `${id.slice(0, -1)}${id.endsWith('0') ? '1' : '0'}`;
      expect((await app.request(`/articles/${missing}`)).status).toBe(404);
      expect((await app.request(`/api/v1/articles/${missing}`)).status).toBe(404);
      const api = await app.request(`/api/v1/articles/${id}`);
      expect(api.status).toBe(200);
      expect(api.headers.get('etag')).toMatch(/^"/);
      expect(((await api.json()) as { id: string }).id).toBe(id);
      // HEAD and other methods pass by the cache.
      const head = await app.request(`/articles/${id}`, { method: 'HEAD' });
      expect(head.headers.get('etag')).toBeNull();
    } finally {
      await other.close();
      await server.close();
    }
  });
});
