/**
 * Rodong Sinmun English, old layout (to about 2022): `index.php?strPageID=…`.
 * - Lists (`SF01_01_0x`): `div.ListNewsLineContainer` rows with `.ListNewsLineTitleW > a` whose href is
 *   `javascript:article_open('index.php?strPageID=SF01_02_01&newsID=…')`, and `.ListNewsLineDate`
 *   (`2022.03.11`). Past the last page the site answers `알수 없는 주소` ("unknown address").
 * - List pages are numbered by `iSubMenuID` (1 when absent): the page carries no pager links, so the next
 *   page's URL is built from the address scheme (see `nextListUrl`). Date pages (`strDate=`) hold one
 *   day and have no next page.
 * - Articles (`SF01_02_01`): `.ArticleMenuDate` (`Mar. 10, Juche 111 (2022) Thursday`), then
 *   `p.ArticleContent`: the first is the title, `&nbsp;` spacers and image paragraphs are skipped, the
 *   last is the byline (`Rodong Sinmun`). Full-width digits are made ASCII.
 */
import { isKoreanByline } from '../korean.js';
import {
  absolute,
  article,
  articleResult,
  asciiDigits,
  byClass,
  byId,
  byTag,
  dottedDate,
  listingResult,
  parseHtml,
  textOf,
  UNKNOWN_DATE,
  unknownResult,
  type Document,
} from './dom.js';
import type { ListingItem, SiteParse, SiteProfile } from './types.js';
import { parseRodongToken } from './rodong-token.js';
import { rodongMenuDate } from './rodong-date.js';
import { editionFolder } from '../language.js';

export { rodongMenuDate };

/** The editions by URL folder; the English label names no language, as the site's pages do not. */
const LABELS = { en: 'Rodong Sinmun', ko: 'Rodong Sinmun (Ko)' } as const;
type RodongEdition = keyof typeof LABELS;
const BYLINE = /^Rodong Sinmun\.?$/i;

/** The edition a rodong.rep.kp URL's first folder names, English for any other. */
export function rodongEditionOf(url: string): RodongEdition {
  return editionFolder(url) === 'ko' ? 'ko' : 'en';
}

function articlePage(doc: Document, url: string, label: string): SiteParse {
  const paras = byClass(doc, 'ArticleContent', 'p');
  const texts = paras.map((p) => asciiDigits(textOf(p)));
  const titleAt = texts.findIndex(Boolean);
  const title = titleAt >= 0 ? texts[titleAt]! : null;
  let body = texts.slice(titleAt + 1).filter(Boolean);
  let complete = false;
  if (body.length && BYLINE.test(body[body.length - 1]!)) {
    body = body.slice(0, -1);
    complete = true;
  } else if (body.length > 1 && isKoreanByline(body.at(-1)!, body.at(-2)!)) {
    // A Korean writer's byline stays: it is the paper's text, and it ends the story.
    complete = true;
  }
  const stamp = byClass(doc, 'ArticleMenuDate').map(textOf).find(Boolean);
  const problems: string[] = [];
  const published = stamp ? rodongMenuDate(stamp) : null;
  if (stamp && !published) problems.push(`date not read: "${stamp}"`);
  const flags = byTag(doc, 'img').some((i) =>
    /\/article_contents_en\/.*\/photo\//.test(i.attribs.src ?? ''),
  )
    ? ['photo']
    : [];
  return articleResult(
    article({ title, paragraphs: body, published, url, sourceLabel: label, complete, flags }),
    url,
    problems,
  );
}

const OPEN = /article_open\(\s*['"]([^'"]+)['"]\s*\)/;

function listPage(doc: Document, url: string): SiteParse {
  const items: ListingItem[] = [];
  for (const row of byClass(doc, 'ListNewsLineContainer')) {
    const a = byClass(row, 'ListNewsLineTitleW').flatMap((t) => byTag(t, 'a'))[0];
    if (!a) continue;
    const raw = a.attribs.href ?? '';
    const target = OPEN.exec(raw)?.[1] ?? (raw.startsWith('javascript:') ? null : raw);
    const href = target ? absolute(target.replace(/&amp;/g, '&'), url) : null;
    if (!href) continue;
    const stamp = byClass(row, 'ListNewsLineDate').map(textOf).join(' ');
    items.push({
      title: asciiDigits(textOf(a)).replace(/^\uFEFF/, ''),
      url: href,
      published: dottedDate(stamp, 'listing') ?? UNKNOWN_DATE,
      teaser: null,
    });
  }
  const nextUrl = items.length ? nextListUrl(url) : null;
  return listingResult(
    items,
    url,
    nextUrl
      ? {
          url: nextUrl,
          method: 'GET',
          page: Number(new URL(nextUrl).searchParams.get('iSubMenuID')),
        }
      : null,
  );
}

/**
 * The next page of an old-layout list: `iSubMenuID` counts pages from 1, and the scrapers that paged
 * these lists (sites.md [24]) sent `iMenuID=1` with it when the section URL had none
 * (`SF01_01_03&iThemeID=2&iMenuID=1&iSubMenuID=3`). The page past the last one answers
 * `알수 없는 주소`, which ends the walk. Null for a day page (`strDate=`) or a URL that is no list.
 */
export function nextListUrl(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const page = u.searchParams.get('strPageID') ?? '';
  if (!/^SF01_01_0[2-5]$/.test(page) || u.searchParams.has('strDate')) return null;
  const current = Number(u.searchParams.get('iSubMenuID') ?? '1');
  if (!Number.isInteger(current) || current < 1) return null;
  if (!u.searchParams.has('iMenuID')) u.searchParams.set('iMenuID', '1');
  u.searchParams.set('iSubMenuID', String(current + 1));
  return u.toString();
}

/** A rodong.rep.kp page of `edition` (by default the one its URL names), old site or new. */
export function parseRodong(
  html: string,
  url: string,
  edition: RodongEdition = rodongEditionOf(url),
): SiteParse {
  const doc = parseHtml(html);
  const label = LABELS[edition];
  if (textOf(doc).includes('알수 없는 주소')) {
    return { kind: 'listing', article: null, listing: [], next: null, problems: [], pastEnd: true };
  }
  const page = (() => {
    try {
      return new URL(url).searchParams.get('strPageID');
    } catch {
      return null;
    }
  })();
  if (!page && (byClass(doc, 'news_Title').length || byId(doc, 'ContDIV')))
    return parseRodongToken(doc, url, label);
  if (page === 'SF01_02_01' || (!page && byClass(doc, 'ArticleContent', 'p').length))
    return articlePage(doc, url, label);
  if (page?.startsWith('SF01_01_') || (!page && byClass(doc, 'ListNewsLineContainer').length))
    return listPage(doc, url);
  if (!page) return parseRodongToken(doc, url, label);
  return unknownResult(url, 'no Rodong Sinmun layout recognised');
}

function rodongProfileOf(edition: RodongEdition, name: string): SiteProfile {
  return {
    id: `rodong-${edition}`,
    sourceId: `rodong-${edition}`,
    description: `Rodong Sinmun ${name}: the old index.php?strPageID=… layout and the index.php?<key> site of 2022 on`,
    parse: (html, url) => parseRodong(html, url, edition),
  };
}

export const rodongProfile = rodongProfileOf('en', 'English');
export const rodongKoreanProfile = rodongProfileOf('ko', 'Korean (/ko/)');
