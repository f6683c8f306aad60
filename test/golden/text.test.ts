import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractTextPage } from '../../src/extract/text-page.js';
import type { PageExtract } from '../../src/extract/types.js';
import { loadContext } from './text/context.js';

/**
 * Golden pages, one folder per case (as Readability's test pages): input.txt, expected.json and an
 * optional context.json. Each expected.json was written by hand against its input; a failure means
 * the extractor changed what it reads from a real page, so fix the code or consciously the golden.
 */
const root = join(import.meta.dirname, 'text');
const cases = readdirSync(root).filter((name) => existsSync(join(root, name, 'input.txt'))).sort();

function run(name: string): PageExtract {
  const dir = join(root, name);
  return extractTextPage(readFileSync(join(dir, 'input.txt'), 'utf8'), loadContext(dir));
}

describe('golden text pages', () => {
  it('has every shared fixture and the seed as a case', () => {
    expect(cases).toContain('seed');
    for (const n of [1, 2, 3, 4, 6, 7, 9, 10, 12, 15, 17, 18, 19, 20]) expect(cases).toContain(`kcna-text-${n}`);
  });

  it('has a case for every Korean article fixture (KOREAN.md says which fixture each one is)', () => {
    const notes = readFileSync(join(root, 'KOREAN.md'), 'utf8');
    const korean = cases.filter((name) => name.startsWith('ko-'));
    expect(korean.length).toBeGreaterThanOrEqual(17);
    for (const name of korean) expect(notes).toContain(name.replace(/-20(11|22)$/, ''));
  });

  for (const name of cases) {
    it(name, () => {
      const expected = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8')) as PageExtract;
      expect(run(name)).toEqual(expected);
    });
  }
});

describe('the seed page, asserted part by part', () => {
  const page = run('seed');
  const article = page.articles[0]!;

  it('gives one article without a title and with the aggregator label', () => {
    expect(page.articles).toHaveLength(1);
    expect(article.title).toBeNull();
    expect(article.sourceLabel).toBe('KCNA.kp (En)');
    expect(page.listingSourceLabel).toBe('KCNA.kp (En)');
    expect(article.language).toBe('en');
    expect(article.complete).toBe(true);
  });

  it('reads the dateline and never invents the year', () => {
    expect(article.dateline).toMatchObject({ place: 'Pyongyang', month: 3, day: 24, agency: 'KCNA', damaged: false });
    expect(article.published).toEqual({ year: null, month: 3, day: 24, basis: 'dateline-only' });
  });

  it('has exactly four clean paragraphs, dateline first', () => {
    expect(article.paragraphs).toHaveLength(4);
    expect(article.paragraphs[0]).toMatch(/^Pyongyang, March 24 \(KCNA\) -- Kim Jong Un, general secretary/);
    const body = article.paragraphs.join('\n');
    expect(body).not.toContain('-0-');
    expect(body).not.toContain('More From');
    expect(body).not.toContain('January 2');
    expect(article.paragraphs[3]).toMatch(/building a prosperous socialist state\.$/);
  });

  it('lists 20 unique teasers, 10 per day, each with its own dateline', () => {
    expect(page.teasers).toHaveLength(20);
    expect(new Set(page.teasers.map((t) => t.text)).size).toBe(20);
    expect(page.teasers.map((t) => t.position)).toEqual([...Array(20).keys()]);
    const onDay = (day: number) =>
      page.teasers.filter((t) => t.published.year === 2025 && t.published.month === 1 && t.published.day === day);
    expect(onDay(22)).toHaveLength(10);
    expect(onDay(21)).toHaveLength(10);
    expect(page.teasers.slice(0, 10).every((t) => t.published.day === 22)).toBe(true);
    for (const t of page.teasers) {
      expect(t.published.basis).toBe('listing');
      expect(t.dateline).toMatchObject({ place: 'Pyongyang', month: 1, day: t.published.day, agency: 'KCNA', damaged: false });
      expect(t.text.startsWith(t.dateline!.raw)).toBe(true);
    }
    expect(page.teasers.filter((t) => t.dateline!.raw.endsWith('\u2013'))).toHaveLength(1);
  });
});
