/**
 * The one driver over real archives (SQLite files and PostgreSQL schemas): a capture that throws is
 * recorded, retried and parked as failed without stopping the others; a fixed capture is retried on
 * demand; searches never write; a redirect with an unusable Location is no longer fatal.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureFile } from '../../src/capture/capture-file.js';
import { drain } from '../../src/pipeline/driver.js';
import { searchArchive } from '../../src/search/search.js';
import { createApp } from '../../src/server/app.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { ENGINES, makeArchive } from '../helpers/archive.js';
import { dropAll } from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';
import { RODONG_URL, responseRecord } from '../helpers/warc.js';

const record = (title: string, body: string) =>
  JSON.stringify({
    source: 'KCNA.kp (En)',
    language: 'en',
    published: '2024-05-0' + ((title.length % 9) + 1),
    title,
    body,
  });

/** The store with one fault injected: inserting an article titled POISON throws, as a bug would. */
function poisoned(store: ArchiveStore): ArchiveStore {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (name !== 'insertArticle') return typeof value === 'function' ? value.bind(target) : value;
      return async (article: { title: string | null }) => {
        if (article.title?.includes('POISON')) throw new TypeError('Invalid URL');
        return (value as (a: unknown) => Promise<boolean>).call(target, article);
      };
    },
  });
}

describe.each(ENGINES)('the pipeline driver (%s)', (engine) => {
  const dir = tempDir();
  afterAll(async () => {
    dir.cleanup();
    if (engine === 'postgres') await dropAll();
  });

  it('a capture that throws is retried, then parked as failed; the others all go in; a retry after the fix completes it', async () => {
    const a = await makeArchive(engine, dir.path);
    const files = ['Harvest Figures Published', 'POISON Pill', 'Delegation Leaves for Russia'].map(
      (title, i) => {
        const path = join(dir.path, `${engine}-${i}.jsonl`);
        writeFileSync(
          path,
          `${record(title, `${title}: the text of story ${i}, long enough to be a story of its own.`)}\n`,
        );
        return path;
      },
    );
    const faulty = poisoned(a.store);
    for (const path of files)
      await captureFile(faulty, path, {
        format: 'auto',
        options: {},
        capturedAt: '2026-11-28T00:00:00.000Z',
      });
    const result = await drain(faulty, { maxAttempts: 3 });
    expect(result).toMatchObject({ processed: 2, failures: 3, failed: 1 });
    expect(result.report.errors).toHaveLength(1);
    expect(result.report.errors[0]).toMatch(
      /-1\.jsonl: could not be processed \(attempt 3 of 3: TypeError: Invalid URL\); parked as failed/,
    );
    expect(result.report.warnings.filter((w) => /will be retried/.test(w))).toHaveLength(2);
    const titles = (await a.store.listArticles({})).items.map((x) => x.title).sort();
    expect(titles).toEqual(['Delegation Leaves for Russia', 'Harvest Figures Published']);
    const failed = (await a.store.listCaptures({ state: 'failed' })).items;
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      attempts: 3,
      lastError: 'TypeError: Invalid URL',
      processedAt: null,
    });
    expect((await a.store.stats()).failedCaptures).toBe(1);
    const page = await (await createApp({ store: a.store }).request('/sources')).text();
    expect(page).toMatch(/1 capture failed/);
    expect(page).toMatch(/-1\.jsonl \(.*3 attempts\): TypeError: Invalid URL/);
    // Parked: a later drain leaves it alone.
    expect((await drain(a.store)).processed).toBe(0);
    // The bug fixed (here: the real store), the failed capture is re-queued and completes.
    expect(await a.store.requeueCaptures('failed')).toBe(1);
    expect((await drain(a.store)).processed).toBe(1);
    expect((await a.store.listArticles({})).total).toBe(3);
    expect((await a.store.stats()).failedCaptures).toBe(0);
    await a.store.close();
  });

  it('a known article redirected to an unusable Location is one more capture, not the end of the import', async () => {
    const a = await makeArchive(engine, dir.path);
    const page = readFileSync(new URL('../fixtures/site/rodong-article.html', import.meta.url));
    const other = RODONG_URL.replace('0003', '0004');
    const otherPage = readFileSync(
      new URL('../fixtures/site/rodong/2022-03-11-0004.html', import.meta.url),
    );
    const html = { 'Content-Type': 'text/html; charset=utf-8' };
    const records = [
      await responseRecord(RODONG_URL, 'HTTP/1.1 200 OK', html, page, '2022-03-12T08:00:00Z'),
      await responseRecord(
        RODONG_URL,
        'HTTP/1.1 301 Moved Permanently',
        { Location: 'http://[bad' },
        new Uint8Array(),
        '2022-03-13T08:00:00Z',
      ),
      await responseRecord(other, 'HTTP/1.1 200 OK', html, otherPage, '2022-03-14T08:00:00Z'),
    ];
    const path = join(dir.path, `${engine}-redirect.warc`);
    writeFileSync(path, Buffer.concat(records));
    const report = await a.import([path]);
    expect(report.errors).toEqual([]);
    expect((await a.store.stats()).unprocessedCaptures).toBe(0);
    expect((await a.store.listArticles({ status: 'live' })).total).toBe(2);
    await a.store.close();
  });

  it('searches only read: what no drain indexed yet is not found, and the search changes nothing', async () => {
    const a = await makeArchive(engine, dir.path);
    const path = join(dir.path, `${engine}-unread.jsonl`);
    writeFileSync(
      path,
      `${record('Tractor Plant Innovations', 'Workers of the tractor plant made innovations.')}\n`,
    );
    await captureFile(a.store, path, {
      format: 'auto',
      options: {},
      capturedAt: '2026-11-28T00:00:00.000Z',
    });
    await drain(a.store, { refresh: false });
    const before = await a.store.search.changesSince(-1);
    expect((await searchArchive(a.store, { query: 'tractor' })).total).toBe(0);
    expect((await a.store.search.changesSince(-1)).generation).toBe(before.generation);
    await a.store.search.refresh();
    expect((await searchArchive(a.store, { query: 'tractor' })).total).toBe(1);
    await a.store.close();
  });
});
