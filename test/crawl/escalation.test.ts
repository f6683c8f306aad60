/**
 * No false alarms on a first crawl, and purge escalation (issue 12): a URL only ever listed that
 * answers 404 is unreachable, not removed, and a new source raises no deletion spike from its own first
 * pass; a real purge the next day raises the flag, and the flag sweeps the whole source at once —
 * said so on the Sources page, in the coverage feed and at /sweeps/N.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { crawl } from '../../src/crawl/crawler.js';
import type { FetcherOptions } from '../../src/crawl/fetch/fetcher.js';
import { sweepPlanner } from '../../src/crawl/frontier/planner.js';
import { sourceConfigSchema } from '../../src/crawl/sources/config.js';
import { DEFAULT_LIMITS } from '../../src/config.js';
import { coverageReport } from '../../src/history/coverage-report.js';
import { createApp } from '../../src/server/app.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { ENGINES, makeArchive } from '../helpers/archive.js';
import { parseFeed } from '../helpers/feedparser.js';
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
const DAY = 86_400_000;
const T0 = Date.parse('2026-10-05T10:00:00Z');
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

function articles(): SiteArticle[] {
  return Array.from({ length: 10 }, (_, i) => ({
    hash: `${i}`.repeat(32),
    title: `Report Number ${i} on the Harvest`,
    date: `2026.10.${5 - (i % 3)}.`,
    paragraphs: [
      `The harvest report number ${i} was published by the ministry of agriculture today.`,
    ],
    listed: true,
    // one listed article whose page never answers: unreachable from the start
    page: i === 9 ? ('404' as const) : ('ok' as const),
  }));
}

describe.each(ENGINES)(
  'no false alarms on a first crawl; a purge sweeps the source (%s)',
  (engine) => {
    let site: HistorySite;
    let store: ArchiveStore;
    const tmp = tempDir();
    beforeAll(async () => {
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
      });
    const pass = (at: number) => {
      vi.setSystemTime(at);
      return crawl(store, [source()], { fetcher });
    };

    it('a first crawl: the URL that never answered is unreachable, nothing is removed, no flag', async () => {
      const report = await pass(T0);
      expect(report.sources[0]!.articlesFetched).toBe(9);
      const never = (await store.findArticleByUrl(site.url('9'.repeat(32))))!;
      expect(never).toMatchObject({ status: 'teaser', versionCount: 0 });
      expect((await store.listEvents({ kinds: ['deleted'] })).total).toBe(0);
      const today = dayOf(T0);
      expect((await coverageReport(store, { today, from: today, to: today })).flags).toEqual([]);
      expect((await store.frontier.get(site.url('9'.repeat(32))))!).toMatchObject({
        lastStatus: 404,
        failures: 1,
      });
      expect((await store.frontier.listSweeps({})).total).toBe(0);
    });

    it('a purge the next day raises the flag and sweeps the whole source at once', async () => {
      for (const n of [1, 2, 3, 4, 5])
        Object.assign(site.article(`${n}`.repeat(32)), { page: '404', listed: false });
      await pass(T0 + DAY);
      const today = dayOf(T0 + DAY);
      const { flags } = await coverageReport(store, { today, from: today, to: today });
      expect(flags.map((f) => f.kind)).toEqual(['deletion-spike']);
      const sweeps = (await store.frontier.listSweeps({})).items;
      expect(sweeps).toHaveLength(1);
      const [sweep] = sweeps;
      expect(sweep).toMatchObject({
        requestedBy: 'deletion-spike',
        scope: { sourceId: 'kcna-kp-en', lists: true },
      });
      expect(sweep!.reason).toMatch(/^deletion spike on \d{4}-\d{2}-\d{2}: \d+ articles removed/);
      // one sweep per source and day, however often the flag is read
      await pass(T0 + DAY + 60_000);
      expect((await store.frontier.listSweeps({ requestedBy: 'deletion-spike' })).total).toBe(1);
      const done = (await store.frontier.getSweep(sweep!.id))!;
      expect(done.finishedAt).not.toBeNull();
      expect(done.counts).toMatchObject({ pending: 0, walked: 1, unreachable: 1 });
      expect(done.total).toBe(11);

      const app = createApp({
        store,
        today: () => today,
        sweeps: sweepPlanner(store, [source()], DEFAULT_LIMITS.search),
      });
      const page = await (await app.request('http://localhost/sources')).text();
      expect(page).toContain('the whole source is being re-checked');
      expect(page).toContain(`href="/sweeps/${sweep!.id}"`);
      expect(page).toContain('Re-check every article of KCNA.kp (En)');
      const feed = parseFeed(await (await app.request('http://localhost/feeds/coverage')).text());
      expect(feed.entries[0]!.summary).toMatch(
        new RegExp(`A sweep of the whole source \\(sweep ${sweep!.id}\\)`),
      );
      expect(feed.entries[0]!.link).toBe(`http://localhost/sweeps/${sweep!.id}`);
      const sweepPage = await app.request(`http://localhost/sweeps/${sweep!.id}`);
      expect(sweepPage.status).toBe(200);
      expect(await sweepPage.text()).toMatch(
        /<h1>Sweep \d+<\/h1>[\s\S]*of kcna-kp-en, asked by deletion-spike/,
      );
    });
  },
);
