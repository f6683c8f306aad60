import type { Article, ArticleDate } from './types.js';

/**
 * What to call an article in a list. The title when the page had one; otherwise a label derived from
 * the opening words, marked `derived` so no screen passes it off as the source's headline.
 */
export function articleLabel(a: Pick<Article, 'title' | 'paragraphs' | 'teaser' | 'dateline'>): {
  text: string;
  derived: boolean;
} {
  if (a.title) return { text: a.title, derived: false };
  let text = a.paragraphs[0] ?? a.teaser ?? '';
  if (a.dateline?.raw && text.startsWith(a.dateline.raw)) text = text.slice(a.dateline.raw.length);
  const words = text.trim().split(/\s+/).filter(Boolean);
  const cut = words.slice(0, 12).join(' ');
  return { text: words.length > 12 ? `${cut}…` : cut || '(no text)', derived: true };
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2025-01-22` when year, month and day are all known, else null. */
export function fullDay(d: ArticleDate): string | null {
  if (d.year === null || d.month === null || d.day === null) return null;
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** `2025-01-22`, or `March 24 (year unknown)`: never a guessed year. */
export function formatArticleDate(d: ArticleDate): string {
  if (d.month === null || d.day === null) return d.year !== null ? String(d.year) : 'date unknown';
  if (d.year === null) return `${MONTHS[d.month - 1]} ${d.day} (year unknown)`;
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/**
 * ISO 8601 with what is known and nothing more: `2012-03-05`, `2012-03`, `2012`, `--03-05` (month
 * and day of an unknown year, ISO 8601:2000's reduced form), or '' when nothing is known.
 */
export function knownIsoDate(d: ArticleDate): string {
  const two = (n: number) => String(n).padStart(2, '0');
  if (d.year === null)
    return d.month !== null && d.day !== null ? `--${two(d.month)}-${two(d.day)}` : '';
  const year = String(d.year).padStart(4, '0');
  if (d.month === null) return year;
  return d.day === null ? `${year}-${two(d.month)}` : `${year}-${two(d.month)}-${two(d.day)}`;
}
