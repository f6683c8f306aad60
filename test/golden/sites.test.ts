import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/capture/decode.js';
import { profileById } from '../../src/extract/sites/index.js';
import { nextListUrl } from '../../src/extract/sites/rodong.js';

/**
 * Golden pages of the site profiles: `sites/<profile>/<case>/{input.html, context.json, expected.json}`.
 * Inputs are the real pages of the shared fixtures (provenance in test/golden/sites/SOURCES.md) plus
 * hand-made cases (named `*-handmade`, `*-synthetic`, and the generic feeds). Each expected.json was
 * produced by the profile and checked by hand against the page;
 * `WIREWATCH_UPDATE_GOLDEN=1 npx vitest run test/golden/sites.test.ts` rewrites them.
 */
const root = join(import.meta.dirname, 'sites');
const cases = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).flatMap((profile) =>
  readdirSync(join(root, profile.name)).filter((c) => existsSync(join(root, profile.name, c, 'input.html')))
    .map((c) => [profile.name, c] as const));

function run(profile: string, name: string) {
  const dir = join(root, profile, name);
  const { url } = JSON.parse(readFileSync(join(dir, 'context.json'), 'utf8')) as { url: string };
  const { text } = decodeText(readFileSync(join(dir, 'input.html')));
  return profileById(profile)!.parse(text, url);
}

describe('golden site pages', () => {
  it('covers every profile', () => {
    expect(new Set(cases.map(([p]) => p))).toEqual(new Set(['kcna-en', 'kcna-ko', 'rodong-en', 'rodong-ko', 'kcnawatch', 'generic']));
  });

  for (const [profile, name] of cases) {
    it(`${profile}/${name}`, () => {
      const file = join(root, profile, name, 'expected.json');
      const actual = run(profile, name);
      if (process.env.WIREWATCH_UPDATE_GOLDEN === '1') writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
      expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    });
  }
});

describe('Korean editions, asserted part by part', () => {
  it('keeps the leader names set in their own markup inside the text', () => {
    const page = run('kcna-ko', 'q-article-constructed');
    expect(page.article?.paragraphs[0]).toContain('위대한 령도자 김정일동지께서는');
    expect(page.article?.sourceLabel).toBe('KCNA.kp (Ko)');
    expect(page.article?.language).toBe('ko');
  });

  it('reads the date from a Rodong key when the page prints none, and says when the two disagree', async () => {
    const { rodongKey } = await import('../../src/extract/sites/rodong-token.js');
    expect(rodongKey('http://rodong.rep.kp/ko/index.php?MTJAMjAyNC0xMC0wOC1OMDA5QDE1QDFAQDBAOQ=%3D')).toMatchObject({
      kind: 12,
      date: { year: 2024, month: 10, day: 8 },
    });
    expect(rodongKey('http://rodong.rep.kp/ko/index.php?strPageID=SF01_02_01')).toBeNull();
    const html = readFileSync(join(root, 'rodong-ko', 'article-2023-layout-constructed', 'input.html'), 'utf8');
    const moved = profileById('rodong-ko')!.parse(
      html,
      'http://rodong.rep.kp/ko/index.php?MTJAMjAyNC0xMC0wOS1OMDA5QDE1QDFAQDBAOQ==',
    );
    expect(moved.article?.published).toMatchObject({ year: 2024, month: 10, day: 8, basis: 'page' });
    expect(moved.problems.join('\n')).toMatch(/differs from its address's key/);
  });

  it('picks the edition of kcna.kp and rodong.rep.kp from the URL', async () => {
    const { profileForUrl } = await import('../../src/extract/sites/index.js');
    expect(profileForUrl('http://www.kcna.kp/kp/article/detail/abc').id).toBe('kcna-ko');
    expect(profileForUrl('http://www.kcna.kp/es/article/detail/abc').id).toBe('kcna-es');
    expect(profileForUrl('http://www.kcna.kp/en/article/detail/abc').id).toBe('kcna-en');
    expect(profileForUrl('http://rodong.rep.kp/ko/index.php?MTJA').id).toBe('rodong-ko');
    expect(profileForUrl('http://rodong.rep.kp/en/index.php?strPageID=SF01_02_01').id).toBe('rodong-en');
  });
});

describe('site profiles, asserted part by part', () => {
  it('KCNA 2026 list page 1 gives items with list dates and a POST continuation with the session form', () => {
    const page = run('kcna-en', 'detail-list-page1');
    expect(page.listing.map((i) => i.title)).toEqual(['Kim Jong Un Inspects Factory', 'Second Story']);
    expect(page.listing[0]!.published).toEqual({ year: 2026, month: 9, day: 8, basis: 'listing' });
    expect(page.next).toMatchObject({ method: 'POST', page: 2, lastPage: 36, form: { _csrf: 'tok-123-abc', page_num: '2', cnt_per_page: '15' } });
  });

  it('an empty KCNA list with HTTP 200 is a failed session, reported, not the last page', () => {
    const page = run('kcna-en', 'detail-list-bad-session');
    expect(page.kind).toBe('listing');
    expect(page.listing).toEqual([]);
    expect(page.problems[0]).toMatch(/^template broken: no list items at .*failed session/);
  });

  it('a KCNA 2026 article has no date on the page: the dateline gives month and day, never a year', () => {
    const page = run('kcna-en', 'detail-article-dateline-synthetic');
    expect(page.article!.published).toEqual({ year: null, month: 12, day: 30, basis: 'dateline-only' });
    const plain = run('kcna-en', 'detail-article');
    expect(plain.article!.paragraphs).toEqual(['First paragraph.', 'Second paragraph.']);
  });

  it('a KCNA q article reads its Juche date', () => {
    const page = run('kcna-en', 'q-article-juche-synthetic');
    expect(page.article!.title).toBe('Synthetic Name Here Headline Delta');
    expect(page.article!.published).toEqual({ year: 2019, month: 12, day: 10, basis: 'page' });
  });

  it('KCNA q lists: items with list dates (Juche too), next page by the pager page token, a built URL, or a "Next" link', () => {
    const page1 = run('kcna-en', 'q-list-page1-handmade');
    expect(page1.listing.map((i) => i.published.day)).toEqual([14, 13, 13]);
    expect(page1.listing[0]!.url).toMatch(/^http:\/\/www\.kcna\.kp\/en\/article\/q\/[0-9a-f]{64}\.kcmsf$/);
    // The pager's page-2 link, not page 3's.
    expect(page1.next).toEqual({ method: 'GET', page: 2, url: 'http://www.kcna.kp/en/category/articles/q/1a5e994a4faa85ea3c0b9ca3f1592687046ed749b5c30481c9fc3574f2caa01a.kcmsf' });
    expect(run('kcna-en', 'q-list-page2-no-pager-handmade').next).toMatchObject({ page: 3, url: expect.stringContaining('/q/ec88a9809ea65f483b47ad0382d0bd18046ed749') });
    expect(run('kcna-en', 'q-list-next-link-handmade').next!.url).toContain('/q/00112233445566778899aabbccddeeff');
  });

  it('Rodong: JavaScript links, title paragraph, byline dropped, Juche date with its year', () => {
    const list = run('rodong-en', 'list-news');
    expect(list.listing).toHaveLength(40);
    expect(list.listing[2]).toMatchObject({ title: 'Strong Support to Railway', url: 'http://www.rodong.rep.kp/en/index.php?strPageID=SF01_02_01&newsID=2022-03-11-0003' });
    const a = run('rodong-en', 'article-2022-03-11-0003').article!;
    expect(a.title).toBe('Strong Support to Railway');
    expect(a.published).toEqual({ year: 2022, month: 3, day: 11, basis: 'page' });
    expect(a.paragraphs.at(-1)).not.toBe('Rodong Sinmun');
    expect(a.complete).toBe(true);
    expect(run('rodong-en', 'past-last-page-handmade')).toMatchObject({ kind: 'listing', listing: [], problems: [], next: null });
  });

  it('Rodong list pages are numbered by iSubMenuID: the next page is built from the address', () => {
    expect(run('rodong-en', 'list-news').next).toEqual({
      url: 'http://www.rodong.rep.kp/en/index.php?strPageID=SF01_01_02&iMenuID=2&iSubMenuID=2', method: 'GET', page: 2,
    });
    const base = 'http://www.rodong.rep.kp/en/index.php?strPageID=';
    expect(nextListUrl(`${base}SF01_01_02&iMenuID=1&iSubMenuID=3`)).toBe(`${base}SF01_01_02&iMenuID=1&iSubMenuID=4`);
    expect(nextListUrl(`${base}SF01_01_03&iThemeID=2`)).toBe(`${base}SF01_01_03&iThemeID=2&iMenuID=1&iSubMenuID=2`);
    expect(nextListUrl(`${base}SF01_01_03&strDate=2022-03-01`)).toBeNull(); // one day, one page
    expect(nextListUrl(`${base}SF01_02_01&newsID=2022-03-11-0003`)).toBeNull();
  });

  it('KCNA Watch: DD/MM/YYYY date, source label, body cut at -0- and promo lines dropped', () => {
    const a = run('kcnawatch', 'article-handmade').article!;
    expect(a.published).toEqual({ year: 2019, month: 11, day: 19, basis: 'page' });
    expect(a.sourceLabel).toBe('KCNA.kp (En)');
    expect(a.paragraphs).toHaveLength(2);
  });

  it('KCNA Watch lists: the AJAX list pages by from += to; the archive page\'s script "Load More" is no next page', () => {
    const ajax = run('kcnawatch', 'ajax-list-handmade');
    expect(ajax.listing[0]!.published).toEqual({ year: 2022, month: 3, day: 11, basis: 'listing' });
    expect(ajax.next).toEqual({ method: 'GET', page: 3, url: 'https://kcnawatch.org/wp-admin/admin-ajax.php?action=get_cat_by_source&die=true&from=20&to=10&sort=&id=189661' });
    expect(run('kcnawatch', 'kctv-archive-listing')).toMatchObject({ kind: 'listing', next: null });
  });

  it('generic HTML lists: repeated same-host links with titles of 15+ characters, dates from <time>, next from rel=next or "Next"', () => {
    const small = run('generic', 'html-list-handmade');
    expect(small.kind).toBe('listing');
    // Nav and footer links, the other host's story and the short link are left out; the fragment is dropped.
    expect(small.listing.map((i) => i.url)).toEqual(['/2019/03/24/harvest-figures', '/2019/03/23/railway-support', '/2019/03/22/fertilizer']
      .map((p) => `https://wire.example${p}`));
    expect(small.listing[0]!.published).toEqual({ year: 2019, month: 3, day: 24, basis: 'listing' });
    expect(small.listing[2]!.published.basis).toBe('unknown');
    expect(small.next).toEqual({ url: 'https://wire.example/latest?page=2', method: 'GET' });
    const index = run('generic', 'news-index-handmade');
    // WordPress-like: the entry titles, not the sidebar's "Recent Posts" or the menu; teasers from the summaries.
    expect(index.listing.map((i) => i.title)).toEqual(['Party Plenary Meeting Convened in Pyongyang', 'Flood Prevention Measures Taken Across Provinces',
      'New Greenhouse Farm Completed Near Hamhung', 'Government Delegation Returns Home']);
    expect(index.listing[1]!.teaser).toMatch(/^State media reported/);
    expect(index.next!.url).toBe('https://monitor.example/news/page/2/');
    expect(run('generic', 'kctv-archive-listing').listing).toHaveLength(3);
    // An article with a "Related stories" box stays an article.
    expect(run('generic', 'html-article-related-handmade')).toMatchObject({ kind: 'article', article: { title: 'Harvest Figures Published' } });
  });

  it('a page without title or body is a broken template', () => {
    expect(run('generic', 'empty-page')).toMatchObject({ kind: 'unknown', article: null });
    expect(run('generic', 'empty-page').problems).toContain('template broken: no title at https://wire.example/empty');
  });
});
