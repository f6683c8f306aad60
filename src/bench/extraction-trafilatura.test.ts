import { describe, expect, it } from 'vitest';
import { scoreSegments } from './extraction-trafilatura.js';

describe('trafilatura’s segment metric', () => {
  it('counts a segment found, whitespace folded and case kept, as the set’s README defines', () => {
    const output = 'Die GEMA dreht\n völlig am  Zeiger! Mehr unter http://www.openpetition.de';
    expect(
      scoreSegments(
        output,
        ['Die GEMA dreht völlig am Zeiger!', 'nicht da'],
        ['Impressum', 'Mehr unter'],
      ),
    ).toEqual({
      tp: 1,
      fn: 1,
      fp: 1,
      tn: 1,
    });
    expect(scoreSegments(output, ['die gema dreht'], [])).toMatchObject({ tp: 0, fn: 1 });
  });

  it('scores an empty output as every wanted segment missed', () => {
    expect(scoreSegments('', ['a'], ['b'])).toEqual({ tp: 0, fn: 1, fp: 0, tn: 1 });
  });
});
