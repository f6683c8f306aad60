/**
 * Sweeps through the API and the Sources page (`app.request()`, a real SQLite archive): a POST creates
 * the sweep (or goes on with the unfinished one of the same scope), GET follows it; every mistake is
 * a 400 in the one error shape; the page's form is refused when posted from another site. Responses
 * are checked against the generated OpenAPI document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepPlanner } from '../../src/crawl/frontier/planner.js';
import { sourceConfigSchema } from '../../src/crawl/sources/config.js';
import { DEFAULT_LIMITS } from '../../src/config.js';
import { createApp } from '../../src/server/app.js';
import { freshArchive } from '../helpers/archive.js';
import { responseSchema, validate, type Json, type Obj } from '../helpers/openapi.js';
import { tempDir } from '../helpers/tmp.js';

const HEADLINES = new URL('../fixtures/jsonl/kcna-headlines-slice.jsonl', import.meta.url).pathname;
const dir = tempDir();
const archive = freshArchive(dir.path);
const source = sourceConfigSchema.parse({
  id: 'kcna-jp',
  profile: 'generic',
  archiveSource: 'kcna-co-jp-en',
  baseUrl: 'http://www.kcna.co.jp',
  lists: ['/index-e.htm'],
});
const app = createApp({
  store: archive.store,
  sweeps: sweepPlanner(archive.store, [source], DEFAULT_LIMITS.search),
});
const bare = createApp({ store: archive.store });
let doc: Obj;

async function call(method: string, path: string, body?: unknown, on = app) {
  const res = await on.request(`http://localhost${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const json = (await res.json()) as Json;
  return { status: res.status, json };
}

beforeAll(async () => {
  await archive.import([HEADLINES]);
  doc = (await (await app.request('http://localhost/api/openapi.json')).json()) as Obj;
});
afterAll(async () => {
  await archive.store.close();
  dir.cleanup();
});

describe('POST /api/v1/sweeps', () => {
  it('creates a sweep of every article of the sources and their lists, then goes on with it', async () => {
    const created = await call('post', '/api/v1/sweeps', {});
    expect(created.status).toBe(202);
    expect(validate(doc, responseSchema(doc, '/v1/sweeps', 'post', 202), created.json)).toEqual([]);
    const { sweep, resumed, skipped } = created.json as {
      sweep: Obj;
      resumed: boolean;
      skipped: number;
    };
    expect(resumed).toBe(false);
    expect(skipped).toBe(0);
    const articles = (await archive.store.listArticles({ sourceId: 'kcna-co-jp-en', limit: 100 }))
      .total;
    expect(sweep).toMatchObject({ requestedBy: 'api', total: articles + 1, finishedAt: null });
    const again = await call('post', '/api/v1/sweeps', {});
    expect(again.json).toMatchObject({ resumed: true, sweep: { id: sweep.id } });

    const status = await call('get', `/api/v1/sweeps/${sweep.id}`);
    expect(status.status).toBe(200);
    expect(validate(doc, responseSchema(doc, '/v1/sweeps/{id}', 'get', 200), status.json)).toEqual(
      [],
    );
    expect(status.json).toMatchObject({ id: sweep.id, counts: { pending: articles + 1 } });
    const list = await call('get', '/api/v1/sweeps?unfinished=true');
    expect(validate(doc, responseSchema(doc, '/v1/sweeps', 'get', 200), list.json)).toEqual([]);
    expect(list.json).toMatchObject({ total: 1, next: null });
  });

  it('sweeps a span of publication dates, or what a search finds', async () => {
    const span = await call('post', '/api/v1/sweeps', { published: '1997-01-01..1997-01-01' });
    expect(span.status).toBe(202);
    const day = (
      await archive.store.listArticles({ from: '1997-01-01', to: '1997-01-01', limit: 100 })
    ).total;
    expect((span.json as { sweep: Obj }).sweep).toMatchObject({
      total: day,
      scope: { published: { from: '1997-01-01', to: '1997-01-01' }, lists: false },
    });
    const found = await call('post', '/api/v1/sweeps', { query: 'editorial' });
    expect(found.status).toBe(202);
    expect((found.json as { sweep: { total: number } }).sweep.total).toBeGreaterThan(0);
  });

  it('answers every mistake with a 400 in the one error shape', async () => {
    for (const [body, message] of [
      [{ published: '1997-13' }, /^published: "1997-13" is not a year/],
      [{ published: '1998..1997' }, /^published: 1998-01-01 is after 1997-12-31/],
      [{ source: 'nowhere' }, /^no configured source archives into "nowhere"/],
      [{ extra: 1 }, /extra/],
    ] as const) {
      const r = await call('post', '/api/v1/sweeps', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect((r.json as { error: { code: string; message: string } }).error.message).toMatch(
        message,
      );
    }
    const none = await call('post', '/api/v1/sweeps', {}, bare);
    expect(none.status).toBe(400);
    expect(none.json).toEqual({
      error: { code: 'bad_request', message: 'this server cannot start sweeps (no sources file)' },
    });
    expect((await call('get', '/api/v1/sweeps/999')).status).toBe(404);
    expect((await call('get', '/api/v1/sweeps/x')).status).toBe(400);
  });
});

describe('the Sources page', () => {
  it('offers a sweep of each source a crawl source archives into, refused when posted from elsewhere', async () => {
    const page = await (await app.request('http://localhost/sources')).text();
    expect(page).toContain('action="/sources/kcna-co-jp-en/sweep"');
    const post = (origin?: string) =>
      app.request('http://localhost/sources/kcna-co-jp-en/sweep', {
        method: 'POST',
        headers: origin ? { origin } : {},
      });
    expect((await post('http://evil.example')).status).toBe(400);
    expect((await post()).status).toBe(400);
    const ok = await post('http://localhost');
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toMatch(/^\/sweeps\/\d+$/);
    const shown = await app.request(`http://localhost${ok.headers.get('location')}`);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('asked by');
  });
});
