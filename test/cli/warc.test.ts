/**
 * `export --warc` and `import FILE.warc[.gz]`, driven through the built CLI over real SQLite files: a
 * crawled archive survives the round trip with the same ids, titles, dates and bodies (its captures with
 * the same sha-256), a re-import changes nothing, a truncated file imports what precedes the break, and
 * a WARC written by another tool (warcio, no wirewatch fields) is read by the site template of its URL.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawl } from '../../src/crawl/crawler.js';
import type { FetcherOptions } from '../../src/crawl/fetch/fetcher.js';
import { sourceConfigSchema } from '../../src/crawl/sources/config.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { run } from '../helpers/cli.js';
import {
  FIXTURE_FETCHER,
  RODONG_NEWS_IDS,
  startFixtureSite,
  type FixtureSite,
} from '../helpers/fixture-site.js';
import { tempDir } from '../helpers/tmp.js';
import { foreignWarc, RODONG_URL } from '../helpers/warc.js';

const fetcher: FetcherOptions = FIXTURE_FETCHER;

const lines = (stderr: string) => stderr.split('\n').filter((l) => l && !l.startsWith('warning: '));

describe('wirewatch export --warc and import of WARC files', () => {
  const dir = tempDir('wirewatch-warc-cli-');
  const a = join(dir.path, 'a.db');
  const warc = join(dir.path, 'a.warc.gz');
  let site: FixtureSite;

  beforeAll(async () => {
    site = await startFixtureSite();
    const source = (id: string, profile: string, list: string, host: string) =>
      sourceConfigSchema.parse({
        id,
        profile,
        lists: [list],
        baseUrl: `http://${host}:${site.port}`,
        delayMs: 0,
        allowPrivate: true,
      });
    const store = new SqliteStore(a);
    const report = await crawl(
      store,
      [
        source('kcna', 'kcna-en', '/en/article/list/6a47505ba5268fd7749c0fe11e4b24b4', 'kcna.test'),
        source(
          'rodong',
          'rodong-en',
          '/en/index.php?strPageID=SF01_01_02&iMenuID=2',
          'rodong.test',
        ),
      ],
      { fetcher },
    );
    expect(report.sources.flatMap((s) => s.errors)).toEqual([]);
    await store.close();
  });
  afterAll(async () => {
    await site.close();
    dir.cleanup();
  });

  /** Every article with its versions, listings and seen-times: the lossless JSONL export, parsed. */
  const articles = (db: string) =>
    run(['export', '--db', db])
      .stdout.split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .filter((r: { wirewatch: string }) => r.wirewatch === 'article');

  it('has --help naming --warc and --json; a missing or "-" file is a usage error', () => {
    const help = run(['export', '--help']);
    expect(help.stdout).toMatch(/--warc <file>/);
    expect(help.stdout).toMatch(/--json/);
    expect(run(['import', '--help']).stdout).toMatch(/warc/i);
    for (const args of [
      ['export', '--warc'],
      ['export', '--warc', '-'],
      ['export', '--warc', warc, '--out', join(dir.path, 'x.jsonl')],
    ]) {
      const r = run([...args, '--db', a]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('round trip: crawl → export --warc → import into an empty archive gives the same articles and captures', () => {
    const exported = run(['export', '--warc', warc, '--db', a, '--json']);
    expect(exported.code, exported.stderr).toBe(0);
    const summary = exported.json();
    const stats = run(['stats', '--db', a, '--json']).json();
    expect(summary).toEqual({
      file: warc,
      captures: stats.captures,
      records: expect.any(Number),
      bytes: readFileSync(warc).length,
    });
    expect(summary.records).toBeGreaterThan(2 * summary.captures);

    const b = join(dir.path, 'b.db');
    const imported = run(['import', warc, '--db', b, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.json()).toMatchObject({
      ok: true,
      rejected: 0,
      captures: { new: summary.captures + 1, known: 0 },
    });
    const before = articles(a);
    expect(before).toHaveLength(2 + RODONG_NEWS_IDS.length);
    expect(
      before.every(
        (x: any) =>
          x.status === 'live' && x.versions.length === 1 && x.versions[0].paragraphs.length > 0,
      ),
    ).toBe(true);
    expect(
      before.find((x: any) => x.title === 'Strong Support to Railway').published,
    ).toMatchObject({ year: 2022, month: 3, day: 11 });
    // Same ids, titles, dates, bodies, seen-times, listings and versions (whose capture sha-256s are the originals').
    expect(articles(b)).toEqual(before);
    // The imported exchanges are ordinary captures: `reprocess` rebuilds the same articles from them.
    expect(run(['reprocess', '--db', b]).code).toBe(0);
    expect(articles(b)).toEqual(before);

    // Exporting the imported archive writes the same file: the same captures, times and options.
    const again = join(dir.path, 'b.warc.gz');
    expect(run(['export', '--warc', again, '--db', b]).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(warc))).toBe(true);
  });

  it('importing the same WARC twice changes nothing', () => {
    const b = join(dir.path, 'twice.db');
    expect(run(['import', warc, '--db', b]).code).toBe(0);
    const first = { stats: run(['stats', '--db', b, '--json']).json(), articles: articles(b) };
    const second = run(['import', warc, '--db', b, '--json']);
    expect(second.code).toBe(0);
    expect(second.json()).toMatchObject({
      captures: { new: 0, known: 1 },
      articles: { new: 0, newVersion: 0 },
    });
    expect({ stats: run(['stats', '--db', b, '--json']).json(), articles: articles(b) }).toEqual(
      first,
    );
  });

  it('a truncated .warc.gz: exit 1, one line naming the record, the records before it imported, the bytes kept', () => {
    const whole = readFileSync(warc);
    const cut = join(dir.path, 'cut.warc.gz');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const b = join(dir.path, 'cut.db');
    const r = run(['import', cut, '--db', b]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const errors = lines(r.stderr);
    expect(errors).toHaveLength(1);
    const m =
      /^(.*): record (\d+): truncated gzip member; records 1–(\d+) imported, the bytes are kept$/.exec(
        errors[0]!,
      );
    expect(m, errors[0]).not.toBeNull();
    expect(m![1]).toBe(cut);
    expect(Number(m![3])).toBe(Number(m![2]) - 1);
    // The list pages came first, then some of the articles they list: fewer full articles than in A.
    const live = run(['list', '--db', b, '--limit', '100', '--json'])
      .json()
      .items.filter((x: { status: string }) => x.status === 'live');
    expect(live.length).toBeGreaterThan(0);
    expect(live.length).toBeLessThan(2 + RODONG_NEWS_IDS.length);
    const stats = run(['stats', '--db', b, '--json']).json();
    expect(stats).toMatchObject({ capturesWithErrors: 1 });
  });

  it('a non-WARC file named .warc is rejected in one line, exit 1', () => {
    const junk = join(dir.path, 'junk.warc');
    writeFileSync(junk, 'this is not a web archive\n');
    const r = run(['import', junk, '--db', join(dir.path, 'junk.db'), '--json']);
    expect(r.code).toBe(1);
    expect(r.json().errors).toEqual([
      `${junk}: not a WARC file (it starts with "this is not a web ar", not "WARC/1."); the bytes are kept`,
    ]);
    const plain = run(['import', junk, '--db', join(dir.path, 'junk2.db')]);
    expect(lines(plain.stderr)).toHaveLength(1);
  });

  it('a WARC written by another tool, found by its content, is read by the site template of its URL', async () => {
    const file = join(dir.path, 'other-crawler.dat');
    writeFileSync(file, Buffer.concat((await foreignWarc()).map((r) => gzipSync(r))));
    const b = join(dir.path, 'foreign.db');
    const r = run(['import', file, '--db', b, '--json']);
    expect(r.code, r.stderr).toBe(0);
    // The file, the warcinfo record, and the response with its request.
    expect(r.json()).toMatchObject({ captures: { new: 3 }, records: 1, articles: { new: 1 } });
    const [only] = articles(b);
    expect(only).toMatchObject({
      source: { id: 'rodong-en' },
      url: RODONG_URL,
      status: 'live',
      published: { year: 2022, month: 3, day: 11, basis: 'page' },
    });
    expect(only.title).toBeTruthy();
    expect(only.versions[0].paragraphs.length).toBeGreaterThan(1);
    expect(only.firstSeen).toBe('2022-03-12T08:00:00.000Z');
  });
});
