/**
 * Revisions and deletions end to end, on both engines: crawl a KCNA-like site, then edit, retitle,
 * touch up, delete (404, 410, unlisted, redirected home) and restore its articles between crawls. The
 * archive must keep every version, classify each edit, tombstone each removal with its evidence,
 * record each re-appearance, and the coverage monitor must flag the purge.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { crawl } from '../../src/crawl/crawler.js';
import type { FetcherOptions } from '../../src/crawl/fetch/fetcher.js';
import { sourceConfigSchema } from '../../src/crawl/sources/config.js';
import { coverageFlags } from '../../src/history/coverage.js';
import { diffVersions } from '../../src/history/history.js';
import { reprocessAll } from '../../src/pipeline/reprocess.js';
import { searchArchive } from '../../src/search/search.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { ENGINES, makeArchive } from '../helpers/archive.js';
import {
  HISTORY_LIST,
  startHistorySite,
  type HistorySite,
  type SiteArticle,
} from '../helpers/history-site.js';
import { dropAll } from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';

const fetcher: FetcherOptions = {
  connectTimeoutMs: 1_000,
  limits: {
    headersTimeoutMs: 1_000,
    bodyIdleTimeoutMs: 1_000,
    totalTimeoutMs: 3_000,
    maxBodyBytes: 256 * 1024,
  },
  retry: { max: 0, baseMs: 10, maxMs: 50, maxRetryAfterMs: 100 },
};
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The site's newest article is from this day; the crawls run at simulated times after it. */
const T0 = Date.parse('2026-09-16T10:00:00Z');
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

function articles(): SiteArticle[] {
  const a = (n: number, title: string, paragraphs: string[]): SiteArticle => ({
    hash: `${n}`.repeat(32).slice(0, 32),
    title,
    date: `2026.9.${17 - n}.`,
    paragraphs,
    listed: true,
    page: 'ok',
  });
  return [
    a(1, 'Kim Jong Un Sends Greetings to President of Laos', [
      'Kim Jong Un sent greetings to the President of Laos on the national day.',
      'He wished the Lao people success.',
    ]),
    a(2, 'Kim Jong Un Inspects Fertilizer Plant', [
      'Kim Jong Un inspected the Hwasong fertilizer plant on Monday.',
      'He praised the workers for their innovations.',
    ]),
    a(3, 'Delegation Leaves for Russia', [
      'A delegation of the Ministry of External Economic Relations left Pyongyang for Moscow.',
    ]),
    a(4, 'Exhibition of Industrial Art Opens', [
      'An exhibition of industrial art opened at the "Three Revolutions" Exhibition House.',
    ]),
    a(5, 'Meeting Held to Mark Anniversary', [
      'A meeting was held in Pyongyang to mark the anniversary of the founding of the union.',
    ]),
    a(6, 'Fishermen Bring in Big Catch', [
      'Fishermen of the East Sea brought in a big catch of squid this week.',
    ]),
    a(7, 'Statement of Foreign Ministry Spokesman', [
      'The spokesman of the Foreign Ministry issued a statement on the situation in the region.',
    ]),
    a(8, 'Rice Transplanting Ends in Farms', [
      'Rice transplanting ended successfully on all farms of the country ahead of schedule.',
    ]),
  ];
}

describe.each(ENGINES)('revisions and deletions over the fixture site (%s)', (engine) => {
  let site: HistorySite;
  let store: ArchiveStore;
  const tmp = tempDir();
  beforeAll(async () => {
    // Only the clock is simulated: capture times, check times and the schedule all read it.
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    site = await startHistorySite(articles());
    store = (await makeArchive(engine, tmp.path)).store;
  });
  afterAll(async () => {
    vi.useRealTimers();
    await store.close();
    await site.close();
    tmp.cleanup();
    if (engine === 'postgres') await dropAll();
  });

  const source = () =>
    sourceConfigSchema.parse({
      id: 'kcna',
      profile: 'kcna-en',
      baseUrl: site.baseUrl,
      lists: [HISTORY_LIST],
      delayMs: 0,
      allowPrivate: true,
      recheck: { monthlySample: 1 },
      // The purge escalation (a sweep at once) is tested in frontier-e2e.test.ts; here the flag only.
      onDeletionSpike: 'flag',
    });
  const pass = (at: number) => {
    vi.setSystemTime(at);
    return crawl(store, [source()], { fetcher });
  };
  const byTitle = async (title: string) =>
    (await store.listArticles({ sourceId: 'kcna-kp-en', limit: 50 })).items.find(
      (a) => a.title === title,
    )!;
  const byUrl = async (hash: string) => (await store.findArticleByUrl(site.url(hash)))!;

  it('first pass: every article archived with its list date, nothing due for a re-check yet', async () => {
    const report = await pass(T0);
    expect(report.sources[0]).toMatchObject({
      listPages: 1,
      articlesFetched: 8,
      rechecked: 0,
      errors: [],
    });
    const all = (await store.listArticles({ sourceId: 'kcna-kp-en', limit: 50 })).items;
    expect(all.map((a) => [a.status, a.published.day, a.versionCount])).toEqual(
      [16, 15, 14, 13, 12, 11, 10, 9].map((day) => ['live', day, 1]),
    );
    expect((await store.listEvents({})).total).toBe(0);
  });

  it('second pass, eight days on: edits become classified versions, removals become tombstones with their evidence', async () => {
    site.article('2'.repeat(32)).paragraphs[0] =
      'Kim Jong Un inspected a fertilizer plant on Monday.';
    site.article('3'.repeat(32)).title = 'Delegation of Ministry Leaves for Russia';
    site.article('4'.repeat(32)).paragraphs[0] =
      'An exhibition of industrial art opened at the \u201cThree Revolutions\u201d Exhibition House.';
    site.article('5'.repeat(32)).page = '404';
    site.article('6'.repeat(32)).listed = false;
    site.article('7'.repeat(32)).page = 'home';
    site.article('8'.repeat(32)).page = '410';

    const report = await pass(T0 + 8 * DAY);
    expect(report.sources[0]!.rechecked).toBe(8);
    // the failed fetches are recorded as errors, their captures kept
    expect(report.sources[0]!.errors.join('\n')).toMatch(/HTTP 404/);

    const edited = await byUrl('2'.repeat(32));
    expect(edited).toMatchObject({
      status: 'live',
      versionCount: 2,
      paragraphs: [
        'Kim Jong Un inspected a fertilizer plant on Monday.',
        'He praised the workers for their innovations.',
      ],
    });
    const versions = await store.getVersions(edited.id);
    expect(versions[0]!.paragraphs[0]).toContain('Hwasong');
    const diff = diffVersions(versions, 1, 2);
    expect(diff.body.filter((p) => p.op === 'delete').map((p) => p.text.trim())).toEqual([
      'the Hwasong',
    ]);
    expect(diff.body.filter((p) => p.op === 'insert').map((p) => p.text.trim())).toEqual(['a']);

    const edits = (await store.listEvents({ kinds: ['edit'] })).items;
    const change = (hash: string) => edits.find((e) => e.url === site.url(hash));
    expect(change('2'.repeat(32))).toMatchObject({ change: 'body', editSize: 3, versionSeq: 2 });
    expect(change('3'.repeat(32))).toMatchObject({
      change: 'headline',
      editSize: 2,
      title: 'Delegation of Ministry Leaves for Russia',
    });
    expect(change('4'.repeat(32))).toMatchObject({ change: 'cosmetic', editSize: 0 });
    expect((await store.listEvents({ kinds: ['edit'], changes: ['body', 'headline'] })).total).toBe(
      2,
    );
    expect(await byUrl('1'.repeat(32))).toMatchObject({ status: 'live', versionCount: 1 });

    const removals = (await store.listEvents({ kinds: ['deleted'] })).items;
    const reason = (hash: string) => removals.find((e) => e.url === site.url(hash))?.reason;
    expect(reason('5'.repeat(32))).toBe('HTTP 404');
    expect(reason('6'.repeat(32))).toBe(`gone from its listing ${site.baseUrl}${HISTORY_LIST}`);
    expect(reason('7'.repeat(32))).toBe('redirected to the home page (HTTP 302)');
    expect(reason('8'.repeat(32))).toBe('HTTP 410');
    for (const hash of ['5', '6', '7', '8']) {
      const gone = await byUrl(hash.repeat(32));
      expect(gone.status).toBe('deleted');
      expect(gone.removedAt).toBe(removals.find((e) => e.articleId === gone.id)!.at);
      // the text stays
      expect(gone.paragraphs.length).toBeGreaterThan(0);
      expect(await store.getVersions(gone.id)).toHaveLength(1);
    }
    expect((await store.listArticles({ status: 'deleted' })).total).toBe(4);
    await store.search.refresh();
    const found = await searchArchive(store, {
      query: 'status:deleted',
      sort: 'newest',
      limit: 10,
    });
    expect(found.hits.map((h) => h.title.segments.map((g) => g.text).join('')).sort()).toEqual([
      'Fishermen Bring in Big Catch',
      'Meeting Held to Mark Anniversary',
      'Rice Transplanting Ends in Farms',
      'Statement of Foreign Ministry Spokesman',
    ]);
    expect((await searchArchive(store, { query: 'squid status:deleted' })).total).toBe(1);
    // the words edited out survive in the older version, and the hit says which
    expect((await searchArchive(store, { query: 'Hwasong' })).total).toBe(0);
    const older = await searchArchive(store, { query: 'version:any Hwasong' });
    expect(older.hits.map((h) => [h.id, h.matchedVersion])).toEqual([[edited.id, 1]]);
    expect(
      (await searchArchive(store, { query: 'version:any fertilizer' })).hits.map(
        (h) => h.matchedVersion,
      ),
    ).toEqual([null]);
    expect(await store.stats()).toMatchObject({ deletedArticles: 4, edits: 3 });
  });

  it('half the source removed in a day is a purge: the coverage monitor flags it', async () => {
    const today = dayOf(T0 + 8 * DAY);
    const days = await store.coverage({ sourceId: 'kcna-kp-en' });
    expect(days.find((d) => d.day === dayOf(T0))).toMatchObject({
      published: 1,
      archived: 8,
      edits: 0,
      deletions: 0,
    });
    expect(days.find((d) => d.day === today)).toMatchObject({
      archived: 0,
      edits: 3,
      deletions: 4,
      restorations: 0,
    });
    const flags = coverageFlags(days, { today, sourceSizes: new Map([['kcna-kp-en', 8]]) });
    expect(flags).toEqual([
      expect.objectContaining({
        sourceId: 'kcna-kp-en',
        day: today,
        kind: 'deletion-spike',
        count: 4,
      }),
    ]);
    expect(flags[0]!.detail).toBe(
      '4 articles removed from the source, 0 on a normal day (50% of its 8)',
    );
  });

  it('a pass with nothing due re-fetches nothing and changes nothing', async () => {
    const before = await store.stats();
    const report = await pass(T0 + 8 * DAY + HOUR);
    expect(report.sources[0]!.rechecked).toBe(0);
    const after = await store.stats();
    expect({
      ...after,
      captures: 0,
      captureBytes: 0,
      storedCaptureBytes: 0,
      listingEntries: 0,
    }).toEqual({
      ...before,
      captures: 0,
      captureBytes: 0,
      storedCaptureBytes: 0,
      listingEntries: 0,
    });
  });

  it('third pass: what comes back is restored, by the same kind of evidence that removed it', async () => {
    site.article('5'.repeat(32)).page = 'ok';
    site.article('6'.repeat(32)).listed = true;
    site.article('7'.repeat(32)).page = 'ok';
    await pass(T0 + 40 * DAY);
    for (const hash of ['5', '6', '7'])
      expect(await byUrl(hash.repeat(32))).toMatchObject({
        status: 'live',
        removedAt: null,
        versionCount: 1,
      });
    const restored = (await store.listEvents({ kinds: ['restored'] })).items;
    expect(restored.map((e) => e.reason).sort()).toEqual([
      'HTTP 200',
      'HTTP 200',
      `listed again at ${site.baseUrl}${HISTORY_LIST}`,
    ]);
    // the page that answers 410 stays removed
    expect(await byUrl('8'.repeat(32))).toMatchObject({ status: 'deleted' });
    expect((await store.listEvents({})).total).toBe(10);
    expect((await byTitle('Kim Jong Un Inspects Fertilizer Plant')).versionCount).toBe(2);
  });

  it('an article only unlisted is not restored by its page still answering', async () => {
    site.article('6'.repeat(32)).listed = false;
    await pass(T0 + 41 * DAY);
    expect(await byUrl('6'.repeat(32))).toMatchObject({ status: 'deleted' });
    const report = await pass(T0 + 75 * DAY);
    expect(report.sources[0]!.rechecked).toBe(8);
    expect(await byUrl('6'.repeat(32))).toMatchObject({ status: 'deleted' });
    expect((await store.listEvents({ kinds: ['deleted'] })).total).toBe(5);
  });

  it('reprocess rebuilds the same history from the stored captures', async () => {
    const snapshot = async () => ({
      events: (await store.listEvents({ limit: 100 })).items,
      articles: (await store.listArticles({ limit: 100 })).items.map((a) => [
        a.id,
        a.status,
        a.removedAt,
        a.versionCount,
        a.title,
      ]),
    });
    const before = await snapshot();
    await reprocessAll(store);
    expect(await snapshot()).toEqual(before);
  });
});
