/**
 * A plain HTML page that lists articles (a news index, a blog front page, an archive page) read
 * without a site template. Pure.
 *
 * Heuristics, because untemplated pages share no markup:
 * - Navigation is left out: links inside `nav`, `header`, `footer`, `aside`, `form` or an element
 *   whose role, class or id says menu / nav / footer / sidebar / breadcrumb / pager.
 * - An item link points to the page's own host, is not `javascript:` or a fragment of this page, and
 *   its text has at least 15 characters (menu words — "Home", "World", "Contact" — are shorter).
 * - Items repeat: each link belongs to its highest ancestor holding no other item link (an `li`, an
 *   `article`, a `div.post` with its heading); items that share a parent and a tag/class signature
 *   form one group.
 *   The largest group with at least 3 distinct URLs is the list.
 * - A page is a list only when that group holds at least half of the page's main text, so an
 *   article with a "related stories" box stays an article.
 * - Dates come from a `<time>` in the item (its `datetime`, else its text) or a dated line in the
 *   item; never from anything else. The next page is `<link rel="next">`, `a[rel~=next]`, or a
 *   link whose text is "Next", "Older", "›", "»" and the like.
 */
import { parseListingDate } from '../page-dates.js';
import type { PublishedDate } from '../types.js';
import {
  absolute,
  byTag,
  dottedDate,
  elements,
  parseHtml,
  textOf,
  type Document,
  type Element,
} from './dom.js';
import type { ListContinuation, ListingItem } from './types.js';
import { feedDate } from './feed-date.js';

const MIN_TITLE = 15;
const MIN_ITEMS = 3;
const CHROME_TAGS = new Set([
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'script',
  'style',
  'noscript',
  'template',
]);
const CHROME_NAME =
  /(?:^|[\s_-])(?:nav|navbar|navigation|menu|footer|sidebar|breadcrumbs?|pager|pagination|masthead|site-header)(?:$|[\s_-])/i;
const NEXT_TEXT =
  /^(?:next|next page|older|older posts|older entries|older articles|more stories|›|»|>|>>|next\s*[›»>]+|older\s*[›»>]+)$/i;

export interface HtmlListing {
  items: ListingItem[];
  next: ListContinuation | null;
}

/** `header` and `footer` inside an article, list item, `main` or `section` belong to the content (WordPress's `entry-header`). */
const HOLDS_OWN_HEADER = new Set(['article', 'li', 'main', 'section']);

function isChrome(el: Element, inContent: boolean): boolean {
  if ((el.name === 'header' || el.name === 'footer') && inContent)
    return CHROME_NAME.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`);
  if (CHROME_TAGS.has(el.name)) return true;
  const role = el.attribs.role ?? '';
  if (
    role === 'navigation' ||
    role === 'banner' ||
    role === 'contentinfo' ||
    role === 'complementary'
  )
    return true;
  return CHROME_NAME.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`);
}

/** Every element outside navigation chrome, in document order. */
function contentElements(root: Document | Element): Element[] {
  const out: Element[] = [];
  const walk = (node: Document | Element, inContent: boolean) => {
    for (const child of node.children) {
      if (child.type !== 'tag') continue;
      const el = child as Element;
      if (isChrome(el, inContent)) continue;
      out.push(el);
      walk(el, inContent || HOLDS_OWN_HEADER.has(el.name));
    }
  };
  walk(root, false);
  return out;
}

function parentElement(el: Element): Element | null {
  const p = el.parent;
  return p && p.type === 'tag' ? (p as Element) : null;
}

/**
 * The repeated unit a link belongs to: its highest ancestor that holds no other item link (an `li`,
 * an `article`, a `div.post` with its heading, a table row). Its parent is the list's container.
 */
function itemOf(a: Element, urlsUnder: Map<Element, Set<string>>): Element {
  let item = a;
  for (
    let up = parentElement(item);
    up && (urlsUnder.get(up)?.size ?? 0) <= 1 && up.name !== 'body';
    up = parentElement(up)
  )
    item = up;
  return item;
}

/** Tag and classes; class names with digits (`post-812`) name one item, not the kind, and are left out. */
function signature(item: Element): string {
  return `${item.name}.${(item.attribs.class ?? '')
    .trim()
    .split(/\s+/)
    .filter((c) => c && !/\d/.test(c))
    .sort()
    .join('.')}`;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

function withoutHash(url: string): string {
  return url.replace(/#.*$/, '');
}

function itemDate(item: Element): PublishedDate | null {
  for (const t of byTag(item, 'time')) {
    const stamp = (t.attribs.datetime ?? '').trim();
    if (stamp) {
      const d = feedDate(stamp);
      if (d.basis !== 'unknown') return d;
    }
    const text = textOf(t);
    const d = parseListingDate(text) ?? dottedDate(text, 'listing');
    if (d) return { ...d, basis: 'listing' };
  }
  // A dated line of its own (`March 11, 2022`, `2024.7.14.`) inside the item.
  for (const el of elements(item)) {
    if (el.children.some((c) => c.type === 'tag')) continue;
    const text = textOf(el);
    if (text.length > 40) continue;
    const d = parseListingDate(text) ?? dottedDate(text, 'listing');
    if (d) return { ...d, basis: 'listing' };
  }
  return null;
}

function teaserOf(item: Element, link: Element): string | null {
  const parts = byTag(item, 'p')
    .filter((p) => !byTag(p, 'a').includes(link))
    .map(textOf)
    .filter(Boolean);
  return parts.join(' ') || null;
}

/** The length of the text a reader sees outside navigation chrome. */
function mainTextLength(root: Document | Element): number {
  let length = 0;
  const walk = (node: Document | Element, inContent: boolean) => {
    for (const child of node.children) {
      if (child.type === 'text')
        length += (child as unknown as { data: string }).data.replace(/\s+/g, ' ').trim().length;
      else if (child.type === 'tag' && !isChrome(child as Element, inContent))
        walk(child as Element, inContent || HOLDS_OWN_HEADER.has((child as Element).name));
    }
  };
  walk(root, HOLDS_OWN_HEADER.has('name' in root ? root.name : ''));
  return length;
}

function nextLink(doc: Document, url: string): ListContinuation | null {
  const host = hostOf(url);
  const candidates: Element[] = [
    ...byTag(doc, 'link').filter((l) =>
      (l.attribs.rel ?? '').toLowerCase().split(/\s+/).includes('next'),
    ),
    ...byTag(doc, 'a').filter((a) =>
      (a.attribs.rel ?? '').toLowerCase().split(/\s+/).includes('next'),
    ),
    ...byTag(doc, 'a').filter(
      (a) => NEXT_TEXT.test(textOf(a)) || NEXT_TEXT.test((a.attribs['aria-label'] ?? '').trim()),
    ),
  ];
  for (const el of candidates) {
    const raw = el.attribs.href ?? '';
    if (!raw || /^javascript:/i.test(raw)) continue;
    const href = absolute(raw, url);
    if (href && hostOf(href) === host && withoutHash(href) !== withoutHash(url))
      return { url: href, method: 'GET' };
  }
  return null;
}

/**
 * The list a page holds, or null when it holds none (no group of 3 items, or the group is less than
 * half of the page's main text).
 */
export function parseHtmlListing(html: string, url: string): HtmlListing | null {
  const doc = parseHtml(html);
  const host = hostOf(url);
  const content = contentElements(doc);
  const links: Array<{ a: Element; href: string }> = [];
  for (const a of content) {
    if (a.name !== 'a') continue;
    const raw = (a.attribs.href ?? '').trim();
    if (!raw || raw.startsWith('#') || /^(?:javascript|mailto|tel):/i.test(raw)) continue;
    const href = absolute(raw, url);
    if (!href || hostOf(href) !== host || withoutHash(href) === withoutHash(url)) continue;
    if (textOf(a).length < MIN_TITLE) continue;
    links.push({ a, href: withoutHash(href) });
  }
  // Which item URLs each element holds, so that an item can be told from the list around it.
  const urlsUnder = new Map<Element, Set<string>>();
  for (const { a, href } of links) {
    for (let el: Element | null = a; el; el = parentElement(el)) {
      const set = urlsUnder.get(el) ?? new Set<string>();
      set.add(href);
      urlsUnder.set(el, set);
    }
  }
  const groups = new Map<string, { items: Element[]; links: Element[]; urls: Set<string> }>();
  const containers = new Map<Element, number>();
  // Items already in a group: a Set, since a list of 150,000 links made `items.includes` quadratic.
  const grouped = new Set<Element>();
  for (const { a, href } of links) {
    const item = itemOf(a, urlsUnder);
    const parent = parentElement(item);
    if (!parent) continue;
    if (!containers.has(parent)) containers.set(parent, containers.size);
    const key = `${containers.get(parent)} ${signature(item)}`;
    const group = groups.get(key) ?? { items: [], links: [], urls: new Set<string>() };
    if (!grouped.has(item)) {
      grouped.add(item);
      // The first qualifying link of an item is its headline (a thumbnail link has no text).
      group.items.push(item);
      group.links.push(a);
      group.urls.add(href);
    }
    groups.set(key, group);
  }
  const best = [...groups.values()]
    .filter((g) => g.urls.size >= MIN_ITEMS)
    .sort((x, y) => y.urls.size - x.urls.size)[0];
  if (!best) return null;
  const mainText = mainTextLength(byTag(doc, 'body')[0] ?? doc);
  const listText = best.items.reduce((n, item) => n + mainTextLength(item), 0);
  if (mainText > 0 && listText / mainText < 0.5) return null;

  const seen = new Set<string>();
  const items: ListingItem[] = [];
  best.items.forEach((item, i) => {
    const link = best.links[i]!;
    const href = withoutHash(absolute(link.attribs.href!, url)!);
    if (seen.has(href)) return;
    seen.add(href);
    items.push({
      title: textOf(link),
      url: href,
      published: itemDate(item) ?? { year: null, month: null, day: null, basis: 'unknown' },
      teaser: teaserOf(item, link),
    });
  });
  return { items, next: nextLink(doc, url) };
}
