/**
 * The headline: og:title, JSON-LD headline, the first <h1>, an element named as the headline, then
 * <title>. Publishers put the clean headline in og:title or JSON-LD; <title> usually carries a
 * site suffix (`Headline | Site`, `Headline - Site`), removed only when what remains still reads
 * as a headline (so `Site - Section - Headline` keeps its longest part).
 */
import type { AnyNode } from 'domhandler';
import { elements, rawText, squash } from './dom.js';
import { firstTag, jsonLdField, type PageMeta } from './meta.js';

const ENTITIES: Record<string, string> = {
  amp: '&',
  quot: '"',
  '#39': "'",
  '#039': "'",
  apos: "'",
  lt: '<',
  gt: '>',
};
const SEPARATORS = /\s+[|\-–—:»·•~]\s+/;

function clean(text: string | null): string | null {
  if (!text) return null;
  // Meta contents sometimes arrive double-escaped (`&amp;quot;`).
  const t = squash(
    text.replace(/&(amp|quot|#0?39|apos|lt|gt);/g, (_, e: string) => ENTITIES[e] ?? _),
  );
  return t.length ? t : null;
}

const fold = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * A title without its site name. The part naming the site (og:site_name, or the host name) goes
 * when the page says what its name is; otherwise the longest part stays, if it has ≥ 3 words.
 */
export function stripSiteSuffix(title: string, siteNames: string[] = []): string {
  const parts = title
    .split(SEPARATORS)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2) return title;
  const names = siteNames.map(fold).filter((n) => n.length >= 3);
  const isSite = (part: string) =>
    names.some((n) => fold(part) === n || (fold(part).length >= 4 && n.includes(fold(part))));
  const kept = parts.filter((p) => !isSite(p));
  if (kept.length > 0 && kept.length < parts.length) return kept.join(' - ');
  const longest = parts.reduce((a, b) => (b.length > a.length ? b : a));
  return longest.split(/\s+/).length >= 3 ? longest : title;
}

/** `www.example.co.uk` → `example` (the name a site most often calls itself). */
function hostName(url: string | undefined): string {
  try {
    const labels = new URL(url ?? '').hostname.replace(/^www\d?\./, '').split('.');
    return labels.length > 2 && labels[labels.length - 2]!.length <= 3
      ? labels[labels.length - 3]!
      : (labels[0] ?? '');
  } catch {
    return '';
  }
}

function firstH1(doc: AnyNode): string | null {
  for (const el of elements(doc)) if (el.name === 'h1') return clean(rawText(el));
  return null;
}

// `div.article-main-title` (KCNA), `h2.entry-title`, `div#headline`: named as the story's headline.
const HEADLINE_NAME =
  /(?:^|[\s_-])(?:(?:article|main|post|entry|story|news)[-_]?(?:main[-_]?)?title|headline)(?:$|[\s_-])/i;

function namedHeadline(doc: AnyNode): string | null {
  for (const el of elements(doc)) {
    if (el.name === 'meta' || el.name === 'script' || el.name === 'a') continue;
    if (!HEADLINE_NAME.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`)) continue;
    const text = clean(rawText(el));
    if (text && text.length <= 300) return text;
  }
  return null;
}

export function findTitle(doc: AnyNode, meta: PageMeta, url?: string): string | null {
  const siteNames = [
    firstTag(meta, ['og:site_name', 'application-name', 'twitter:site']) ?? '',
    hostName(url),
  ];
  const og = clean(firstTag(meta, ['og:title', 'twitter:title', 'headline']));
  const ld = clean(jsonLdField(meta, 'headline'));
  const h1 = firstH1(doc);
  const title = clean(meta.title);
  for (const candidate of [og, ld]) {
    if (candidate) return stripSiteSuffix(candidate, siteNames);
  }
  if (h1 && h1.length >= 10) return h1;
  const named = namedHeadline(doc);
  if (named) return named;
  return title ? stripSiteSuffix(title, siteNames) : h1;
}
