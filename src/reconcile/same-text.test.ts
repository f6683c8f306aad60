import { describe, expect, it } from 'vitest';
import { matchWords } from './normalise.js';
import { SAME_ARTICLE_JACCARD, sameArticleText, shingleJaccard } from './same-text.js';

const words = (s: string) => matchWords(s);

describe('shingleJaccard', () => {
  it('is 1 for the same words and 0 for texts that share no three words in a row', () => {
    expect(shingleJaccard(words('a b c d e'), words('A, b; c d e.'))).toBe(1);
    expect(shingleJaccard(words('a b c d e'), words('a c b e d'))).toBe(0);
    expect(shingleJaccard([], [])).toBe(1);
  });

  it('counts shared 3-word shingles over all distinct ones', () => {
    // a b c / b c d / c d e against a b c / b c x / c x e: 1 shared of 5.
    expect(shingleJaccard(words('a b c d e'), words('a b c x e'))).toBeCloseTo(1 / 5);
  });

  it('compares texts shorter than a shingle as a whole', () => {
    expect(shingleJaccard(words('Kim Ho'), words('Kim Ho'))).toBe(1);
    expect(shingleJaccard(words('Kim Ho'), words('Kim Ho Jong'))).toBe(0);
  });
});

describe('sameArticleText', () => {
  const story = Array.from({ length: 7 }, (_, p) =>
    Array.from({ length: 30 }, (_, w) => `w${p}x${w}`).join(' '),
  );
  it(`takes a story with one paragraph of seven rewritten for the same (threshold ${SAME_ARTICLE_JACCARD})`, () => {
    const edited = [...story];
    edited[3] = Array.from({ length: 30 }, (_, w) => `new${w}`).join(' ');
    expect(sameArticleText(words(story.join(' ')), words(edited.join(' ')))).toBe(true);
  });

  it('does not take its one-paragraph flash for the same text', () => {
    expect(sameArticleText(words(story[0]!), words(story.join(' ')))).toBe(false);
  });

  const item =
    'Kim Jong Un inspected the Hwasong fertilizer plant accompanied by Jang Song Thaek and ' +
    'Choe Ryong Hae and praised its workers';
  it('takes a short item with a name cut out (nothing else changed) for the same text', () => {
    expect(
      shingleJaccard(words(item), words(item.replace('Jang Song Thaek and ', ''))),
    ).toBeLessThan(SAME_ARTICLE_JACCARD);
    expect(sameArticleText(words(item), words(item.replace('Jang Song Thaek and ', '')))).toBe(
      true,
    );
    expect(
      sameArticleText(words(item), words(item.replace('plant', 'plant <svg onload=alert(2)>'))),
    ).toBe(true);
  });

  it('does not take an item of the same template with other names for the same text', () => {
    const other = item
      .replace('Hwasong fertilizer plant', 'Kangdong tile factory')
      .replace('Jang Song Thaek', 'Pak Pong Ju');
    expect(sameArticleText(words(item), words(other))).toBe(false);
  });
});
