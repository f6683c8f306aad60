import { describe, expect, it } from 'vitest';
import { parseTeasers } from './teasers.js';

const A = 'Pyongyang, January 22 (KCNA) -- Fishing sector of the DPRK pushes ahead with the';
const B = 'Pyongyang, January 21 (KCNA) \u2013 Big efforts are being directed to';

describe('parseTeasers', () => {
  it('turns teaser, date, teaser-again into one item per story, in page order', () => {
    const teasers = parseTeasers([A, 'January 22, 2025', A, B, 'January 21, 2025', B]);
    expect(teasers.map((t) => [t.position, t.text, t.published])).toEqual([
      [0, A, { year: 2025, month: 1, day: 22, basis: 'listing' }],
      [1, B, { year: 2025, month: 1, day: 21, basis: 'listing' }],
    ]);
    expect(teasers[1]!.dateline).toMatchObject({
      raw: 'Pyongyang, January 21 (KCNA) \u2013',
      day: 21,
    });
    expect(teasers.every((t) => t.link === null)).toBe(true);
  });

  it('drops a repeat seen anywhere later on the page', () => {
    expect(parseTeasers([A, 'January 22, 2025', A, B, A]).map((t) => t.text)).toEqual([A, B]);
  });

  it('gives every undated item the next date line (title, first line, date)', () => {
    const teasers = parseTeasers([
      'Fishing Sector Pushes Ahead',
      'Fishing Sector Pushes Ahead',
      A,
      'January 22, 2025',
    ]);
    expect(teasers).toHaveLength(2);
    expect(teasers.map((t) => t.published.day)).toEqual([22, 22]);
    expect(teasers[0]!.dateline).toBeNull();
  });

  it('falls back to the dateline, year unknown, when no date line follows', () => {
    const [only] = parseTeasers(['', A, '   ']);
    expect(only!.published).toEqual({ year: null, month: 1, day: 22, basis: 'dateline-only' });
    expect(parseTeasers(['Some headline'])[0]!.published.basis).toBe('unknown');
  });

  it('is empty for an empty list', () => {
    expect(parseTeasers([])).toEqual([]);
    expect(parseTeasers(['', 'January 22, 2025'])).toEqual([]);
  });
});
