/**
 * Small pure helpers the pages share: which URLs may become links, how a date and its evidence read,
 * a teaser line for lists. Nothing here escapes: hono/jsx does that for every interpolated value.
 */
import type { DateBasis } from '../extract/types.js';
import type { Article } from '../model/types.js';

/** The URL when it is absolute http(s) — the only kind rendered as a link; null for anything else. */
export function httpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

// Line breaks and other whitespace controls: a title is one line.
const TITLE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
const TITLE_UNSAFE = /[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text for the document's `<title>` (and the head's feed titles): the browser shows it in the tab,
 * the window title and the history, where no markup isolates it, so a bidi override there reverses
 * what follows it (`gnp.exe` read as `exe.png`). Line breaks become a space; other controls and the
 * bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are dropped.
 */
export function plainTitle(text: string): string {
  return text.replace(TITLE_BREAKS, ' ').replace(TITLE_UNSAFE, '');
}

/** How the date was determined, in words (docs/data-model.md, `basis`). */
export const BASIS_TEXT: Record<DateBasis, string> = {
  page: 'printed on the page itself',
  'import-option': 'given by whoever imported the page',
  url: "read from the page's URL",
  'capture-date': 'month and day from the dateline, year from when the page was fetched',
  'dateline-only': 'month and day from the dateline; nothing states the year',
  unknown: 'nothing in the page dates it',
  record: "the imported record's publication date",
  listing: 'the date printed under its teaser in a listing',
};

/** A valid calendar day `YYYY-MM-DD`, or null. */
export function parseDay(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const t = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== text ? null : text;
}

/** The day `n` days after `day` (`YYYY-MM-DD`). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The teaser a listing showed, or the opening of the text, cut at a word near `max` characters. */
export function teaserText(a: Pick<Article, 'teaser' | 'paragraphs'>, max = 140): string {
  const text = (a.teaser ?? a.paragraphs[0] ?? '').trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** An ISO timestamp as `2026-11-28 04:35 UTC`. */
export function shortTime(iso: string | null): string {
  if (!iso) return 'never';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A positive page number from a query parameter (1 when absent or malformed). */
export function pageParam(text: string | undefined, max = 10_000): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : 1;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** A language tag for the `lang` attribute of article text, when the archive knows a plausible one. */
export function langOf(language: string | null | undefined): string | undefined {
  return language && /^[a-z]{2,3}$/.test(language) ? language : undefined;
}
