import { describe, expect, it } from 'vitest';
import { MatchPrefetch } from '../../src/store/postgres/match-prefetch.js';
import type { MatchCandidates, MatchRequest, StoredArticle } from '../../src/store/types.js';

const SIGNATURE = new Uint8Array(256).fill(7);
const OTHER_SIGNATURE = new Uint8Array(256).fill(9);

const request = (over: Partial<MatchRequest> = {}): MatchRequest => ({
  sourceId: 'kcna-kp-en',
  leadKey: 'lead one',
  titleKey: 'kim jong un inspects factory',
  date: { year: 2012, month: 3, day: 1, basis: 'record' },
  prefixFloor: 10,
  story: { bodyHash: 'body one', signature: SIGNATURE },
  ...over,
});

type WrittenOver = Partial<StoredArticle['keys']> & {
  id?: string;
  sourceId?: string;
  published?: StoredArticle['published'];
};

function written(over: WrittenOver) {
  const {
    id = 'w',
    sourceId = 'kcna-kp-en',
    published = { year: 2012, month: 3, day: 1, basis: 'record' },
    ...keys
  } = over;
  return {
    id,
    sourceId,
    published,
    keys: {
      leadKey: 'other lead',
      titleKey: 'other title',
      bodyHash: 'other body',
      signature: null,
      ...keys,
    },
  } as StoredArticle;
}

const answer: MatchCandidates = {
  byKeys: [{ id: 'known' } as StoredArticle],
  byTitlePrefix: [],
  story: null,
};

function kept(r: MatchRequest = request()): MatchPrefetch {
  const prefetch = new MatchPrefetch();
  prefetch.keep([r], [answer]);
  return prefetch;
}

describe('match candidates read ahead', () => {
  it('answers a request asked as it was kept, once', () => {
    const prefetch = kept();
    expect(prefetch.take(request({ leadKey: 'another' }))).toBeNull();
    expect(prefetch.take(request())).toBe(answer);
    expect(prefetch.take(request())).toBeNull();
  });

  it('still answers after writes that cannot change it', () => {
    const prefetch = kept();
    prefetch.wrote(written({}));
    prefetch.wrote(written({ sourceId: 'rodong-en', leadKey: 'lead one' }));
    prefetch.wrote(written({ signature: OTHER_SIGNATURE }));
    expect(prefetch.take(request())).toBe(answer);
  });

  it('gives up its answer once a write could change it', () => {
    const cases: Parameters<typeof written>[0][] = [
      { id: 'known' },
      { leadKey: 'lead one' },
      { titleKey: 'kim jong un inspects factory' },
      { titleKey: 'kim jong un inspects' },
      { bodyHash: 'body one', sourceId: 'rodong-en' },
      { signature: SIGNATURE, sourceId: 'rodong-en' },
    ];
    for (const write of cases) {
      const prefetch = kept();
      prefetch.wrote(written(write));
      expect(prefetch.take(request()), JSON.stringify(write)).toBeNull();
    }
  });

  it('does not count writes from before it was read', () => {
    const prefetch = new MatchPrefetch();
    prefetch.wrote(written({ leadKey: 'lead one' }));
    prefetch.keep([request()], [answer]);
    expect(prefetch.take(request())).toBe(answer);
  });

  it('keeps its answer when the same lead or title was written for another day, not for an undated one', () => {
    const day = (d: number | null, year: number | null = 2012) =>
      ({ year, month: 3, day: d, basis: 'record' }) as const;
    const prefetch = kept();
    prefetch.wrote(written({ leadKey: 'lead one', published: day(2) }));
    prefetch.wrote(written({ titleKey: 'kim jong un inspects factory', published: day(3) }));
    prefetch.wrote(written({ titleKey: 'kim jong un inspects', published: day(1, 2011) }));
    expect(prefetch.take(request())).toBe(answer);
    for (const published of [day(null), day(1, null), day(1)]) {
      const again = kept();
      again.wrote(written({ leadKey: 'lead one', published }));
      expect(again.take(request()), JSON.stringify(published)).toBeNull();
    }
  });

  it('compares titles as prefixes only when the request looks for cut headlines', () => {
    const prefetch = kept(request({ prefixFloor: null, story: null }));
    prefetch.wrote(written({ titleKey: 'kim jong un inspects', bodyHash: 'body one' }));
    expect(prefetch.take(request({ prefixFloor: null, story: null }))).toBe(answer);
  });

  it('gives an id read free once, and not after an article was written under it', () => {
    const prefetch = new MatchPrefetch();
    prefetch.keepFree(['a1', 'a2']);
    expect(prefetch.takeFree('a1')).toBe(true);
    expect(prefetch.takeFree('a1')).toBe(false);
    prefetch.wrote(written({ id: 'a2' }));
    expect(prefetch.takeFree('a2')).toBe(false);
    expect(prefetch.takeFree('a3')).toBe(false);
  });

  it('weighs writes made while a read was on its way against what it read', () => {
    const prefetch = new MatchPrefetch();
    const sent = prefetch.mark();
    prefetch.wrote(written({ id: 'a1', leadKey: 'lead one' }));
    prefetch.keep([request()], [answer], sent);
    prefetch.keepFree(['a1', 'a2'], sent);
    expect(prefetch.take(request())).toBeNull();
    expect(prefetch.takeFree('a1')).toBe(false);
    expect(prefetch.takeFree('a2')).toBe(true);
  });
});
