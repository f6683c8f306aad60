/** Helpers shared by the site profiles: parsing, class lookups, text of an element, dates. */
import { parseDocument } from 'htmlparser2';
import type { Document, Element } from 'domhandler';
import { capDepth, elements, squash } from '../html/dom.js';
import { repairLeaderNameSpacing } from '../glued-words.js';
import { findDateline } from '../dateline.js';
import { cutEndMark } from '../chrome.js';
import type { Dateline, ExtractedArticle, PublishedDate } from '../types.js';
import type { SiteParse } from './types.js';
import { languageFromLabel } from '../language.js';

export { elements, squash };
export type { Document, Element };

export function parseHtml(html: string): Document {
  const doc = parseDocument(typeof html === 'string' ? html : '', { decodeEntities: true });
  capDepth(doc, 400);
  return doc;
}

export function hasClass(el: Element, name: string): boolean {
  const cls = el.attribs.class;
  return cls !== undefined && ` ${cls.replace(/\s+/g, ' ')} `.includes(` ${name} `);
}

export function byClass(root: Element | Document, name: string, tag?: string): Element[] {
  const out: Element[] = [];
  for (const el of elements(root))
    if ((!tag || el.name === tag) && hasClass(el, name)) out.push(el);
  return out;
}

export function byTag(root: Element | Document, tag: string): Element[] {
  const out: Element[] = [];
  for (const el of elements(root)) if (el.name === tag) out.push(el);
  return out;
}

export function byId(root: Element | Document, id: string): Element | null {
  for (const el of elements(root)) if (el.attribs.id === id) return el;
  return null;
}

/** The text of an element as a reader sees it: scripts and styles left out, whitespace folded. */
export function textOf(node: Element | Document): string {
  let out = '';
  const walk = (n: { type: string; children?: unknown[]; data?: string; name?: string }) => {
    if (n.type === 'text') out += n.data ?? '';
    else if (n.type === 'script' || n.type === 'style' || n.type === 'comment') return;
    else if (n.children) {
      if (n.name === 'br') out += ' ';
      for (const c of n.children) walk(c as typeof n);
    }
  };
  walk(node as unknown as Parameters<typeof walk>[0]);
  return repairLeaderNameSpacing(squash(out)).text;
}

/** Full-width digits (`２０２６`) to ASCII; nothing else of the text changes. */
export function asciiDigits(text: string): string {
  return text.replace(/[\uff10-\uff19]/g, (d) =>
    String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48),
  );
}

export function absolute(href: string, base: string): string | null {
  try {
    return new URL(href.trim(), base).toString();
  } catch {
    return null;
  }
}

export const UNKNOWN_DATE: PublishedDate = { year: null, month: null, day: null, basis: 'unknown' };

function valid(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * `2024.7.14.`, `[2026.9.8.]`, `2022.03.11`, `Juche113.7.14.`, `(Juche 108.12.10.)`: year (Juche
 * years + 1911), month, day. Null when no such date is in the text.
 */
export function dottedDate(text: string, basis: PublishedDate['basis']): PublishedDate | null {
  const m = /(?:Juche\s*(\d{1,3})|(\d{4}))\s*\.\s*(\d{1,2})\s*\.\s*(\d{1,2})/.exec(
    asciiDigits(text),
  );
  if (!m) return null;
  const year = m[1] ? Number(m[1]) + 1911 : Number(m[2]);
  const month = Number(m[3]);
  const day = Number(m[4]);
  return valid(year, month, day) ? { year, month, day, basis } : null;
}

/** Month and day of the dateline, the year left unknown: never guessed. */
export function datelineDate(dateline: Dateline | null): PublishedDate {
  if (!dateline || dateline.month === null || dateline.day === null) return UNKNOWN_DATE;
  return { year: null, month: dateline.month, day: dateline.day, basis: 'dateline-only' };
}

export function datelineOf(paragraphs: readonly string[]): Dateline | null {
  const first = paragraphs[0];
  if (!first) return null;
  const found = findDateline(first);
  return found && found.start < 8 ? found.dateline : null;
}

/**
 * A dateline in a paragraph of its own (KCNA's Korean pages set it apart) opens the next one, so the
 * first paragraph starts with the dateline however the page laid it out.
 */
function attachLoneDateline(paragraphs: readonly string[]): string[] {
  const first = paragraphs[0];
  const found = first === undefined ? null : findDateline(first);
  if (!found || found.start !== 0 || found.end < first!.trim().length || paragraphs.length < 2)
    return [...paragraphs];
  return [`${first!.trim()} ${paragraphs[1]}`, ...paragraphs.slice(2)];
}

/** The paragraphs without the agency's end mark, which says the story is complete. */
function withoutEndMark(paragraphs: readonly string[]): { paragraphs: string[]; ended: boolean } {
  const last = paragraphs.at(-1);
  const mark = last === undefined ? null : cutEndMark(last);
  if (!mark?.ended) return { paragraphs: [...paragraphs], ended: false };
  const kept = paragraphs.slice(0, -1);
  if (mark.text) kept.push(mark.text);
  return { paragraphs: kept, ended: true };
}

/** An article as the templates build it; `-0-` or the site's byline marks a complete text. */
export function article(fields: {
  title: string | null;
  paragraphs: string[];
  published: PublishedDate | null;
  url: string;
  sourceLabel: string | null;
  complete?: boolean;
  flags?: string[];
  /** The edition's language; by default the one the label names, else English. */
  language?: string;
}): ExtractedArticle {
  const { paragraphs, ended } = withoutEndMark(attachLoneDateline(fields.paragraphs));
  const dateline = datelineOf(paragraphs);
  return {
    title: fields.title || null,
    dateline,
    published: fields.published ?? datelineDate(dateline),
    paragraphs,
    language: fields.language ?? languageFromLabel(fields.sourceLabel) ?? 'en',
    url: fields.url,
    sourceLabel: fields.sourceLabel,
    complete: fields.complete ?? ended,
    flags: fields.flags ?? [],
  };
}

/** Template health for an article page: a page without title or body is a broken template. */
export function articleResult(
  a: ExtractedArticle,
  url: string,
  problems: string[] = [],
): SiteParse {
  if (!a.title) problems.push(`template broken: no title at ${url}`);
  if (a.paragraphs.length === 0) problems.push(`template broken: no body at ${url}`);
  return { kind: 'article', article: a, listing: [], next: null, problems };
}

export function listingResult(
  listing: SiteParse['listing'],
  url: string,
  next: SiteParse['next'],
  problems: string[] = [],
): SiteParse {
  if (listing.length === 0) problems.push(`template broken: no list items at ${url}`);
  return { kind: 'listing', article: null, listing, next, problems };
}

export function unknownResult(url: string, what: string): SiteParse {
  return {
    kind: 'unknown',
    article: null,
    listing: [],
    next: null,
    problems: [`template broken: ${what} at ${url}`],
  };
}
