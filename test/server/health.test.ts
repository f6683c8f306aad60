/**
 * The health check, `GET /healthz` and `/api/v1/health`, on both engines: 200 `{"status":"ok"}` while
 * the archive answers; a 503 `unavailable` with Retry-After (in the shape the OpenAPI document gives)
 * when it does not — SQLite closed; PostgreSQL behind a TCP proxy that refuses connections, then
 * stalls them past the timeout — and 200 again once PostgreSQL can be reached again.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HEALTH_TIMEOUT_MS } from '../../src/api/health.js';
import { createApp } from '../../src/server/app.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { ENGINES, makeArchive } from '../helpers/archive.js';
import {
  checkDocument,
  responseSchema,
  validate,
  type Json,
  type Obj,
} from '../helpers/openapi.js';
import { dropAll, freshSchema, PG_URL, requirePostgres } from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
const PATHS = ['/healthz', '/api/v1/health'];
const stores: ArchiveStore[] = [];
let doc: Obj;

afterAll(async () => {
  for (const s of stores) await s.close();
  dir.cleanup();
  await dropAll();
});

async function check(store: ArchiveStore, path: string, status: number) {
  const app = createApp({ store });
  doc ??= (await (await app.request('/api/openapi.json')).json()) as Obj;
  const res = await app.request(path);
  const body = (await res.json()) as Json;
  expect(res.status, `${path}: ${JSON.stringify(body)}`).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(validate(doc, responseSchema(doc, '/v1/health', 'get', status), body), path).toEqual([]);
  return { res, body: body as { status: string; error?: { code: string; message: string } } };
}

async function unavailable(store: ArchiveStore, message: RegExp) {
  for (const path of PATHS) {
    const { res, body } = await check(store, path, 503);
    expect(body).toMatchObject({ status: 'unavailable', error: { code: 'unavailable' } });
    expect(body.error!.message).toMatch(message);
    expect(res.headers.get('retry-after')).toBe('1');
  }
}

/** A TCP proxy to PostgreSQL that can refuse connections, or accept them and forward nothing. */
async function pgProxy() {
  const target = new URL(PG_URL);
  const sockets = new Set<Socket>();
  let mode: 'forward' | 'stall' = 'forward';
  let server: Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        sockets.add(client);
        client.on('close', () => sockets.delete(client));
        client.on('error', () => {});
        if (mode === 'stall') return;
        const upstream = connect(Number(target.port || 5432), target.hostname);
        sockets.add(upstream);
        upstream.on('close', () => sockets.delete(upstream));
        upstream.on('error', () => client.destroy());
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  const dropAllSockets = () => {
    for (const s of sockets) s.destroy();
  };
  await listen();
  const url = new URL(PG_URL);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    /** Closes the port and every connection through it: the pool's next connect is refused. */
    async refuse() {
      const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
      dropAllSockets();
      await closed;
      // The pool drops a client that lost its socket on the next turn of the event loop.
      await new Promise((r) => setTimeout(r, 50));
    },
    async resume(next: 'forward' | 'stall' = 'forward') {
      mode = next;
      await listen();
    },
    async close() {
      const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
      dropAllSockets();
      await closed;
    },
  };
}

describe.each(ENGINES)('the health check (%s)', (engine) => {
  beforeAll(async () => {
    if (engine === 'postgres') await requirePostgres();
  });

  it('answers 200 {"status":"ok"} at /healthz and /api/v1/health, as the OpenAPI document says', async () => {
    const archive = await makeArchive(engine, dir.path);
    stores.push(archive.store);
    for (const path of PATHS) {
      const { body } = await check(archive.store, path, 200);
      expect(body).toEqual({ status: 'ok' });
    }
    expect(checkDocument(doc)).toEqual([]);
    expect(((doc.paths as Obj)['/v1/health'] as Obj).get).toBeDefined();
  });

  if (engine === 'sqlite') {
    it('answers 503 unavailable when the archive is closed, and when it stalls past the timeout', async () => {
      const archive = await makeArchive(engine, dir.path);
      await archive.store.close();
      // The reason goes to stderr, not to whoever asked.
      const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        await unavailable(archive.store, /^the archive did not answer; try again$/);
        expect(String(stderr.mock.calls[0]?.[0])).toMatch(
          /^health check: the archive did not answer: .*not open/,
        );
      } finally {
        stderr.mockRestore();
      }

      const live = await makeArchive(engine, dir.path);
      stores.push(live.store);
      const stalled = Object.create(live.store, {
        health: { value: () => new Promise<void>(() => {}) },
      }) as ArchiveStore;
      const started = performance.now();
      const { body } = await check(stalled, '/healthz', 503);
      expect(performance.now() - started).toBeGreaterThanOrEqual(HEALTH_TIMEOUT_MS - 5);
      expect(body.error!.message).toBe(
        `the archive did not answer within ${HEALTH_TIMEOUT_MS} ms; try again`,
      );
    });
  } else {
    it('answers 503 unavailable when PostgreSQL refuses or stalls, and 200 again once it answers', async () => {
      const proxy = await pgProxy();
      const store = await PostgresStore.open(proxy.url, { schema: freshSchema('health') });
      try {
        await check(store, '/healthz', 200);

        await proxy.refuse();
        await unavailable(store, /connection to the archive's database was lost/);

        await proxy.resume();
        for (const path of PATHS) expect((await check(store, path, 200)).body.status).toBe('ok');

        await proxy.refuse();
        await proxy.resume('stall');
        const started = performance.now();
        const { body } = await check(store, '/healthz', 503);
        expect(performance.now() - started).toBeGreaterThanOrEqual(HEALTH_TIMEOUT_MS - 5);
        expect(body.error!.message).toBe(
          `the archive did not answer within ${HEALTH_TIMEOUT_MS} ms; try again`,
        );
      } finally {
        await proxy.close();
        await store.close();
      }
    });
  }
});
