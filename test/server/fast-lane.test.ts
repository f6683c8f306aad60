/**
 * Kept pages answered from node:http without the app (server/fast-lane.ts): the answer is the one the
 * app gives (status, headers, bytes, 304, gzip; private for a token or a session), and every request
 * the app would treat otherwise (a host to refuse, another method, a page not kept, a write since, and
 * on a private archive nobody, or a token unknown, revoked, expired or over its limit) is left to the
 * app. Through a real server on both engines, byte for byte.
 */
import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { signIn } from '../../src/accounts/sessions.js';
import { makeToken, revokeToken } from '../../src/accounts/tokens.js';
import { addUser } from '../../src/accounts/users.js';
import { DEFAULT_LIMITS } from '../../src/config.js';
import { importPaths } from '../../src/pipeline/import.js';
import { createWeb } from '../../src/server/app.js';
import { startServer } from '../../src/server/serve.js';
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
      // A session cookie no session has is nobody, who may read this open archive.
      const stale = { ...host, cookie: 'theme=dark; wirewatch_session=gone' };
      expect(await fastLane({ method: 'GET', url: path, headers: stale })).not.toBeNull();
      // The kept gzip bytes hold no more memory than they are (or a share of Node's small-buffer
      // pool), not the 16 KiB output buffer zlib wrote them in: the cache's budget counts what it holds.
      const gzipped = (await fastLane({
        method: 'GET',
        url: path,
        headers: { ...host, 'accept-encoding': 'gzip' },
      }))!.body!;
      expect(gunzipSync(gzipped).toString('utf8')).toBe(await byApp.text());
      expect(gzipped.buffer.byteLength).toBeLessThanOrEqual(
        Math.max(gzipped.byteLength, Buffer.poolSize),
      );
    } finally {
      await store.close();
    }
  });

  it('leaves to the app another method, another host, an absolute target, a page not kept and a write', async () => {
    const store = await archive('sqlite');
    try {
      const path = await articlePath(store);
      const { app, fastLane } = createWeb({ store });
      await app.request(path, { headers: host });
      const lane = (headers: Record<string, string>, method = 'GET', url = path) =>
        fastLane({ method, url, headers: { ...host, ...headers } });
      expect(await lane({})).not.toBeNull();
      expect(await lane({}, 'HEAD')).toBeNull();
      expect(await lane({}, 'POST')).toBeNull();
      expect(await lane({ host: 'evil.example' })).toBeNull();
      expect((await app.request(path, { headers: { host: 'evil.example' } })).status).toBe(421);
      expect(await lane({}, 'GET', `http://localhost${path}`)).toBeNull();
      expect(await lane({}, 'GET', '/search?q=plant')).toBeNull();
      await importRecord(store, { ...PLANT, body: `${PLANT.body} Again.` });
      expect(await lane({})).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('on a private archive answers a reader’s token or session as the app does, and leaves every refusal to the app', async () => {
    const store = await archive('sqlite');
    try {
      const path = await articlePath(store);
      const reader = await addUser(store, 'test', {
        name: 'rex',
        role: 'reader',
        password: 'a long enough password',
      });
      const tokenOf = async (expiresAt: string | null = null) =>
        (await makeToken(store, 'test', reader, { label: 't', scopes: ['read'], expiresAt }))
          .secret;
      const secret = await tokenOf();
      const revoked = await makeToken(store, 'test', reader, {
        label: 'r',
        scopes: ['read'],
        expiresAt: null,
      });
      await revokeToken(store, 'test', revoked.token.id);
      const expired = await tokenOf('2020-01-01T00:00:00.000Z');
      const signedIn = await signIn(store, 'rex', 'a long enough password', { hours: 1 });
      const cookie = `wirewatch_session=${signedIn!.cookieValue}`;
      const limits = {
        ...DEFAULT_LIMITS,
        auth: { ...DEFAULT_LIMITS.auth, tokenRequestsPerMinute: 3 },
      };
      // Served off loopback with no public read: nobody may read without signing in.
      const { app, fastLane } = createWeb({ store, limits, access: { openWithoutUsers: false } });
      const withToken = { ...host, authorization: `Bearer ${secret}` };
      const made = await app.request(path, { headers: withToken });
      expect(made.status).toBe(200);
      const lane = (headers: Record<string, string>) =>
        fastLane({ method: 'GET', url: path, headers: { ...host, ...headers } });

      for (const who of [{ authorization: `Bearer ${secret}` }, { cookie }] as Record<
        string,
        string
      >[]) {
        const kept = (await lane(who))!;
        expect(kept, JSON.stringify(who)).not.toBeNull();
        expect(headersOf(kept.headers)).toEqual(headersOf(made.headers.entries()));
        expect(headersOf(kept.headers)['cache-control']).toBe('private, no-cache');
        expect(kept.body!.toString('utf8')).toBe(await made.clone().text());
      }
      expect((await app.request(path, { headers: host })).status).toBe(303);
      expect(await lane({})).toBeNull();
      for (const bad of [
        'Bearer ww_nonsense',
        `Bearer ${revoked.secret}`,
        `Bearer ${expired}`,
        `Basic ${secret}`,
      ]) {
        expect(await lane({ authorization: bad }), bad).toBeNull();
        expect((await app.request(path, { headers: { ...host, authorization: bad } })).status).toBe(
          401,
        );
      }
      // Three requests a minute: one by the app and two by the lane; the fourth is over the limit.
      expect(await lane({ authorization: `Bearer ${secret}` })).not.toBeNull();
      expect(await lane({ authorization: `Bearer ${secret}` })).toBeNull();
      expect((await app.request(path, { headers: withToken })).status).toBe(429);
    } finally {
      await store.close();
    }
  });
});
