/**
 * Month names as wire copy spells them. KCNA's Spanish edition puts the day first (`24 de marzo`), so
 * Spanish names are known too; anything else is "unreadable" and the caller marks the date damaged
 * instead of guessing (a misspelt `Marhc` must not silently become March).
 */

const MONTHS: ReadonlyMap<string, number> = new Map<string, number>([
  ['january', 1],
  ['jan', 1],
  ['february', 2],
  ['feb', 2],
  ['march', 3],
  ['mar', 3],
  ['april', 4],
  ['apr', 4],
  ['may', 5],
  ['june', 6],
  ['jun', 6],
  ['july', 7],
  ['jul', 7],
  ['august', 8],
  ['aug', 8],
  ['september', 9],
  ['sept', 9],
  ['sep', 9],
  ['october', 10],
  ['oct', 10],
  ['november', 11],
  ['nov', 11],
  ['december', 12],
  ['dec', 12],
  ['enero', 1],
  ['febrero', 2],
  ['marzo', 3],
  ['abril', 4],
  ['mayo', 5],
  ['junio', 6],
  ['julio', 7],
  ['agosto', 8],
  ['septiembre', 9],
  ['setiembre', 9],
  ['octubre', 10],
  ['noviembre', 11],
  ['diciembre', 12],
]);

/** English full names, for formatting listing dates and test data. */
export const ENGLISH_MONTHS: readonly string[] = [
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

/** 1–12 for a month name or abbreviation (trailing dot allowed), else null. */
export function monthNumber(word: string): number | null {
  const key = word.normalize('NFKC').toLowerCase().replace(/\.$/, '');
  return MONTHS.get(key) ?? null;
}

// February allows 29 because a dateline has no year to tell leap years from others.
const MAX_DAY = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `day` can exist in `month` of some year; month null means "any month". */
export function isPlausibleDay(month: number | null, day: number): boolean {
  if (!Number.isInteger(day) || day < 1) return false;
  if (month === null) return day <= 31;
  return day <= (MAX_DAY[month - 1] ?? 0);
}

/** Whether year/month/day is a real calendar date (leap years included). */
export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const probe = new Date(Date.UTC(year, month - 1, day));
  return (
    probe.getUTCFullYear() === year &&
    probe.getUTCMonth() === month - 1 &&
    probe.getUTCDate() === day
  );
}

/** Digits as printed, full-width ones included (Rodong prints `２４`). */
export function parseDigits(text: string): number {
  return Number.parseInt(text.normalize('NFKC'), 10);
}
