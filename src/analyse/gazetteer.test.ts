import { describe, expect, it } from 'vitest';
import { GAZETTEER, GAZETTEER_VERSION, Gazetteer, defaultGazetteer } from './gazetteer.js';
import { isKcnaShaped, normaliseNameKey, romaniseNameForms } from './romanise.js';
import { spellingsOf } from './gazetteer.js';

const g = defaultGazetteer();

function ids(name: string): string[] {
  return g.lookup(name).map((e) => e.id);
}

describe('gazetteer data', () => {
  it('is versioned and large enough', () => {
    expect(GAZETTEER_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+$/);
    expect(GAZETTEER.length).toBeGreaterThanOrEqual(120);
  });

  it('has unique ids, in slug shape', () => {
    const seen = new Set(GAZETTEER.map((e) => e.id));
    expect(seen.size).toBe(GAZETTEER.length);
    for (const e of GAZETTEER) expect(e.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('names Korean officials in KCNA shape', () => {
    for (const e of GAZETTEER.filter((x) => x.kind !== 'foreign')) {
      const words = e.name.split(' ');
      expect(words.length, e.name).toBeGreaterThanOrEqual(2);
      for (const w of words) expect(w, e.name).toMatch(/^[A-Z][a-z]*$/);
      expect(isKcnaShaped(e.name), e.name).toBe(true);
      // KCNA voices ㄱ ㄷ ㅂ in the second given syllable only.
      expect(words[1], e.name).not.toMatch(/^[GDB]/);
      if (words[2]) expect(words[2], e.name).not.toMatch(/^[KTP](?!h)/);
    }
  });

  it('romanises every hangul to the entry name or a listed variant', () => {
    for (const e of GAZETTEER.filter((x) => x.hangul)) {
      const forms = romaniseNameForms(e.hangul ?? '');
      const accepted = [e.name, ...(e.variants ?? [])];
      expect(accepted, `${e.hangul} → ${forms.join(' / ')}`).toContain(forms[0]);
    }
  });

  it('qualifies homonyms and only homonyms', () => {
    const byName = new Map<string, number>();
    for (const e of GAZETTEER) byName.set(e.name, (byName.get(e.name) ?? 0) + 1);
    for (const e of GAZETTEER) {
      expect(e.qualifier !== undefined, e.id).toBe((byName.get(e.name) ?? 0) > 1);
    }
  });

  it('lets no two people share a canonical key unless they share the name', () => {
    const byKey = new Map<string, string>();
    for (const e of GAZETTEER) {
      const key = normaliseNameKey(e.name);
      const other = byKey.get(key);
      if (other !== undefined) expect(other, key).toBe(e.name);
      byKey.set(key, e.name);
    }
  });

  it('has the leaders flagged', () => {
    const leaders = GAZETTEER.filter((e) => e.leader).map((e) => e.name);
    expect(leaders).toEqual(['Kim Il Sung', 'Kim Jong Il', 'Kim Jong Un']);
  });
});

describe('lookup', () => {
  it('finds a person by any spelling', () => {
    for (const v of [
      'Jang Song Thaek',
      'Jang Song-thaek',
      'Jang Song Taek',
      'Jang Sung-taek',
      'Chang Song-taek',
      'jang song thaek',
      '장성택',
      '장 성택',
    ]) {
      expect(ids(v), v).toEqual(['jang-song-thaek']);
    }
    expect(ids('Choe Ryong-hae')).toEqual(['choe-ryong-hae']);
    expect(ids('Choi Ryong-hae')).toEqual(['choe-ryong-hae']);
    expect(ids('Kim Jong-un')).toEqual(['kim-jong-un']);
    expect(ids('Kim Chŏng-ŭn')).toEqual(['kim-jong-un']);
    expect(ids('Kim Jong Kak')).toEqual(['kim-jong-gak']);
    expect(ids('Kwak Bom Gi')).toEqual(['kwak-pom-gi']);
    expect(ids('Dmitry Medvedev')).toEqual(['dmitri-anatoliyevich-medvedev']);
    expect(ids('Lee Myung-bak')).toEqual(['lee-myung-bak']);
    expect(ids('이명박')).toEqual(['lee-myung-bak']);
  });

  it('finds nothing for a stranger', () => {
    expect(ids('Kim Chaek')).toEqual([]);
    expect(ids('')).toEqual([]);
  });

  it('finds every Ri Yong Ho, and one by hangul', () => {
    expect(ids('Ri Yong Ho')).toEqual([
      'ri-yong-ho-military',
      'ri-yong-ho-diplomat',
      'ri-yong-ho-chongwadae',
    ]);
    expect(ids('Ri Yong-ho')).toHaveLength(3);
    expect(ids('리영호')).toEqual(['ri-yong-ho-military']);
    expect(ids('리용호')).toEqual(['ri-yong-ho-diplomat']);
  });

  it('answers every generated spelling with its own entry', () => {
    for (const e of GAZETTEER) {
      for (const s of spellingsOf(e)) expect(g.lookup(s), `${s} (${e.id})`).toContain(e);
    }
  });
});

describe('resolve', () => {
  it('splits the Ri Yong Ho homonyms by title', () => {
    const general = g.resolve('Ri Yong Ho', { title: 'chief of the General Staff of the KPA' });
    expect(general?.id).toBe('ri-yong-ho-military');
    const minister = g.resolve('Ri Yong Ho', { title: 'vice-minister of Foreign Affairs' });
    expect(minister?.id).toBe('ri-yong-ho-diplomat');
    const secretary = g.resolve('Ri Yong Ho', { title: 'secretary of Chongwadae' });
    expect(secretary?.id).toBe('ri-yong-ho-chongwadae');
  });

  it('title outweighs date', () => {
    const r = g.resolve('Ri Yong Ho', { title: 'foreign minister', date: '2012-03-01' });
    expect(r?.id).toBe('ri-yong-ho-diplomat');
  });

  it('splits them by date when the title says nothing', () => {
    expect(g.resolve('Ri Yong Ho', { date: '2017-04-15' })?.id).toBe('ri-yong-ho-diplomat');
    expect(g.resolve('Ri Yong Ho', { title: 'comrade', date: '2016' })?.id).toBe(
      'ri-yong-ho-diplomat',
    );
    expect(g.resolve('Ri Yong Ho', { date: '2012-07-16' })?.id).toBe('ri-yong-ho-military');
    expect(g.resolve('Ri Yong Ho', { date: '2012-07-17' })?.id).toBe('ri-yong-ho-diplomat');
  });

  it('prefers the first listed without context', () => {
    expect(g.resolve('Ri Yong Ho', {})?.id).toBe('ri-yong-ho-military');
    expect(g.resolve('Ri Yong Ho', { title: null, date: null })?.id).toBe('ri-yong-ho-military');
    expect(g.resolve('Ri Yong Ho', { date: '1990-01-01' })?.id).toBe('ri-yong-ho-military');
  });

  it('resolves a unique name whatever the context, and a stranger to null', () => {
    expect(g.resolve('Jang Song-thaek', { date: '1990' })?.id).toBe('jang-song-thaek');
    expect(g.resolve('Nobody Here', {})).toBeNull();
  });
});

describe('Gazetteer', () => {
  it('shows homonyms with their qualifier', () => {
    const military = g.byId('ri-yong-ho-military');
    expect(military && g.displayName(military)).toBe('Ri Yong Ho [military]');
    const choe = g.byId('choe-ryong-hae');
    expect(choe && g.displayName(choe)).toBe('Choe Ryong Hae');
    expect(g.byId('nobody')).toBeUndefined();
  });

  it('is memoised, and can be built from other entries', () => {
    expect(defaultGazetteer()).toBe(g);
    const small = new Gazetteer([{ id: 'x', name: 'Kim Ki Nam', kind: 'official' }]);
    expect(small.lookup('Kim Ki-nam').map((e) => e.id)).toEqual(['x']);
    expect(small.lookup('Jang Song Thaek')).toEqual([]);
  });
});
