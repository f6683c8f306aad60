import { describe, expect, it } from 'vitest';
import { anchorsOf, findTranslations, type TranslationText } from './translations.js';

const en = (
  id: string,
  day: number,
  body: string,
  title: string | null = null,
): TranslationText => ({
  id,
  language: 'en',
  day,
  title,
  body,
});
const es = (id: string, day: number, body: string): TranslationText => ({
  ...en(id, day, body),
  language: 'es',
});

const VISIT_EN =
  'Kim Yong Nam met Prime Minister Baburam Bhattarai of Nepal on 15 March 2012 and gave him 1,200 books.';
const VISIT_ES =
  'Kim Yong Nam se reunio el 15 de marzo de 2012 con el primer ministro Baburam Bhattarai de Nepal y le entrego 1.200 libros.';
const OTHER_EN =
  'Choe Yong Rim visited the Huichon Power Station No. 2 on 19 February 2012 with 300 workers.';
const OTHER_ES =
  'Choe Yong Rim visito la Central Electrica de Huichon No. 2 el 19 de febrero de 2012 con 300 obreros.';

describe('anchorsOf', () => {
  it('keeps figures whatever their separators, and names word by word and whole', () => {
    const a = anchorsOf(null, VISIT_EN);
    const b = anchorsOf(null, VISIT_ES);
    expect(a.has('#1200') && b.has('#1200')).toBe(true);
    expect(a.has('kim yong nam') && b.has('kim yong nam')).toBe(true);
    expect(a.has('bhattarai') && b.has('bhattarai')).toBe(true);
    // A lone digit and sentence-initial function words say nothing.
    expect(anchorsOf('The 2 Delegations', 'El 3 de mayo').has('#2')).toBe(false);
    expect(anchorsOf(null, 'The visit. El viaje.').has('the')).toBe(false);
  });

  it('compares names without their accents and case', () => {
    expect([...anchorsOf(null, 'Visita a Bogotá')]).toContain('bogota');
    expect([...anchorsOf(null, 'Visit to BOGOTA')]).toContain('bogota');
  });
});

describe('findTranslations', () => {
  const texts = [
    en('e1', 100, VISIT_EN),
    es('s1', 101, VISIT_ES),
    en('e2', 100, OTHER_EN),
    es('s2', 100, OTHER_ES),
  ];

  it('pairs each text with its translation across languages, never within one', () => {
    const pairs = findTranslations(texts).filter((p) => !p.a.startsWith('bg'));
    expect(pairs.map((p) => [p.a, p.b])).toEqual([
      ['e1', 's1'],
      ['e2', 's2'],
    ]);
    expect(findTranslations([en('a', 1, VISIT_EN), en('b', 1, VISIT_EN)])).toEqual([]);
  });

  it('gives the same pairs whatever the order of the texts', () => {
    expect(findTranslations([...texts].reverse())).toEqual(findTranslations(texts));
  });

  it("finds a translation at the window's edge among the texts of many days, in any order", () => {
    // Unrelated stories on the days around, each sharing a name with the pair.
    const around = Array.from({ length: 30 }, (_, i) =>
      i % 2 === 0
        ? en(`x${i}`, 90 + i, `Kim Yong Nam sent ${3000 + i} gifts to Nepal.`)
        : es(`x${i}`, 90 + i, `Kim Yong Nam envio ${4000 + i} regalos a Nepal.`),
    );
    const edge = [...around, es('s1', 102, VISIT_ES), en('e1', 100, VISIT_EN)];
    const linked = (all: TranslationText[]) =>
      findTranslations(all).filter((p) => p.a === 'e1' || p.b === 'e1');
    expect(linked(edge).map((p) => [p.a, p.b])).toEqual([['e1', 's1']]);
    expect(linked([...edge].reverse())).toEqual(linked(edge));
    expect(linked([...around, es('s1', 103, VISIT_ES), en('e1', 100, VISIT_EN)])).toEqual([]);
  });

  it('pairs nothing more than the window apart, or without a date', () => {
    expect(findTranslations([en('e1', 100, VISIT_EN), es('s1', 103, VISIT_ES)])).toEqual([]);
    expect(findTranslations([en('e1', Number.NaN, VISIT_EN), es('s1', 100, VISIT_ES)])).toEqual([]);
  });

  it('does not take a story posted twice for a tie between two candidates', () => {
    const pairs = findTranslations([...texts, en('e1-copy', 100, VISIT_EN)]);
    expect(pairs.filter((p) => p.b === 's1').map((p) => p.a)).toHaveLength(1);
  });

  it('lists the figures one text has and the other lacks', () => {
    const cut = es('s1', 101, VISIT_ES.replace(' y le entrego 1.200 libros', ''));
    const [pair] = findTranslations([
      en('e1', 100, VISIT_EN),
      cut,
      en('e2', 100, OTHER_EN),
      es('s2', 100, OTHER_ES),
    ]);
    expect(pair).toMatchObject({ a: 'e1', b: 's1', onlyInA: ['1,200'], onlyInB: [] });
  });
});

describe('findTranslations after an edit', () => {
  const EDITED_EN = VISIT_EN.replace('Kim Yong Nam met', 'The DPRK side met');
  const rest = [es('s1', 101, VISIT_ES), en('e2', 100, OTHER_EN), es('s2', 100, OTHER_ES)];
  const pairOf = (texts: TranslationText[]) =>
    findTranslations(texts).find((p) => p.a === 'e1' || p.b === 'e1');

  it('matches an edited text by all it said, and lists a name cut from it as only in the other edition', () => {
    const unedited = pairOf([en('e1', 100, VISIT_EN), ...rest])!;
    const edited = pairOf([{ ...en('e1', 100, EDITED_EN), earlier: VISIT_EN }, ...rest])!;
    expect(edited.score).toBe(unedited.score);
    expect(edited.a === 's1' ? edited.onlyInA : edited.onlyInB).toContain('Kim Yong Nam');
    expect([...unedited.onlyInA, ...unedited.onlyInB]).not.toContain('Kim Yong Nam');
  });
});
