/**
 * The headline. Publishers put the clean headline in og:title or JSON-LD; <title> usually carries a
 * site suffix (`Headline | Site`, `Headline - Site`), removed only when what remains still reads
 * as a headline (so `Site - Section - Headline` keeps its longest part).
 */
import type { AnyNode } from 'domhandler';
import { elements, rawText, squash } from './dom.js';
import { firstTag, jsonLdField, type PageMeta } from './meta.js';

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', '#39': "'", '#039': "'", apos: "'", lt: '<', gt: '>' };
const SEPARATORS = /\s+[|\-–—:»·•~]\s+/;

function clean(text: string | null): string | null {
  if (!text) return null;
  // Meta contents sometimes arrive double-escaped (`&amp;quot;`).
  const t = squash(text.replace(/&(amp|quot|#0?39|apos|lt|gt);/g, (_, e: string) => ENTITIES[e] ?? _));
  return t.length ? t : null;
}

/** `<title>` without its site name: the longest part when split on separators, if it has ≥ 3 words. */
export function stripSiteSuffix(title: string): string {
  const parts = title.split(SEPARATORS).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return title;
  const longest = parts.reduce((a, b) => (b.length > a.length ? b : a));
  return longest.split(/\s+/).length >= 3 ? longest : title;
}

function firstH1(doc: AnyNode): string | null {
  for (const el of elements(doc)) if (el.name === 'h1') return clean(rawText(el));
  return null;
}

export function findTitle(doc: AnyNode, meta: PageMeta): string | null {
  const og = clean(firstTag(meta, ['og:title', 'twitter:title', 'headline']));
  const ld = clean(jsonLdField(meta, 'headline'));
  const h1 = firstH1(doc);
  const title = clean(meta.title);
  for (const candidate of [og, ld]) {
    if (candidate) return stripSiteSuffix(candidate);
  }
  if (h1 && h1.length >= 10) return h1;
  return title ? stripSiteSuffix(title) : h1;
}
