import type { Dateline, ExtractContext, PublishedDate } from './types.js';
import { type CalendarDate, dateFromUrl, parseIsoDate } from './page-dates.js';

/**
 * The publication date from the evidence a page offers, strongest first. The archive's promise is
 * that a year is never invented: without a full date, a user option, a URL date or a live fetch
 * time, the year stays null ("year unknown") even when the dateline gives month and day.
 * Body text is deliberately not evidence: `Juche 109 (2020)` in a sentence is some event's date.
 */

export interface DateEvidence {
  /** A full date the page prints as its own (`Date: 19/11/2019`, `calendar>>May 27. 2019`). */
  pageDate: CalendarDate | null;
  dateline: Dateline | null;
  url: string | null;
  ctx: ExtractContext;
}

export interface ResolvedDate {
  published: PublishedDate;
  /** `dateline-date-mismatch`, `url-date-differs`, `import-date-unreadable`. */
  flags: string[];
}

const DAY_MS = 86_400_000;
// A dateline a little after the reference is tolerated (clock skew, a republisher's folder date
// that runs ahead); one well after it must belong to the previous year: a December article
// fetched in January.
const SAME_YEAR_TOLERANCE_MS = 31 * DAY_MS;
// Pyongyang is UTC+9: an article of 1 January can be fetched on 31 December UTC.
const NEXT_YEAR_TOLERANCE_MS = 2 * DAY_MS;

/** The year of month/day nearest before `reference` (allowing the tolerances above). */
export function inferYear(month: number, day: number | null, reference: CalendarDate): number {
  const ref = Date.UTC(reference.year, reference.month - 1, reference.day);
  const at = (year: number) => Date.UTC(year, month - 1, day ?? 1);
  if (at(reference.year + 1) <= ref + NEXT_YEAR_TOLERANCE_MS) return reference.year + 1;
  if (at(reference.year) <= ref + SAME_YEAR_TOLERANCE_MS) return reference.year;
  return reference.year - 1;
}

function disagrees(date: CalendarDate, dateline: Dateline | null): boolean {
  if (!dateline || dateline.month === null) return false;
  return dateline.month !== date.month || (dateline.day !== null && dateline.day !== date.day);
}

function full(date: CalendarDate, basis: PublishedDate['basis']): PublishedDate {
  return { year: date.year, month: date.month, day: date.day, basis };
}

function isYear(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1000 && value <= 9999;
}

/** Reference date for year inference; a URL without a day counts as the end of its month/year. */
function urlReference(year: number, month: number | null, day: number | null): CalendarDate {
  const m = month ?? 12;
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { year, month: m, day: day ?? lastDay };
}

export function resolvePublishedDate(evidence: DateEvidence): ResolvedDate {
  const { pageDate, dateline, url, ctx } = evidence;
  const flags: string[] = [];
  const dlMonth = dateline?.month ?? null;
  const dlDay = dateline?.day ?? null;
  const fromDateline = (year: number | null, basis: PublishedDate['basis']): PublishedDate => ({
    year,
    month: dlMonth,
    day: dlMonth === null ? null : dlDay,
    basis,
  });

  if (pageDate) {
    if (disagrees(pageDate, dateline)) flags.push('dateline-date-mismatch');
    return { published: full(pageDate, 'page'), flags };
  }

  const optionDate = typeof ctx.date === 'string' && ctx.date ? parseIsoDate(ctx.date) : null;
  if (typeof ctx.date === 'string' && ctx.date && !optionDate) flags.push('import-date-unreadable');
  if (optionDate) {
    if (disagrees(optionDate, dateline)) flags.push('dateline-date-mismatch');
    return { published: full(optionDate, 'import-option'), flags };
  }
  if (isYear(ctx.year)) {
    return { published: fromDateline(ctx.year, 'import-option'), flags };
  }

  const fromUrl = dateFromUrl(url);
  if (fromUrl) {
    if (dlMonth !== null) {
      const ref = urlReference(fromUrl.year, fromUrl.month, fromUrl.day);
      if (fromUrl.day !== null && disagrees(ref, dateline)) flags.push('url-date-differs');
      return { published: fromDateline(inferYear(dlMonth, dlDay, ref), 'url'), flags };
    }
    return { published: { ...fromUrl, basis: 'url' }, flags };
  }

  const fetched = ctx.fetchedAt;
  if (dlMonth !== null && fetched instanceof Date && !Number.isNaN(fetched.getTime())) {
    const ref = {
      year: fetched.getUTCFullYear(),
      month: fetched.getUTCMonth() + 1,
      day: fetched.getUTCDate(),
    };
    return { published: fromDateline(inferYear(dlMonth, dlDay, ref), 'capture-date'), flags };
  }

  if (dlMonth !== null) return { published: fromDateline(null, 'dateline-only'), flags };
  return { published: { year: null, month: null, day: null, basis: 'unknown' }, flags };
}
