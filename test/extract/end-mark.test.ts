/**
 * Wire copy is the same however it arrived: the story of test/golden/text/kcna-text-1 (a real KCNA
 * text as KCNA Watch shows it) read as a text page, and the same story set in the markup of KCNA's
 * 2026 article page, of the q layout and of KCNA Watch (constructed here from the real text), give
 * the same paragraphs — the agency's `-0-` ends the story in each and is kept in none.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileById } from '../../src/extract/sites/index.js';
import { extractTextPage } from '../../src/extract/text-page.js';

const text = readFileSync(
  join(import.meta.dirname, '../golden/text/kcna-text-1/input.txt'),
  'utf8',
);
const fromText = extractTextPage(text).articles[0]!;
const title = fromText.title!;
const body = fromText.paragraphs;
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const paras = (lines: string[]) => lines.map((p) => `<p>${escape(p)}</p>`).join('');
const glued = [...body.slice(0, -1), `${body.at(-1)} -0-`];
const alone = [...body, '-0-'];

const pages = {
  'kcna-en 2026 detail, mark glued': {
    profile: 'kcna-en',
    url: 'http://www.kcna.kp/en/article/detail/aaaa1111bbbb2222cccc3333dddd4444',
    html: `<main><article><div class="container"><h1 class="text-center text-danger">${escape(title)}</h1>${paras(glued)}</div></article></main>`,
  },
  'kcna-en 2026 detail, mark alone': {
    profile: 'kcna-en',
    url: 'http://www.kcna.kp/en/article/detail/aaaa1111bbbb2222cccc3333dddd4444',
    html: `<main><article><div class="container"><h1 class="text-center text-danger">${escape(title)}</h1>${paras(alone)}</div></article></main>`,
  },
  'kcna-en q layout': {
    profile: 'kcna-en',
    url: 'http://www.kcna.kp/en/article/q/0123456789abcdef0123456789abcdef.kcmsf',
    html: `<div class="article-main-title">${escape(title)}</div><span class="publish-time">www.kcna.kp (Juche108.11.19.)</span><div class="article-content-body"><div class="content-wrapper">${paras(glued)}</div></div>`,
  },
  'kcnawatch article': {
    profile: 'kcnawatch',
    url: 'https://kcnawatch.org/newstream/1574145062-356811741/x/',
    html: `<h1>${escape(title)}</h1><div class="article-content"><p>Date: 19/11/2019 | Source: KCNA.kp (En) | Read original version at source</p>${paras(glued)}<p>More From KCNA.kp (En)</p><p>Other story</p></div>`,
  },
};

describe('the end of story mark', () => {
  it('the text page itself ends the story at -0- and keeps no mark', () => {
    expect(fromText.complete).toBe(true);
    expect(body.length).toBeGreaterThan(5);
    expect(body.some((p) => p.includes('-0-'))).toBe(false);
  });

  for (const [name, page] of Object.entries(pages)) {
    it(`${name}: the same paragraphs as the text import, complete`, () => {
      const parsed = profileById(page.profile)!.parse(page.html, page.url);
      expect(parsed.problems).toEqual([]);
      expect(parsed.article?.paragraphs).toEqual(body);
      expect(parsed.article?.complete).toBe(true);
    });
  }
});
