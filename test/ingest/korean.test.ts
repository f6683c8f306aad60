import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { freshArchive } from '../helpers/archive.js';

/** The Korean editions as a scraper (bicheondev/nkarchive) recorded them, imported as JSONL. */
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'korean');
const KCNA = join(
  FIXTURES,
  'kcna-kp__bicheondev-nkarchive__news-details-sample-2026-08-20-21.jsonl',
);
const RODONG = join(
  FIXTURES,
  'rodong-ko__bicheondev-nkarchive__rodong-ko-text-sample-2026-03-04.jsonl',
);
const MINJU = join(
  FIXTURES,
  'minju-choson__bicheondev-nkarchive__photo-list-records-sample-2025-2026.jsonl',
);

const dir = tempDir();
afterAll(() => dir.cleanup());

function records(path: string): Array<Record<string, unknown>> {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('importing Korean JSONL', () => {
  it('files KCNA.kp (Ko) stories with their dateline, date and end, without the page-title prefix', async () => {
    const a = freshArchive(dir.path);
    const report = await a.import([KCNA]);
    expect(report.rejected).toBe(0);
    const source = await a.store.getSource('kcna-kp-ko');
    expect(source?.label).toBe('KCNA.kp (Ko)');
    const all = await a.store.listArticles({ limit: 100 });
    const input = records(KCNA);
    expect(all.total).toBe(new Set(input.map((r) => r.url)).size);
    for (const article of all.items) {
      expect(article.sourceId).toBe('kcna-kp-ko');
      expect(article.language).toBe('ko');
      expect(article.title ?? '').not.toMatch(/^조선중앙통신 \|/);
      expect(article.paragraphs.join('\n')).not.toContain('(끝)');
    }
    const ebola = all.items.find((x) => x.title?.startsWith('세계보건기구 에볼라비루스'))!;
    expect(ebola.published).toEqual({ year: 2026, month: 8, day: 21, basis: 'record' });
    expect(ebola.dateline).toMatchObject({
      place: '평양',
      month: 8,
      day: 21,
      agency: '조선중앙통신',
    });
    // The headline printed again above the body is not the story's first paragraph.
    expect(ebola.paragraphs[0]).toMatch(
      /^\(평양 8월 21일발 조선중앙통신\) 세계보건기구 총국장이 18일/,
    );
    expect(ebola.paragraphs.at(-1)).toMatch(/강조하였다\.$/);
    const moscow = all.items.find((x) => x.dateline?.place === '모스크바');
    expect(moscow?.dateline).toMatchObject({ month: 8, day: 20 });
    // Anecdotes and memories have no dateline; nothing is invented for them.
    const withDateline = all.items.filter((x) => x.dateline !== null).length;
    expect(withDateline).toBeGreaterThan(15);
    expect(withDateline).toBeLessThan(all.total);
  });

  it('files Rodong Sinmun (Ko) stories with bylines kept and the agency credit removed', async () => {
    const a = freshArchive(dir.path);
    const report = await a.import([RODONG]);
    expect(report.rejected).toBe(0);
    const all = await a.store.listArticles({ limit: 100 });
    expect(all.total).toBe(9);
    for (const article of all.items) expect(article.sourceId).toBe('rodong-ko');
    const exhibition = all.items.find((x) => x.title?.includes('사진전람회 각도'))!;
    expect(exhibition.paragraphs[0]).toMatch(/^경사스러운 태양절을 맞으며/);
    expect(exhibition.paragraphs.join('\n')).not.toContain('【조선중앙통신】');
    const wheat = all.items.find((x) => x.title === '밀가공능력 계속 확대, 제품의 가지수 증가')!;
    expect(wheat.paragraphs.at(-1)).toBe('본사기자 리영민');
    const teacher = all.items.find((x) => x.title === '언제나 한모습')!;
    expect(teacher.paragraphs.at(-1)).toBe('로농통신원 정영희');
    expect(teacher.paragraphs.join('\n')).not.toContain('목록으로');
    // Full-width digits stay as printed: the text is the paper's.
    expect(all.items.some((x) => x.title?.includes('１１４돐'))).toBe(true);
  });

  it('files Minju Choson photo records under Minju Choson (Ko), by the name they print', async () => {
    const a = freshArchive(dir.path);
    const report = await a.import([MINJU]);
    expect(report.rejected).toBe(0);
    const all = await a.store.listArticles({ limit: 100 });
    expect(all.total).toBe(new Set(records(MINJU).map((r) => r.url)).size);
    for (const article of all.items) {
      expect(article.sourceId).toBe('minju-choson-ko');
      expect(article.published.basis).toBe('record');
    }
  });
});

describe('importing Korean text pages', () => {
  const golden = (name: string) =>
    join(import.meta.dirname, '..', 'golden', 'text', name, 'input.txt');

  it('files each page under its Korean edition, from its URL and its script', async () => {
    const a = freshArchive(dir.path);
    const pages = {
      'ko-kcna-kp-article': 'kcna-kp-ko',
      'ko-kcna-co-jp-glued-2022': 'kcna-co-jp-ko',
      'ko-rodong-page-line': 'rodong-ko',
      'ko-vok-report': 'vok-ko',
      'ko-uriminzokkiri-byline': 'uriminzokkiri-ko',
      'ko-dprktoday-share-buttons': 'dprk-today-ko',
    };
    const report = await a.import(Object.keys(pages).map(golden));
    expect(report.rejected).toBe(0);
    const all = await a.store.listArticles({ limit: 100 });
    expect(all.items.map((x) => x.sourceId).sort()).toEqual(Object.values(pages).sort());
    const kcna = all.items.find((x) => x.sourceId === 'kcna-kp-ko')!;
    expect(kcna.published).toEqual({ year: 2025, month: 12, day: 17, basis: 'page' });
    expect(kcna.title).toBe('나라의 곳곳에 새겨진 절세위인의 불멸의 자욱');
  });
});
