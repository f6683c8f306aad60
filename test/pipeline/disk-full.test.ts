/**
 * The disk holding the archive fills up in the middle of `wirewatch import`, on both engines: a SQLite
 * archive (file and -wal) on a small tmpfs, a PostgreSQL archive whose tables and indexes are in a
 * tablespace on one. The import is driven as the CLI drives it (`withWriter` + `importPaths`), so
 * what it throws is what `cli/main.ts` prints: it must be the one-line Problem (exit 1, no stack
 * trace). What was committed stays whole (no article without its versions, no capture marked
 * processed that was not, nothing parked as failed); runs again on the still-full disk, as many as
 * a capture's retry budget, stop the same way; and once space is freed (the tmpfs remounted larger,
 * its files kept) a re-run of the same import ends with the archive of a clean run: articles,
 * versions, edit events, listing entries, captures and counts.
 *
 * It needs root for `mount -t tmpfs`. Where mounting is refused, SQLite falls back to `PRAGMA
 * max_page_count` (a real SQLITE_FULL from the same code paths, the limit standing in for the disk)
 * and says so; PostgreSQL has no such limit, so its test fails with the reason rather than skip.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { withWriter } from '../../src/cli/open-store.js';
import { Problem } from '../../src/errors.js';
import { DEFAULT_MAX_ATTEMPTS } from '../../src/pipeline/driver.js';
import { importPaths } from '../../src/pipeline/import.js';
import type { IngestReport } from '../../src/ingest/report.js';
import type { Article, Version } from '../../src/model/types.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { KCNA_TEXT, SEED } from '../helpers/archive.js';
import { dropAll, freshSchema, PG_URL, requirePostgres, withClient } from '../helpers/pg.js';

const now = () => '2026-11-28T00:00:00.000Z';
const JSONL_FILES = 3;
const STORIES_PER_FILE = 100;
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

/**
 * Sizes of the small disks, measured. A clean import of FILES leaves about 0.9 MB of SQLite file
 * (more in its WAL on the way) and 2.7 MB in the PostgreSQL tablespace. These fill up when the text
 * pages and the first JSONL file are done and the second is in hand. Measured bounds: SQLite at
 * 1,152 KiB fills in the first JSONL file and at 1,664 in the third, PostgreSQL at 1,280 and 1,792;
 * the middle of each leaves room both ways (the test asserts only that the disk fills part way).
 */
const SQLITE_DISK_KIB = 1408;
const PG_DISK_KIB = 1536;
const ROOMY_KIB = 64 * 1024;

// A folder of its own, traversable by the postgres user (a tablespace lives under it).
const root = mkdtempSync(join(tmpdir(), 'wirewatch-disk-full-'));
chmodSync(root, 0o755);

/**
 * Three text pages, then stories in JSONL files of STORIES_PER_FILE lines, with later revisions of
 * every 8th story (some in the next file): versions and edit events. Each file is a capture of its
 * own, so the disk fills with some captures finished and one in hand.
 */
function inputFiles(): string[] {
  const story = (i: number, revised: boolean) => {
    const place = PLACES[i % PLACES.length]!;
    const day = String((i % 28) + 1).padStart(2, '0');
    return JSON.stringify({
      source: 'KCNA.kp (En)',
      language: 'en',
      published: `2023-0${(i % 9) + 1}-${day}`,
      title: `${place} factory ${i} fulfils its plan`,
      body:
        `${place}, (KCNA) -- The factory numbered ${i} in ${place} fulfilled its yearly plan ahead of time.\n\n` +
        `Its workers, story ${i} says, will go on to ${revised ? 'further' : 'new'} successes in the production of goods.`,
    });
  };
  const files: string[] = [];
  for (let f = 0; f < JSONL_FILES; f++) {
    const lines: string[] = [];
    for (let i = f * STORIES_PER_FILE; i < (f + 1) * STORIES_PER_FILE; i++) {
      lines.push(story(i, false));
      if (i >= 40 && (i - 40) % 8 === 0) lines.push(story(i - 40, true));
    }
    const path = join(root, `stories-${f}.jsonl`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    files.push(path);
  }
  return [SEED, KCNA_TEXT(1), KCNA_TEXT(2), ...files];
}
const FILES = inputFiles();

// --- the small disk -------------------------------------------------------------------------------

const mounted = new Set<string>();

/** Mounts a tmpfs of `kib` KiB on `dir`; the reason when this machine refuses (not root, EPERM). */
function mountTmpfs(dir: string, kib: number): string | null {
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kib}k,mode=0755`, 'tmpfs', dir], {
      stdio: 'pipe',
    });
    mounted.add(dir);
    return null;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return stderr || (error as Error).message;
  }
}

/** Frees space: the same tmpfs, larger; its files are kept. */
function growTmpfs(dir: string): void {
  execFileSync('mount', ['-o', `remount,size=${ROOMY_KIB}k`, dir], { stdio: 'pipe' });
}

function unmount(dir: string): void {
  if (!mounted.delete(dir)) return;
  try {
    execFileSync('umount', [dir], { stdio: 'pipe' });
  } catch {
    // Still busy (a handle a failed test left open): detach it now, freed once the handle goes.
    execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
  }
}

/** A crashed test run must not leave mounts behind either. */
process.on('exit', () => {
  for (const dir of [...mounted]) {
    try {
      unmount(dir);
    } catch {
      /* nothing more to do at exit */
    }
  }
});

afterAll(() => {
  try {
    for (const dir of [...mounted]) unmount(dir);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

// --- the archive, as the CLI opens it -------------------------------------------------------------

interface Target {
  /** `--db`: the archive on the small disk. */
  db: string;
  /** Frees space on it. */
  grow: () => Promise<void>;
  /** Opens it for the import; default: as `wirewatch import` does (`withWriter`). */
  open?: () => Promise<ArchiveStore>;
}

/** One `wirewatch import FILES`, in process: its report, or what it threw (what cli/main.ts prints). */
async function importOnce(
  target: Target,
  files = FILES,
): Promise<IngestReport | { thrown: unknown }> {
  const opts = { format: 'auto' as const, now };
  try {
    if (!target.open)
      return await withWriter({ db: target.db }, (s) => importPaths(s, files, opts));
    const store = await target.open();
    try {
      return await importPaths(store, files, opts);
    } finally {
      await store.close();
    }
  } catch (error) {
    return { thrown: error };
  }
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** Everything an import leaves, in a stable order, through the store interface. */
async function snapshot(store: ArchiveStore) {
  const articles: { article: Article; versions: Version[] }[] = [];
  for await (const a of store.iterateArticles())
    articles.push({ article: a, versions: await store.getVersions(a.id) });
  articles.sort((a, b) => (a.article.id < b.article.id ? -1 : 1));
  const events = (await store.listEvents({ limit: 100_000 })).items
    .map((e) => JSON.stringify(e))
    .sort();
  const captures = (await store.listCaptures()).items;
  const listings = [];
  for (const c of captures)
    listings.push(await store.listListingEntries({ captureSha256: c.sha256 }));
  const counts = await store.stats();
  return {
    articles,
    events,
    listings,
    captures: captures.map((c) => ({
      sha256: c.sha256,
      kind: c.kind,
      processed: c.processedAt !== null,
      failedAt: c.failedAt,
      lastError: c.lastError,
      errors: c.errors,
    })),
    sources: await store.listSources(),
    counts,
  };
}

/** The archive a clean run of the same import leaves, on a roomy disk. */
async function cleanSnapshot(store: ArchiveStore) {
  try {
    const report = await importPaths(store, FILES, { format: 'auto', now });
    expect(report.rejected, report.errors.join('\n')).toBe(0);
    return await snapshot(store);
  } finally {
    await store.close();
  }
}

/**
 * What the import left when the disk filled: every article whole, with its versions (each a prefix of
 * what the clean run has), every edit event's version there, and only finished captures processed.
 */
async function expectNothingHalfWritten(store: ArchiveStore, clean: Snapshot) {
  const partial = await snapshot(store);
  const cleanById = new Map(clean.articles.map((a) => [a.article.id, a]));
  expect(partial.articles.length).toBeGreaterThan(0);
  expect(partial.articles.length, 'the disk filled before the end').toBeLessThan(
    clean.articles.length,
  );
  for (const { article, versions } of partial.articles) {
    expect(versions.length, `${article.id} has its versions`).toBe(article.versionCount);
    // A teaser (a listing's entry, no text of its own yet) is the one article without versions.
    if (article.status !== 'teaser') expect(versions.length).toBeGreaterThan(0);
    const whole = cleanById.get(article.id);
    expect(whole, `${article.id} is an article of the clean run`).toBeDefined();
    expect(versions.map((v) => v.contentHash)).toEqual(
      whole!.versions.slice(0, versions.length).map((v) => v.contentHash),
    );
  }
  const partialById = new Map(partial.articles.map((a) => [a.article.id, a.article]));
  for (const line of partial.events) {
    const event = JSON.parse(line) as { articleId: string; versionSeq: number | null };
    const versionCount = partialById.get(event.articleId)?.versionCount ?? 0;
    expect(versionCount, `an event's article ${event.articleId}`).toBeGreaterThanOrEqual(
      event.versionSeq ?? 1,
    );
  }
  // Captures are processed oldest first: those before the one in hand are done (the text pages at
  // least), the rest are not. Each one marked processed has everything it gave the clean run.
  const processed = partial.captures.map((c) => c.processed);
  const inHand = processed.indexOf(false);
  expect(inHand, 'the text pages were finished').toBeGreaterThanOrEqual(3);
  expect(processed.slice(inHand)).not.toContain(true);
  const kept = new Set(
    partial.articles.flatMap(({ versions }) =>
      versions.map((v) => `${v.articleId} ${v.seq} ${v.contentHash}`),
    ),
  );
  const done = new Set(partial.captures.filter((c) => c.processed).map((c) => c.sha256));
  for (const { versions } of clean.articles)
    for (const v of versions)
      if (done.has(v.captureSha256))
        expect(kept, `a processed capture's version ${v.articleId} ${v.seq}`).toContain(
          `${v.articleId} ${v.seq} ${v.contentHash}`,
        );
  for (const c of partial.captures) expect(c).toMatchObject({ failedAt: null, lastError: null });
  expect(partial.counts).toMatchObject({
    unprocessedCaptures: processed.length - inHand,
    failedCaptures: 0,
  });
}

/** The run on the full disk stopped with the one-line Problem the CLI prints, exit 1. */
function expectDiskFullProblem(outcome: IngestReport | { thrown: unknown }): void {
  expect('thrown' in outcome, 'the import stopped').toBe(true);
  const thrown = (outcome as { thrown: unknown }).thrown;
  expect(thrown, String((thrown as Error)?.stack ?? thrown)).toBeInstanceOf(Problem);
  const problem = thrown as Problem;
  expect(problem.message).toMatch(/^the disk holding the archive is full: /);
  expect(problem.message).not.toMatch(/\n/);
  expect(problem.exitCode).toBe(1);
  expect(problem).toMatchObject({ status: 503, code: 'unavailable' });
}

async function fullDiskScenario(
  target: Target,
  openArchive: () => Promise<ArchiveStore>,
  clean: Snapshot,
) {
  // As many runs on the full disk as a capture's budget: none counts against the capture.
  for (let run = 1; run <= DEFAULT_MAX_ATTEMPTS; run++) {
    expectDiskFullProblem(await importOnce(target));
    const store = await openArchive();
    try {
      await expectNothingHalfWritten(store, clean);
    } finally {
      await store.close();
    }
  }
  await target.grow();
  const again = await importOnce(target);
  expect('thrown' in again ? String((again.thrown as Error).stack) : null).toBeNull();
  const report = again as IngestReport;
  expect(report.rejected, report.errors.join('\n')).toBe(0);
  expect(report.warnings).toEqual([]);
  const store = await openArchive();
  try {
    expect(await snapshot(store)).toEqual(clean);
  } finally {
    await store.close();
  }
}

function pageCount(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('page_count', { simple: true }) as number;
  } finally {
    db.close();
  }
}

/**
 * A SQLite archive on a tmpfs of `kib` KiB. Where mounting is refused (not root), the page limit
 * stands in for the disk, and the test says so: SQLite raises the same SQLITE_FULL through the same
 * statements. max_page_count holds per connection, so the import's own connection gets it:
 * `fallbackPages`, given the pages the archive has when opened.
 */
function smallSqliteDisk(name: string, kib: number, fallbackPages: (pages: number) => number) {
  const disk = join(root, name);
  const refused = mountTmpfs(disk, kib);
  if (refused === null)
    return { db: join(disk, 'archive.db'), grow: async () => growTmpfs(disk) } as Target;
  console.warn(
    `disk-full test (sqlite): mount refused (${refused}); PRAGMA max_page_count instead`,
  );
  const db = join(root, `${name}.db`);
  let roomy = false;
  return {
    db,
    grow: async () => {
      roomy = true;
    },
    open: async () => {
      const store = new SqliteStore(db);
      const conn = (store as unknown as { db: Database.Database }).db;
      const pages = conn.pragma('page_count', { simple: true }) as number;
      if (!roomy) conn.pragma(`max_page_count = ${fallbackPages(pages)}`);
      return store;
    },
  } as Target;
}

describe('a full disk during import (sqlite)', () => {
  it('stops with one line, keeps what was committed whole, and a re-run once space is freed ends as a clean run', async () => {
    const clean = await cleanSnapshot(new SqliteStore(join(root, 'clean.db')));
    // Fallback: part way, as the small disk, at 60% of the pages the clean run's archive has.
    const cleanPages = pageCount(join(root, 'clean.db'));
    const target = smallSqliteDisk('sqlite-disk', SQLITE_DISK_KIB, () =>
      Math.floor(cleanPages * 0.6),
    );
    await fullDiskScenario(target, async () => new SqliteStore(target.db), clean);
  });

  it('a disk that fills while the bytes are stored stops the import there, before the next file', async () => {
    // Incompressible bytes, more than the disk holds: the first capture cannot be stored whole.
    const noise = join(root, 'noise.bin');
    writeFileSync(noise, randomBytes(1536 * 1024));
    const target = smallSqliteDisk('sqlite-tiny', 512, (pages) => pages + 64);
    expectDiskFullProblem(await importOnce(target, [noise, SEED]));
    const store = new SqliteStore(target.db);
    try {
      // No capture complete, so none queued; SEED was never read (the import stopped at the noise).
      const captures = (await store.listCaptures()).items;
      expect(captures.map((c) => [c.origin, c.bytesComplete])).toEqual([[noise, false]]);
      expect(await store.stats()).toMatchObject({ articles: 0, versions: 0 });
    } finally {
      await store.close();
    }
  });
});

describe('a full tablespace during import (postgres)', () => {
  const tablespace = `ww_disk_full_${process.pid}`;
  const disk = join(root, 'pg-disk');
  afterAll(async () => {
    try {
      await dropAll();
      await withClient((c) => c.query(`DROP TABLESPACE IF EXISTS ${tablespace}`));
    } finally {
      unmount(disk);
    }
  });

  it('stops with one line, keeps what was committed whole, and a re-run once space is freed ends as a clean run', async () => {
    await requirePostgres();
    const clean = await cleanSnapshot(await PostgresStore.open(PG_URL, { schema: freshSchema() }));
    const refused = mountTmpfs(disk, PG_DISK_KIB);
    if (refused !== null)
      throw new Error(
        `cannot make a full disk for PostgreSQL: mount -t tmpfs was refused (${refused}); run as root`,
      );
    const location = join(disk, 'tablespace');
    mkdirSync(location);
    execFileSync('chown', ['postgres:postgres', location]);
    await withClient((c) => c.query(`CREATE TABLESPACE ${tablespace} LOCATION '${location}'`));
    // The archive's tables and indexes go to the tablespace: its schema's connections create
    // everything there (default_tablespace), as a database whose default it is would.
    const schema = freshSchema('disk');
    await withClient((c) => c.query(`CREATE SCHEMA ${schema}`));
    const url = new URL(PG_URL);
    url.searchParams.set('options', `-c search_path=${schema} -c default_tablespace=${tablespace}`);
    const db = url.toString();
    await fullDiskScenario(
      { db, grow: async () => growTmpfs(disk) },
      () => PostgresStore.open(db),
      clean,
    );
  });
});
