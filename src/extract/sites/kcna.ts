/**
 * KCNA.kp, every edition (`/en/`, `/es/`, `/kp/` for Korean: one set of templates), two layouts (../../../docs/sites.md is summarised here):
 * - "q" (about 2022 to mid-2026): lists `/en/category/articles/q/<hex>.kcmsf` (`ul.article-link li a`
 *   with `span.publish-time`), articles `/en/article/q/<hex>.kcmsf` (`div.article-main-title`,
 *   `div.content-wrapper p`, `span.publish-time` = `www.kcna.kp (Juche113.3.9.)` or `(2025.12.14.)`);
 *   list pagination is in ./kcna-q.ts;
 * - 2026 (`/en/article/list/<hex>`, `/en/article/detail/<hex>`): list items `.article h5.block a` with
 *   `<nobr>[2026.9.8.]</nobr>`; page 1 is a GET carrying `var page_cnt` and the `#article_form` with
 *   `_csrf`; later pages are POSTs of that form. **An empty list answered with HTTP 200 is a failed
 *   session**, never the last page. Articles: `main article h1` and the `<p>`s beside it (a `div > p`
 *   is a photo caption); the page has no date, so the dateline gives month and day and the year stays
 *   unknown unless the list states it.
 */
import {
  absolute,
  article,
  articleResult,
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
  type Element,
} from './dom.js';
import type { ListContinuation, ListingItem, SiteParse, SiteProfile } from './types.js';
import { qListNext } from './kcna-q.js';
import { editionFolder } from '../language.js';

/** The editions by their URL folder: KCNA writes Korean as `kp`. */
export const KCNA_EDITIONS = {
  en: 'KCNA.kp (En)',
  es: 'KCNA.kp (Es)',
  kp: 'KCNA.kp (Ko)',
} as const;
export type KcnaEdition = keyof typeof KCNA_EDITIONS;

/** The edition a kcna.kp URL's first folder names, English for any other. */
export function kcnaEditionOf(url: string): KcnaEdition {
  const folder = editionFolder(url);
  return folder === 'es' || folder === 'kp' ? folder : 'en';
}

function layoutOf(
  url: string,
  doc: Document,
): 'q-article' | 'q-list' | 'detail-article' | 'detail-list' | null {
  const path = (() => {
    try {
      return new URL(url).pathname;
    } catch {
      return '';
    }
  })();
  if (/\/article\/q\/[0-9a-f]+\.kcmsf$/i.test(path)) return 'q-article';
  if (/\/category\/articles\/q\/[0-9a-f]+\.kcmsf$/i.test(path)) return 'q-list';
  if (/\/article\/detail\/[0-9a-f]+$/i.test(path)) return 'detail-article';
  if (/\/article\/list\/[0-9a-f]+$/i.test(path)) return 'detail-list';
  // A mirror or fixture copy under other paths: recognise the markup.
  if (byClass(doc, 'article-main-title').length) return 'q-article';
  if (byClass(doc, 'article-link', 'ul').length) return 'q-list';
  if (byId(doc, 'article_form') || detailLinks(doc).length) return 'detail-list';
  if (byTag(doc, 'article').some((a) => byTag(a, 'h1').length)) return 'detail-article';
  return null;
}

function detailLinks(doc: Document): Element[] {
  return byTag(doc, 'a').filter((a) => /\/article\/detail\//.test(a.attribs.href ?? ''));
}

function qArticle(doc: Document, url: string, label: string): SiteParse {
  const title = byClass(doc, 'article-main-title').map(textOf).find(Boolean) ?? null;
  const body = byClass(doc, 'article-content-body')[0] ?? byClass(doc, 'content-wrapper')[0];
  const wrapper = body ? (byClass(body, 'content-wrapper')[0] ?? body) : null;
  const paragraphs = wrapper ? byTag(wrapper, 'p').map(textOf).filter(Boolean) : [];
  const stamp = byClass(doc, 'publish-time').map(textOf).find(Boolean);
  const published = stamp ? dottedDate(stamp, 'page') : null;
  return articleResult(article({ title, paragraphs, published, url, sourceLabel: label }), url);
}

function qList(doc: Document, url: string): SiteParse {
  const items: ListingItem[] = [];
  for (const ul of byClass(doc, 'article-link', 'ul')) {
    for (const a of byTag(ul, 'a')) {
      const href = absolute(a.attribs.href ?? '', url);
      if (!href) continue;
      const stamp = byClass(a, 'publish-time').map(textOf).join(' ') || textOf(a.parent as Element);
      const titleText = textOf(a).replace(/\s*\[[^\]]*\]\s*$/, '');
      items.push({
        title: titleText,
        url: href,
        published: dottedDate(stamp, 'listing') ?? UNKNOWN_DATE,
        teaser: null,
      });
    }
  }
  return listingResult(items, url, items.length ? qListNext(doc, url) : null);
}

function detailArticle(doc: Document, url: string, label: string): SiteParse {
  const container = byTag(doc, 'article')[0] ?? byTag(doc, 'main')[0] ?? null;
  const heading = container ? byTag(container, 'h1').find((h) => textOf(h)) : undefined;
  const title = heading ? textOf(heading) : null;
  // Paragraphs beside the title; a `div > p` inside the container is a caption.
  const holder = (heading?.parent as Element | null) ?? container;
  const paragraphs = holder
    ? holder.children
        .filter((c): c is Element => c.type === 'tag' && c.name === 'p')
        .map(textOf)
        .filter(Boolean)
    : [];
  return articleResult(
    article({ title, paragraphs, published: null, url, sourceLabel: label }),
    url,
  );
}

function pageCount(doc: Document): { current: number | null; last: number | null } {
  const script = byTag(doc, 'script')
    .map((s) => s.children.map((c) => ('data' in c ? String(c.data) : '')).join(''))
    .join('\n');
  const last = /\bpage_cnt\s*=\s*(\d+)/.exec(script);
  const current = /\bcur_page\s*=\s*(\d+)/.exec(script);
  return { current: current ? Number(current[1]) : null, last: last ? Number(last[1]) : null };
}

function detailList(doc: Document, url: string): SiteParse {
  const items: ListingItem[] = [];
  const seen = new Set<string>();
  for (const a of detailLinks(doc)) {
    const href = absolute(a.attribs.href ?? '', url);
    if (!href || seen.has(href)) continue;
    seen.add(href);
    const holder = a.parent as Element | null;
    const stamp = holder ? byTag(holder, 'nobr').map(textOf).join(' ') : '';
    items.push({
      title: textOf(a),
      url: href,
      published: dottedDate(stamp, 'listing') ?? UNKNOWN_DATE,
      teaser: null,
    });
  }
  const problems: string[] = [];
  if (items.length === 0) {
    problems.push(
      `template broken: no list items at ${url} (an empty KCNA list answered with HTTP 200 is a failed session)`,
    );
    return { kind: 'listing', article: null, listing: [], next: null, problems };
  }
  let next: ListContinuation | null = null;
  const form = byId(doc, 'article_form');
  if (form) {
    const fields: Record<string, string> = {};
    for (const input of byTag(form, 'input'))
      if (input.attribs.name) fields[input.attribs.name] = input.attribs.value ?? '';
    const { current, last } = pageCount(doc);
    const page = (current ?? Number(fields.page_num ?? '1')) + 1;
    if (fields._csrf && (last === null || page <= last)) {
      next = {
        url: absolute(form.attribs.action ?? url, url) ?? url,
        method: 'POST',
        page,
        form: {
          ...fields,
          page_num: String(page),
          cnt_per_page: fields.cnt_per_page || '15',
          keyword: fields.keyword ?? '',
        },
        ...(last !== null ? { lastPage: last } : {}),
      };
    }
  }
  return listingResult(items, url, next, problems);
}

/** A kcna.kp page of `edition` (by default the one its URL names). */
export function parseKcna(
  html: string,
  url: string,
  edition: KcnaEdition = kcnaEditionOf(url),
): SiteParse {
  const doc = parseHtml(html);
  const label = KCNA_EDITIONS[edition];
  switch (layoutOf(url, doc)) {
    case 'q-article':
      return qArticle(doc, url, label);
    case 'q-list':
      return qList(doc, url);
    case 'detail-article':
      return detailArticle(doc, url, label);
    case 'detail-list':
      return detailList(doc, url);
    default:
      return unknownResult(url, 'no KCNA layout recognised');
  }
}

function kcnaProfileOf(edition: KcnaEdition, id: string, sourceId: string, name: string) {
  return {
    id,
    sourceId,
    description: `KCNA.kp ${name} (/${edition}/): the /article/q/<hash>.kcmsf layout and the 2025–26 /article/detail/<hash> layout`,
    parse: (html: string, url: string) => parseKcna(html, url, edition),
  } satisfies SiteProfile;
}

export const kcnaProfile: SiteProfile = kcnaProfileOf('en', 'kcna-en', 'kcna-kp-en', 'English');
export const kcnaSpanishProfile: SiteProfile = kcnaProfileOf(
  'es',
  'kcna-es',
  'kcna-kp-es',
  'Spanish',
);
export const kcnaKoreanProfile: SiteProfile = kcnaProfileOf(
  'kp',
  'kcna-ko',
  'kcna-kp-ko',
  'Korean',
);
