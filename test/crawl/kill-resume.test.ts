/**
 * The fault suite's crawl case (SQLite): `wirewatch crawl` killed with SIGKILL at several points of
 * its work — after its first capture, in the middle, near the end — then run again. The archive it
 * ends with must equal a clean crawl of the same site: the same articles with the same ids, titles,
 * bodies and version counts, every capture processed, no lease left in the frontier, and no URL
 * fetched by the resumed run that the killed run had already stored (it is resumed, not redone).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { run, runAsync, start } from '../helpers/cli.js';
import { startFixtureSite, type FixtureSite } from '../helpers/fixture-site.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
let site: FixtureSite;
let sources: string;

beforeAll(async () => {
  site = await startFixtureSite();
  sources = join(dir.path, 'sources.json');
  const add = run([
    'sources',
    'add',
    'rodong',
    '--profile',
    'rodong-en',
    '--base-url',
    `http://127.0.0.1:${site.port}`,
    '--list',
    '/en/index.php?strPageID=SF01_01_02&iMenuID=2',
    '--delay-ms',
    '0',
    '--allow-private',
    '--sources',
    sources,
  ]);
  expect(add.code, add.stderr).toBe(0);
});
afterAll(async () => {
  await site.close();
  dir.cleanup();
});

/** Captures stored so far (0 while the file or its tables do not exist yet). */
function capturesIn(db: string): number {
  if (!existsSync(db)) return 0;
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (conn.prepare('SELECT COUNT(*) AS n FROM captures').get() as { n: number }).n;
    } finally {
      conn.close();
    }
  } catch {
    return 0;
  }
}

async function snapshot(db: string) {
  const store = new SqliteStore(db);
  try {
    const articles: string[] = [];
    for await (const a of store.iterateArticles()) {
      const body = (await store.getVersions(a.id)).map((v) => v.paragraphs.join('\n')).join(' / ');
      articles.push(`${a.id} ${a.status} v${a.versionCount} ${a.title} | ${body}`);
    }
    const stats = await store.stats();
    const leases = (await store.frontier.leaseHolders()).length;
    return { articles: articles.sort(), stats, leases };
  } finally {
    await store.close();
  }
}

const crawl = (db: string) => runAsync(['crawl', '--sources', sources, '--db', db, '--json']);

describe('kill -9 of a crawl, then resumed (sqlite)', () => {
  let clean: Awaited<ReturnType<typeof snapshot>>;
  beforeAll(async () => {
    const db = join(dir.path, 'clean.db');
    const r = await crawl(db);
    expect(r.code, r.stderr).toBe(0);
    clean = await snapshot(db);
    expect(clean.articles).toHaveLength(10);
  });

  // Kill points by the captures stored: the first, the middle, the last few (12 in a clean crawl).
  for (const killAt of [1, 6, 11]) {
    it(`killed after ${killAt} capture(s), the resumed crawl ends as a clean one`, async () => {
      const db = join(dir.path, `killed-${killAt}.db`);
      const hitsBefore = site.hits.length;
      const child = start(['crawl', '--sources', sources, '--db', db, '--json']);
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      let finished = false;
      void exited.then(() => (finished = true));
      while (!finished && capturesIn(db) < killAt) await new Promise((r) => setTimeout(r, 5));
      expect(finished, 'the crawl ended before the kill point').toBe(false);
      child.kill('SIGKILL');
      await exited;
      const stored = capturesIn(db);
      expect(stored).toBeGreaterThanOrEqual(killAt);
      const fetchedByKilled = new Set(site.hits.slice(hitsBefore).map((h) => h.path));

      const resumed = await crawl(db);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).not.toMatch(/\n\s+at /);
      const after = await snapshot(db);
      expect(after.articles).toEqual(clean.articles);
      expect(after.stats).toMatchObject({
        articles: clean.stats.articles,
        versions: clean.stats.versions,
        unprocessedCaptures: 0,
        failedCaptures: 0,
      });
      expect(after.leases).toBe(0);
      // Article pages the killed run had fetched and stored are not fetched again by the resumed one.
      const articleHits = site.hits
        .slice(hitsBefore)
        .filter((h) => h.path.includes('SF01_02_01'))
        .map((h) => h.path);
      const refetched = articleHits.filter((p, i) => articleHits.indexOf(p) !== i);
      expect(fetchedByKilled.size).toBeGreaterThan(0);
      expect(refetched.length).toBeLessThanOrEqual(1); // at most the page in flight at the kill
    });
  }
});
