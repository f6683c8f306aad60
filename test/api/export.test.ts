/**
 * Exports of a search (issue 15): `/api/v1/search?format=csv|jsonl` streams every match, one row per
 * article, read back by Python's csv module (CSV) and by `wirewatch import` (JSONL: the same articles
 * and versions in another archive). Errors keep the one shape.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_COLUMNS } from '../../src/export/formats.js';
import { exportArticles } from '../../src/export/export-articles.js';
import { orderedMatches, searchArchive } from '../../src/search/search.js';
import type { Obj } from '../helpers/openapi.js';
import { freshArchive } from '../helpers/archive.js';
import { pythonCsv } from '../helpers/python-csv.js';
import { readerArchive } from '../helpers/reader-archive.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
let archive: Awaited<ReturnType<typeof readerArchive>>;

beforeAll(async () => {
  archive = await readerArchive(dir.path);
});

afterAll(async () => {
  await archive.store.close();
  dir.cleanup();
});

async function download(url: string) {
  const res = await archive.app.request(url);
  const bytes = Buffer.from(await res.arrayBuffer());
  return { res, bytes, text: bytes.toString('utf8') };
}

function csvRows(text: string, name: string) {
  const file = join(dir.path, name);
  writeFileSync(file, text);
  const [header, ...rows] = pythonCsv({ file });
  const at = (column: string) => header!.indexOf(column);
  return { header: header!, rows, at };
}

describe('search exports', () => {
  it('writes every match as CSV: one row per article, newest first, the columns a spreadsheet needs', async () => {
    const { res, text } = await download('/api/v1/search?q=Korea&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="wirewatch-search-\d{4}-\d\d-\d\d\.csv"$/,
    );
    const { header, rows, at } = csvRows(text, 'korea.csv');
    expect(header).toEqual([...ARTICLE_COLUMNS]);
    const search = await searchArchive(archive.store, { query: 'Korea' });
    // Every article, copies in other sources included: more rows than a page, as many as matches.
    expect(search.total).toBeGreaterThan(100);
    expect(rows).toHaveLength(search.total);
    const ids = rows.map((r) => r[at('id')]!);
    expect(new Set(ids).size).toBe(ids.length);
    const days = rows.map((r) => r[at('date')]!).filter((d) => /^\d{4}-\d\d-\d\d$/.test(d));
    expect(days).toEqual([...days].sort().reverse());
    const first = rows[0]!;
    expect(first[at('permalink')]).toBe(`http://wirewatch.test/articles/${first[at('id')]}`);
    expect(first[at('date_basis')]).toMatch(/^[a-z-]+$/);
    expect(Number(first[at('versions')])).toBeGreaterThanOrEqual(1);
    const stored = await archive.store.getArticle(first[at('id')]!);
    expect(first[at('title')]).toBe(stored!.title);
    expect(first[at('first_seen')]).toBe(stored!.firstSeen);
  });

  it('keeps Hangul, emoji and quotes intact, and oldest first when asked', async () => {
    const { bytes, text } = await download(
      `/api/v1/search?${new URLSearchParams({ q: 'title:emoji OR title:script', format: 'csv', sort: 'oldest' })}`,
    );
    // The byte-order mark a spreadsheet needs to read UTF-8 (Response.text() would hide it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { rows, at } = csvRows(text, 'hostile.csv');
    const titles = rows.map((r) => r[at('title')]);
    expect(titles).toEqual([
      `<script>alert('x')</script> & "quotes" ]]> end`,
      'Entities &lt;b&gt; &#x26; &#0; and emoji 😀 and Korean 조선중앙통신',
    ]);
  });

  it('writes JSONL records that wirewatch import reads back into the same articles and versions', async () => {
    const { res, text } = await download('/api/v1/search?q=Korea&format=jsonl');
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const records = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Obj);
    expect(records).toHaveLength((await searchArchive(archive.store, { query: 'Korea' })).total);
    const edited = records.find((r) => (r.versions as unknown[]).length === 2);
    expect(edited, 'the edited seed matches Korea').toBeDefined();
    expect(edited!.permalink).toBe(`http://wirewatch.test/articles/${String(edited!.id)}`);
    const file = join(dir.path, 'korea.jsonl');
    writeFileSync(file, text);
    const other = freshArchive(dir.path);
    try {
      await other.import([file]);
      for (const r of records) {
        const a = await other.store.getArticle(String(r.id));
        expect(a?.title, String(r.id)).toBe(r.title);
        expect((await other.store.getVersions(String(r.id))).length).toBe(
          (r.versions as unknown[]).length,
        );
      }
    } finally {
      await other.store.close();
    }
  });

  it('refuses an unknown format or a malformed query in the one error shape', async () => {
    const bad = await download('/api/v1/search?q=Korea&format=xml');
    expect(bad.res.status).toBe(400);
    expect(JSON.parse(bad.text).error.code).toBe('bad_request');
    const query = await download('/api/v1/search?q=%22unclosed&format=csv');
    expect(query.res.status).toBe(400);
    expect(JSON.parse(query.text).error.code).toBe('bad_query');
  });

  it('documents the format and both media types in the OpenAPI document', async () => {
    const doc = (await (await archive.app.request('/api/openapi.json')).json()) as any;
    const get = doc.paths['/v1/search'].get;
    expect(get.parameters.find((p: Obj) => p.name === 'format').schema.enum).toEqual([
      'json',
      'csv',
      'jsonl',
    ]);
    expect(Object.keys(get.responses['200'].content)).toEqual([
      'application/json',
      'text/csv',
      'application/x-ndjson',
    ]);
  });

  it('reads the store a batch at a time, as the reader pulls: memory bounded by the batch', async () => {
    const matches = await orderedMatches(archive.store, 'Korea');
    let reads = 0;
    const counting = new Proxy(archive.store.search, {
      get: (target, key) =>
        key === 'documents'
          ? (ids: number[]) => {
              reads++;
              expect(ids.length).toBeLessThanOrEqual(250);
              return target.documents(ids);
            }
          : Reflect.get(target, key),
    });
    const store = new Proxy(archive.store, {
      get: (target, key) => (key === 'search' ? counting : Reflect.get(target, key)),
    });
    const rows = exportArticles(store, matches.docIds, { format: 'csv' });
    await rows.next();
    await rows.next();
    expect(reads).toBe(1);
    let next;
    while (!(next = await rows.next()).done);
    expect(next.value).toBe(matches.docIds.length);
    expect(reads).toBe(Math.ceil(matches.docIds.length / 250));
  });
});
