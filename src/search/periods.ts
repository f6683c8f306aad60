/**
 * Time buckets for attention over time: day, ISO week (Monday first) or month, as integer keys derived
 * from day numbers so a hundred thousand hits bucket without building strings.
 */
import { dayToIso } from './columns.js';

export type Interval = 'day' | 'week' | 'month';
export const INTERVALS: Interval[] = ['day', 'week', 'month'];

export function dayNumberOfIso(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

/** 1970-01-01 was a Thursday: shifting by 3 makes weeks start on Monday. */
export function bucketOf(interval: Interval, day: number, year: number, month: number): number {
  if (interval === 'day') return day;
  if (interval === 'week') return Math.floor((day + 3) / 7);
  return year * 12 + (month - 1);
}

/** First day of a bucket, `YYYY-MM-DD` (a month as `YYYY-MM`). */
export function bucketLabel(interval: Interval, key: number): string {
  if (interval === 'day') return dayToIso(key);
  if (interval === 'week') return dayToIso(key * 7 - 3);
  return `${Math.floor(key / 12)}-${String((key % 12) + 1).padStart(2, '0')}`;
}

/** The bucket after `key`, to fill the gaps between buckets with zeros. */
export function nextBucket(_interval: Interval, key: number): number {
  return key + 1;
}

/**
 * The `date:` value that finds exactly the articles of one bucket, given its label: `2012-03`,
 * `2012-03-05`, or a week as the range `2012-03-05..2012-03-11`.
 */
export function periodFilterValue(interval: Interval, start: string): string {
  if (interval !== 'week') return start;
  return `${start}..${dayToIso(dayNumberOfIso(start) + 6)}`;
}
