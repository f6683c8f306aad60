/**
 * Which records are one article, on real KCNA records (test/fixtures/jsonl/README.md says where
 * each comes from): two events never merge, an edit stays a version, and applying the same records
 * again changes nothing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { CORPUS_SLICE, freshArchive } from '../helpers/archive.js';

const dir = tempDir();
afterAll(() => dir.cleanup());
const fixture = (name: string) => new URL(`../fixtures/jsonl/${name}`, import.meta.url).pathname;

async function edits(a: ReturnType<typeof freshArchive>): Promise<number> {
  return (await a.store.listEvents({ kinds: ['edit'] })).total;
}

describe('records of one day that open alike but tell different events', () => {
  it('keeps the Hamhung field guidance and the art performance (untitled, one index page) apart', async () => {
    const a = freshArchive(dir.path);
    const report = await a.import([fixture('kcna-es-2011-01-31-two-untitled.jsonl')]);
    expect(report).toMatchObject({ rejected: 0, articles: { new: 2, newVersion: 0 } });
    const { items } = await a.store.listArticles({ limit: 10 });
    expect(items).toHaveLength(2);
    const texts = items.map((x) => x.paragraphs.join(' '));
    expect(texts.some((t) => t.includes('ciudad de Hamhung'))).toBe(true);
    expect(texts.some((t) => t.includes('presencio la funcion de grupos artisticos'))).toBe(true);
    for (const x of items) {
      expect(x.versionCount).toBe(1);
      // The day's index page is where both were listed, not the page of either.
      expect(x.url).toBeNull();
    }
    expect(new Set(items.map((x) => x.id)).size).toBe(2);
    expect(await edits(a)).toBe(0);
    await a.store.close();
  });

  it('gives the two the same ids in a fresh archive, and finds each again when re-applied', async () => {
    const first = freshArchive(dir.path);
    await first.import([fixture('kcna-es-2011-01-31-two-untitled.jsonl')]);
    const ids = (await first.store.listArticles({ limit: 10 })).items.map((x) => x.id).sort();
    const again = join(dir.path, 'two-untitled-again.jsonl');
    writeFileSync(
      again,
      `${readFileSync(fixture('kcna-es-2011-01-31-two-untitled.jsonl'), 'utf8')}\n`,
    );
    expect((await first.import([again])).articles).toMatchObject({
      new: 0,
      unchanged: 2,
      newVersion: 0,
    });
    await first.store.close();

    const second = freshArchive(dir.path);
    await second.import([fixture('kcna-es-2011-01-31-two-untitled.jsonl')]);
    expect((await second.store.listArticles({ limit: 10 })).items.map((x) => x.id).sort()).toEqual(
      ids,
    );
    await second.store.close();
  });

  it('keeps a flash and the full story KCNA issued after it as two articles, with or without "(Urgent)"', async () => {
    const a = freshArchive(dir.path);
    const report = await a.import([fixture('kcna-flash-then-full.jsonl')]);
    expect(report).toMatchObject({ rejected: 0, articles: { new: 4, newVersion: 0 } });
    const { items } = await a.store.listArticles({ limit: 10 });
    const titles = items.map((x) => x.title).sort();
    expect(titles).toEqual([
      'Kim Jong Il Commands Flying Exercises of KPA Air Force Unit',
      'Kim Jong Il Commands Flying Exercises of KPA Air Force Unit',
      'Kim Jong Il Enjoys Demonstration Figure Skating Performance',
      'Kim Jong Il Enjoys Demonstration Figure Skating Performance (Urgent)',
    ]);
    const flying = items.filter((x) => x.title!.startsWith('Kim Jong Il Commands'));
    expect(flying.map((x) => x.paragraphs.length).sort((p, q) => p - q)).toEqual([1, 13]);
    expect(items.every((x) => x.versionCount === 1)).toBe(true);
    expect(await edits(a)).toBe(0);
    await a.store.close();
  });
});

describe('an edited story stays one article', () => {
  it('makes the corrected "Ancestral Mountain of Korea" a second version, an edit of 3 words', async () => {
    const a = freshArchive(dir.path);
    const report = await a.import([fixture('kcna-edited-ancestral-mountain.jsonl')]);
    expect(report.articles).toMatchObject({ new: 1, newVersion: 1 });
    const [article] = (await a.store.listArticles({})).items;
    expect(article!.versionCount).toBe(2);
    const events = await a.store.listEvents({ kinds: ['edit'] });
    expect(events.total).toBe(1);
    expect(events.items[0]).toMatchObject({ articleId: article!.id, versionSeq: 2, editSize: 3 });
    await a.store.close();
  });

  it('makes a story with one paragraph rewritten a new version of it', async () => {
    const a = freshArchive(dir.path);
    const [record] = readFileSync(CORPUS_SLICE, 'utf8')
      .split('\n')
      .slice(0, 1)
      .map((l) => JSON.parse(l));
    const paragraphs: string[] = record.body.split('\n\n');
    expect(paragraphs.length).toBeGreaterThanOrEqual(6);
    const rewritten = [...paragraphs];
    rewritten[4] =
      'The Korean people highly appreciate that the fraternal people of Laos are defending the socialist idea and strengthening the might of the state under the leadership of their party.';
    const file = join(dir.path, 'one-paragraph-changed.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify(record)}\n${JSON.stringify({ ...record, body: rewritten.join('\n\n') })}\n`,
    );
    const report = await a.import([file]);
    expect(report.articles).toMatchObject({ new: 1, newVersion: 1 });
    const [article] = (await a.store.listArticles({})).items;
    const versions = await a.store.getVersions(article!.id);
    expect(versions.map((v) => v.paragraphs[4])).toEqual([paragraphs[4], rewritten[4]]);
    expect(await edits(a)).toBe(1);
    await a.store.close();
  });
});

describe('applying the same records again', () => {
  it('finds titled records of under 6 body words again instead of adding a second article', async () => {
    const a = freshArchive(dir.path);
    const first = await a.import([fixture('kcna-short-bodies.jsonl')]);
    expect(first.articles).toMatchObject({ new: 4 });
    const copy = join(dir.path, 'short-bodies-again.jsonl');
    writeFileSync(copy, `\n${readFileSync(fixture('kcna-short-bodies.jsonl'), 'utf8')}`);
    const again = await a.import([copy]);
    expect(again.captures.new).toBe(1);
    expect(again.articles).toEqual({ new: 0, unchanged: 4, newVersion: 0, completedTeaser: 0 });
    expect((await a.store.stats()).articles).toBe(4);
    await a.store.close();
  });

  it.each([
    [
      'a titled record of two words',
      { title: 'est Players, Coaches of Taekwon-Do, Ssirum for 2011', body: 'Kim Ho Jong.' },
    ],
    ['an untitled bare dateline', { title: null, body: 'Pyongyang, February 8 (KCNA) --' }],
  ])('makes 2,000 identical undated lines (%s) one article', async (_, fields) => {
    const a = freshArchive(dir.path);
    const file = join(dir.path, `identical-${fields.title ? 'titled' : 'dateline'}.jsonl`);
    writeFileSync(
      file,
      `${JSON.stringify({ source: 'KCNA (kcna.co.jp)', language: 'en', ...fields })}\n`.repeat(
        2000,
      ),
    );
    const report = await a.import([file]);
    expect(report).toMatchObject({
      rejected: 0,
      records: 2000,
      articles: { new: 1, unchanged: 1999 },
    });
    expect(await a.store.stats()).toMatchObject({ articles: 1, versions: 1 });
    await a.store.close();
  });
});
