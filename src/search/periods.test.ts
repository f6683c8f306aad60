import { describe, expect, it } from 'vitest';
import { parseDateValue } from './query/dates.js';
import { bucketLabel, bucketOf, dayNumberOfIso, periodFilterValue } from './periods.js';

describe('periodFilterValue', () => {
  it('is the label itself for a month or a day', () => {
    expect(periodFilterValue('month', '2012-03')).toBe('2012-03');
    expect(periodFilterValue('day', '2012-03-05')).toBe('2012-03-05');
  });

  it('spans Monday to Sunday for a week, across a month and a year end', () => {
    expect(periodFilterValue('week', '2012-03-05')).toBe('2012-03-05..2012-03-11');
    expect(periodFilterValue('week', '2012-12-31')).toBe('2012-12-31..2013-01-06');
    expect(periodFilterValue('week', '2012-02-27')).toBe('2012-02-27..2012-03-04');
  });

  it('parses as a date filter covering exactly the days of its bucket', () => {
    for (const interval of ['day', 'week', 'month'] as const) {
      const day = dayNumberOfIso('2012-02-29');
      const label = bucketLabel(interval, bucketOf(interval, day, 2012, 2));
      const range = parseDateValue('date', periodFilterValue(interval, label), 0);
      const inside = (iso: string) => iso >= range.from! && iso <= range.to!;
      expect(inside('2012-02-29'), interval).toBe(true);
      const first = dayNumberOfIso(range.from!);
      const last = dayNumberOfIso(range.to!);
      const key = (d: number) => {
        const date = new Date(d * 86_400_000);
        return bucketOf(interval, d, date.getUTCFullYear(), date.getUTCMonth() + 1);
      };
      expect(key(first), interval).toBe(key(day));
      expect(key(last), interval).toBe(key(day));
      expect(key(first - 1), interval).not.toBe(key(day));
      expect(key(last + 1), interval).not.toBe(key(day));
    }
  });
});
