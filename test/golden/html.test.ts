import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/capture/decode.js';
import { extractHtmlArticle } from '../../src/extract/html/index.js';

/**
 * Golden HTML pages, one folder per case: input.html (the bytes as served), expected.json and an
 * optional context.json ({ "url" }). `bench-*` cases are pages of the article-extraction benchmark
 * (MIT; `benchmarkId` names the page); the others are made by hand for one edge each. Each
 * expected.json was produced by the extractor and then checked line by line against the page; a
 * failure means extraction changed, so fix the code or consciously the golden
 * (`WIREWATCH_UPDATE_GOLDEN=1 npx vitest run test/golden/html.test.ts` rewrites them).
 */
const root = join(import.meta.dirname, 'html');
const cases = readdirSync(root).filter((name) => existsSync(join(root, name, 'input.html'))).sort();

function run(name: string) {
  const dir = join(root, name);
  const context = existsSync(join(dir, 'context.json'))
    ? (JSON.parse(readFileSync(join(dir, 'context.json'), 'utf8')) as { url?: string }) : {};
  const decoded = decodeText(readFileSync(join(dir, 'input.html')));
  return { encoding: decoded.charset, ...extractHtmlArticle(decoded.text, context.url) };
}

describe('golden HTML pages', () => {
  it('has the hand-made edge cases and a handful of benchmark pages', () => {
    for (const name of ['no-title-no-date', 'dateline-only', 'charset-windows-1252', 'undeclared-latin1-fallback', 'url-date-and-site-suffix']) {
      expect(cases).toContain(name);
    }
    expect(cases.filter((c) => c.startsWith('bench-')).length).toBeGreaterThanOrEqual(5);
  });

  for (const name of cases) {
    it(name, () => {
      const file = join(root, name, 'expected.json');
      const actual = run(name);
      if (process.env.WIREWATCH_UPDATE_GOLDEN === '1') {
        writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
      }
      expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    });
  }
});

describe('hand-made edge cases, asserted part by part', () => {
  it('a page without title or date says so and still finds the body', () => {
    const a = run('no-title-no-date');
    expect(a.title).toBeNull();
    expect(a.published).toBeNull();
    expect(a.paragraphs).toHaveLength(3);
    expect(a.warnings).toContain('no title found');
  });

  it('a wire dateline gives month and day, never a year', () => {
    const a = run('dateline-only');
    expect(a.title).toBe('Farmers Report Bumper Crop');
    expect(a.published).toEqual({ year: null, month: 3, day: 24, basis: 'dateline-only' });
    expect(a.paragraphs[0]).toMatch(/^Pyongyang, March 24 \(KCNA\) -- The committee/);
    expect(a.paragraphs.join(' ')).not.toContain('Another story');
  });

  it('reads a URL date and strips the site suffix, byline and share bar', () => {
    const a = run('url-date-and-site-suffix');
    expect(a.title).toBe('Harvest Figures Published');
    expect(a.published).toEqual({ year: 2019, month: 3, day: 24, basis: 'url' });
    expect(a.language).toBe('en');
    expect(a.paragraphs).toHaveLength(3);
  });

  it('decodes a declared windows-1252 page and an undeclared one that is not UTF-8', () => {
    const declared = run('charset-windows-1252');
    expect(declared.encoding).toBe('windows-1252');
    expect(declared.title).toBe('Récolte record dans le nord');
    expect(declared.published).toEqual({ year: 2021, month: 9, day: 30, basis: 'page' });
    expect(declared.paragraphs[1]).toContain('d’irrigation');
    const fallback = run('undeclared-latin1-fallback');
    expect(fallback.encoding).toBe('windows-1252');
    expect(fallback.paragraphs[0]).toContain('café au lait');
  });
});
