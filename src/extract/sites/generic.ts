/**
 * Sites without a template: RSS 2.0, Atom and JSON Feed, XML sitemaps (htmlparser2 in xml mode), HTML
 * pages that list articles (./html-listing.ts), and any other page through the generic article
 * extractor (`extractHtmlArticle`). Feed and sitemap dates
 * carry their year; nothing is guessed.
 */
import { parseDocument } from 'htmlparser2';
import type { Document, Element } from 'domhandler';
import { extractHtmlArticle } from '../html/index.js';
import { squash } from '../html/dom.js';
import { absolute, articleResult, datelineOf, UNKNOWN_DATE } from './dom.js';
import { feedDate } from './feed-date.js';
import { parseHtmlListing } from './html-listing.js';

export { feedDate };
import type { ListingItem, SiteParse, SiteProfile } from './types.js';

function localName(el: Element): string {
  return el.name.toLowerCase().replace(/^.*:/, '');
}

function children(el: Element, name: string): Element[] {
  return el.children.filter(
    (c): c is Element => c.type === 'tag' && localName(c as Element) === name,
  );
}

function text(el: Element | undefined): string {
  if (!el) return '';
  let out = '';
  const walk = (n: { type: string; data?: string; children?: unknown[] }) => {
    if (n.type === 'text') out += n.data ?? '';
    else if (n.children) for (const c of n.children) walk(c as typeof n);
  };
  walk(el as unknown as Parameters<typeof walk>[0]);
  return squash(out);
}

/** Feed text may be escaped HTML (`description`): tags dropped, entities decoded. */
function plain(html: string): string {
  if (!/[<&]/.test(html)) return html;
  const doc = parseDocument(html, { decodeEntities: true });
  let out = '';
  const walk = (n: { type: string; data?: string; children?: unknown[] }) => {
    if (n.type === 'text') out += `${n.data ?? ''}`;
    else if (n.type !== 'script' && n.type !== 'style' && n.children)
      for (const c of n.children) walk(c as typeof n);
  };
  walk(doc as unknown as Parameters<typeof walk>[0]);
  return squash(out);
}

function rss(channel: Element, url: string): ListingItem[] {
  return children(channel, 'item').flatMap((item) => {
    const link = text(children(item, 'link')[0]) || text(children(item, 'guid')[0]);
    const href = link ? absolute(link, url) : null;
    if (!href) return [];
    const date = text(children(item, 'pubdate')[0]) || text(children(item, 'date')[0]);
    const teaser = plain(text(children(item, 'description')[0]));
    return [
      {
        title: plain(text(children(item, 'title')[0])),
        url: href,
        published: feedDate(date),
        teaser: teaser || null,
      },
    ];
  });
}

function atom(feed: Element, url: string): ListingItem[] {
  return children(feed, 'entry').flatMap((entry) => {
    const links = children(entry, 'link');
    const link = links.find((l) => (l.attribs.rel ?? 'alternate') === 'alternate') ?? links[0];
    const href = link ? absolute(link.attribs.href ?? '', url) : null;
    if (!href) return [];
    const date = text(children(entry, 'published')[0]) || text(children(entry, 'updated')[0]);
    const teaser = plain(text(children(entry, 'summary')[0]));
    return [
      {
        title: plain(text(children(entry, 'title')[0])),
        url: href,
        published: feedDate(date),
        teaser: teaser || null,
      },
    ];
  });
}

function sitemap(root: Element, url: string): ListingItem[] {
  const entries = [...children(root, 'url'), ...children(root, 'sitemap')];
  return entries.flatMap((entry) => {
    const href = absolute(text(children(entry, 'loc')[0]), url);
    if (!href) return [];
    const news = children(entry, 'news')[0];
    const title = news ? text(children(news, 'title')[0]) : '';
    const date =
      (news ? text(children(news, 'publication_date')[0]) : '') ||
      text(children(entry, 'lastmod')[0]);
    return [{ title, url: href, published: feedDate(date), teaser: null }];
  });
}

function xmlRoot(doc: Document): Element | null {
  return doc.children.find((c): c is Element => c.type === 'tag') ?? null;
}

function jsonFeed(body: string, url: string): ListingItem[] | null {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return null;
  }
  const feed = data as { version?: unknown; items?: unknown };
  if (
    typeof feed.version !== 'string' ||
    !feed.version.includes('jsonfeed.org') ||
    !Array.isArray(feed.items)
  )
    return null;
  return feed.items.flatMap((raw) => {
    const item = raw as Record<string, unknown>;
    const link =
      typeof item.url === 'string' ? item.url : typeof item.id === 'string' ? item.id : '';
    const href = link ? absolute(link, url) : null;
    if (!href) return [];
    const summary =
      typeof item.summary === 'string'
        ? item.summary
        : typeof item.content_text === 'string'
          ? item.content_text
          : '';
    return [
      {
        title: typeof item.title === 'string' ? squash(item.title) : '',
        url: href,
        published:
          typeof item.date_published === 'string' ? feedDate(item.date_published) : UNKNOWN_DATE,
        teaser: squash(summary) || null,
      },
    ];
  });
}

const listing = (items: ListingItem[], url: string, what: string): SiteParse => ({
  kind: 'listing',
  article: null,
  listing: items,
  next: null,
  problems: items.length ? [] : [`template broken: no list items at ${url} (${what})`],
});

export function parseGeneric(body: string, url: string): SiteParse {
  const head = body
    .slice(0, 2048)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('{')) {
    const items = jsonFeed(body, url);
    if (items) return listing(items, url, 'JSON Feed');
  }
  if (
    /^(?:<\?xml|<rss[\s>]|<feed[\s>]|<urlset[\s>]|<sitemapindex[\s>])/i.test(head) ||
    /^<!--[\s\S]*?-->\s*<(?:rss|feed)/i.test(head)
  ) {
    const doc = parseDocument(body, { xmlMode: true, decodeEntities: true });
    const root = xmlRoot(doc);
    const name = root ? localName(root) : '';
    if (root && name === 'rss')
      return listing(
        children(root, 'channel').flatMap((c) => rss(c, url)),
        url,
        'RSS',
      );
    if (root && name === 'rdf') return listing(rss(root, url), url, 'RSS 1.0');
    if (root && name === 'feed') return listing(atom(root, url), url, 'Atom');
    if (root && (name === 'urlset' || name === 'sitemapindex'))
      return listing(sitemap(root, url), url, 'sitemap');
  }
  // A page listing articles (./html-listing.ts); anything else is read as one article.
  const list = parseHtmlListing(body, url);
  if (list)
    return { kind: 'listing', article: null, listing: list.items, next: list.next, problems: [] };
  const a = extractHtmlArticle(body, url);
  const language = a.language ?? null;
  const result = articleResult(
    {
      title: a.title,
      dateline: datelineOf(a.paragraphs),
      published: a.published ?? UNKNOWN_DATE,
      paragraphs: a.paragraphs,
      language,
      url,
      sourceLabel: null,
      complete: false,
      flags: [],
    },
    url,
  );
  if (!a.title && a.paragraphs.length === 0) return { ...result, kind: 'unknown', article: null };
  return result;
}

export const genericProfile: SiteProfile = {
  id: 'generic',
  sourceId: null,
  description:
    'Any site: RSS/Atom/JSON Feed and sitemaps as lists, other pages through the generic article extractor',
  parse: parseGeneric,
};
