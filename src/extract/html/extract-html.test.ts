import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateString, parsePrintedDate } from './dates.js';
import { extractHtmlArticle } from './index.js';
import { stripSiteSuffix } from './title.js';

// Fragments that exercise every branch: furniture names, dates, datelines, JSON-LD, broken markup.
const FRAGMENTS = [
  '<p>',
  '</p>',
  '<div class="comments">',
  '<div class="article-body">',
  '</div>',
  '<a href="/x">',
  '</a>',
  '<br>',
  '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2019-03-24","headline":"H"}</script>',
  '<script type="application/ld+json">{broken',
  '<meta property="article:published_time" content="2020-02-30">',
  '<meta name="date" content="1577836800">',
  '<time datetime="2019-11-19T23:30:00Z">',
  '<title>A | B - C</title>',
  '<h1>',
  '</h1>',
  'Pyongyang, March 24 (KCNA) -- ',
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit. ',
  '<li class="card">',
  '<ul>',
  '<!-- c -->',
  '<![CDATA[x]]>',
  '<td>',
  '<table>',
  '<header>',
  '<footer hidden>',
  '&amp;',
  '…',
  '<html lang="ko">',
  '<body>',
  '<span style="display:none">',
  '\u0000',
  '\ud800',
];

describe('extractHtmlArticle is total', () => {
  it('never throws on arbitrary strings and keeps its shape', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.option(fc.webUrl(), { nil: undefined }),
        (html, url) => {
          const a = extractHtmlArticle(html, url);
          expect(Array.isArray(a.paragraphs)).toBe(true);
          expect(Array.isArray(a.warnings)).toBe(true);
          if (a.published)
            expect(a.published.year === null || Number.isInteger(a.published.year)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on shuffled HTML fragments, and a body paragraph is never empty', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }), (parts) => {
        const a = extractHtmlArticle(parts.join(''), 'https://example.org/2019/03/24/x.html');
        for (const p of a.paragraphs) expect(p.trim().length).toBeGreaterThan(0);
        if (a.published)
          expect(
            a.published.month === null || (a.published.month >= 1 && a.published.month <= 12),
          ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('survives nesting far deeper than any browser allows, keeping the text', () => {
    const a = extractHtmlArticle(
      `${'<div>'.repeat(20_000)}<p>${'A sentence of some length, with a comma. '.repeat(5)}</p>`,
    );
    expect(a.warnings.join(' ')).not.toMatch(/failed/);
    expect(a.paragraphs.join(' ')).toContain('A sentence of some length');
  });

  it('returns a result for non-string input instead of throwing', () => {
    expect(extractHtmlArticle(undefined as unknown as string).paragraphs).toEqual([]);
  });
});

describe('date strings', () => {
  it('reads the date as the publisher wrote it, and only real dates', () => {
    expect(parseDateString('2019-11-19T23:30:00-05:00')).toEqual({
      year: 2019,
      month: 11,
      day: 19,
    });
    expect(parseDateString('November 19, 2019 10:00 AM')).toEqual({
      year: 2019,
      month: 11,
      day: 19,
    });
    expect(parseDateString('Tue, 19 Nov 2019 10:00:00 GMT')).toEqual({
      year: 2019,
      month: 11,
      day: 19,
    });
    expect(parseDateString('2019-02-30')).toBeNull();
    expect(parseDateString('yesterday')).toBeNull();
  });
});

describe('printed dates', () => {
  it('reads DPRK forms (Juche years, dotted, full-width digits) and news-site forms', () => {
    expect(parsePrintedDate('www.kcna.kp (Juche108.12.10.)')).toEqual({
      year: 2019,
      month: 12,
      day: 10,
    });
    expect(parsePrintedDate('[２０２５.１２.１４.]')).toEqual({ year: 2025, month: 12, day: 14 });
    expect(parsePrintedDate('Feb. 19, 2026 Thursday [Photo]')).toEqual({
      year: 2026,
      month: 2,
      day: 19,
    });
    expect(parsePrintedDate('Posted 20 November 2019')).toEqual({ year: 2019, month: 11, day: 20 });
    expect(parsePrintedDate('Juche108.13.10.')).toBeNull();
  });

  it('takes a date printed in an element named as one, and a headline named as one', () => {
    const a = extractHtmlArticle(
      '<div class="article-main-title">Crop report</div><div class="content"><p>' +
        'Pyongyang, December 10 (KCNA) -- The harvest was good this year in all provinces, officials said.</p>' +
        '<span class="publish-time">www.kcna.kp (Juche108.12.10.)</span></div>',
    );
    expect(a.title).toBe('Crop report');
    expect(a.published).toEqual({ year: 2019, month: 12, day: 10, basis: 'page' });
  });
});

describe('titles', () => {
  it('drops the site name the page gives, else keeps the longest part', () => {
    expect(stripSiteSuffix('Crop report | Example Times', ['Example Times'])).toBe('Crop report');
    expect(stripSiteSuffix('Farmers report a record crop - Example')).toBe(
      'Farmers report a record crop',
    );
    expect(stripSiteSuffix('News - Home')).toBe('News - Home');
  });
});
