import { describe, expect, it } from 'vitest';
import type { StoredArticle } from '../store/types.js';
import {
  computeIdentity,
  computeKeys,
  deriveArticleId,
  pickMatch,
  teaserWords,
  type IdentityInput,
} from './identity.js';

const dateline = {
  raw: 'Pyongyang, January 22 (KCNA) --',
  place: 'Pyongyang',
  month: 1,
  day: 22,
  agency: 'KCNA',
  damaged: false,
};
const full: IdentityInput = {
  title: 'Fishing Sector Pushes Ahead',
  dateline,
  published: { year: 2025, month: 1, day: 22, basis: 'page' },
  paragraphs: [
    'Pyongyang, January 22 (KCNA) -- Fishing sector of the DPRK pushes ahead with the work to consolidate the material and technical foundations of fishery.',
    'Second paragraph.',
  ],
};
const teaser: IdentityInput = {
  title: null,
  dateline,
  published: { year: 2025, month: 1, day: 22, basis: 'listing' },
  paragraphs: [],
  teaser:
    'Pyongyang, January 22 (KCNA) -- Fishing sector of the DPRK pushes ahead with the work to consolidate the material and technical',
};

function stored(input: IdentityInput, id = 'a1'): StoredArticle {
  return {
    id,
    sourceId: 'kcna-kp-en',
    url: null,
    title: input.title,
    dateline: input.dateline,
    published: input.published,
    language: 'en',
    paragraphs: [...input.paragraphs],
    teaser: input.teaser ?? null,
    status: input.paragraphs.length ? 'live' : 'teaser',
    storyId: id,
    versionCount: input.paragraphs.length ? 1 : 0,
    firstSeen: '',
    lastSeen: '',
    removedAt: null,
    flags: [],
    keys: computeKeys(input),
  };
}

describe('article identity', () => {
  it('drops the dateline and the possibly cut last word of a teaser', () => {
    expect(teaserWords(teaser.teaser!, dateline).slice(0, 3)).toEqual(['fishing', 'sector', 'of']);
    expect(teaserWords(teaser.teaser!, dateline).at(-1)).toBe('and');
  });

  it('gives a teaser and its full text the same lead key, and matches them both ways', () => {
    expect(computeKeys(teaser).leadKey).toBe(computeKeys(full).leadKey);
    expect(pickMatch(full, computeKeys(full), [stored(teaser)])?.id).toBe('a1');
    expect(pickMatch(teaser, computeKeys(teaser), [stored(full)])?.id).toBe('a1');
  });

  it('does not match a teaser of another day or one whose text diverges', () => {
    const otherDay = { ...teaser, published: { ...teaser.published, day: 21 } };
    expect(pickMatch(full, computeKeys(full), [stored(otherDay)])).toBeNull();
    const diverging = {
      ...teaser,
      teaser:
        'Pyongyang, January 22 (KCNA) -- Fishing sector of the DPRK pushes ahead with the work to finish the harbour',
    };
    expect(pickMatch(full, computeKeys(full), [stored(diverging)])).toBeNull();
  });

  it('matches the same titled article with an edited body (a new version), but not a different title', () => {
    const edited = { ...full, paragraphs: [full.paragraphs[0]!, 'An edited second paragraph.'] };
    expect(pickMatch(edited, computeKeys(edited), [stored(full)])?.id).toBe('a1');
    const retitled = { ...full, title: 'Another Headline' };
    expect(pickMatch(retitled, computeKeys(retitled), [stored(full)])).toBeNull();
  });

  it('does not take another item that opens the same way on the same day for a version', () => {
    const opening =
      "Pyongyang, January 22 (KCNA) -- Kim Jong Il, general secretary of the Workers' Party of Korea and chairman of the National Defence Commission of the DPRK,";
    const guidance = {
      ...full,
      title: null,
      paragraphs: [
        `${opening} gave field guidance to the February 8 Vinalon Complex in Hamhung.`,
        'He went round the production lines and praised the workers for their innovations in the year.',
      ],
    };
    const concert = {
      ...full,
      title: null,
      paragraphs: [
        `${opening} enjoyed an art performance given by the employees of the complexes.`,
        'The performers sang songs and danced before an audience of soldiers and workers.',
      ],
    };
    expect(computeKeys(concert).leadKey).toBe(computeKeys(guidance).leadKey);
    expect(pickMatch(concert, computeKeys(concert), [stored(guidance)])).toBeNull();
    const corrected = {
      ...guidance,
      paragraphs: [
        guidance.paragraphs[0]!,
        guidance.paragraphs[1]!.replace('in the year', 'this year'),
      ],
    };
    expect(pickMatch(corrected, computeKeys(corrected), [stored(guidance)])?.id).toBe('a1');
  });

  it('finds a text of fewer than 6 words again, but not as the opening of a longer one', () => {
    const short = { ...full, title: 'Best Players of 2011', paragraphs: ['Kim Ho Jong.'] };
    expect(computeKeys(short).leadKey).toBe('kim ho jong');
    expect(pickMatch(short, computeKeys(short), [stored(short)])?.id).toBe('a1');
    const longer = {
      ...short,
      paragraphs: [
        'Kim Ho Jong, a coach of the national team, was named among the best coaches of the year.',
      ],
    };
    expect(pickMatch(short, computeKeys(short), [stored(longer)])).toBeNull();
    // A teaser that short could open anything: it is not looked up by its words.
    expect(
      computeKeys({ ...teaser, teaser: 'Pyongyang, January 22 (KCNA) -- Fishing sector of' })
        .leadKey,
    ).toBeNull();
  });

  it('treats a year-unknown copy as compatible with a dated one', () => {
    const undated = {
      ...full,
      title: null,
      published: { year: null, month: 1, day: 22, basis: 'dateline-only' as const },
    };
    expect(pickMatch(undated, computeKeys(undated), [stored(full)])?.id).toBe('a1');
  });

  it('derives stable ids from the first identity', () => {
    const { keys, lead } = computeIdentity(full);
    const id = deriveArticleId('kcna-kp-en', full.published, keys, lead.words);
    expect(computeIdentity({ ...full }).lead.words).toEqual(lead.words);
    expect(deriveArticleId('kcna-kp-en', full.published, keys, lead.words)).toBe(id);
    expect(id).toMatch(/^a[0-9a-f]{15}$/);
    expect(deriveArticleId('kcna-kp-en', full.published, keys, lead.words, 1)).not.toBe(id);
  });
});
