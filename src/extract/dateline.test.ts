import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDateline, parseDateline } from './dateline.js';
import { ENGLISH_MONTHS } from './months.js';

describe('parseDateline', () => {
  it('reads the standard KCNA dateline', () => {
    expect(parseDateline('Pyongyang, March 24 (KCNA) -- Kim Jong Un sent')).toEqual({
      raw: 'Pyongyang, March 24 (KCNA) --',
      place: 'Pyongyang',
      month: 3,
      day: 24,
      agency: 'KCNA',
      damaged: false,
    });
  });

  it.each([
    [
      'Pyongyang, January 21 (KCNA) \u2013 Big efforts',
      'Pyongyang, January 21 (KCNA) \u2013',
      1,
      21,
    ],
    ['Pyongyang, June 1 (KCNA) \u2014 Kim Son Gyong', 'Pyongyang, June 1 (KCNA) \u2014', 6, 1],
    ['Pyongyang, August 4 (KCNA) --Kim Jong Un', 'Pyongyang, August 4 (KCNA) --', 8, 4],
    ['Pyongyang, May 5 (KCNA) --', 'Pyongyang, May 5 (KCNA) --', 5, 5],
    ['  Pyongyang, Jan. 3 (KCNA) -- x', 'Pyongyang, Jan. 3 (KCNA) --', 1, 3],
    ['Pyongyang, Sept. 9 (KCNA) -- x', 'Pyongyang, Sept. 9 (KCNA) --', 9, 9],
    ['Pyongyang, Feb 29 (KCNA) -- x', 'Pyongyang, Feb 29 (KCNA) --', 2, 29],
    ['Pyongyang, March \uff12\uff14 (KCNA) -- x', 'Pyongyang, March \uff12\uff14 (KCNA) --', 3, 24],
  ])('reads %j', (line, raw, month, day) => {
    expect(parseDateline(line)).toMatchObject({
      raw,
      place: 'Pyongyang',
      month,
      day,
      agency: 'KCNA',
      damaged: false,
    });
  });

  it.each([
    ['Moscow, May 5 (KCNA) -- x', 'Moscow', 'KCNA'],
    ['Beijing, May 5 (Xinhua) -- x', 'Beijing', 'Xinhua'],
    ['Addis Ababa, May 5 (KCNA) -- x', 'Addis Ababa', 'KCNA'],
    ['Phnom Penh, May 5 (KCNA) -- x', 'Phnom Penh', 'KCNA'],
    ['Dar es Salaam, May 5 (KCNA) -- x', 'Dar es Salaam', 'KCNA'],
    ['St. Petersburg, May 5 (KCNA) -- x', 'St. Petersburg', 'KCNA'],
  ])('reads other places and agencies: %j', (line, place, agency) => {
    expect(parseDateline(line)).toMatchObject({ place, agency, month: 5, day: 5, damaged: false });
  });

  it('reads the Spanish edition, day first', () => {
    expect(parseDateline('Pyongyang, 24 de marzo (ACNC) -- El')).toMatchObject({
      raw: 'Pyongyang, 24 de marzo (ACNC) --',
      month: 3,
      day: 24,
      agency: 'ACNC',
      damaged: false,
    });
  });

  describe('damaged datelines keep the raw text and null the unreadable part', () => {
    it('misspelt month', () => {
      expect(parseDateline('Pyongyang, Marhc 24 (KCNA) -- x')).toEqual({
        raw: 'Pyongyang, Marhc 24 (KCNA) --',
        place: 'Pyongyang',
        month: null,
        day: 24,
        agency: 'KCNA',
        damaged: true,
      });
    });
    it('impossible day', () => {
      expect(parseDateline('Pyongyang, March 41 (KCNA) -- x')).toMatchObject({
        month: 3,
        day: null,
        damaged: true,
      });
      expect(parseDateline('Pyongyang, April 31 (KCNA) -- x')).toMatchObject({
        month: 4,
        day: null,
        damaged: true,
      });
    });
    it('missing closing parenthesis', () => {
      expect(parseDateline('Pyongyang, March 24 (KCNA -- x')).toEqual({
        raw: 'Pyongyang, March 24 (KCNA --',
        place: 'Pyongyang',
        month: 3,
        day: 24,
        agency: 'KCNA',
        damaged: true,
      });
    });
    it('missing opening parenthesis', () => {
      expect(parseDateline('Pyongyang, March 24 KCNA) -- x')).toMatchObject({
        agency: 'KCNA',
        month: 3,
        day: 24,
        damaged: true,
      });
    });
    it('no parentheses at all', () => {
      expect(parseDateline('Pyongyang, March 24 KCNA -- x')).toMatchObject({
        raw: 'Pyongyang, March 24 KCNA --',
        agency: 'KCNA',
        damaged: true,
      });
    });
    it('no agency', () => {
      expect(parseDateline('Pyongyang, March 24 -- x')).toMatchObject({
        agency: null,
        month: 3,
        day: 24,
        damaged: true,
      });
    });
    it('no dash', () => {
      expect(parseDateline('Pyongyang, March 24 (KCNA) Kim')).toMatchObject({
        raw: 'Pyongyang, March 24 (KCNA)',
        month: 3,
        day: 24,
        agency: 'KCNA',
        damaged: true,
      });
    });
  });

  it.each([
    'Pyongyang, March 24 and 25 saw rallies.',
    'Pyongyang, Moscow Sign Agreement',
    'Seoul, March 24 - 26 drills',
    'Pyongyang, Marhc 41 (KCNA) -- too damaged to tell',
    '',
    '-0-',
  ])('is not fooled by %j', (line) => {
    expect(parseDateline(line)).toBeNull();
  });
});

describe('findDateline', () => {
  it('finds a dateline on a later line with its offsets', () => {
    const text = 'Title of the story\n\nPyongyang, March 24 (KCNA) -- Body.';
    const found = findDateline(text)!;
    expect(found.dateline.raw).toBe('Pyongyang, March 24 (KCNA) --');
    expect(text.slice(found.start, found.end)).toBe(found.dateline.raw);
  });

  it('inside a line, takes only the place, not the title run into it', () => {
    const text = 'Kim Jong Un Sends Greetings Pyongyang, March 24 (KCNA) -- Body.';
    expect(findDateline(text)?.dateline.place).toBe('Pyongyang');
    expect(findDateline('News from Addis Ababa, May 5 (KCNA) -- x')?.dateline.place).toBe(
      'Addis Ababa',
    );
  });

  it('returns null when there is none', () => {
    expect(findDateline('No dateline here.\nNor here, March 24.')).toBeNull();
  });
});

const PLACES = [
  'Pyongyang',
  'Moscow',
  'Beijing',
  'Addis Ababa',
  'Phnom Penh',
  'Havana',
  'Vientiane',
  'Dar es Salaam',
];
const AGENCIES = ['KCNA', 'Xinhua', 'TASS', 'Prensa Latina', 'KPL'];
const DASHES = ['--', '\u2013', '\u2014'];

const validDateline = fc.record({
  place: fc.constantFrom(...PLACES),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  agency: fc.constantFrom(...AGENCIES),
  dash: fc.constantFrom(...DASHES),
  spaceAfter: fc.boolean(),
  abbreviated: fc.boolean(),
});

function format(x: {
  place: string;
  month: number;
  day: number;
  agency: string;
  dash: string;
  abbreviated: boolean;
}) {
  const name = ENGLISH_MONTHS[x.month - 1]!;
  const month = x.abbreviated && name.length > 5 ? `${name.slice(0, 3)}.` : name;
  return `${x.place}, ${month} ${x.day} (${x.agency}) ${x.dash}`;
}

describe('dateline properties', () => {
  it('round-trips generated datelines, whatever follows the dash', () => {
    fc.assert(
      fc.property(validDateline, (x) => {
        const raw = format(x);
        const line = `${raw}${x.spaceAfter ? ' ' : ''}Kim Jong Un said the rest.`;
        expect(parseDateline(line)).toEqual({
          raw,
          place: x.place,
          month: x.month,
          day: x.day,
          agency: x.agency,
          damaged: false,
        });
        const found = findDateline(`Some Title\n\n${line}`)!;
        expect(found.dateline.raw).toBe(raw);
      }),
    );
  });

  it('never throws, on any string', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc.string({
        unit: fc.constantFrom(
          'P',
          'y',
          ',',
          ' ',
          '(',
          ')',
          '-',
          '\u2014',
          '1',
          '2',
          'March',
          'KCNA',
          '\n',
          '\ud800',
          '\u{1D400}',
        ),
        maxLength: 200,
      }),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        const parsed = parseDateline(text);
        const found = findDateline(text);
        if (parsed) expect(text).toContain(parsed.raw);
        if (found) expect(text.slice(found.start, found.end)).toBe(found.dateline.raw);
      }),
      { numRuns: 500 },
    );
  });

  it('stays fast on huge lines of capitals', () => {
    const huge = `${'A'.repeat(200_000)}, March 24 ${'B '.repeat(50_000)}`;
    const started = performance.now();
    expect(findDateline(huge)).toBeNull();
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
