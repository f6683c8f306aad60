/**
 * KCNA Watch (kcnawatch.org and its mirrors), the NK News aggregator. Article pages
 * (`/newstream/<unixtime>-<id>/<slug>/`): the body is `.article-content`; the line
 * `Date: 19/11/2019 | Source: KCNA.kp (En) | Read original version at source` gives the date
 * (**DD/MM/YYYY**) and the source; the header date above the title is the display date, not the
 * publication date, and is ignored; `More From <source>` and everything after it is cut off, as are
 * promo lines ("NK News is hiring"). Archive lists: `div.archive-list article .article-desc h4 a`; the
 * AJAX list `wp-admin/admin-ajax.php?action=get_cat_by_source&from=0&to=10&id=<source>` answers the same
 * `.article-desc` items and pages by raising `from` by `to` (`to` is the page size: a scraper asks
 * `from=10*page&to=10`, sites.md [25]); an empty answer is the end. The archive page's "Load More"
 * (`a.load-more`, href `#`) is script, so an archive page has a next page only by a real link.
 * No real article page is in the shared fixtures: the golden case is hand-made from the text order
 * recorded in docs (sites.md §4).
 */
import { parseListingDate, parseSlashDate } from '../page-dates.js';
import {
  absolute,
  article,
  articleResult,
  byClass,
  byTag,
  elements,
  listingResult,
  parseHtml,
  textOf,
  UNKNOWN_DATE,
  unknownResult,
  type Document,
  type Element,
} from './dom.js';
import type { PublishedDate } from '../types.js';
import type { ListContinuation, ListingItem, SiteParse, SiteProfile } from './types.js';

const META = /Date:\s*(\d{1,2}\/\d{1,2}\/\d{4})\s*\|\s*Source:\s*([^|]+?)\s*(?:\||$)/;
const PROMO = /^(?:NK News is hiring|Subscribe to NK Pro|Read original version at source)/i;

function blocksOf(root: Element): string[] {
  const out: string[] = [];
  for (const el of elements(root)) {
    if (el.name === 'p' || /^h[1-6]$/.test(el.name) || el.name === 'li') {
      if (byTag(el, 'p').length) continue;
      const t = textOf(el);
      if (t) out.push(t);
    }
  }
  return out;
}

function articlePage(doc: Document, body: Element, url: string): SiteParse {
  const problems: string[] = [];
  const pageText = textOf(doc);
  const meta = META.exec(pageText);
  let published: PublishedDate | null = null;
  let sourceLabel: string | null = null;
  if (meta) {
    const d = parseSlashDate(meta[1]!);
    if (d) published = { ...d, basis: 'page' };
    else problems.push(`date not read: "${meta[1]}"`);
    sourceLabel = meta[2]!.trim();
  }
  const heading =
    byTag(doc, 'h1').map(textOf).find(Boolean) ??
    byClass(doc, 'article-title').map(textOf).find(Boolean) ??
    null;
  const paragraphs: string[] = [];
  let complete = false;
  for (const block of blocksOf(body)) {
    if (/^More From\b/i.test(block)) break;
    if (META.test(block) || PROMO.test(block) || block === heading) continue;
    paragraphs.push(block);
    if (/-0-\s*$/.test(block)) {
      complete = true;
      break;
    }
  }
  const a = article({ title: heading, paragraphs, published, url, sourceLabel, complete });
  return articleResult(a, url, problems);
}

function archiveList(doc: Document, url: string): SiteParse {
  const items: ListingItem[] = [];
  for (const desc of byClass(doc, 'article-desc')) {
    const a = byTag(desc, 'h4').flatMap((h) => byTag(h, 'a'))[0] ?? byTag(desc, 'a')[0];
    const href = a ? absolute(a.attribs.href ?? '', url) : null;
    if (!a || !href) continue;
    const stamp = byClass(desc, 'articled-date').map(textOf).find(Boolean);
    const d = stamp ? parseListingDate(stamp) : null;
    const teaser = byTag(desc, 'p').map(textOf).filter(Boolean).join(' ') || null;
    items.push({
      title: textOf(a),
      url: href,
      published: d ? { ...d, basis: 'listing' } : UNKNOWN_DATE,
      teaser,
    });
  }
  return listingResult(items, url, items.length ? listNext(doc, url) : null);
}

function isAjaxList(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      u.pathname.endsWith('/admin-ajax.php') && u.searchParams.get('action') === 'get_cat_by_source'
    );
  } catch {
    return false;
  }
}

/** The next list page: the AJAX list's next `from`, else a `<link rel=next>` or a load-more link that is a real URL. */
export function listNext(doc: Document, url: string): ListContinuation | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (isAjaxList(url)) {
    const from = Number(u.searchParams.get('from') ?? '0');
    const step = Number(u.searchParams.get('to') ?? '10');
    if (!Number.isInteger(from) || !Number.isInteger(step) || step <= 0) return null;
    u.searchParams.set('from', String(from + step));
    return { url: u.toString(), method: 'GET', page: Math.floor(from / step) + 2 };
  }
  const links = [...byTag(doc, 'link'), ...byTag(doc, 'a')].filter((el) =>
    (el.attribs.rel ?? '').split(/\s+/).includes('next'),
  );
  const candidates = [...links, ...byClass(doc, 'load-more', 'a')].map(
    (el) => el.attribs.href ?? '',
  );
  const href = candidates
    .map((h) => (h && !/#\s*$/.test(h) && !/^javascript:/i.test(h) ? absolute(h, url) : null))
    .find(Boolean);
  return href ? { url: href, method: 'GET' } : null;
}

export function parseKcnaWatch(html: string, url: string): SiteParse {
  const doc = parseHtml(html);
  const body = byClass(doc, 'article-content')[0];
  if (body) return articlePage(doc, body, url);
  if (byClass(doc, 'archive-list').length || byClass(doc, 'article-desc').length)
    return archiveList(doc, url);
  // The AJAX list asked past its last item answers nothing at all (WordPress' own failure is `0`).
  if (isAjaxList(url) && html.trim() === '')
    return { kind: 'listing', article: null, listing: [], next: null, problems: [], pastEnd: true };
  return unknownResult(url, 'no KCNA Watch layout recognised');
}

export const kcnaWatchProfile: SiteProfile = {
  id: 'kcnawatch',
  sourceId: null,
  description:
    'KCNA Watch article pages (.article-content, "Date: DD/MM/YYYY | Source: …") and archive lists',
  parse: parseKcnaWatch,
};
