/**
 * Watching everything (issue 12), end to end through the command line: a source backfilled from
 * years ago (30 KCNA-like articles of 2012 on three list pages), then changed at the source across
 * every page — three body edits (one cutting a paragraph), a retitle, four removals of four kinds, two
 * additions. One `wirewatch recheck --source` must bring every change into the archive: versions,
 * tombstones, new articles, and the words the cut removed still found by `version:any`. On
 * PostgreSQL the same sweep is shared by three `wirewatch crawl --worker` processes, one of them
 * killed with SIGKILL halfway: nothing is lost, no URL is fetched twice, and no two requests reach
 * the host closer together than its politeness delay.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchArchive } from '../../src/search/search.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { ENGINES } from '../helpers/archive.js';
import { runAsync, start } from '../helpers/cli.js';
import {
  HISTORY_LIST,
  startHistorySite,
  type HistorySite,
  type SiteArticle,
} from '../helpers/history-site.js';
import { dropAll, freshPgUrl, PG_URL, schemaOf, withClient } from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';

const DELAY_MS = 30;
const PLACES = [
  'Hamhung',
  'Chongjin',
  'Wonsan',
  'Sinuiju',
  'Kaesong',
  'Nampho',
  'Haeju',
  'Kanggye',
];

/** 30 articles of March 2012, newest first as the list shows them; hash `n` repeated. */
function backfill(): SiteArticle[] {
  return Array.from({ length: 30 }, (_, i) => {
    const n = 30 - i;
    const place = PLACES[n % PLACES.length]!;
    return {
      hash: `${String(n).padStart(2, '0')}`.repeat(16),
      title: `${place} Factory Number ${n} Fulfils Its Plan`,
      date: `2012.3.${n}.`,
      paragraphs: [
        `The factory number ${n} in ${place} fulfilled its yearly plan ahead of schedule this month.`,
        `Its workers produced ${n * 100} tonnes of goods, the management said on the day.`,
        ...(n === 15 ? ['The Sinpo shipyard sent its greetings to the workers.'] : []),
      ],
      listed: true,
      page: 'ok' as const,
    };
  });
}

const hashOf = (n: number) => `${String(n).padStart(2, '0')}`.repeat(16);

/** The changes the source makes after the backfill, across all three list pages. */
function changeTheSource(site: HistorySite): void {
  const a = (n: number) => site.article(hashOf(n));
  a(27).paragraphs[0] = a(27).paragraphs[0]!.replace('ahead of schedule', 'well ahead of schedule');
  // the cut: a paragraph naming a place goes, as a purged name would
  a(15).paragraphs.pop();
  a(5).paragraphs[1] = a(5).paragraphs[1]!.replace('tonnes', 'thousand tonnes');
  a(12).title = `${a(12).title} in Record Time`;
  Object.assign(a(28), { page: '404', listed: false }); // page 1
  Object.assign(a(14), { page: '410', listed: false }); // page 2
  Object.assign(a(22), { page: 'home' }); // still listed, sent to the home page
  Object.assign(a(3), { listed: false }); // page 3: unlisted only, its page still answers
  for (const n of [32, 31]) {
    site.articles.unshift({
      hash: hashOf(n),
      title: `Pyongyang Exhibition Number ${n} Opens`,
      date: `2012.4.${n - 30}.`,
      paragraphs: [`An exhibition numbered ${n} opened in Pyongyang on Sunday with many visitors.`],
      listed: true,
      page: 'ok',
    });
  }
}

describe.each(ENGINES)('a backfilled source changed on every list page (%s)', (engine) => {
  const tmp = tempDir();
  let site: HistorySite;
  let db: string;
  let sourcesFile: string;
  let store: ArchiveStore;
  const workers: ChildProcess[] = [];
  const cli = (...args: string[]) => runAsync([...args, '--db', db, '--sources', sourcesFile]);

  beforeAll(async () => {
    site = await startHistorySite(backfill(), 10);
    db = engine === 'sqlite' ? join(tmp.path, 'archive.db') : freshPgUrl();
    if (engine === 'postgres') await withClient((c) => c.query(`CREATE SCHEMA ${schemaOf(db)}`));
    sourcesFile = join(tmp.path, 'sources.json');
    const source = {
      id: 'kcna',
      profile: 'kcna-en',
      baseUrl: site.baseUrl,
      lists: [HISTORY_LIST],
      delayMs: DELAY_MS,
      allowPrivate: true,
    };
    writeFileSync(sourcesFile, JSON.stringify({ sources: [source] }));
  });
  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await store?.close();
    await site.close();
    tmp.cleanup();
    if (engine === 'postgres') await dropAll();
  });

  it('backfill: one crawl archives the thirty articles of all three list pages', async () => {
    const r = await cli('crawl', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().sources[0]).toMatchObject({ listPages: 3, articlesFetched: 30, errors: [] });
  });

  it('one recheck --source brings every change at the source into the archive', async () => {
    changeTheSource(site);
    const before = site.hits.length;
    if (engine === 'postgres') {
      for (let i = 0; i < 3; i++) {
        const w = start(['crawl', '--worker', '--poll', '1', '--db', db, '--sources', sourcesFile]);
        workers.push(w);
      }
    }
    const sweep = cli('recheck', '--source', 'kcna', '--json');
    if (engine === 'postgres') {
      // Halfway through the sweep, one worker dies without a word.
      while (site.hits.length - before < 16) await new Promise((r) => setTimeout(r, 20));
      workers[0]!.kill('SIGKILL');
    }
    const r = await sweep;
    expect(r.code, r.stderr).toBe(0);
    const report = r.json();
    expect(report.sweep.counts).toMatchObject({
      pending: 0,
      failed: 0,
      edited: 4,
      removed: 4,
      unchanged: 22,
      walked: 1,
    });
    expect(report.sweep.finishedAt).not.toBeNull();

    store =
      engine === 'sqlite'
        ? new SqliteStore(db)
        : await PostgresStore.open(PG_URL, {
            schema: /search_path=(\w+)/.exec(decodeURIComponent(db))![1],
          });
    const articles = (await store.listArticles({ sourceId: 'kcna-kp-en', limit: 100 })).items;
    expect(articles).toHaveLength(32);
    const byHash = (n: number) => articles.find((x) => x.url === site.url(hashOf(n)))!;
    for (const n of [28, 14, 22, 3]) expect(byHash(n).status, `#${n}`).toBe('deleted');
    for (const n of [31, 32]) expect(byHash(n)).toMatchObject({ status: 'live', versionCount: 1 });
    for (const n of [27, 15, 5, 12]) expect(byHash(n).versionCount, `#${n}`).toBe(2);
    const edits = (await store.listEvents({ kinds: ['edit'], limit: 50 })).items;
    expect(edits.map((e) => e.change).sort()).toEqual(['body', 'body', 'body', 'headline']);
    expect(byHash(12).title).toMatch(/in Record Time$/);
    const removals = (await store.listEvents({ kinds: ['deleted'], limit: 50 })).items;
    expect(removals).toHaveLength(4);
    // unlisted but still served: noticed from the lists alone (a page, or the whole walk)
    expect(removals.find((e) => e.articleId === byHash(3).id)!.reason).toMatch(
      /^gone from its listing /,
    );

    await store.search.refresh();
    expect((await searchArchive(store, { query: 'Sinpo' })).total).toBe(0);
    const older = await searchArchive(store, { query: 'version:any Sinpo' });
    expect(older.hits.map((h) => [h.id, h.matchedVersion])).toEqual([[byHash(15).id, 1]]);

    if (engine === 'postgres') {
      const sweepHits = site.hits.slice(before).filter((h) => h.path !== '/robots.txt');
      // No URL fetched twice (the one the killed worker had in hand may be fetched again).
      const articleHits = sweepHits.filter((h) => h.path.startsWith('/en/article/detail/'));
      const counts = new Map<string, number>();
      for (const h of articleHits) counts.set(h.path, (counts.get(h.path) ?? 0) + 1);
      expect([...counts.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(1);
      expect(counts.size).toBe(32);
      // Politeness across processes: requests to the host at least the delay apart.
      const gaps = sweepHits.slice(1).map((h, i) => h.at - sweepHits[i]!.at);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(DELAY_MS - 2);
      // The sweep's work was shared.
      const live = workers.slice(1);
      for (const w of live) w.kill('SIGTERM');
      const codes = await Promise.all(live.map((w) => new Promise((r) => w.on('close', r))));
      expect(codes).toEqual([0, 0]);
    }
  });

  it('a second recheck finds nothing changed and ends at once', async () => {
    const r = await cli('recheck', '--source', 'kcna', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().sweep.counts).toMatchObject({ edited: 0, removed: 0, failed: 0, pending: 0 });
  });
});
