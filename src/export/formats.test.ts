import { describe, expect, it } from 'vitest';
import { knownIsoDate } from '../model/label.js';
import { csvLines } from './csv.js';
import { permalink } from './formats.js';

describe('export formats', () => {
  it('writes dates as ISO 8601 with what is known and nothing more', () => {
    const d = (year: number | null, month: number | null, day: number | null) =>
      knownIsoDate({ year, month, day, basis: 'page' });
    expect(d(2012, 3, 5)).toBe('2012-03-05');
    expect(d(2012, 3, null)).toBe('2012-03');
    expect(d(2012, null, null)).toBe('2012');
    expect(d(null, 3, 5)).toBe('--03-05');
    expect(d(null, null, null)).toBe('');
  });

  it('quotes as RFC 4180 says and keeps a cell from running as a formula', () => {
    expect(csvLines([['=HYPERLINK("x")', '+1', '-2', '@a', 'a,b', 'say "hi"', '조선']])).toBe(
      `"'=HYPERLINK(""x"")",'+1,'-2,'@a,"a,b","say ""hi""",조선\r\n`,
    );
  });

  it('links to the article under the public base URL, or as a path', () => {
    expect(permalink('kcna/1 2', 'https://archive.example/')).toBe(
      'https://archive.example/articles/kcna%2F1%202',
    );
    expect(permalink('abc', undefined)).toBe('/articles/abc');
  });
});
