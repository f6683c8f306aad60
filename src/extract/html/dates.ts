/**
 * The publication date of a templateless page, strongest evidence first: JSON-LD datePublished,
 * publication meta tags, the first <time datetime>, a date printed in an element named as a date
 * (`span.publish-time`: `Juche108.12.10.`, `2025.12.14.`, `Nov 19, 2019`), a date in the URL, and last a wire dateline at
 * the start of the body (month and day only: the year is then left unknown, never guessed).
 * A date string is read as the publisher wrote it (`2019-03-24T23:30-05:00` is 24 March), not
 * converted to UTC, because the local calendar day is the one the page printed.
 */
import type { PublishedDate } from '../types.js';
import { matchDatelineAtStart } from '../dateline.js';
import { isValidDate, monthNumber } from '../months.js';
import { dateFromUrl } from '../page-dates.js';
import { firstTag, jsonLdField, type PageMeta } from './meta.js';

const PUBLISHED_TAGS = [
  'article:published_time',
  'og:article:published_time',
  'datepublished',
  'date',
  'dc.date',
  'dc.date.issued',
  'dcterms.created',
  'dcterms.date',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'published_time',
  'parsely-pub-date',
  'sailthru.date',
  'article.published',
  'original-publish-date',
  'datecreated',
  'dc.date.created',
  'og:pubdate',
  'cxenseparse:recs:publishtime',
  'article_date_original',
  'displaydate',
];

type Ymd = { year: number; month: number; day: number };

// A timestamp in UTC: `…T04:30:00Z`, `…T04:30+00:00`, `Tue Nov 19 2019 03:05:46 GMT+0000`.
const UTC_TIME =
  /(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]00:?00)|\d{2}:\d{2}(?::\d{2})?\s*(?:GMT|UTC)(?:\s*[+-]00:?00)?)\s*$/i;

const ISO = /^\s*((?:19|20)\d{2})[-/.]?(\d{2})[-/.]?(\d{2})(?!\d)/;
const MONTH_DAY_YEAR =
  /^\s*(?:\p{L}+,?\s+)?(\p{L}{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})\b/u;
const DAY_MONTH_YEAR = /^\s*(?:\p{L}+,?\s+)?(\d{1,2})\.?\s+(\p{L}{3,9})\.?,?\s+((?:19|20)\d{2})\b/u;

/** Reads the date part of one date string in a documented form, else null. */
export function parseDateString(text: string): Ymd | null {
  const ok = (y: number, m: number | null, d: number) =>
    m !== null && isValidDate(y, m, d) ? { year: y, month: m, day: d } : null;
  const iso = ISO.exec(text);
  if (iso) return ok(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const mdy = MONTH_DAY_YEAR.exec(text);
  if (mdy) return ok(Number(mdy[3]), monthNumber(mdy[1]!), Number(mdy[2]));
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) return ok(Number(dmy[3]), monthNumber(dmy[2]!), Number(dmy[1]));
  // Unix seconds or milliseconds (parsely, sailthru variants): only when plausibly 1995–2099.
  if (/^\s*\d{10}(\d{3})?\s*$/.test(text)) {
    const n = Number(text.trim());
    const at = new Date(n < 1e11 ? n * 1000 : n);
    if (at.getUTCFullYear() >= 1995)
      return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
  }
  return null;
}

// DPRK media: `(Juche108.12.10.)` (Juche year = Gregorian − 1911), `[2025.12.14.]`, full-width digits.
const JUCHE = /Juche\s*(\d{2,3})[.\s]+(\d{1,2})\.\s*(\d{1,2})(?!\d)/i;
const DOTTED = /(?<!\d)((?:19|20)\d{2})\.\s?(\d{1,2})\.\s?(\d{1,2})(?!\d)/;
const UNANCHORED = [
  /(?<!\p{L})(\p{L}{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d{2})(?!\d)/u,
  /(?<!\d)(\d{1,2})\.?\s+(\p{L}{3,9})\.?,?\s+((?:19|20)\d{2})(?!\d)/u,
];

/** A date printed in the page's text, somewhere inside a short string. */
export function parsePrintedDate(raw: string): Ymd | null {
  const text = raw.normalize('NFKC');
  const ok = (y: number, m: number | null, d: number) =>
    m !== null && isValidDate(y, m, d) ? { year: y, month: m, day: d } : null;
  const juche = JUCHE.exec(text);
  if (juche) return ok(Number(juche[1]) + 1911, Number(juche[2]), Number(juche[3]));
  const dotted = DOTTED.exec(text);
  if (dotted) return ok(Number(dotted[1]), Number(dotted[2]), Number(dotted[3]));
  const iso = /(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)/.exec(text);
  if (iso) return ok(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const mdy = UNANCHORED[0]!.exec(text);
  if (mdy && monthNumber(mdy[1]!) !== null)
    return ok(Number(mdy[3]), monthNumber(mdy[1]!), Number(mdy[2]));
  const dmy = UNANCHORED[1]!.exec(text);
  if (dmy) return ok(Number(dmy[3]), monthNumber(dmy[2]!), Number(dmy[1]));
  return null;
}

export interface DateFinding {
  published: PublishedDate | null;
  warnings: string[];
}

export function findPublished(
  meta: PageMeta,
  url: string | undefined,
  firstParagraph: string | undefined,
): DateFinding {
  const warnings: string[] = [];
  const candidates = [
    jsonLdField(meta, 'datePublished'),
    firstTag(meta, PUBLISHED_TAGS),
    meta.times[0] ?? null,
    jsonLdField(meta, 'dateCreated'),
  ];
  let page: Ymd | null = null;
  let pageText = '';
  for (const c of candidates) {
    page = c ? parseDateString(c) : null;
    if (page) {
      pageText = c!;
      break;
    }
  }
  // Last among the page's own evidence: a date printed in an element named as one.
  for (const printed of page ? [] : meta.printedDates) {
    page = parsePrintedDate(printed);
    if (page) break;
  }
  const fromUrl = dateFromUrl(url);
  if (
    page &&
    fromUrl &&
    fromUrl.month !== null &&
    fromUrl.day !== null &&
    UTC_TIME.test(pageText) &&
    Math.abs(dayNumber(page) - dayNumber(fromUrl as Ymd)) === 1
  ) {
    // A UTC instant does not say which calendar day the publisher printed (an evening story in
    // New York is the next day in UTC); a URL date one day off is that local day.
    warnings.push(`page gives a UTC time (${pageText.trim()}); the URL's local date is used`);
    return {
      published: { year: fromUrl.year, month: fromUrl.month, day: fromUrl.day, basis: 'url' },
      warnings,
    };
  }
  if (page) {
    if (
      fromUrl &&
      fromUrl.day !== null &&
      (fromUrl.year !== page.year || fromUrl.month !== page.month || fromUrl.day !== page.day)
    ) {
      warnings.push(`url-date-differs: page says ${fmt(page)}, URL ${fmt(fromUrl as Ymd)}`);
    }
    return { published: { ...page, basis: 'page' }, warnings };
  }
  if (fromUrl && fromUrl.month !== null && fromUrl.day !== null) {
    return {
      published: { year: fromUrl.year, month: fromUrl.month, day: fromUrl.day, basis: 'url' },
      warnings,
    };
  }
  const dateline = firstParagraph ? matchDatelineAtStart(firstParagraph)?.dateline : null;
  if (dateline && dateline.month !== null) {
    // A URL's year (`/2019/03/`) agreeing with nothing else is still the page's own evidence.
    const year =
      fromUrl && (fromUrl.month === null || fromUrl.month === dateline.month) ? fromUrl.year : null;
    if (year === null) warnings.push('year unknown: only the dateline dates this page');
    return {
      published: {
        year,
        month: dateline.month,
        day: dateline.day,
        basis: year === null ? 'dateline-only' : 'url',
      },
      warnings,
    };
  }
  return { published: null, warnings };
}

function dayNumber(d: Ymd): number {
  return Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
}

function fmt(d: Ymd): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}
