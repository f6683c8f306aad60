/**
 * Hostile text pages: lines built so that a backtracking regex would try every way of splitting a
 * run of spaces or pipes between its quantifiers. A scraped file is untrusted input; each such line
 * must cost time in proportion to its length, or one small file stalls an import for hours.
 *
 * Regex engines expose no step counter, so the bound is on time: a linear pass over 100 KB takes
 * milliseconds, while the patterns these lines were built against took seconds at 10 KB and, for
 * the `Date:` line, minutes at 1 KB. The 2 s bound is loose enough for a busy machine.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyChrome, classifyHeaderChrome, readEndMark, stripTrailingPipes } from './chrome.js';
import { findDateline, matchDatelineAtStart } from './dateline.js';
import { repairLeaderNameSpacing } from './glued-words.js';
import { dateFromUrl, parseListingDate } from './page-dates.js';
import { buildParagraphs } from './paragraphs.js';
import { parseTeasers } from './teasers.js';
import { extractTextPage } from './text-page.js';

const BOUND_MS = 2000;
const SIZES = [1_000, 10_000, 50_000, 100_000];
const DL = 'Pyongyang, March 24 (KCNA) --';

const sp = (n: number) => ' '.repeat(n);
const pipes = (n: number) => ' |'.repeat(Math.ceil(n / 2));

interface Case {
  name: string;
  /** A line (or text) of about `size` characters. */
  input: (size: number) => string;
  /** The function that reads it directly; the whole page is tried as well. */
  read: (input: string) => unknown;
}

const chrome = (s: string) => [classifyChrome(s), classifyHeaderChrome(s)];

const CASES: Case[] = [
  {
    name: 'a Date: line with spaces before a stray pipe',
    input: (n) => `Date:${sp(n)}|x`,
    read: chrome,
  },
  {
    name: 'a Date: line with spaces after Source:',
    input: (n) => `Date: 19/11/2019 | Source:${sp(n)}|x`,
    read: chrome,
  },
  {
    name: 'a Date: line of spaced pipes',
    input: (n) => `Date: 19/11/2019${pipes(n)} x`,
    read: chrome,
  },
  {
    name: 'spaced pipes that do not end the line',
    input: (n) => `a${pipes(n)} x`,
    read: (s) => [stripTrailingPipes(s), readEndMark(s)],
  },
  {
    name: 'a More From line with a run of spaces inside',
    input: (n) => `More From a${sp(n)}b`,
    read: chrome,
  },
  {
    name: 'a calendar line with a line break after spaces',
    input: (n) => `calendar>>${sp(n)}x\ny`,
    read: chrome,
  },
  { name: 'a run of spaces with no excerpt mark', input: (n) => `a${sp(n)}b`, read: readEndMark },
  {
    name: 'an open excerpt mark before spaces',
    input: (n) => `a [${sp(n)}...${sp(n)}] x`,
    read: readEndMark,
  },
  {
    name: 'a copyright sign with a long tail',
    input: (n) => `©${sp(n)}${'x'.repeat(200)}`,
    read: chrome,
  },
  {
    name: 'a Copyright line with a long tail',
    input: (n) => `Copyright${sp(n)}${'x'.repeat(200)}`,
    read: chrome,
  },
  {
    name: 'a dateline whose parenthesis is followed by spaces',
    input: (n) => `Pyongyang, March 24 (${sp(n)}x`,
    read: matchDatelineAtStart,
  },
  {
    name: 'a dateline whose agency is followed by spaces',
    input: (n) => `Pyongyang, March 24 (K${sp(n)}x`,
    read: matchDatelineAtStart,
  },
  {
    name: 'a dateline with a run of spaces after the place',
    input: (n) => `Pyongyang,${sp(n)}March 24 (KCNA) --`,
    read: matchDatelineAtStart,
  },
  {
    name: 'many capitalised words for findDateline',
    input: (n) => 'Pyongyang, March 24 ( '.repeat(Math.ceil(n / 22)),
    read: findDateline,
  },
  {
    name: 'a listing date with runs of spaces',
    input: (n) => `March${sp(n / 2)}24,${sp(n / 2)}2024x`,
    read: parseListingDate,
  },
  {
    name: 'a leader name before a run of spaces',
    input: (n) => `Kim Jong Un${sp(n)}x`,
    read: repairLeaderNameSpacing,
  },
  {
    name: 'a line of spaced pipes as teasers',
    input: (n) => `a${pipes(n)} x`,
    read: (s) => parseTeasers([s, s]),
  },
  {
    name: 'hard-wrapped lines of one letter',
    input: (n) => 'a\n'.repeat(Math.ceil(n / 2)),
    read: (s) => buildParagraphs(s.split('\n')),
  },
  {
    name: 'a URL of question marks before a line break',
    input: (n) => `${'?'.repeat(n)}\n`,
    read: dateFromUrl,
  },
];

function elapsed(f: () => unknown): number {
  const start = performance.now();
  f();
  return performance.now() - start;
}

describe('hostile lines are read in linear time', () => {
  for (const c of CASES) {
    it(c.name, () => {
      for (const size of SIZES) {
        const line = c.input(size);
        expect(
          elapsed(() => c.read(line)),
          `${size} characters, read directly`,
        ).toBeLessThan(BOUND_MS);
        // The same line in the header, in the body and among teasers of a page.
        const page = `${line}\n${DL} Text.\n${line}\nMore From KCNA\n${line}\nMore Articles`;
        expect(
          elapsed(() => extractTextPage(page)),
          `${size} characters, in a page`,
        ).toBeLessThan(BOUND_MS);
      }
    });
  }
});

describe('hostile lines still read as before', () => {
  it('pipes, excerpt marks and chrome lines', () => {
    expect(stripTrailingPipes('text | | ')).toBe('text');
    expect(stripTrailingPipes('text  ')).toBe('text');
    expect(stripTrailingPipes('a | b')).toBe('a | b');
    expect(readEndMark('The end. [ … ]  |')).toEqual({
      text: 'The end.',
      ended: false,
      excerpt: true,
    });
    expect(
      classifyChrome('Date: 19/11/2019 | Source: KCNA.kp (En) | Read original version at source |'),
    ).toEqual({
      kind: 'aggregator-date',
      date: { year: 2019, month: 11, day: 19 },
      sourceLabel: 'KCNA.kp (En)',
    });
    expect(classifyChrome('Date: 19/11/2019 | | x')).toBeNull();
    expect(classifyChrome('Date: 19/11/2019 | |')).toBeNull();
    expect(classifyChrome('DATE:  | source:  |')).toEqual({
      kind: 'aggregator-date',
      date: null,
      sourceLabel: null,
    });
    expect(classifyChrome('More From   KCNA  Watch')).toEqual({
      kind: 'more-from',
      sourceLabel: 'KCNA  Watch',
    });
    expect(classifyChrome('calendar>>  May 27. 2019 Juche 108')).toEqual({
      kind: 'calendar',
      date: { year: 2019, month: 5, day: 27 },
    });
    expect(classifyChrome(`© 2024 ${'x'.repeat(95)}`)?.kind).toBe('footer');
    expect(classifyChrome(`© ${'x'.repeat(101)}`)).toBeNull();
    expect(classifyChrome('Copyright   2019 KNS')?.kind).toBe('footer');
    expect(classifyChrome('Copyright  All Rights Reserved.')?.kind).toBe('footer');
  });

  it('damaged agencies in datelines', () => {
    const agency = (line: string) => {
      const m = matchDatelineAtStart(line);
      return m && [m.dateline.raw, m.dateline.agency, m.dateline.damaged];
    };
    expect(agency('Pyongyang, March 24 (  KCNA  ) -- Text')).toEqual([
      'Pyongyang, March 24 (  KCNA  ) --',
      'KCNA',
      false,
    ]);
    expect(agency('Pyongyang, March 24 (   ) -- Text')).toEqual([
      'Pyongyang, March 24 (   ) --',
      null,
      true,
    ]);
    expect(agency('Pyongyang, March 24 (  -- Text')).toEqual([
      'Pyongyang, March 24 (  --',
      '-',
      true,
    ]);
    expect(agency('Pyongyang, March 24 (  -- 2024')).toEqual([
      'Pyongyang, March 24 (  --',
      null,
      true,
    ]);
    expect(agency('Pyongyang, March 24 (KCNA -- Text')).toEqual([
      'Pyongyang, March 24 (KCNA --',
      'KCNA',
      true,
    ]);
    expect(agency(`Pyongyang, March 24 (${'K'.repeat(41)}) -- Text`)).toBeNull();
    expect(agency('Pyongyang,   March 24 (KCNA) --   ')).toEqual([
      'Pyongyang,   March 24 (KCNA) --',
      'KCNA',
      false,
    ]);
  });

  it('query strings in URLs that are not URLs', () => {
    expect(dateFromUrl('/2024/07/23/story?x=/2019/01/01/')).toEqual({
      year: 2024,
      month: 7,
      day: 23,
    });
    expect(dateFromUrl('not a url /2024/07/23/?a\n/2019/01/01/')).toEqual({
      year: 2024,
      month: 7,
      day: 23,
    });
  });
});

// The characters the chrome, dateline and date patterns care about, and words that start them.
const PIECES = [
  '|',
  ':',
  ' ',
  ' ',
  '  ',
  '-',
  '--',
  'a',
  'Z',
  'x',
  '1',
  '24',
  '2019',
  '/',
  '(',
  ')',
  '[',
  ']',
  '...',
  '…',
  '\n',
  '\t',
  'Date:',
  'Source:',
  'More From',
  'More Articles',
  'calendar>>',
  'Copyright',
  '©',
  '(C)',
  'Pyongyang,',
  'March',
  '(KCNA)',
  'Kim Jong Un',
  'Read original version at source',
  '-0-',
  '?',
  '#',
  'http://',
];

describe('extractTextPage on random text of those characters', () => {
  it('never throws or fails, and finishes', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 400 }), (pieces) => {
        const text = pieces.join('');
        let page!: ReturnType<typeof extractTextPage>;
        expect(
          elapsed(() => {
            page = extractTextPage(text, { url: text });
          }),
        ).toBeLessThan(BOUND_MS);
        expect(page.warnings.filter((w) => w.startsWith('extraction failed'))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
