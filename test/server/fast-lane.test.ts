/**
 * Kept pages answered from node:http without the app (server/fast-lane.ts): the answer is the one the
 * app gives (status, headers, bytes, 304, gzip), and every request the app would treat otherwise (a
 * host to refuse, a token or session, a private archive, another method, a page not kept, a write since)
 * is left to the app. Through a real server on both engines, byte for byte.
 */
import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/pipeline/import.js';
import { createWeb } from '../../src/server/app.js';
import { startServer } from '../../src/server/serve.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { ENGINES, type Engine } from '../helpers/archive.js';
import { dropAll, freshSchema, PG_URL, requirePostgres } from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
afterAll(async () => {
  dir.cleanup();
  await dropAll();
});

const PLANT = {
  source: 'kcna-kp-en',
  language: 'en',
  published: '2024-06-01',
  title: 'Fertilizer Plant Fulfils Its Yearly Plan',
  body:
    'Workers of the chemical industry fulfilled their yearly plan ahead of schedule, officials said. ' +
    'Kim Jong Un inspected the Hwasong fertilizer plant and praised its workers for their devotion.',
};

let files = 0;
async function archive(engine: Engine): Promise<ArchiveStore> {
  let store: ArchiveStore;
  if (engine === 'sqlite') store = new SqliteStore(join(dir.path, `archive-${files++}.db`));
  else {
    await requirePostgres();
    store = await PostgresStore.open(PG_URL, { schema: freshSchema('lane') });
  }
  await importRecord(store, PLANT);
  return store;
}

function importRecord(store: ArchiveStore, record: object) {
  const path = join(dir.path, `record-${files++}.jsonl`);
  writeFileSync(path, `${JSON.stringify(record)}\n`);
  return importPaths(store, [path], { format: 'auto', now: () => '2026-11-28T00:00:00.000Z' });
}

async function articlePath(store: ArchiveStore): Promise<string> {
  const [article] = (await store.listArticles({ limit: 1 })).items;
  return `/articles/${article!.id}`;
}

/** An answer's headers by name, without those of the connection and the moment. */
function headersOf(pairs: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of pairs) {
    const key = name.toLowerCase();
    if (['date', 'connection', 'keep-alive'].includes(key)) continue;
    out[key] = key in out ? `${out[key]}, ${value}` : value;
  }
  return out;
}

interface Raw {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A GET over a socket of its own, the bytes as sent (no decoding). */
function get(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          headers: headersOf(Object.entries(res.headers).map(([k, v]) => [k, String(v)])),
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe.each(ENGINES)('fast lane over a real server: %s', (engine) => {
  it('answers a kept page with the status, headers and bytes the app made, 304 and gzip alike', async () => {
    const store = await archive(engine);
    const server = await startServer(store, { host: '127.0.0.1', port: 0 });
    try {
      const url = server.url + (await articlePath(store));
      const made = await get(url);
      expect(made.status).toBe(200);
      expect(made.body.toString('utf8')).toContain('inspected the Hwasong fertilizer plant');
      const kept = await get(url);
      expect(kept).toEqual(made);
      expect(kept.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(kept.headers['x-frame-options']).toBe('DENY');

      const zipped = await get(url, { 'Accept-Encoding': 'gzip' });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(zipped.body)).toEqual(made.body);
      const notModified = await get(url, { 'If-None-Match': zipped.headers.etag! });
      expect(notModified.status).toBe(304);
      expect(notModified.body.byteLength).toBe(0);

      // A write, and the next answer is the app's again, with the new text.
      await importRecord(store, {
        ...PLANT,
        body: PLANT.body.replace('Hwasong fertilizer', 'fertilizer'),
      });
      const after = await get(url, { 'If-None-Match': made.headers.etag! });
      expect(after.status).toBe(200);
      expect(after.body.toString('utf8')).toContain('inspected the fertilizer plant');
    } finally {
      await server.close();
      await store.close();
    }
  });
});

describe('fast lane: what it leaves to the app', () => {
  const host = { host: 'localhost' };

  it('answers the same as the app once a page is kept, and nothing before', async () => {
    const store = await archive('sqlite');
    try {
      const { app, fastLane } = createWeb({ store });
      const path = await articlePath(store);
      expect(await fastLane({ method: 'GET', url: path, headers: host })).toBeNull();
      const made = await app.request(path, { headers: host });
      const byApp = await app.request(path, { headers: host });
      const kept = (await fastLane({ method: 'GET', url: path, headers: host }))!;
      expect(kept.status).toBe(200);
      expect(headersOf(kept.headers)).toEqual(headersOf(byApp.headers.entries()));
      expect(kept.body!.toString('utf8')).toBe(await made.text());
    } finally {
      await store.close();
    }
  });

  it('leaves to the app another method, another host, a token, a session, a private archive and a write', async () => {
    const store = await archive('sqlite');
    try {
      const path = await articlePath(store);
      const open = createWeb({ store });
      await open.app.request(path, { headers: host });
      const lane = (headers: Record<string, string>, method = 'GET', url = path) =>
        open.fastLane({ method, url, headers: { ...host, ...headers } });
      expect(await lane({})).not.toBeNull();
      expect(await lane({}, 'HEAD')).toBeNull();
      expect(await lane({}, 'POST')).toBeNull();
      expect(await lane({ host: 'evil.example' })).toBeNull();
      expect((await open.app.request(path, { headers: { host: 'evil.example' } })).status).toBe(
        421,
      );
      expect(await lane({ authorization: 'Bearer nonsense' })).toBeNull();
      expect(await lane({ cookie: 'theme=dark; wirewatch_session=abc' })).toBeNull();
      expect(await lane({}, 'GET', `http://localhost${path}`)).toBeNull();
      expect(await lane({}, 'GET', '/search?q=plant')).toBeNull();

      // Served off loopback with no public read: nobody may read without signing in.
      const closed = createWeb({ store, access: { openWithoutUsers: false } });
      const refused = await closed.app.request(path, { headers: host });
      expect(refused.status).toBe(303);
      expect(await closed.fastLane({ method: 'GET', url: path, headers: host })).toBeNull();

      // A user added (a write): the archive is no longer open, and the kept page is stale anyway.
      await store.accounts.addUser({
        name: 'ana',
        role: 'reader',
        passwordHash: 'x',
        at: '2026-11-28T00:00:00.000Z',
      });
      expect(await lane({})).toBeNull();
      expect((await open.app.request(path, { headers: host })).status).toBe(303);
    } finally {
      await store.close();
    }
  });
});
