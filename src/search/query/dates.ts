/**
 * Date filter values: `2021`, `2021-03`, `2021-03-05`, `2021-01-01..2021-06-30` (either side may be
 * left open) for `date:`, and a single date for `before:` / `after:`, which exclude that day.
 */
import { QuerySyntaxError, type ArchivedSpan, type DateRange } from './ast.js';

const PART = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

export function parseDateValue(
  field: 'date' | 'before' | 'after',
  value: string,
  at: number,
): DateRange {
  if (field === 'date') {
    const dots = value.indexOf('..');
    if (dots < 0) {
      const span = spanOf(value, at);
      return { from: span.first, to: span.last };
    }
    const left = value.slice(0, dots);
    const right = value.slice(dots + 2);
    if (!left && !right)
      throw new QuerySyntaxError(
        'a date range needs at least one end, e.g. date:2021-01..2021-06',
        at,
      );
    const from = left ? spanOf(left, at).first : null;
    const to = right ? spanOf(right, at + dots + 2).last : null;
    if (from && to && from > to)
      throw new QuerySyntaxError(`the range starts after it ends (${from} > ${to})`, at);
    return { from, to };
  }
  const span = spanOf(value, at);
  return field === 'before'
    ? { from: null, to: addDays(span.first, -1) }
    : { from: addDays(span.last, 1), to: null };
}

/** First and last day of a year, month or day. */
function spanOf(value: string, at: number): { first: string; last: string } {
  const m = PART.exec(value);
  if (!m)
    throw new QuerySyntaxError(`"${value}" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD`, at);
  const year = Number(m[1]);
  if (m[2] === undefined) return { first: `${m[1]}-01-01`, last: `${m[1]}-12-31` };
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new QuerySyntaxError(`"${value}" has no month ${month}`, at);
  const mm = String(month).padStart(2, '0');
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (m[3] === undefined) return { first: `${m[1]}-${mm}-01`, last: `${m[1]}-${mm}-${days}` };
  const day = Number(m[3]);
  if (day < 1 || day > days) throw new QuerySyntaxError(`"${value}" has no day ${day}`, at);
  const date = `${m[1]}-${mm}-${String(day).padStart(2, '0')}`;
  return { first: date, last: date };
}

/** The longest `archived:Nh` / `archived:Nd` (ten years). */
const MAX_RECENT_HOURS = 87_600;

/**
 * `archived:` values: the days of `date:` (`2026-12-01`, `2026-12`, `2026-11-28..2026-12-01`), or
 * the last hours or days before the search (`24h`, `7d`).
 */
export function parseArchivedValue(value: string, at: number): ArchivedSpan {
  const recent = /^(\d{1,5})([hd])$/i.exec(value);
  if (recent) {
    const hours = Number(recent[1]) * (recent[2]!.toLowerCase() === 'd' ? 24 : 1);
    if (hours < 1 || hours > MAX_RECENT_HOURS)
      throw new QuerySyntaxError(`archived:${value} is not 1 hour to 10 years back`, at);
    return { kind: 'recent', hours };
  }
  if (/^[<>]/.test(value))
    throw new QuerySyntaxError(
      `archived: takes days (archived:2026-12-01, archived:2026-11-28..2026-12-01) or a span back from now (archived:24h, archived:7d)`,
      at,
    );
  return { kind: 'days', range: parseDateValue('date', value, at) };
}

function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
