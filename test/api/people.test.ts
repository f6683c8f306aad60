/**
 * /api/v1/people and /api/v1/articles/{id}/people over a real archive
 * (test/helpers/people-archive.ts: the first 400 corpus stories, Jang Song Thaek and Abdelaziz
 * Bouteflika edited out of one text each): real values from the December 2011 wire copy, cursor
 * paging, the one error format, and every response checked against the generated OpenAPI document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from '@hono/zod-openapi';
import type * as S from '../../src/api/schemas.js';
import { defaultGazetteer } from '../../src/analyse/gazetteer.js';
import { currentPeopleFlags } from '../../src/history/people.js';
import {
  checkDocument,
  responseSchema,
  validate,
  type Json,
  type Obj,
} from '../helpers/openapi.js';
import { FLYING, peopleArchive, REMOVED_AT } from '../helpers/people-archive.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
let archive: Awaited<ReturnType<typeof peopleArchive>>;
let doc: Obj;

type People = z.infer<typeof S.PersonList>;
type Person = z.infer<typeof S.Person>;
type Appearances = z.infer<typeof S.AppearanceList>;
type Removals = z.infer<typeof S.PersonRemovalList>;
type Flags = z.infer<typeof S.PersonFlagList>;
type ArticlePeople = z.infer<typeof S.ArticlePeople>;
type ErrorBody = z.infer<typeof S.ErrorBody>;

async function get(url: string, route: string, status = 200): Promise<Json> {
  const res = await archive.app.request(`/api${url}`);
  const body = (await res.json()) as Json;
  expect(res.status, `${url}: ${JSON.stringify(body).slice(0, 300)}`).toBe(status);
  expect(validate(doc, responseSchema(doc, route, 'get', status), body), url).toEqual([]);
  return body;
}

/** Every item of a paged list, following `next`. */
async function all<T>(url: string, route: string): Promise<T[]> {
  const items: T[] = [];
  const join = url.includes('?') ? '&' : '?';
  let next: string | null = null;
  do {
    const page = (await get(next ? `${url}${join}cursor=${next}` : url, route)) as {
      items: T[];
      next: string | null;
    };
    items.push(...page.items);
    next = page.next;
  } while (next);
  return items;
}

beforeAll(async () => {
  archive = await peopleArchive(dir.path);
  doc = (await (await archive.app.request('/api/openapi.json')).json()) as Obj;
});

afterAll(async () => {
  await archive.store.close();
  dir.cleanup();
});

describe('the people routes in the OpenAPI document', () => {
  it('are all there, with their named schemas, in a well-formed document', () => {
    expect(checkDocument(doc)).toEqual([]);
    expect(Object.keys(doc.paths as Obj)).toEqual(
      expect.arrayContaining([
        '/v1/people',
        '/v1/people/flags',
        '/v1/people/removals',
        '/v1/people/{id}',
        '/v1/people/{id}/appearances',
        '/v1/people/{id}/removals',
        '/v1/articles/{id}/people',
      ]),
    );
    expect(Object.keys((doc.components as Obj).schemas as Obj)).toEqual(
      expect.arrayContaining(['PersonSummary', 'Person', 'Appearance', 'PersonFlag', 'PersonList']),
    );
  });
});

describe('GET /api/v1/people', () => {
  it('pages through everyone by appearances with cursors, no one twice, totals exact', async () => {
    const first = (await get('/v1/people?limit=5', '/v1/people')) as People;
    expect(first.items.map((p) => p.personId).slice(0, 2)).toEqual(['kim-jong-il', 'kim-jong-un']);
    expect(first.items[1]).toMatchObject({ name: 'Kim Jong Un', firstSeen: '2011-12-03' });
    expect(first.items[1]!.appearances).toBeGreaterThan(3);
    const everyone = await all<People['items'][number]>('/v1/people?limit=40', '/v1/people');
    expect(everyone).toHaveLength(first.total);
    expect(new Set(everyone.map((p) => p.personId)).size).toBe(first.total);
    const counts = everyone.map((p) => p.appearances);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(everyone.some((p) => /square|university/i.test(p.name))).toBe(false);
  });

  it('orders by name and by last seen', async () => {
    const byName = await all<People['items'][number]>(
      '/v1/people?order=name&limit=100',
      '/v1/people',
    );
    const names = byName.map((p) => p.name);
    expect(names.every((n, i) => i === 0 || names[i - 1]! <= n)).toBe(true);
    const recent = (await get('/v1/people?order=last-seen&limit=20', '/v1/people')) as People;
    const days = recent.items.map((p) => p.lastSeen ?? '');
    expect(days).toEqual([...days].sort().reverse());
  });

  it('finds a person by any spelling the gazetteer knows', async () => {
    const lao = (await get('/v1/people?name=Choummaly%20Sayasone', '/v1/people')) as People;
    expect(lao).toMatchObject({ total: 1, next: null });
    expect(lao.items[0]).toMatchObject({ personId: 'choummaly-sayasone', firstSeen: '2011-12-01' });
    const jang = (await get('/v1/people?name=Jang%20Song-thaek', '/v1/people')) as People;
    expect(jang.items.map((p) => [p.personId, p.removals])).toEqual([['jang-song-thaek', 1]]);
    const nobody = (await get('/v1/people?name=Nobody%20At%20All', '/v1/people')) as People;
    expect(nobody).toEqual({ items: [], total: 0, next: null });
  });

  it('answers bad parameters with 400 and one message', async () => {
    const cases: [string, RegExp][] = [
      ['/v1/people?order=fame', /^order: /],
      ['/v1/people?limit=0', /^limit: /],
      ['/v1/people?limit=500', /^limit: /],
      ['/v1/people?limit=ten', /^limit: /],
      ['/v1/people?cursor=not!a!cursor', /^cursor: not a cursor this API issued$/],
    ];
    for (const [url, message] of cases) {
      const body = (await get(url, '/v1/people', 400)) as ErrorBody;
      expect(body.error).toEqual({ code: 'bad_request', message: expect.stringMatching(message) });
    }
  });
});

describe('GET /api/v1/people/{id}', () => {
  it('gives the summary, the gazetteer entry, the profile and the absence', async () => {
    const kju = (await get('/v1/people/kim-jong-un', '/v1/people/{id}')) as Person;
    const listed = (await get('/v1/people?name=Kim%20Jong%20Un', '/v1/people')) as People;
    expect(kju).toMatchObject(listed.items[0]!);
    expect(kju.gazetteer).toMatchObject({ name: 'Kim Jong Un', kind: 'leader', hangul: '김정은' });
    expect(kju.profile.appearances).toBe(kju.appearances);
    // Beside his father, and one of his own (2012-01-18): Ri Yong Ho was at every one of them.
    expect(kju.profile.coAppearances.slice(0, 2)).toEqual([
      { personId: 'ri-yong-ho-military', name: 'Ri Yong Ho [military]', count: kju.appearances },
      { personId: 'kim-jong-il', name: 'Kim Jong Il', count: kju.appearances - 1 },
    ]);
    expect(kju.profile.rank.every((r) => r.rank === 1)).toBe(true);
    expect(kju.profile.rank).toHaveLength(kju.appearances - 1);
    expect(kju.profile.titles.map((t) => t.title)).toContain(
      'vice-chairman of the WPK Central Military Commission',
    );
    const newest = (await get('/v1/people?order=last-seen&limit=1', '/v1/people')) as People;
    expect(newest.items[0]!.lastSeen).toBe('2012-01-18');
    expect(kju.absence).toMatchObject({ lastSeen: '2012-01-18', asOf: '2012-01-18', days: 0 });
    const kji = (await get('/v1/people/kim-jong-il', '/v1/people/{id}')) as Person;
    expect(kji.absence).toEqual({
      lastSeen: '2011-12-14',
      days: 35,
      asOf: '2012-01-18',
      usualGap: 1,
      flagged: true,
    });
  });

  it('knows a foreign leader, a name the gazetteer lacks, and one known by its removal alone', async () => {
    const lao = (await get('/v1/people/choummaly-sayasone', '/v1/people/{id}')) as Person;
    expect(lao).toMatchObject({ name: 'Choummaly Sayasone', appearances: 0, removals: 0 });
    expect(lao.gazetteer?.kind).toBe('foreign');
    expect(lao.profile.titles.map((t) => t.title).join(' ')).toMatch(/Lao People's Democratic/);
    const everyone = await all<People['items'][number]>('/v1/people?limit=100', '/v1/people');
    const unknown = everyone.find((p) => !defaultGazetteer().byId(p.personId))!;
    const spelt = (await get(`/v1/people/${unknown.personId}`, '/v1/people/{id}')) as Person;
    expect(spelt).toMatchObject({ ...unknown, gazetteer: null });
    const gone = (await get('/v1/people/abdelaziz-bouteflika', '/v1/people/{id}')) as Person;
    expect(gone).toMatchObject({ name: 'Abdelaziz Bouteflika', articles: 0, removals: 1 });
    expect(gone).toMatchObject({ absence: null, profile: { appearances: 0, months: [] } });
  });

  it('answers an unknown person with 404', async () => {
    const body = (await get('/v1/people/nobody-at-all', '/v1/people/{id}', 404)) as ErrorBody;
    expect(body.error).toEqual({ code: 'not_found', message: 'no person "nobody-at-all"' });
    await get('/v1/people/nobody-at-all/appearances', '/v1/people/{id}/appearances', 404);
    await get('/v1/people/nobody-at-all/removals', '/v1/people/{id}/removals', 404);
  });
});

describe('GET /api/v1/people/{id}/appearances', () => {
  const route = '/v1/people/{id}/appearances';

  it('lists each activity with its sentence and everyone in the order printed', async () => {
    const page = (await get(
      '/v1/people/kim-jong-un/appearances?order=oldest',
      route,
    )) as Appearances;
    const first = page.items[0]!;
    expect(first).toMatchObject({
      title: FLYING,
      articleId: archive.flying,
      seq: 2,
      pubDate: '2011-12-03',
      leaderId: 'kim-jong-il',
      leader: 'Kim Jong Il',
      flash: false,
      greeters: [{ personId: 'ri-pyong-chol', name: 'Ri Pyong Chol' }],
    });
    expect(first.sentence).toContain('commanded the flying exercises of KPA Air Force Unit 378');
    // Jang Song Thaek was edited out of this text: the current version lists the rest in order.
    expect(first.companions.map((p) => p.name)).toEqual([
      'Kim Jong Un',
      'Ri Yong Ho [military]',
      'Kim Kyong Ok',
      'Kim Won Hong',
      'Pak Jae Gyong',
      'Hyon Chol Hae',
    ]);
    const beside = page.items.filter((a) => a.leaderId === 'kim-jong-il');
    expect(beside.every((a) => a.companions.some((p) => p.personId === 'kim-jong-un'))).toBe(true);
    expect(beside.every((a) => a.pubDate?.startsWith('2011-12'))).toBe(true);
    // His own: he leads it, with the officials after him in the order printed.
    expect(page.items.at(-1)).toMatchObject({ leaderId: 'kim-jong-un', pubDate: '2012-01-18' });
    expect(page.items.at(-1)!.companions[0]!.name).toBe('Ri Yong Ho [military]');
  });

  it('pages newest first by default, the reverse of oldest first', async () => {
    const oldest = (await get(
      '/v1/people/kim-jong-il/appearances?order=oldest&limit=100',
      route,
    )) as Appearances;
    const paged = await all<Appearances['items'][number]>(
      '/v1/people/kim-jong-il/appearances?limit=2',
      route,
    );
    expect(oldest.total).toBeGreaterThan(2);
    expect(paged).toEqual([...oldest.items].reverse());
    expect(paged.every((a) => a.leaderId === 'kim-jong-il')).toBe(true);
    await get('/v1/people/kim-jong-il/appearances?order=random', route, 400);
    await get('/v1/people/kim-jong-il/appearances?limit=101', route, 400);
  });
});

describe('names removed by later edits', () => {
  it('lists every removal newest first, from a day on, paged', async () => {
    const removals = await all<Removals['items'][number]>(
      '/v1/people/removals?limit=1',
      '/v1/people/removals',
    );
    expect(removals.map((r) => r.personId).sort()).toEqual([
      'abdelaziz-bouteflika',
      'jang-song-thaek',
    ]);
    expect(removals.every((r) => r.at === REMOVED_AT && r.seq === 2)).toBe(true);
    const since = (await get(
      '/v1/people/removals?from=2026-11-21',
      '/v1/people/removals',
    )) as Removals;
    expect(since.total).toBe(2);
    const later = (await get(
      '/v1/people/removals?from=2026-11-22',
      '/v1/people/removals',
    )) as Removals;
    expect(later).toEqual({ items: [], total: 0, next: null });
    for (const bad of ['2026-02-30', '2026-11', 'yesterday']) {
      const body = (await get(
        `/v1/people/removals?from=${bad}`,
        '/v1/people/removals',
        400,
      )) as ErrorBody;
      expect(body.error.message).toMatch(/^from: /);
    }
  });

  it("lists one person's removals, with the text they came from", async () => {
    const route = '/v1/people/{id}/removals';
    const jang = (await get('/v1/people/jang-song-thaek/removals', route)) as Removals;
    expect(jang).toMatchObject({ total: 1, next: null });
    expect(jang.items[0]).toEqual({
      personId: 'jang-song-thaek',
      name: 'Jang Song Thaek',
      articleId: archive.flying,
      seq: 2,
      at: REMOVED_AT,
      sourceId: 'kcna-co-jp-en',
      title: FLYING,
      pubDate: '2011-12-03',
    });
    const kju = (await get('/v1/people/kim-jong-un/removals', route)) as Removals;
    expect(kju).toEqual({ items: [], total: 0, next: null });
  });
});

describe('GET /api/v1/people/flags', () => {
  it('gives the absences and rank falls of the feeds, as a list', async () => {
    const flags = (await get('/v1/people/flags', '/v1/people/flags')) as Flags;
    expect(flags).toEqual({
      items: await currentPeopleFlags(archive.store),
      total: flags.items.length,
      next: null,
    });
    expect(flags.items).toContainEqual({
      personId: 'kim-jong-il',
      name: 'Kim Jong Il',
      kind: 'absence',
      day: '2011-12-14',
      text: 'Kim Jong Il: last seen 2011-12-14, absent for 35 days (usual gap 1 days)',
    });
    expect(flags.items.every((f) => f.text.startsWith(`${f.name}: `))).toBe(true);
  });
});

describe('GET /api/v1/articles/{id}/people', () => {
  const route = '/v1/articles/{id}/people';

  it("gives a version's people: the current one by default, an older one by number", async () => {
    const now = (await get(`/v1/articles/${archive.flying}/people`, route)) as ArticlePeople;
    const before = (await get(
      `/v1/articles/${archive.flying}/people?version=1`,
      route,
    )) as ArticlePeople;
    expect([now.seq, before.seq]).toEqual([2, 1]);
    const ids = (p: ArticlePeople) => p.mentions.map((m) => m.personId);
    expect(ids(before)).toContain('jang-song-thaek');
    expect(ids(now)).not.toContain('jang-song-thaek');
    expect(ids(now)[0]).toBe('kim-jong-il');
    expect(before.activities[0]!.companions.map((p) => p.name).slice(0, 3)).toEqual([
      'Kim Jong Un',
      'Ri Yong Ho [military]',
      'Jang Song Thaek',
    ]);
    const ri = now.mentions.find((m) => m.personId === 'ri-yong-ho-military')!;
    expect(ri).toMatchObject({ printed: 'Ri Yong Ho', count: 1 });
    expect(ri.titles).toContain('KPA Vice Marshal');
  });

  it('answers an unknown article with 404 and a version it does not have with 400', async () => {
    const body = (await get('/v1/articles/0000000000000000/people', route, 404)) as ErrorBody;
    expect(body.error).toEqual({ code: 'not_found', message: 'no article "0000000000000000"' });
    for (const version of ['3', '0', 'two']) {
      const bad = (await get(
        `/v1/articles/${archive.flying}/people?version=${version}`,
        route,
        400,
      )) as ErrorBody;
      expect(bad.error.message).toMatch(/^version: /);
    }
  });
});
