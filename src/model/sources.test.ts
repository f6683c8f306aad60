import { describe, expect, it } from 'vitest';
import { resolveSource, sourceFromUrl, urlHost } from './sources.js';

const id = (s: { id: string } | null) => s?.id ?? null;
const CO_JP = 'http://www.kcna.co.jp/item/2011/201109/news23/20110923-14ss.html';

describe('resolveSource', () => {
  it('takes an id or a label as it is, whatever the language or the URL', () => {
    expect(id(resolveSource('KCNA.kp (En)'))).toBe('kcna-kp-en');
    expect(id(resolveSource('kcna.kp  (en)', 'es'))).toBe('kcna-kp-en');
    expect(id(resolveSource('kcna-kp-en', 'es', CO_JP))).toBe('kcna-kp-en');
  });

  it('lets the language pick the edition of an alias or a publisher', () => {
    expect(id(resolveSource('KCNA'))).toBe('kcna-kp-en');
    expect(id(resolveSource('KCNA', 'es'))).toBe('kcna-kp-es');
    expect(id(resolveSource('KCNA (kcna.co.jp)', 'es'))).toBe('kcna-co-jp-es');
    expect(id(resolveSource('KCNA.kp', 'ko'))).toBe('kcna-kp-ko');
  });

  it('narrows the agency name KCNA to the site the URL is on', () => {
    expect(id(resolveSource('KCNA', 'en', CO_JP))).toBe('kcna-co-jp-en');
    expect(id(resolveSource('KCNA', 'es', CO_JP))).toBe('kcna-co-jp-es');
    expect(id(resolveSource('kcna', null, 'https://kcna.kp/es/article/q/abc.kcmsf'))).toBe(
      'kcna-kp-es',
    );
    // Off KCNA's sites the URL says nothing about which KCNA it is.
    expect(id(resolveSource('KCNA', 'en', 'https://kcnawatch.org/newstream/1/x/'))).toBe(
      'kcna-kp-en',
    );
    // A name of one site stays that site.
    expect(id(resolveSource('KCNA.kp', 'en', CO_JP))).toBe('kcna-kp-en');
  });

  it('knows the Korean editions by the names they print', () => {
    expect(id(resolveSource('조선중앙통신'))).toBe('kcna-kp-ko');
    expect(id(resolveSource('로동신문'))).toBe('rodong-ko');
    expect(id(resolveSource('Rodong Sinmun (Ko)'))).toBe('rodong-ko');
    expect(id(resolveSource('Tongil Sinbo', 'ko'))).toBe('tongil-sinbo-ko');
    expect(id(resolveSource('우리 민족끼리'))).toBe('uriminzokkiri-ko');
    const coJp = 'http://kcna.co.jp/calendar/2022/07/07-06/2022-0706-009.html';
    expect(id(resolveSource('조선중앙통신', 'ko', coJp))).toBe('kcna-co-jp-ko');
    expect(id(sourceFromUrl(coJp, 'ko'))).toBe('kcna-co-jp-ko');
    expect(id(sourceFromUrl('http://rodong.rep.kp/ko/index.php?MTJAMjAyNC0xMC0wOA=='))).toBe(
      'rodong-ko',
    );
    expect(id(sourceFromUrl('http://vok.rep.kp/index.php/detail_com/comde/ikn1/18/ko', 'ko'))).toBe(
      'vok-ko',
    );
    expect(id(sourceFromUrl('http://www.uriminzokkiri.com/index.php?ptype=cgisas'))).toBe(
      'uriminzokkiri-ko',
    );
  });

  it('makes a new source of an unknown name', () => {
    expect(resolveSource('Minju Choson (En)')).toEqual({
      id: 'minju-choson-en',
      name: 'Minju Choson',
      language: 'en',
      label: 'Minju Choson (En)',
    });
  });
});

describe('sourceFromUrl', () => {
  it('reads the site from the host and the edition from the folder where the site has one', () => {
    expect(id(sourceFromUrl('http://kcna.kp/en/article/q/abc.kcmsf'))).toBe('kcna-kp-en');
    expect(id(sourceFromUrl('kcna.kp/es/article/q/abc.kcmsf'))).toBe('kcna-kp-es');
    expect(id(sourceFromUrl('https://www.kcna.kp/kp/article/q/abc.kcmsf'))).toBe('kcna-kp-ko');
    expect(
      id(sourceFromUrl('http://rodong.rep.kp/en/index.php?MTJAMjAyNS0wMS0yMi1IMDAxQA==')),
    ).toBe('rodong-en');
    expect(id(sourceFromUrl('http://vok.rep.kp/index.php/detail/123'))).toBe('vok-en');
  });

  it('takes the edition from the language where the URL does not say it', () => {
    expect(id(sourceFromUrl(CO_JP))).toBe('kcna-co-jp-en');
    expect(id(sourceFromUrl(CO_JP, 'es'))).toBe('kcna-co-jp-es');
    expect(id(sourceFromUrl('http://www.kcna.co.jp/index-e.htm', 'EN'))).toBe('kcna-co-jp-en');
    expect(id(sourceFromUrl('http://kcna.kp/', 'es'))).toBe('kcna-kp-es');
    expect(sourceFromUrl('http://kcna.kp/')).toBeNull();
    // The folder says what the page is; a record's language field can be wrong (the stories corpus
    // labels Spanish stories `en`).
    expect(id(sourceFromUrl('http://kcna.kp/en/article/q/abc.kcmsf', 'es'))).toBe('kcna-kp-en');
  });

  it('knows no source of an aggregator or a look-alike host', () => {
    expect(sourceFromUrl('https://kcnawatch.org/newstream/1616567000-1/x/', 'en')).toBeNull();
    expect(sourceFromUrl('http://kcna.co.jp.example.org/item/1.html', 'en')).toBeNull();
    expect(urlHost('HTTP://user@WWW.Example.org:8080/a')).toBe('example.org');
  });
});
