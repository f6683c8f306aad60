/**
 * Which Host the app answers for, and where its absolute links point: a request for a host not on the
 * allow-list gets a clean 421 (JSON under /api, text from /feeds, a page elsewhere), and feeds link to
 * the base URL when one is given, else to the (allowed) host the request named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { responseSchema, validate, type Json, type Obj } from '../helpers/openapi.js';
import { readerArchive } from '../helpers/reader.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
let archive: Awaited<ReturnType<typeof readerArchive>>;
let doc: Obj;

beforeAll(async () => {
  archive = await readerArchive(dir.path);
  doc = (await (
    await createApp({ store: archive.store }).request('/api/openapi.json')
  ).json()) as Obj;
});

afterAll(async () => {
  await archive.store.close();
  dir.cleanup();
});

/** A request as @hono/node-server hands it over: the URL built from the Host header. */
const as = (app: ReturnType<typeof createApp>, path: string, host: string) =>
  app.request(`http://${host}${path}`, { headers: { host } });

/** The links of an Atom feed: its own and its entries'. */
async function feedLinks(res: Response): Promise<string[]> {
  expect(res.status).toBe(200);
  return [...(await res.text()).matchAll(/<link [^>]*href="([^"]+)"/g)].map((m) => m[1]!);
}

describe('the Host allow-list', () => {
  it('by default answers for the loopback names only', async () => {
    const app = createApp({ store: archive.store });
    for (const host of [
      'localhost',
      'localhost:8080',
      '127.0.0.1:8080',
      '[::1]:8080',
      'LOCALHOST.',
    ]) {
      expect((await as(app, '/', host)).status, host).toBe(200);
    }
    for (const host of [
      'evil.example',
      'evil.example:8080',
      '127.0.0.1.evil.example',
      '10.0.0.1',
    ]) {
      const page = await as(app, '/', host);
      expect(page.status, host).toBe(421);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toContain('does not answer for this host');
    }
    expect((await app.request('http://evil.example/')).status).toBe(421);
  });

  it('answers a refused host cleanly on every surface, never with a 500', async () => {
    const app = createApp({ store: archive.store });
    const api = await as(app, '/api/v1/stats', 'evil.example');
    expect(api.status).toBe(421);
    const body = (await api.json()) as Json;
    expect(body).toMatchObject({ error: { code: 'misdirected' } });
    expect(validate(doc, responseSchema(doc, '/v1/stats', 'get', 421), body)).toEqual([]);
    const feed = await as(app, '/feeds/sources/kcna-kp-en', 'evil.example');
    expect(feed.status).toBe(421);
    expect(feed.headers.get('content-type')).toMatch(/^text\/plain/);
    const hostile = await app.request('/', { headers: { host: '<script>x</script>' } });
    expect([400, 421]).toContain(hostile.status);
    expect(await hostile.text()).not.toContain('<script>x');
    expect(api.headers.get('content-security-policy')).toBeTruthy();
  });

  it('with a base URL, answers for its host too and links every feed there', async () => {
    const app = createApp({ store: archive.store, publicUrl: 'https://wire.example.org' });
    expect((await as(app, '/', 'wire.example.org')).status).toBe(200);
    for (const host of ['localhost:8080', 'wire.example.org']) {
      for (const path of [
        '/feeds/sources/kcna-kp-en',
        `/feeds/search?q=Kim`,
        '/feeds/changes',
        '/feeds/coverage',
        '/feeds/days/2011-12-13',
      ]) {
        const links = await feedLinks(await as(app, path, host));
        expect(links.length, path).toBeGreaterThan(1);
        expect(
          links.every((l) => l.startsWith('https://wire.example.org/')),
          `${path}: ${links[0]}`,
        ).toBe(true);
      }
    }
  });

  it('with an explicit list, answers for those names only, linking to the host the request named', async () => {
    const app = createApp({ store: archive.store, allowedHosts: ['reader.lan', '192.168.1.5'] });
    const links = await feedLinks(await as(app, '/feeds/sources/kcna-kp-en', 'Reader.LAN:8080'));
    expect(links.every((l) => l.startsWith('http://reader.lan:8080/'))).toBe(true);
    expect((await as(app, '/', '192.168.1.5:8080')).status).toBe(200);
    expect((await as(app, '/', 'localhost')).status).toBe(421);
    const any = createApp({ store: archive.store, allowedHosts: ['*'] });
    expect((await as(any, '/', 'whatever.example')).status).toBe(200);
  });
});
