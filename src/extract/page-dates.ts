import { isValidDate, monthNumber, parseDigits } from './months.js';

/**
 * Full dates as pages and URLs print them. Each reader accepts one documented form only, because a
 * wrongly read date is worse than none: `Date: 19/11/2019` is DD/MM/YYYY on KCNA Watch, never MM/DD.
 */

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const D = '[0-9\uff10-\uff19]';

function date(year: number, month: number, day: number): CalendarDate | null {
  return isValidDate(year, month, day) ? { year, month, day } : null;
}

/** KCNA Watch's `Date: 19/11/2019` (DD/MM/YYYY). */
export function parseSlashDate(text: string): CalendarDate | null {
  const m = new RegExp(`^(${D}{1,2})/(${D}{1,2})/(${D}{4})$`, 'u').exec(text.trim());
  if (!m) return null;
  return date(parseDigits(m[3]!), parseDigits(m[2]!), parseDigits(m[1]!));
}

/** kcna.co.jp's `calendar>>May 27. 2019 Juche 108`, from the text after `calendar>>`. */
export function parseCalendarDate(text: string): CalendarDate | null {
  const m = new RegExp(`^\\s*(\\p{L}{3,12})\\.?\\s+(${D}{1,2})[.,]?\\s+(${D}{4})`, 'u').exec(text);
  if (!m) return null;
  const month = monthNumber(m[1]!);
  return month === null ? null : date(parseDigits(m[3]!), month, parseDigits(m[2]!));
}

/**
 * A listing's `January 22, 2025` (also `Jan 22, 2025`), the whole line. KCNA Watch sometimes
 * doubles it (`March 31, 2025Mar 31, 2025`); both halves must then agree.
 */
export function parseListingDate(line: string): CalendarDate | null {
  const one = `(\\p{L}{3,12})\\.?\\s+(${D}{1,2}),?\\s+(${D}{4})`;
  const m = new RegExp(`^${one}(?:\\s*${one})?$`, 'u').exec(line.trim());
  if (!m) return null;
  const month = monthNumber(m[1]!);
  if (month === null) return null;
  const first = date(parseDigits(m[3]!), month, parseDigits(m[2]!));
  if (!first || m[4] === undefined) return first;
  const again = monthNumber(m[4]);
  const second = again === null ? null : date(parseDigits(m[6]!), again, parseDigits(m[5]!));
  return second &&
    second.year === first.year &&
    second.month === first.month &&
    second.day === first.day
    ? first
    : null;
}

/** The `--date YYYY-MM-DD` import option. */
export function parseIsoDate(text: string): CalendarDate | null {
  const m = new RegExp(`^(${D}{4})-(${D}{2})-(${D}{2})$`, 'u').exec(text.trim());
  return m ? date(parseDigits(m[1]!), parseDigits(m[2]!), parseDigits(m[3]!)) : null;
}

export interface UrlDate {
  year: number;
  month: number | null;
  day: number | null;
}

/**
 * What `text.replace(/[?#].*$/, '')` gives, by hand: that regex rescans the rest of the text from
 * every `?`. `.` stops at a line break, so the cut is at the first `?` or `#` after the last one.
 */
function withoutQuery(text: string): string {
  const lastBreak = Math.max(...['\n', '\r', '\u2028', '\u2029'].map((b) => text.lastIndexOf(b)));
  const query = text.slice(lastBreak + 1).search(/[?#]/);
  return query < 0 ? text : text.slice(0, lastBreak + 1 + query);
}

/**
 * A date inside a URL path: `20190527` in a kcna.co.jp file name, `2024-07-23` or `/2024/07/23/` in
 * a blog path, or at least `/2024/07/`. KCNA Watch's `/newstream/<unixtime>-…` is the time the
 * aggregator stored the item, not a publication date, so such URLs give no date at all.
 */
export function dateFromUrl(url: string | null | undefined): UrlDate | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = withoutQuery(url.replace(/^[a-z]+:\/\/[^/]*/i, ''));
  }
  if (/\/newstream\//i.test(path)) return null;
  const compact = /(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)/.exec(path);
  const dashed = /(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)/.exec(path);
  const slashed = /\/((?:19|20)\d{2})\/(\d{2})\/(\d{2})(?=\/|$)/.exec(path);
  for (const m of [compact, dashed, slashed]) {
    if (!m) continue;
    const full = date(Number(m[1]), Number(m[2]), Number(m[3]));
    if (full) return full;
  }
  // `/2024/07/` (blogs) or kcna.co.jp's month folder `/200410/`.
  const yearMonth =
    /\/((?:19|20)\d{2})\/(\d{2})(?=\/)/.exec(path) ?? /\/((?:19|20)\d{2})(\d{2})\//.exec(path);
  if (yearMonth) {
    const month = Number(yearMonth[2]);
    if (month >= 1 && month <= 12) return { year: Number(yearMonth[1]), month, day: null };
  }
  const yearOnly = /\/((?:19|20)\d{2})\//.exec(path);
  return yearOnly ? { year: Number(yearOnly[1]), month: null, day: null } : null;
}
