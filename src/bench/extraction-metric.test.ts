import { describe, expect, it } from 'vitest';
import { scorePage, summarise, tokens } from './extraction-metric.js';

describe('the article-extraction metric', () => {
  it("tokenises like Python's Unicode \\w+", () => {
    expect(tokens('Kim Jong-un’s 2019 visit: 김정은 위원장, naïve_word!')).toEqual([
      'Kim',
      'Jong',
      'un',
      's',
      '2019',
      'visit',
      '김정은',
      '위원장',
      'naïve_word',
    ]);
  });

  it('counts 4-gram multisets', () => {
    const s = scorePage('a b c d e', 'a b c d x');
    expect(s).toEqual({ tp: 1, fp: 1, fn: 1, exact: false });
    expect(scorePage('a b c d a b c d', 'a b c d')).toMatchObject({ tp: 1, fp: 4, fn: 0 });
    expect(scorePage('One, two three four.', 'One two three four')).toEqual({
      tp: 1,
      fp: 0,
      fn: 0,
      exact: true,
    });
  });

  it('averages P and R over pages, then takes F1 of the means', () => {
    const perfect = scorePage('a b c d', 'a b c d');
    const half = scorePage('a b c d e f g h', 'a b c d e');
    const s = summarise([perfect, half]);
    expect(s.precision).toBeCloseTo((1 + 2 / 5) / 2);
    expect(s.recall).toBeCloseTo(1);
    expect(s.f1).toBeCloseTo((2 * s.precision * s.recall) / (s.precision + s.recall));
    expect(s.accuracy).toBe(0.5);
    // An empty prediction is skipped for precision but scores 0 recall.
    expect(summarise([scorePage('', 'a b c d')])).toMatchObject({ precision: 0, recall: 0 });
  });
});
