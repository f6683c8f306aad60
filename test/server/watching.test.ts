/**
 * Saved searches and follows through the pages, on both engines: a search saved from the search page
 * shows what the archive received since the user last looked, until they mark it seen; a followed
 * article shows its edits since; each has a private Atom feed (read by feedparser) that opens with
 * its secret only, for its own user only; removing a saved search is in the audit log.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeToken } from '../../src/accounts/tokens.js';
import { addUser } from '../../src/accounts/users.js';
import { createApp } from '../../src/server/app.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { CORPUS_SLICE, ENGINES, makeArchive, type Engine } from '../helpers/archive.js';
import { parseFeed } from '../helpers/feedparser.js';
import { responseSchema, validate, type Obj } from '../helpers/openapi.js';
import { dropAll } from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';
import { articleWithVersions } from '../helpers/versions.js';

const dir = tempDir();
afterAll(async () => {
  dir.cleanup();
  await dropAll();
});

const ORIGIN = 'http://localhost';
const PASSWORD = 'a long enough password';
const WORD = 'quetzalcoatlite';

describe.each(ENGINES)('saved searches and follows: %s', (engine: Engine) => {
  let store: ArchiveStore;
  let importLater: (path: string, at: string) => Promise<unknown>;
  let now = '2026-11-27T00:00:00.000Z';
  const app = () => createApp({ store, access: { now: () => new Date(now) } });

  beforeAll(async () => {
    const archive = await makeArchive(engine, dir.path);
    store = archive.store;
    importLater = (path, at) => archive.import([path], { now: () => at });
    await addUser(store, 'test', { name: 'eve', role: 'reader', password: PASSWORD });
    await addUser(store, 'test', { name: 'rex', role: 'reader', password: PASSWORD });
  });
  afterAll(() => store.close());

  async function session(a: ReturnType<typeof app>, name: string) {
    const res = await a.request('/login', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name, password: PASSWORD }).toString(),
    });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const html = await (await a.request('/account', { headers: { cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    const post = (path: string, fields: Record<string, string> = {}) =>
      a.request(path, {
        method: 'POST',
        headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
      });
    const get = (path: string) => a.request(path, { headers: { cookie } });
    return { post, get };
  }

  it('shows a saved search’s new hits until they are marked seen, and feeds them by a secret', async () => {
    const a = app();
    const eve = await session(a, 'eve');
    // The search page offers to save the search it shows.
    const page = await (await eve.get('/search?q=Pyongyang&sort=newest')).text();
    expect(page).toContain('Save this search');
    const saved = await eve.post('/account/searches', {
      q: 'Pyongyang',
      sort: 'newest',
      name: 'Capital',
    });
    expect(saved.status).toBe(303);
    const news = saved.headers.get('location')!;
    expect(news).toMatch(/^\/account\/searches\/\d+$/);
    // Received after the search was saved: everything the import brings (archived 2026-11-28).
    await importLater(CORPUS_SLICE, '2026-11-28T00:00:00.000Z');
    const first = await (await eve.get(news)).text();
    const total = Number(/([\d,]+) received since/.exec(first)![1]!.replace(/,/g, ''));
    expect(total).toBeGreaterThan(10);
    const watching = await (await eve.get('/account/watching')).text();
    expect(watching).toContain(`${total.toLocaleString('en-US')} new`);
    // Marked seen, nothing is new; a text received later is.
    now = '2026-11-29T00:00:00.000Z';
    expect((await eve.post(`${news}/seen`)).status).toBe(303);
    expect(await (await eve.get(news)).text()).toMatch(/: 0 received since/);
    const later = join(dir.path, `later-${engine}.jsonl`);
    writeFileSync(
      later,
      `${JSON.stringify({
        source: 'KCNA.kp (En)',
        language: 'en',
        published: '2026-11-29',
        title: `Pyongyang hosts ${WORD} exhibition`,
        body: `Pyongyang, November 29 (KCNA) -- An exhibition of ${WORD} opened in Pyongyang on Sunday with many visitors from all walks of life attending it.`,
        url: 'http://kcna.kp/en/article/q/quetzal.kcmsf',
      })}\n`,
    );
    await importLater(later, '2026-11-30T00:00:00.000Z');
    const after = await (await eve.get(news)).text();
    expect(after).toContain(WORD);
    expect(after).toMatch(/\b1 received since/);

    // The private feed: its secret opens it without a cookie; it holds the newest hits.
    const feedPath = /href="(\/feeds\/private\/[^"/]+\/searches\/\d+)"/.exec(
      await (await eve.get('/account/watching')).text(),
    )![1]!;
    const feed = await a.request(feedPath);
    expect(feed.status).toBe(200);
    const parsed = parseFeed(await feed.text());
    expect(parsed.bozo).toBe(0);
    expect(parsed.feed.title).toBe('Capital · wirewatch');
    expect(parsed.entries[0]!.title).toContain(WORD);
    expect((await a.request(feedPath.replace(/private\/[^/]+/, 'private/guessed'))).status).toBe(
      404,
    );
    // Another user cannot see it, by page or by their own feed secret.
    const rex = await session(a, 'rex');
    expect((await rex.get(news)).status).toBe(404);
    const rexFeeds = /\/feeds\/private\/([^"/]+)\//.exec(
      await (await rex.get('/account/watching')).text(),
    );
    expect(rexFeeds).toBeNull(); // rex has nothing to feed yet
    // Removing it is audited.
    const id = news.split('/').pop()!;
    expect((await rex.post(`/account/searches/${id}/remove`)).status).toBe(404);
    expect((await eve.post(`/account/searches/${id}/remove`)).status).toBe(303);
    const log = await store.accounts.listAudit({ limit: 10 });
    expect(log.items[0]).toMatchObject({ actor: 'eve', action: 'saved-search.remove', target: id });
    expect((await a.request(feedPath)).status).toBe(404);
  });

  it('follows an article from its page and shows its edits since', async () => {
    const a = app();
    const eve = await session(a, 'eve');
    const articleId = await articleWithVersions(
      store,
      dir.path,
      {
        source: 'KCNA.kp (En)',
        language: 'en',
        title: 'Watched story',
        url: `http://kcna.kp/en/article/q/watched-${engine}.kcmsf`,
      },
      [
        'Pyongyang, November 20 (KCNA) -- The first text of the watched story, long enough to be an article of its own.',
        'Pyongyang, November 20 (KCNA) -- The second text of the watched story, long enough to be an article, now edited.',
        'Pyongyang, November 20 (KCNA) -- The third text of the watched story, long enough to be an article, edited again.',
      ],
    );
    const article = await (await eve.get(`/articles/${articleId}`)).text();
    const link = /href="(\/account\/follow\?[^"]+)"/.exec(article)![1]!.replace(/&amp;/g, '&');
    const confirm = await (await eve.get(link)).text();
    expect(confirm).toContain('Follow this article?');
    // Followed as of before the edits (captured 2026-11-21 and 22).
    now = '2026-11-20T12:00:00.000Z';
    const followed = await eve.post('/account/follows', { kind: 'article', target: articleId });
    expect(followed.status).toBe(303);
    const news = followed.headers.get('location')!;
    const page = await (await eve.get(news)).text();
    expect(page).toMatch(/\b2 since/);
    expect(page).toContain('what changed');
    const feedPath = /href="(\/feeds\/private\/[^"/]+\/follows\/\d+)"/.exec(
      await (await eve.get('/account/watching')).text(),
    )![1]!;
    const parsed = parseFeed(await (await a.request(feedPath)).text());
    expect(parsed.bozo).toBe(0);
    expect(parsed.entries).toHaveLength(2);
    now = '2026-11-30T00:00:00.000Z';
    await eve.post(`${news}/seen`);
    expect(await (await eve.get(news)).text()).toMatch(/\b0 since/);
    // Following what does not exist is refused.
    expect((await eve.post('/account/follows', { kind: 'article', target: 'nope' })).status).toBe(
      404,
    );
    expect((await eve.post('/account/follows', { kind: 'planet', target: 'x' })).status).toBe(400);
  });

  it('adds alert channels on the Alerts page, shows a failed delivery and sends it again', async () => {
    const a = app();
    const eve = await session(a, 'eve');
    expect(
      (await eve.post('/account/alerts/channels', { kind: 'webhook', target: 'ftp://x' })).status,
    ).toBe(400);
    expect(
      (await eve.post('/account/alerts/channels', { kind: 'email', target: 'not an address' }))
        .status,
    ).toBe(400);
    const added = await eve.post('/account/alerts/channels', {
      kind: 'webhook',
      target: 'http://127.0.0.1:9/hook',
      mode: 'digest',
    });
    expect(added.status).toBe(303);
    const user = (await store.accounts.getUserByName('eve'))!;
    const [channel] = await store.alerts.listChannels(user.id);
    expect(channel).toMatchObject({
      kind: 'webhook',
      mode: 'digest',
      target: 'http://127.0.0.1:9/hook',
    });
    await store.alerts.enqueue([
      { channelId: channel!.id, createdAt: now, subject: 'a <b>subject</b>', payload: '{}' },
    ]);
    const [queued] = await store.alerts.listDeliveries(user.id, 1);
    await store.alerts.recordAttempt(queued!.id, {
      error: 'no answer in time',
      nextAttemptAt: null,
    });
    const page = await (await eve.get('/account/alerts')).text();
    expect(page).toContain(channel!.secret);
    expect(page).toContain('a &lt;b&gt;subject&lt;/b&gt;');
    expect(page).toContain('failed after 1 attempts: no answer in time');
    expect((await eve.post(`/account/alerts/deliveries/${queued!.id}/replay`)).status).toBe(303);
    expect((await store.alerts.listDeliveries(user.id, 1))[0]).toMatchObject({
      status: 'pending',
      attempts: 0,
    });
    // Another user can neither replay it nor remove the channel.
    const rex = await session(a, 'rex');
    expect((await rex.post(`/account/alerts/channels/${channel!.id}/remove`)).status).toBe(404);
    expect((await eve.post(`/account/alerts/channels/${channel!.id}/remove`)).status).toBe(303);
    expect(await store.alerts.listChannels(user.id)).toEqual([]);
  });

  it('keeps saved searches and follows through the API with a token, each answer as documented', async () => {
    const a = app();
    const doc = (await (await a.request('/api/openapi.json')).json()) as Obj;
    const eve = (await store.accounts.getUserByName('eve'))!;
    const { secret } = await makeToken(store, 'test', eve, {
      label: 'api',
      scopes: ['read'],
      expiresAt: null,
    });
    const call = async (
      method: string,
      path: string,
      documented: string,
      status: number,
      body?: unknown,
    ) => {
      const res = await a.request(`/api${path}`, {
        method,
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(res.status, `${method} ${path}`).toBe(status);
      if (status === 204) return null;
      const json = await res.json();
      expect(
        validate(doc, responseSchema(doc, documented, method.toLowerCase(), status), json),
      ).toEqual([]);
      return json;
    };
    // A reader's token (read scope) may keep their own searches and follows.
    const saved = await call('POST', '/v1/saved-searches', '/v1/saved-searches', 201, {
      query: 'pyongyang  AND visit',
      name: 'Visits',
    });
    expect(saved).toMatchObject({ name: 'Visits', query: 'pyongyang AND visit', sort: 'newest' });
    const list = await call('GET', '/v1/saved-searches', '/v1/saved-searches', 200);
    expect(list.items.map((s: { id: number }) => s.id)).toContain(saved.id);
    const fresh = await call(
      'GET',
      `/v1/saved-searches/${saved.id}/new?limit=5`,
      '/v1/saved-searches/{id}/new',
      200,
    );
    expect(fresh.total).toBeGreaterThanOrEqual(0);
    now = '2026-12-31T00:00:00.000Z';
    const seen = await call(
      'POST',
      `/v1/saved-searches/${saved.id}/seen`,
      '/v1/saved-searches/{id}/seen',
      200,
    );
    expect(seen.lastSeenAt).toBe('2026-12-31T00:00:00.000Z');
    expect(
      (await call('GET', `/v1/saved-searches/${saved.id}/new`, '/v1/saved-searches/{id}/new', 200))
        .total,
    ).toBe(0);
    await call('POST', '/v1/saved-searches', '/v1/saved-searches', 400, { query: '"unclosed' });
    const followed = await call('POST', '/v1/follows', '/v1/follows', 201, {
      kind: 'source',
      target: 'kcna-kp-en',
    });
    expect(followed).toMatchObject({ kind: 'source', target: 'kcna-kp-en' });
    const news = await call('GET', `/v1/follows/${followed.id}/new`, '/v1/follows/{id}/new', 200);
    expect(news.events).toEqual([]);
    await call('POST', `/v1/follows/${followed.id}/seen`, '/v1/follows/{id}/seen', 204);
    await call('DELETE', `/v1/follows/${followed.id}`, '/v1/follows/{id}', 204);
    await call('DELETE', `/v1/saved-searches/${saved.id}`, '/v1/saved-searches/{id}', 204);
    await call('DELETE', `/v1/saved-searches/${saved.id}`, '/v1/saved-searches/{id}', 404);
    // Nobody's: an anonymous request is refused before the route.
    expect((await a.request('/api/v1/saved-searches')).status).toBe(401);
  });
});
