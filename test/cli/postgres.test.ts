import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { CORPUS_SLICE, SEED } from '../helpers/archive.js';
import { run, start } from '../helpers/cli.js';
import {
  committedArticles,
  dropAll,
  freshPgUrl,
  requirePostgres,
  schemaOf,
  withClient,
} from '../helpers/pg.js';
import { foreignWarc } from '../helpers/warc.js';
import { gzipSync } from 'node:zlib';

const dir = tempDir();
beforeAll(requirePostgres);
afterAll(async () => {
  dir.cleanup();
  await dropAll();
});

/** A `--db` URL whose schema (named in its search_path) exists and is empty. */
async function pgArchive(): Promise<string> {
  const url = freshPgUrl();
  await withClient((c) => c.query(`CREATE SCHEMA ${schemaOf(url)}`));
  return url;
}

/** Export lines with the capture times (the run's clock) blanked out: the rest must match exactly. */
const timeless = (jsonl: string) =>
  jsonl.replace(/"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"/g, '"T"');
const ok = (args: string[], env: Record<string, string> = {}) => {
  const r = run(args, env);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
};

describe('wirewatch CLI on PostgreSQL (--db postgres://…)', () => {
  it('imports the corpus slice into the same archive as SQLite: same stats, same ids, same export', async () => {
    const sqlite = join(dir.path, 'slice.db');
    const pg = await pgArchive();
    const fromSqlite = ok(['import', SEED, CORPUS_SLICE, '--db', sqlite, '--json']).json();
    const fromPg = ok(['import', SEED, CORPUS_SLICE, '--db', pg, '--json']).json();
    expect(fromPg).toEqual(fromSqlite);

    const statsOf = (db: string) => {
      const { sources, ...counts } = ok(['stats', '--db', db, '--json']).json();
      return {
        counts,
        sources: sources.items.map(({ lastCapture: _t, ...s }: { lastCapture: string }) => s),
      };
    };
    const sqliteStats = statsOf(sqlite);
    expect(sqliteStats.counts.articles).toBeGreaterThan(390);
    expect(statsOf(pg)).toEqual(sqliteStats);

    const ids = (db: string, ...flags: string[]) =>
      ok(['list', '--db', db, '--json', '--limit', '1000', ...flags])
        .json()
        .items.map((a: { id: string }) => a.id);
    expect(ids(pg)).toEqual(ids(sqlite));
    expect(ids(pg, '--oldest')).toEqual(ids(sqlite, '--oldest'));
    expect(ids(pg, '--from', '2011-12-05', '--to', '2011-12-20')).toEqual(
      ids(sqlite, '--from', '2011-12-05', '--to', '2011-12-20'),
    );

    const exported = timeless(ok(['export', '--db', pg]).stdout);
    expect(exported).toBe(timeless(ok(['export', '--db', sqlite]).stdout));
    const someId = ids(pg)[0];
    expect(ok(['show', someId, '--db', pg, '--json']).json().article.id).toBe(someId);

    // Importing again changes nothing; reprocess rebuilds the same articles.
    expect(ok(['import', SEED, CORPUS_SLICE, '--db', pg, '--json']).json()).toMatchObject({
      captures: { new: 0, known: 2 },
    });
    expect(ok(['reprocess', '--db', pg, '--json']).json()).toMatchObject({ ok: true, files: 2 });
    expect(timeless(ok(['export', '--db', pg]).stdout)).toBe(exported);
  });

  it('imports a WARC file like SQLite; export --warc and import into a fresh schema gives it back; twice changes nothing', async () => {
    const warc = join(dir.path, 'foreign.warc.gz');
    writeFileSync(warc, Buffer.concat((await foreignWarc()).map((r) => gzipSync(r))));
    const sqlite = join(dir.path, 'warc.db');
    const pg = await pgArchive();
    const fromPg = ok(['import', warc, '--db', pg, '--json']).json();
    expect(fromPg).toMatchObject({ ok: true, articles: { new: 1 } });
    expect(fromPg).toEqual(ok(['import', warc, '--db', sqlite, '--json']).json());
    const exported = timeless(ok(['export', '--db', pg]).stdout);
    expect(exported).toBe(timeless(ok(['export', '--db', sqlite]).stdout));

    const back = join(dir.path, 'from-pg.warc.gz');
    expect(ok(['export', '--warc', back, '--db', pg, '--json']).json()).toMatchObject({
      file: back,
      captures: 2,
    });
    const pg2 = await pgArchive();
    ok(['import', back, '--db', pg2]);
    expect(ok(['export', '--db', pg2]).stdout).toBe(ok(['export', '--db', pg]).stdout);
    expect(ok(['import', back, '--db', pg2, '--json']).json()).toMatchObject({
      captures: { new: 0, known: 1 },
    });
    expect(ok(['export', '--db', pg2]).stdout).toBe(ok(['export', '--db', pg]).stdout);
  });

  it('two imports of the same file running at once into one archive give what one import gives', async () => {
    // Without the writer lock the second would find the first's article ids taken (not yet committed)
    // and file its copies under new ids.
    const pg = await pgArchive();
    const both = [
      start(['import', CORPUS_SLICE, '--db', pg]),
      start(['import', CORPUS_SLICE, '--db', pg]),
    ];
    const codes = await Promise.all(
      both.map(
        (child) =>
          new Promise<number | null>((done) => {
            let stderr = '';
            child.stderr.on('data', (d: Buffer) => {
              stderr += d.toString();
            });
            child.on('close', (code) => {
              if (code !== 0) process.stderr.write(stderr);
              done(code);
            });
          }),
      ),
    );
    expect(codes).toEqual([0, 0]);
    const single = join(dir.path, 'single.db');
    ok(['import', CORPUS_SLICE, '--db', single]);
    const counts = (db: string) => {
      const { sources: _s, ...rest } = ok(['stats', '--db', db, '--json']).json();
      return rest;
    };
    expect(counts(pg)).toEqual(counts(single));
    expect(timeless(ok(['export', '--db', pg]).stdout)).toBe(
      timeless(ok(['export', '--db', single]).stdout),
    );
  });

  it('leaves a consistent archive after kill -9 mid-import; re-running completes it without duplicates', async () => {
    const records = readFileSync(CORPUS_SLICE, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const lines: string[] = [];
    for (let k = 0; k < 5; k++)
      for (const r of records)
        lines.push(
          JSON.stringify({ ...r, title: `[${k}] ${r.title}`, body: `Item ${k}. ${r.body}` }),
        );
    const many = join(dir.path, 'many.jsonl');
    writeFileSync(many, `${lines.join('\n')}\n`);
    const pg = await pgArchive();
    const child = start(['import', many, '--db', pg]);
    const exited = once(child, 'exit');
    for (let i = 0; i < 500 && (await committedArticles(pg)) === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    const [code, signal] = await exited;
    expect(signal ?? String(code)).toBe('SIGKILL');
    const partial = ok(['stats', '--db', pg, '--json']).json();
    expect(partial.unprocessedCaptures).toBe(1);
    expect(partial.articles).toBeGreaterThan(0);
    expect(partial.articles).toBeLessThan(lines.length);

    ok(['import', many, '--db', pg]);
    const clean = join(dir.path, 'many.db');
    ok(['import', many, '--db', clean]);
    const { sources: _a, ...resumed } = ok(['stats', '--db', pg, '--json']).json();
    const { sources: _b, ...fresh } = ok(['stats', '--db', clean, '--json']).json();
    expect(resumed).toEqual(fresh);
  });

  it('searches like SQLite: same totals, stories, facets and hits in date order; errors as one line', async () => {
    const sqlite = join(dir.path, 'search.db');
    const pg = await pgArchive();
    ok(['import', CORPUS_SLICE, '--db', sqlite]);
    ok(['import', CORPUS_SLICE, '--db', pg]);
    const searchOf = (db: string, query: string, ...flags: string[]) => {
      const {
        timings: _t,
        items,
        ...rest
      } = ok([
        'search',
        query,
        '--db',
        db,
        '--json',
        '--facets',
        '--histogram',
        'month',
        ...flags,
      ]).json();
      return { ...rest, ids: items.map((h: { id: string }) => h.id) };
    };
    for (const query of [
      '"Kim Jong Il" lang:en',
      'negotiations nuclear',
      'title:(Kim OR Korea) -"Kim Jong Un"',
      `reunif* "Korea's"`,
      'Raúl OR "República Popular"',
    ]) {
      const fromPg = searchOf(pg, query, '--sort', 'newest', '--limit', '100');
      expect(fromPg, query).toEqual(searchOf(sqlite, query, '--sort', 'newest', '--limit', '100'));
    }
    const relevance = searchOf(pg, 'Lao', '--limit', '3');
    expect(relevance.total).toBe(searchOf(sqlite, 'Lao', '--limit', '3').total);
    expect(relevance.total).toBeGreaterThan(0);
    const text = ok(['search', 'Lao', '--limit', '2', '--db', pg]).stdout;
    expect(text).toMatch(/^\d+ articles in \d+ stories for Lao/);
    expect(text).toMatch(/\[Lao\]/);

    for (const args of [['(Kim OR'], ['source:nowhere']]) {
      const r = run(['search', ...args, '--db', pg]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).not.toMatch(/tsquery|syntax error at|\n\s+at /i);
    }
  });

  it('takes the URL from WIREWATCH_DB and never prints its password', async () => {
    const pg = await pgArchive();
    ok(['import', SEED], { WIREWATCH_DB: pg });
    expect(ok(['stats', '--json'], { WIREWATCH_DB: pg }).json().articles).toBe(1);
    const withPassword = pg.replace('postgres@', 'postgres:secret@');
    const r = run(['stats'], { WIREWATCH_DB: withPassword });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('postgres:***@');
    expect(r.stdout).not.toContain('secret');
  });

  it('fails with one line naming the server when PostgreSQL cannot be reached', () => {
    const r = run(['stats', '--db', 'postgres://me:secret@127.0.0.1:1/none']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^wirewatch: PostgreSQL postgres:\/\/me:\*\*\*@127\.0\.0\.1:1\/none: .*ECONNREFUSED/,
    );
    expect(r.stderr).not.toContain('secret');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
