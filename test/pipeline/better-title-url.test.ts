/**
 * A teaser-only or untitled article improved by a later record of the same article: a better title
 * (one over none or a placeholder, a whole title over a truncated one) and the article's own URL
 * (one over none, the source's own site over an aggregator's copy). Nothing is rewritten: the
 * versions keep the titles they were seen with, and a later worse record never undoes the improvement.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { ENGINES, makeArchive, type Engine } from '../helpers/archive.js';
import { dropAll } from '../helpers/pg.js';
import { responseRecord } from '../helpers/warc.js';

const dir = tempDir();
afterAll(async () => {
  dir.cleanup();
  await dropAll();
});

const BODY = [
  "Pyongyang, January 22 (KCNA) -- Kim Jong Un, general secretary of the Workers' Party of Korea and president of the State Affairs of the DPRK, inspected the construction site of the Pyongyang General Hospital on January 21.",
  'He went round the wards under construction and learned in detail about the progress of the work, saying that the hospital should be completed to the highest standard in the shortest possible time.',
  'He set forth the tasks for speeding up the construction and finishing the interior and the equipment of the hospital by the anniversary of the founding of the Party.',
].join('\n\n');
const FULL = 'Kim Jong Un Inspects Construction Site of Pyongyang General Hospital';
const OWN_URL = 'http://kcna.kp/en/article/detail/5d4f0c4c8a3b1e2f';
const CUT = 'Kim Jong Un Inspects Construction Site of…';
const AGGREGATOR_URL = 'https://kcnawatch.org/newstream/1737500000-1234567/kim-jong-un-inspects/';

let n = 0;
function jsonl(records: Record<string, unknown>[]): string {
  const path = join(dir.path, `records-${n++}.jsonl`);
  writeFileSync(path, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
}
const record = (fields: Record<string, unknown>) => ({
  source: 'KCNA.kp (En)',
  language: 'en',
  published: '2025-01-22',
  ...fields,
});

/** Imports each file in its own run, an hour apart, so each later record is seen later. */
async function importInTurn(engine: Engine, files: string[], source?: string) {
  const a = await makeArchive(engine, dir.path);
  for (const [i, file] of files.entries()) {
    const report = await a.import([file], {
      now: () => `2026-11-28T${String(i + 1).padStart(2, '0')}:00:00.000Z`,
      ...(source ? { source } : {}),
    });
    expect(report.errors).toEqual([]);
  }
  const { items } = await a.store.listArticles({ limit: 10 });
  return { a, items };
}

describe.each(ENGINES)(
  'a later record improves an untitled or teaser-only article (%s)',
  (engine) => {
    it('an untitled text gets the title and URL of a later titled record of the same text', async () => {
      const { a, items } = await importInTurn(engine, [
        jsonl([record({ title: '', body: BODY })]),
        jsonl([record({ title: FULL, body: BODY, url: OWN_URL })]),
      ]);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ title: FULL, url: OWN_URL, status: 'live' });
      const versions = await a.store.getVersions(items[0]!.id);
      expect(versions.map((v) => v.title)).toEqual([null]);
      await a.store.close();
    });

    it('a placeholder title ("Untitled") is replaced by a later real one', async () => {
      const { a, items } = await importInTurn(engine, [
        jsonl([record({ title: 'Untitled', body: BODY })]),
        jsonl([record({ title: FULL, body: BODY, url: OWN_URL })]),
      ]);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ title: FULL, url: OWN_URL });
      const versions = await a.store.getVersions(items[0]!.id);
      expect(versions.map((v) => v.title)).toEqual(['Untitled']);
      await a.store.close();
    });

    it('a headline-only record with a truncated title and an aggregator URL is completed by the full record', async () => {
      const { a, items } = await importInTurn(engine, [
        jsonl([
          record({ title: 'Kim Jong Un Inspects Construction Site of…', url: AGGREGATOR_URL }),
        ]),
        jsonl([record({ title: FULL, body: BODY, url: OWN_URL })]),
      ]);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ title: FULL, url: OWN_URL, status: 'live' });
      await a.store.close();
    });

    it('a text with an aggregator URL takes the source own URL from a later record', async () => {
      const { a, items } = await importInTurn(engine, [
        jsonl([record({ title: FULL, body: BODY, url: AGGREGATOR_URL })]),
        jsonl([record({ title: FULL, body: BODY, url: OWN_URL })]),
      ]);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ title: FULL, url: OWN_URL });
      await a.store.close();
    });

    it('a text with a truncated title takes the whole title of a later record', async () => {
      const { a, items } = await importInTurn(engine, [
        jsonl([
          record({
            title: 'Kim Jong Un Inspects Construction Site of Pyongyang Gen...',
            body: BODY,
          }),
        ]),
        jsonl([record({ title: FULL, body: BODY, url: OWN_URL })]),
      ]);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ title: FULL, url: OWN_URL });
      await a.store.close();
    });

    it('a later worse record of the text (a cut title, an aggregator URL) changes neither, nor adds a version', async () => {
      const { a, items } = await importInTurn(engine, [
        jsonl([record({ title: FULL, body: BODY, url: OWN_URL })]),
        jsonl([record({ title: CUT, body: BODY, url: AGGREGATOR_URL })]),
      ]);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ title: FULL, url: OWN_URL, versionCount: 1 });
      await a.store.close();
    });

    it('an edit seen under a cut title is a new version that keeps it, under the whole title', async () => {
      const { a, items } = await importInTurn(engine, [
        jsonl([record({ title: FULL, body: BODY, url: OWN_URL })]),
        jsonl([record({ title: CUT, body: `${BODY}\n\nOne more sentence was added.` })]),
      ]);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ title: FULL, url: OWN_URL, versionCount: 2 });
      expect(items[0]!.paragraphs.at(-1)).toBe('One more sentence was added.');
      const versions = await a.store.getVersions(items[0]!.id);
      expect(versions.map((v) => v.title)).toEqual([FULL, CUT]);
      await a.store.close();
    });

    it('a later headline-only record with a cut title leaves the whole article as it is', async () => {
      const { a, items } = await importInTurn(engine, [
        jsonl([record({ title: FULL, body: BODY, url: OWN_URL })]),
        jsonl([record({ title: CUT, url: AGGREGATOR_URL })]),
      ]);
      const whole = items.filter((x) => x.status === 'live');
      expect(whole).toHaveLength(1);
      expect(whole[0]).toMatchObject({ title: FULL, url: OWN_URL, versionCount: 1 });
      await a.store.close();
    });

    it('a title that only opens like a cut headline, or a cut of under six words, is another article', async () => {
      const { a, items } = await importInTurn(engine, [
        jsonl([
          record({ title: 'Kim Jong Un Inspects Construction Site of Sunan…' }),
          record({ title: 'Kim Jong Un Inspects…', published: '2025-01-23' }),
        ]),
        jsonl([
          record({ title: FULL, body: BODY, url: OWN_URL }),
          record({
            title: 'Kim Jong Un Inspects Farm',
            body: 'Pyongyang, January 23 (KCNA) -- A farm.',
            published: '2025-01-23',
          }),
        ]),
      ]);
      expect(items).toHaveLength(4);
      expect(
        items
          .filter((x) => x.status === 'teaser')
          .map((x) => x.title)
          .sort(),
      ).toEqual(['Kim Jong Un Inspects Construction Site of Sunan…', 'Kim Jong Un Inspects…']);
      await a.store.close();
    });

    it('a teaser from a listing (no title, no URL) is completed with the title and URL of the full record', async () => {
      const page = join(dir.path, 'listing.txt');
      const teaser = BODY.split('\n\n')[0]!.slice(0, 140);
      writeFileSync(page, `More From KCNA.kp (En)\n${teaser}\nJanuary 22, 2025\n${teaser}\n`);
      const { a, items } = await importInTurn(engine, [
        page,
        jsonl([record({ title: FULL, body: BODY, url: OWN_URL })]),
      ]);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        title: FULL,
        url: OWN_URL,
        status: 'live',
        versionCount: 1,
      });
      const listed = await a.store.listListingEntries({ articleId: items[0]!.id });
      expect(listed.map((l) => l.text)).toEqual([teaser]);
      await a.store.close();
    });

    it('a crawled list of an aggregator (cut title, its own copy) then the source page: one article, bettered', async () => {
      const html = (body: string) => new TextEncoder().encode(`<html><body>${body}</body></html>`);
      const ok = { 'Content-Type': 'text/html; charset=utf-8' };
      const list = await responseRecord(
        'https://kcnawatch.org/kcna-kp-en/',
        'HTTP/1.1 200 OK',
        ok,
        html(
          `<div class="archive-list"><article><div class="article-desc"><h4><a href="${AGGREGATOR_URL}">${CUT}</a></h4><span class="articled-date">January 22, 2025</span></div></article></div>`,
        ),
        '2025-01-22T10:00:00Z',
      );
      const page = await responseRecord(
        OWN_URL,
        'HTTP/1.1 200 OK',
        ok,
        html(
          `<main><article><div class="container"><h1 class="text-center text-danger">${FULL}</h1>${BODY.split(
            '\n\n',
          )
            .map((p) => `<p>${p}</p>`)
            .join('')}</div></article></main>`,
        ),
        '2025-01-22T11:00:00Z',
      );
      const warc = join(dir.path, `crawl-${n++}.warc`);
      writeFileSync(warc, Buffer.concat([list, page]));
      const { a, items } = await importInTurn(engine, [warc], 'KCNA.kp (En)');
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        title: FULL,
        url: OWN_URL,
        status: 'live',
        versionCount: 1,
      });
      // What the list showed stays on record: its headline as cut and the aggregator's link.
      const listed = await a.store.listListingEntries({ articleId: items[0]!.id });
      expect(listed.map((l) => [l.text, l.link])).toEqual([[CUT, AGGREGATOR_URL]]);
      await a.store.close();
    });

    it('a crawled list that shows the whole title at the same link betters a cut one; a cut one again does not undo it', async () => {
      const list = (title: string, at: string) =>
        responseRecord(
          'https://kcnawatch.org/kcna-kp-en/',
          'HTTP/1.1 200 OK',
          { 'Content-Type': 'text/html; charset=utf-8' },
          new TextEncoder().encode(
            `<div class="archive-list"><article><div class="article-desc"><h4><a href="${AGGREGATOR_URL}">${title}</a></h4><span class="articled-date">January 22, 2025</span></div></article></div>`,
          ),
          at,
        );
      const warc = join(dir.path, `crawl-${n++}.warc`);
      writeFileSync(
        warc,
        Buffer.concat([
          await list(CUT, '2025-01-22T10:00:00Z'),
          await list(FULL, '2025-01-22T11:00:00Z'),
          await list(CUT, '2025-01-22T12:00:00Z'),
        ]),
      );
      const { a, items } = await importInTurn(engine, [warc], 'KCNA.kp (En)');
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ title: FULL, url: AGGREGATOR_URL, status: 'teaser' });
      const listed = await a.store.listListingEntries({ articleId: items[0]!.id });
      // Drained in the file's order (cut, whole, cut): the last list showed it cut again.
      expect(listed.map((l) => l.text).sort()).toEqual([FULL, CUT, CUT]);
      await a.store.close();
    });
  },
);
