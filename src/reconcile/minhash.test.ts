import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matchWords } from './normalise.js';
import {
  BANDS,
  estimatedJaccard,
  fingerprintWords,
  MIN_SHINGLES,
  SAME_STORY_JACCARD,
  signatureFromBytes,
  signatureToBytes,
} from './minhash.js';

/** Real KCNA stories (kcna.co.jp, 2011-12-01). */
const story =
  "General Secretary Kim Jong Il on Thursday sent a congratulatory message to Choummaly Sayasone, general secretary of the Central Committee of the Lao People's Revolutionary Party, president of the Lao People's Democratic Republic and chairman of the Central Committee of Defence and Security of Laos, on the 36th founding anniversary of the Republic.\n\nThe message said:\n\nI extend warm congratulations to you and, through you, to the Lao People's Revolutionary Party and the government and people of the Lao People's Democratic Republic on the 36th founding anniversary of the Republic.\n\nAfter the foundation of the Republic the Lao people have steadily consolidated the people's democratic system chosen by themselves as the genuine masters of the country and, in this course, made the great socio-economic development.\n\nThe Korean people are pleased that the fraternal people of your country are defending the socialist idea and bolstering the state might as a whole under the leadership of the Lao People's Revolutionary Party headed by you and sincerely wish them better achievements in the efforts to attain the tasks and goals set forth in the 9th Congress of the party.\n\nExpressing belief that the traditional DPRK-Laos friendly and cooperative relations would grow stronger in keeping with the noble intention of the preceding leaders of the two countries and the desire of the people, I wholeheartedly wish you greater success in your responsible work as well as you good health.";
const otherStory =
  "Kim Yong Nam, president of the Presidium of the DPRK Supreme People's Assembly, Thursday sent a message of greeting to Francois Bozize Yangoubonda, president of Central Africa, on the 53rd anniversary of the proclamation of its Republic.\n\nExpressing belief that the friendly and cooperative relations between the DPRK and Central Africa would further develop, Kim in the message wished the president greater success in the work for the development and prosperity of the country.";

const fp = (text: string) => fingerprintWords(matchWords(text));

function shingleJaccard(a: string, b: string): number {
  const set = (t: string) => {
    const w = matchWords(t);
    return new Set(w.slice(2).map((_, i) => `${w[i]} ${w[i + 1]} ${w[i + 2]}`));
  };
  const x = set(a);
  const y = set(b);
  const inter = [...x].filter((s) => y.has(s)).length;
  return inter / (x.size + y.size - inter);
}

describe('minhash', () => {
  it('finds a republished copy (other quotes, a footer, one changed word): a shared band and high similarity', () => {
    const copy = `${story.replace(/'/g, '\u2019').replace('great socio-economic', 'big socio-economic')}\n\nSource: KCNA. Read the original at the source.`;
    const a = fp(story);
    const b = fp(copy);
    expect(a.bands.some((k, i) => b.bands[i] === k)).toBe(true);
    expect(estimatedJaccard(a.signature!, b.signature!)).toBeGreaterThanOrEqual(SAME_STORY_JACCARD);
    expect(a.sequence).not.toBe(b.sequence);
  });

  it('keeps different stories apart', () => {
    const a = fp(story);
    const b = fp(otherStory);
    expect(estimatedJaccard(a.signature!, b.signature!)).toBeLessThan(0.2);
    expect(a.bands.filter((k, i) => b.bands[i] === k)).toHaveLength(0);
  });

  it('estimates Jaccard within 0.15 of the true value for texts sharing a varying share of words', () => {
    const words = matchWords(story);
    for (const keep of [0.3, 0.6, 0.9]) {
      const cut = Math.floor(words.length * keep);
      const variant = [
        ...words.slice(0, cut),
        ...matchWords(otherStory).slice(0, words.length - cut),
      ].join(' ');
      const estimate = estimatedJaccard(fp(story).signature!, fp(variant).signature!);
      expect(Math.abs(estimate - shingleJaccard(story, variant))).toBeLessThan(0.15);
    }
  });

  it('gives the same exact-sequence hash to texts that differ only in case and punctuation', () => {
    expect(fp(story).sequence).toBe(fp(story.toUpperCase().replace(/,/g, ' ;')).sequence);
  });

  it('leaves texts too short to compare without a signature', () => {
    const short = fp('Kim Yong Nam to Visit Tanzania');
    expect(short.signature).toBeNull();
    expect(short.bands).toEqual([]);
    expect(short.shingles).toBeLessThan(MIN_SHINGLES);
  });

  it('is deterministic and round-trips through bytes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 30, maxLength: 80 }),
        (words) => {
          const a = fingerprintWords(words);
          const b = fingerprintWords([...words]);
          expect(a.bands).toEqual(b.bands);
          expect(a.bands).toHaveLength(BANDS);
          expect([...signatureFromBytes(signatureToBytes(a.signature!))]).toEqual([
            ...a.signature!,
          ]);
          expect(estimatedJaccard(a.signature!, b.signature!)).toBe(1);
        },
      ),
    );
  });
});
