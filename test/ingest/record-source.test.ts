/** A JSONL record without a `source` is filed by its URL's site and its language. */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { freshArchive } from '../helpers/archive.js';
import { MAX_ERROR_LINES } from '../../src/ingest/report.js';

const dir = tempDir();
afterAll(() => dir.cleanup());
const HEADLINES = new URL('../fixtures/jsonl/kcna-headlines-slice.jsonl', import.meta.url).pathname;
const slice = readFileSync(HEADLINES, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));

async function bySource(a: ReturnType<typeof freshArchive>): Promise<Record<string, number>> {
  const { items } = await a.store.listArticles({ limit: 100 });
  const counts: Record<string, number> = {};
  for (const x of items) counts[x.sourceId] = (counts[x.sourceId] ?? 0) + 1;
  return counts;
}

describe('the source of a record that names none', () => {
  const en = slice.filter((r) => r.language === 'en').length;
  const es = slice.filter((r) => r.language === 'es').length;

  it('files real kcna.co.jp headlines under KCNA.co.jp, En or Es by their language', async () => {
    expect([en, es]).toEqual([12, 8]);
    const a = freshArchive(dir.path);
    const report = await a.import([HEADLINES]);
    expect(report).toMatchObject({ rejected: 0, errors: [], records: 20, articles: { new: 20 } });
    expect(await bySource(a)).toEqual({ 'kcna-co-jp-en': en, 'kcna-co-jp-es': es });
    expect(await a.store.getSource('kcna-co-jp-es')).toEqual({
      id: 'kcna-co-jp-es',
      name: 'KCNA.co.jp',
      language: 'es',
      label: 'KCNA.co.jp (Es)',
    });
    const { items } = await a.store.listArticles({ limit: 100 });
    for (const x of items) {
      const record = slice.find((r) => r.title === x.title)!;
      expect(x).toMatchObject({ url: record.url, language: record.language, status: 'teaser' });
    }
    await a.store.close();
  });

  it('narrows --source KCNA to the site of each URL instead of filing kcna.co.jp under KCNA.kp', async () => {
    const a = freshArchive(dir.path);
    expect((await a.import([HEADLINES], { source: 'KCNA' })).rejected).toBe(0);
    expect(await bySource(a)).toEqual({ 'kcna-co-jp-en': en, 'kcna-co-jp-es': es });
    await a.store.close();
  });

  it("keeps the record's own source first, then an exact --source label", async () => {
    const a = freshArchive(dir.path);
    const file = join(dir.path, 'named.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ ...slice[0], source: 'Naenara (En)' })}\n${JSON.stringify(slice[1])}\n`,
    );
    expect((await a.import([file], { source: 'KCNA.kp (En)' })).rejected).toBe(0);
    expect(await bySource(a)).toEqual({ 'naenara-en': 1, 'kcna-kp-en': 1 });
    await a.store.close();
  });

  it("reads kcna.kp's edition from its folder, and rejects an unknown host in one line naming it", async () => {
    const a = freshArchive(dir.path);
    const file = join(dir.path, 'hosts.jsonl');
    // Made-up records: the headlines corpus has no kcna.kp URL.
    const lines = [
      {
        title: 'Kim Jong Un Inspects Farm',
        published: '2025-01-22',
        url: 'http://kcna.kp/en/article/q/1.kcmsf',
      },
      {
        title: 'Kim Jong Un inspecciona granja',
        published: '2025-01-22',
        url: 'http://kcna.kp/es/article/q/2.kcmsf',
      },
      {
        title: '김정은동지 농장 현지지도',
        published: '2025-01-22',
        url: 'http://kcna.kp/kp/article/q/3.kcmsf',
      },
      { title: 'Somewhere else', published: '2025-01-22', url: 'https://news.example.org/a/1' },
    ];
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const report = await a.import([file]);
    expect(report.errors).toEqual([
      `${file}:4: record names no source, and its URL's host "news.example.org" is no site wirewatch knows (give --source)`,
    ]);
    expect(await bySource(a)).toEqual({ 'kcna-kp-en': 1, 'kcna-kp-es': 1, 'kcna-kp-ko': 1 });
    await a.store.close();
  });

  it('counts the rejections past the cap in one last line', async () => {
    const a = freshArchive(dir.path);
    const file = join(dir.path, 'anonymous.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ title: 'No source, no URL' })}\n`.repeat(MAX_ERROR_LINES + 1234),
    );
    const report = await a.import([file]);
    expect(report.rejected).toBe(MAX_ERROR_LINES + 1234);
    expect(report.errors).toHaveLength(MAX_ERROR_LINES + 1);
    expect(report.errors[0]).toBe(
      `${file}:1: record names no source and has no URL to tell it by (give --source)`,
    );
    expect(report.errors.at(-1)).toBe('… and 1,234 more rejections not listed');
    await a.store.close();
  });
});
