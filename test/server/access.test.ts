/**
 * Accounts at the door (server/access.ts), on both engines, as an attacker would try it: no route of a
 * private archive (every route enumerated from the app, not a hand-kept list) answers an anonymous
 * request; a reader's token cannot write or administer; an expired, revoked or unknown token is refused;
 * tokens and sign-ins are rate limited with 429 and Retry-After; the session cookie is HttpOnly, Secure
 * and SameSite; a form of a session needs its CSRF token and this site's origin; sessions expire.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeToken } from '../../src/accounts/tokens.js';
import { addUser, changeUser } from '../../src/accounts/users.js';
import { DEFAULT_LIMITS, type Limits } from '../../src/config.js';
import { createApp } from '../../src/server/app.js';
import type { AccessOptions } from '../../src/server/access.js';
import type { SweepPlanner } from '../../src/server/sweep-planner.js';
import type { ArchiveStore, Scope, Sweep, User } from '../../src/store/types.js';
import { CORPUS_SLICE, ENGINES, makeArchive, type Engine } from '../helpers/archive.js';
import { dropAll } from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
afterAll(async () => {
  dir.cleanup();
  await dropAll();
});

const ORIGIN = 'http://localhost';
const PASSWORD = 'a long enough password';
const PUBLIC = ['/healthz', '/assets/site.css', '/login', '/api/v1/health', '/api/openapi.json'];

/** A clock the tests move. */
function clock(start = '2026-12-05T10:00:00.000Z') {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    advance: (hours: number) => {
      now += hours * 3_600_000;
    },
  };
}

function limitsWith(auth: Partial<Limits['auth']>): Limits {
  return { ...DEFAULT_LIMITS, auth: { ...DEFAULT_LIMITS.auth, ...auth } };
}

/** Takes sweeps without a crawler: enough to see a write get past the door. */
const planner: SweepPlanner = {
  plan: async (ask) => ({
    sweep: {
      id: 1,
      createdAt: '2026-12-05T10:00:00.000Z',
      requestedBy: ask.requestedBy,
      scope: { crawlSources: [], sourceId: ask.source ?? null, lists: false },
      reason: null,
      total: 0,
      counts: { pending: 0 } as Sweep['counts'],
      finishedAt: null,
      lastCheckedAt: null,
    },
    resumed: false,
    skipped: 0,
  }),
  crawlSourcesOf: async (sourceId) => [sourceId],
};

describe.each(ENGINES)('access: %s', (engine: Engine) => {
  let store: ArchiveStore;
  let admin: User;
  let editor: User;
  let reader: User;
  let articleId: string;
  /** A headline from the archive: no refused answer may hold it. */
  let secretTitle: string;

  beforeAll(async () => {
    const archive = await makeArchive(engine, dir.path);
    store = archive.store;
    await archive.import([CORPUS_SLICE]);
    const first = (await store.listArticles({ limit: 1 })).items[0]!;
    articleId = first.id;
    secretTitle = first.title!;
    expect(secretTitle.length).toBeGreaterThan(10);
    admin = await addUser(store, 'test', { name: 'ada', role: 'admin', password: PASSWORD });
    editor = await addUser(store, 'test', { name: 'eve', role: 'editor', password: PASSWORD });
    reader = await addUser(store, 'test', { name: 'rex', role: 'reader', password: PASSWORD });
  });
  afterAll(() => store.close());

  const app = (access: AccessOptions = {}, limits?: Limits) =>
    createApp({ store, access, limits, sweeps: planner });

  const token = async (owner: User, scopes: Scope[], expiresAt: string | null = null) =>
    (await makeToken(store, 'test', owner, { label: 't', scopes, expiresAt })).secret;

  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

  async function signIn(a: ReturnType<typeof app>, name = 'eve', password = PASSWORD) {
    return a.request('/login', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name, password, next: '/sources' }).toString(),
    });
  }

  function cookieOf(res: Response): string {
    const set = res.headers.get('set-cookie') ?? '';
    return set.split(';')[0]!;
  }

  async function csrfOf(a: ReturnType<typeof app>, cookie: string): Promise<string> {
    const html = await (await a.request('/account', { headers: { cookie } })).text();
    return /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
  }

  it('answers no route of a private archive to an anonymous request', async () => {
    const a = app();
    const values: Record<string, string> = {
      '/articles/:id': articleId,
      '/sources/:id': 'kcna-kp-en',
      '/days/:day': '2012-03-01',
    };
    const routes = a.routes.filter((r) => r.method !== 'ALL' && !r.path.includes('*'));
    expect(routes.length).toBeGreaterThan(40);
    const answered: string[] = [];
    for (const r of routes) {
      const prefix = Object.keys(values).find((p) => r.path.startsWith(p));
      const rest = prefix ? r.path.slice(prefix.length) : r.path;
      const head = prefix ? prefix.replace(/:\w+/, values[prefix]!) : '';
      const path = head + rest.replace(/:\w+(\{[^}]*\})?/g, 'x');
      const res = await a.request(path, { method: r.method, headers: { origin: ORIGIN } });
      // The public routes answer as they would anyway (a sign-in without a name is refused).
      const open =
        PUBLIC.includes(path) || path.startsWith('/assets/') || path.startsWith('/feeds/private/');
      const refused =
        res.status === 401 ||
        (res.status === 303 && res.headers.get('location')!.startsWith('/login?next='));
      if (!open && !refused) answered.push(`${r.method} ${path} → ${res.status}`);
      expect(await res.text()).not.toContain(secretTitle);
    }
    expect(answered).toEqual([]);
    // Nor a path no route has: not even whether it exists is told.
    expect((await a.request('/no/such/page')).status).toBe(303);
    expect((await a.request('/api/v1/no-such')).status).toBe(401);
    const refused = await a.request('/api/v1/stats');
    expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="wirewatch"');
    expect((await refused.json()).error.code).toBe('unauthorized');
  });

  it('lets a reader’s token read, never write or administer', async () => {
    const a = app();
    const secret = await token(reader, ['read']);
    const read = await a.request('/api/v1/stats', { headers: bearer(secret) });
    expect(read.status).toBe(200);
    expect(read.headers.get('cache-control')).toBe('private, no-cache');
    expect((await a.request(`/articles/${articleId}`, { headers: bearer(secret) })).status).toBe(
      200,
    );
    const write = await a.request('/api/v1/sweeps', {
      method: 'POST',
      headers: { ...bearer(secret), 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'kcna-kp-en' }),
    });
    expect(write.status).toBe(403);
    expect((await write.json()).error.message).toContain('"write"');
    expect((await a.request('/api/v1/audit', { headers: bearer(secret) })).status).toBe(403);
    // A token holds no more than its owner's role, even if it once did: an editor made reader.
    const editorToken = await token(editor, ['read', 'write']);
    const sweep = await a.request('/api/v1/sweeps', {
      method: 'POST',
      headers: { ...bearer(editorToken), 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'kcna-kp-en' }),
    });
    expect(sweep.status).toBe(202);
    const adminToken = await token(admin, ['read', 'admin']);
    const audit = await a.request('/api/v1/audit?limit=500', { headers: bearer(adminToken) });
    expect(audit.status).toBe(200);
    const entries = (await audit.json()).items as { actor: string; action: string }[];
    expect(entries).toContainEqual(
      expect.objectContaining({ actor: 'eve', action: 'sweep.start' }),
    );
    expect(entries).toContainEqual(expect.objectContaining({ action: 'token.add' }));
    await changeUser(store, 'test', 'eve', { role: 'reader' });
    try {
      const me = await a.request('/api/v1/me', { headers: bearer(editorToken) });
      expect((await me.json()).scopes).toEqual(['read']);
    } finally {
      await changeUser(store, 'test', 'eve', { role: 'editor' });
    }
  });

  it('refuses an expired, revoked (even one used just before), unknown or malformed token with 401', async () => {
    const time = clock();
    const a = app({ now: time.now });
    const secret = await token(reader, ['read'], '2026-12-05T12:00:00.000Z');
    expect((await a.request('/api/v1/me', { headers: bearer(secret) })).status).toBe(200);
    time.advance(3);
    const expired = await a.request('/api/v1/me', { headers: bearer(secret) });
    expect(expired.status).toBe(401);
    expect((await expired.json()).error.message).toContain('expired');
    const revoked = await token(reader, ['read']);
    // Used once (its lookup is kept while the archive is unchanged), then revoked: refused at once.
    expect((await a.request('/api/v1/me', { headers: bearer(revoked) })).status).toBe(200);
    const id = (await store.accounts.listTokens(reader.id))[0]!.id;
    await store.accounts.revokeToken(id, time.now().toISOString());
    expect((await a.request('/api/v1/me', { headers: bearer(revoked) })).status).toBe(401);
    for (const authorization of ['Bearer ww_unknown', 'Basic cmV4OnB3', 'Bearer'])
      expect((await a.request('/api/v1/me', { headers: { authorization } })).status).toBe(401);
  });

  it('limits a token’s requests with 429 and Retry-After', async () => {
    const a = app({}, limitsWith({ tokenRequestsPerMinute: 3 }));
    const secret = await token(reader, ['read']);
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await a.request('/api/v1/me', { headers: bearer(secret) })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await a.request('/api/v1/me', { headers: bearer(secret) });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe('rate_limited');
  });

  it('signs in with a Secure, HttpOnly, SameSite cookie; the session expires', async () => {
    const time = clock();
    const a = app({ now: time.now }, limitsWith({ sessionHours: 2 }));
    const wrong = await signIn(a, 'eve', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const res = await signIn(a);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sources');
    const set = res.headers.get('set-cookie')!;
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/Secure/);
    expect(set).toMatch(/SameSite=Lax/);
    const cookie = cookieOf(res);
    expect((await a.request('/sources', { headers: { cookie } })).status).toBe(200);
    time.advance(3);
    const later = await a.request('/sources', { headers: { cookie } });
    expect(later.status).toBe(303);
    // A login form posted from another site is refused, and a next= elsewhere goes home.
    const forged = await a.request('/login', {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ name: 'eve', password: PASSWORD }).toString(),
    });
    expect(forged.status).toBe(403);
    const away = await a.request('/login', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        name: 'eve',
        password: PASSWORD,
        next: '//evil.example/',
      }).toString(),
    });
    expect(away.headers.get('location')).toBe('/');
  });

  it('stops guessing: too many failures for a name give 429, even with the right password then', async () => {
    const a = app({}, limitsWith({ failuresPerName: 3 }));
    for (let i = 0; i < 3; i++)
      expect((await signIn(a, 'rex', `wrong password ${i}`)).status).toBe(401);
    const limited = await signIn(a, 'rex');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another name is not held back by it.
    expect((await signIn(a, 'eve')).status).toBe(303);
  });

  it('needs the session’s CSRF token and this site’s origin on every form', async () => {
    const a = app();
    const cookie = cookieOf(await signIn(a));
    const csrf = await csrfOf(a, cookie);
    const post = (origin: string, body: Record<string, string>) =>
      a.request('/sources/kcna-kp-en/sweep', {
        method: 'POST',
        headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body).toString(),
      });
    expect((await post(ORIGIN, {})).status).toBe(403);
    expect((await post(ORIGIN, { _csrf: 'guessed' })).status).toBe(403);
    expect((await post('https://evil.example', { _csrf: csrf })).status).toBe(403);
    const ok = await post(ORIGIN, { _csrf: csrf });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/sweeps/1');
    // The Sources page's sweep form carries the token.
    const page = await (await a.request('/sources', { headers: { cookie } })).text();
    expect(page).toContain(`name="_csrf" value="${csrf}"`);
    // Signing out needs it too, and ends the session in the archive.
    const out = (body: Record<string, string>) =>
      a.request('/logout', {
        method: 'POST',
        headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body).toString(),
      });
    expect((await out({})).status).toBe(403);
    expect((await out({ _csrf: csrf })).status).toBe(303);
    expect((await a.request('/sources', { headers: { cookie } })).status).toBe(303);
  });

  it('with --public-read lets anyone read, and only users write or administer', async () => {
    const a = app({ publicRead: true });
    const page = await a.request(`/articles/${articleId}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).not.toContain('private');
    const write = await a.request('/api/v1/sweeps', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'kcna-kp-en' }),
    });
    expect(write.status).toBe(401);
    expect((await a.request('/admin/audit')).status).toBe(303);
  });

  it('lets a reader sign in and read, but not see the audit log or start a sweep', async () => {
    const a = app();
    const cookie = cookieOf(await signIn(a, 'rex'));
    expect((await a.request('/account', { headers: { cookie } })).status).toBe(200);
    expect((await a.request('/admin/audit', { headers: { cookie } })).status).toBe(403);
    const csrf = await csrfOf(a, cookie);
    const res = await a.request('/sources/kcna-kp-en/sweep', {
      method: 'POST',
      headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf }).toString(),
    });
    expect(res.status).toBe(403);
    const adminCookie = cookieOf(await signIn(a, 'ada'));
    const audit = await a.request('/admin/audit', { headers: { cookie: adminCookie } });
    expect(audit.status).toBe(200);
    expect(await audit.text()).toContain('sweep.start');
  });
});

describe('access: an archive with no users', () => {
  it('stays open on loopback as before accounts, and closed when served beyond it', async () => {
    const archive = await makeArchive('sqlite', dir.path);
    try {
      await archive.import([CORPUS_SLICE]);
      const open = createApp({ store: archive.store });
      expect((await open.request('/api/v1/stats')).status).toBe(200);
      const me = await (await open.request('/api/v1/me')).json();
      expect(me).toMatchObject({ kind: 'anonymous', scopes: ['read', 'write', 'admin'] });
      const closed = createApp({ store: archive.store, access: { openWithoutUsers: false } });
      expect((await closed.request('/api/v1/stats')).status).toBe(401);
      const readOnly = createApp({
        store: archive.store,
        access: { openWithoutUsers: false, publicRead: true },
      });
      expect((await readOnly.request('/api/v1/stats')).status).toBe(200);
      expect(
        (await readOnly.request('/api/v1/sweeps', { method: 'POST', body: '{}' })).status,
      ).toBe(401);
    } finally {
      await archive.store.close();
    }
  });
});
