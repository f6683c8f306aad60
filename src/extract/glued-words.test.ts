import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEADER_NAMES, repairLeaderNameSpacing, separateAfterDateline } from './glued-words.js';

describe('repairLeaderNameSpacing', () => {
  it.each([
    ['support toKim Jong Unthat', 'support to Kim Jong Un that'],
    [
      'The respected ComradeKim Jong Unexpressed thanks',
      'The respected Comrade Kim Jong Un expressed thanks',
    ],
    ['Kim Jong Unsaid that', 'Kim Jong Un said that'],
    ['President Kim Il Sungmade a journey', 'President Kim Il Sung made a journey'],
    ['greeted byKim Yo Jongand', 'greeted by Kim Yo Jong and'],
    ['with his daughterKim Ju Aewatching', 'with his daughter Kim Ju Ae watching'],
    ['Chairman Kim Jong IlKim Il Sung', 'Chairman Kim Jong Il Kim Il Sung'],
  ])('splits %j', (input, output) => {
    expect(repairLeaderNameSpacing(input)).toMatchObject({ text: output, spacing: 0 });
    expect(repairLeaderNameSpacing(input).glued).toBeGreaterThan(0);
  });

  it.each([
    ["Kim Jong Un's work", "Kim Jong Un's work"],
    ['Kim Jong Un, general secretary', 'Kim Jong Un, general secretary'],
    ['Kim Jong Un. He said', 'Kim Jong Un. He said'],
    ['Kim Jong Ung, a deputy', 'Kim Jong Ung, a deputy'],
    ['Kimilsungia and Kimjongilia', 'Kimilsungia and Kimjongilia'],
    ['(Kim Jong Un)', '(Kim Jong Un)'],
  ])('leaves %j alone', (input, output) => {
    expect(repairLeaderNameSpacing(input)).toEqual({ text: output, glued: 0, spacing: 0 });
  });

  it('removes the stray space before punctuation that the markup leaves', () => {
    expect(repairLeaderNameSpacing('Kim Jong Un , general secretary')).toEqual({
      text: 'Kim Jong Un, general secretary',
      glued: 0,
      spacing: 1,
    });
    expect(repairLeaderNameSpacing("Kim Jong Un 's historic visit").text).toBe(
      "Kim Jong Un's historic visit",
    );
    expect(repairLeaderNameSpacing('said , he').text).toBe('said , he');
  });

  it('only adds or removes spaces: the letters never change', () => {
    const piece = fc.constantFrom(
      ...LEADER_NAMES,
      'to',
      'Comrade',
      'said',
      ' ',
      ',',
      "'s",
      '.',
      'that',
      'Un',
      'x',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const input = pieces.join('');
        const out = repairLeaderNameSpacing(input).text;
        expect(out.replace(/ /g, '')).toBe(input.replace(/ /g, ''));
        expect(repairLeaderNameSpacing(out).text).toBe(out);
      }),
    );
  });
});

describe('separateAfterDateline', () => {
  it('adds the space the markup swallowed after the dash', () => {
    const raw = 'Pyongyang, August 4 (KCNA) --';
    expect(separateAfterDateline(`${raw}Kim Jong Un`, raw.length)).toEqual({
      text: `${raw} Kim Jong Un`,
      changed: true,
    });
    expect(separateAfterDateline(`${raw} Kim`, raw.length)).toEqual({
      text: `${raw} Kim`,
      changed: false,
    });
  });
});
