import { describe, expect, it } from 'vitest';
import { citationBibtex, citationCsl, citationText, type CitationFacts } from './citation.js';

const facts: CitationFacts = {
  articleId: 'kcna-1',
  title: 'Kim Jong Un Inspects {Unit} 100% & more \\ end',
  label: 'Kim Jong Un Inspects',
  publisher: 'Korean Central News Agency',
  sourceLabel: 'KCNA.kp (En)',
  published: { year: 2013, month: 12, day: 9, basis: 'page' },
  dateBasis: 'printed on the page',
  url: 'http://www.kcna.kp/item/1',
  language: 'en',
  permalink: 'https://archive.example/articles/kcna-1/versions/2',
  version: 2,
  versions: 3,
  capturedAt: '2013-12-10T01:02:03.000Z',
  captureSha256: 'ab'.repeat(32),
};

/** Braces balance once escaped ones are set aside: no field can end early. */
function balanced(text: string): boolean {
  let depth = 0;
  for (const c of text.replace(/\\[{}]/g, '')) {
    if (c === '{') depth++;
    if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

describe('citations', () => {
  it('names the text as published and the archived copy, in one line of plain text', () => {
    expect(citationText(facts)).toBe(
      '“Kim Jong Un Inspects {Unit} 100% & more \\ end.” Korean Central News Agency (KCNA.kp (En)), ' +
        '2013-12-09 (printed on the page). Original: http://www.kcna.kp/item/1. Archived by wirewatch, ' +
        `version 2 of 3, captured 2013-12-10T01:02:03.000Z (sha-256 ${'ab'.repeat(32)}): ` +
        'https://archive.example/articles/kcna-1/versions/2',
    );
  });

  it('escapes what BibTeX would read as markup, and keeps its braces balanced', () => {
    const bib = citationBibtex(facts);
    expect(bib).toContain(
      'title = {{Kim Jong Un Inspects \\{Unit\\} 100\\% \\& more \\textbackslash{} end}}',
    );
    expect(bib).toMatch(/^@misc\{wirewatch-kcna-1-v2,\n/);
    expect(bib).toContain('  year = {2013},\n  month = {dec},\n  day = {9},');
    expect(bib).toContain('  urldate = {2013-12-10},');
    expect(bib).toContain('\\url{https://archive.example/articles/kcna-1/versions/2}');
    expect(balanced(bib)).toBe(true);
    const hostile = citationBibtex({ ...facts, title: '}} @misc{evil, title={x' });
    expect(balanced(hostile)).toBe(true);
    // Inside a balanced field an @ is text: only one entry starts a line.
    expect(hostile.match(/^@/gm)).toHaveLength(1);
  });

  it('never writes a year the page does not give', () => {
    const undated = {
      ...facts,
      published: { year: null, month: 3, day: 5, basis: 'dateline-only' as const },
    };
    expect(citationBibtex(undated)).not.toMatch(/year =|month =|day =/);
    expect(citationBibtex(undated)).toContain('date March 5 (year unknown)');
    const csl = citationCsl(undated);
    expect(csl.issued).toBeUndefined();
    expect(csl.note).toContain('March 5 (year unknown)');
    expect(citationText(undated)).toContain('March 5 (year unknown)');
  });

  it('writes CSL-JSON with the known date parts, the original URL and the archived copy', () => {
    expect(citationCsl({ ...facts, published: { ...facts.published, day: null } })).toMatchObject({
      id: 'wirewatch-kcna-1-v2',
      type: 'article-newspaper',
      issued: { 'date-parts': [[2013, 12]] },
      URL: 'http://www.kcna.kp/item/1',
      archive: 'wirewatch',
      archive_location: 'https://archive.example/articles/kcna-1/versions/2',
      accessed: { 'date-parts': [[2013, 12, 10]] },
    });
    // A text with no original URL is cited at its archived copy.
    expect(citationCsl({ ...facts, url: null }).URL).toBe(facts.permalink);
  });
});
