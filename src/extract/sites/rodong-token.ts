/**
 * Rodong Sinmun's site from 2022 on, every edition (`/en/`, `/ko/`): addresses are
 * `index.php?<base64 key>`, and the key says what the page is (../../../docs/sites.md §3,
 * ../shared/fixtures/korean/SOURCES.md):
 * - `12@2024-10-08-N009@15@1@@0@9`: an article, with its issue date; `8@…` a search result (an article
 *   reached from a search), `5@@5@1@2024-10-08` a day's list, `1@@<cat>@<page>@` a section list.
 * - 2023 article layout: `.news_Title`, `p.News_Detail span.NewsDate` (`2023.3.13.`), `p.ArticleContent`.
 * - 2025 layout: `#article-date` (`Feb. 19, 2026 Thursday [Photo]`), `#ContDIV` with `p.TitleP` (also
 *   `RevoTitleP`, `HeadP`), `p.SubTitleP`, `p.TextP`, `p.MarkP` (a set-off quotation) and `p.WriterP`
 *   (the byline, kept as the last paragraph: it is the paper's, and it says the text is whole).
 * - Lists: `.date_news_list` rows with `.media-body a` and `.news_date` (`2024.10.8.`).
 * The same key appears under many URLs, so the page's own date is checked against the key's.
 */
import { parseKoreanDate } from '../korean.js';
import {
  absolute,
  article,
  articleResult,
  asciiDigits,
  byClass,
  byId,
  byTag,
  dottedDate,
  hasClass,
  listingResult,
  textOf,
  UNKNOWN_DATE,
  unknownResult,
  type Document,
  type Element,
} from './dom.js';
import { rodongMenuDate } from './rodong-date.js';
import type { ListingItem, SiteParse } from './types.js';
import type { PublishedDate } from '../types.js';

export interface RodongKey {
  /** The first field: 12 article, 8 search result, 5 day list, 1 section list, 2 home, 10 video. */
  kind: number;
  /** The issue date the key names, when it names one. */
  date: { year: number; month: number; day: number } | null;
  fields: string[];
}

/** The key of a `index.php?<base64>` address, read leniently (padding is unreliable), or null. */
export function rodongKey(url: string): RodongKey | null {
  let query: string;
  try {
    query = decodeURIComponent(new URL(url).search.slice(1));
  } catch {
    return null;
  }
  const token = query.replace(/=+$/, '');
  if (!token || token.length > 400 || !/^[A-Za-z0-9+/_-]+$/.test(token)) return null;
  const text = Buffer.from(token, 'base64').toString('utf8');
  const fields = text.split('@');
  const kind = Number(fields[0]);
  if (fields.length < 3 || !Number.isInteger(kind) || !/^\d{1,2}$/.test(fields[0]!)) return null;
  const found = fields
    .map((f) => /^(\d{4})-(\d{2})-(\d{2})(?:-|$)/.exec(f))
    .find((m) => m !== null);
  const date = found
    ? { year: Number(found[1]), month: Number(found[2]), day: Number(found[3]) }
    : null;
  const real = date && dottedDate(`${date.year}.${date.month}.${date.day}`, 'url') !== null;
  return { kind, date: real ? date : null, fields };
}

/** The page's own date, in any of the forms the editions print. */
function pageDate(text: string): PublishedDate | null {
  const korean = parseKoreanDate(asciiDigits(text));
  if (korean) return { ...korean, basis: 'page' };
  return dottedDate(text, 'page') ?? rodongMenuDate(text);
}

const TITLE_CLASSES = ['TitleP', 'RevoTitleP', 'HeadP'];
const BODY_CLASSES = ['TextP', 'MarkP'];

interface Parts {
  title: string | null;
  paragraphs: string[];
  byline: string | null;
  stamp: string | null;
}

function layout2025(container: Element, doc: Document): Parts {
  const titles: string[] = [];
  const paragraphs: string[] = [];
  let byline: string | null = null;
  for (const p of byTag(container, 'p')) {
    const text = textOf(p);
    if (!text) continue;
    if (TITLE_CLASSES.some((c) => hasClass(p, c)) && paragraphs.length === 0) titles.push(text);
    else if (hasClass(p, 'SubTitleP') && paragraphs.length === 0) titles.push(text);
    else if (hasClass(p, 'WriterP')) byline = text;
    else if (BODY_CLASSES.some((c) => hasClass(p, c))) paragraphs.push(text);
  }
  const stamp = byId(doc, 'article-date');
  return {
    title: titles.join(' ') || null,
    paragraphs,
    byline,
    stamp: stamp ? textOf(stamp) : null,
  };
}

function layout2023(doc: Document): Parts {
  const title = byClass(doc, 'news_Title').map(textOf).find(Boolean) ?? null;
  const paragraphs = byClass(doc, 'ArticleContent', 'p').map(textOf).filter(Boolean);
  const stamp = byClass(doc, 'NewsDate').map(textOf).find(Boolean) ?? null;
  return { title, paragraphs, byline: null, stamp };
}

function articlePage(doc: Document, url: string, label: string, key: RodongKey | null) {
  const container = byId(doc, 'ContDIV');
  const parts = container ? layout2025(container, doc) : layout2023(doc);
  const problems: string[] = [];
  let published = parts.stamp ? pageDate(parts.stamp) : null;
  if (parts.stamp && !published) problems.push(`date not read: "${parts.stamp}"`);
  const keyDate = key?.date ?? null;
  if (published && keyDate) {
    const same =
      published.year === keyDate.year &&
      published.month === keyDate.month &&
      published.day === keyDate.day;
    if (!same) problems.push(`the page's date differs from its address's key (${url})`);
  }
  published ??= keyDate ? { ...keyDate, basis: 'url' } : null;
  // The paper's own signature: `Rodong Sinmun` is dropped as on the old site, a writer is kept.
  const byline = parts.byline && !/^Rodong Sinmun\.?$/i.test(parts.byline) ? parts.byline : null;
  const paragraphs = byline ? [...parts.paragraphs, byline] : parts.paragraphs;
  const flags = /\[Photo\]|\[사진\]/.test(parts.stamp ?? '') ? ['photo'] : [];
  return articleResult(
    article({
      title: parts.title,
      paragraphs,
      published,
      url,
      sourceLabel: label,
      complete: parts.byline !== null,
      flags,
    }),
    url,
    problems,
  );
}

function listPage(doc: Document, url: string): SiteParse {
  const items: ListingItem[] = [];
  const seen = new Set<string>();
  for (const list of byClass(doc, 'date_news_list')) {
    for (const body of byClass(list, 'media-body')) {
      const a = byTag(body, 'a').find((x) => x.attribs.href);
      const href = a ? absolute(a.attribs.href!, url) : null;
      if (!a || !href || seen.has(href)) continue;
      seen.add(href);
      const row = (body.parent as Element | null) ?? body;
      const stamp = byClass(row, 'news_date').map(textOf).join(' ');
      const key = rodongKey(href);
      items.push({
        title: textOf(a),
        url: href,
        published:
          dottedDate(stamp, 'listing') ??
          (key?.date ? { ...key.date, basis: 'listing' } : UNKNOWN_DATE),
        teaser: null,
      });
    }
  }
  return listingResult(items, url, null);
}

/** A page of the 2022– site; `label` is the edition's source label. */
export function parseRodongToken(doc: Document, url: string, label: string): SiteParse {
  const key = rodongKey(url);
  const isArticle =
    key?.kind === 12 ||
    key?.kind === 8 ||
    byId(doc, 'ContDIV') !== null ||
    byClass(doc, 'news_Title').length > 0;
  if (isArticle) return articlePage(doc, url, label, key);
  if (byClass(doc, 'date_news_list').length) return listPage(doc, url);
  return unknownResult(url, 'no Rodong Sinmun layout recognised');
}
