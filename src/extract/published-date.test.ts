import { describe, expect, it } from 'vitest';
import { parseDateline } from './dateline.js';
import { dateFromUrl, parseCalendarDate, parseListingDate, parseSlashDate } from './page-dates.js';
import { inferYear, resolvePublishedDate } from './published-date.js';
import type { Dateline } from './types.js';

const dl = (text: string): Dateline => parseDateline(text)!;
const march24 = dl('Pyongyang, March 24 (KCNA) --');
const dec30 = dl('Pyongyang, December 30 (KCNA) --');

describe('inferYear', () => {
  it('rolls a December dateline fetched in January back a year', () => {
    expect(inferYear(12, 30, { year: 2025, month: 1, day: 3 })).toBe(2024);
    expect(inferYear(11, 15, { year: 2025, month: 1, day: 3 })).toBe(2024);
  });
  it('keeps the fetch year for a dateline before the fetch, or at most about a month after', () => {
    expect(inferYear(1, 2, { year: 2025, month: 1, day: 3 })).toBe(2025);
    expect(inferYear(7, 19, { year: 2024, month: 7, day: 23 })).toBe(2024);
    expect(inferYear(4, 20, { year: 2025, month: 3, day: 31 })).toBe(2025);
    expect(inferYear(6, 1, { year: 2025, month: 3, day: 31 })).toBe(2024);
  });
  it('moves to the next year when a 1 January story is fetched on 31 December UTC (Pyongyang is UTC+9)', () => {
    expect(inferYear(1, 1, { year: 2024, month: 12, day: 31 })).toBe(2025);
    expect(inferYear(1, 20, { year: 2024, month: 12, day: 31 })).toBe(2024);
  });
});

describe('resolvePublishedDate', () => {
  it('never invents a year from a dateline alone', () => {
    expect(
      resolvePublishedDate({ pageDate: null, dateline: march24, url: null, ctx: {} }).published,
    ).toEqual({ year: null, month: 3, day: 24, basis: 'dateline-only' });
  });

  it('gives all nulls and basis unknown without any evidence', () => {
    expect(
      resolvePublishedDate({ pageDate: null, dateline: null, url: null, ctx: {} }).published,
    ).toEqual({ year: null, month: null, day: null, basis: 'unknown' });
  });

  it('prefers the page date, flagging a dateline that disagrees', () => {
    const r = resolvePublishedDate({
      pageDate: { year: 2021, month: 3, day: 25 },
      dateline: march24,
      url: null,
      ctx: { year: 1999, date: '1999-01-01' },
    });
    expect(r.published).toEqual({ year: 2021, month: 3, day: 25, basis: 'page' });
    expect(r.flags).toEqual(['dateline-date-mismatch']);
  });

  it('uses the import options next: --date, then --year with the dateline', () => {
    expect(
      resolvePublishedDate({
        pageDate: null,
        dateline: march24,
        url: null,
        ctx: { date: '2021-03-24' },
      }).published,
    ).toEqual({ year: 2021, month: 3, day: 24, basis: 'import-option' });
    expect(
      resolvePublishedDate({ pageDate: null, dateline: march24, url: null, ctx: { year: 2021 } })
        .published,
    ).toEqual({ year: 2021, month: 3, day: 24, basis: 'import-option' });
    const bad = resolvePublishedDate({
      pageDate: null,
      dateline: march24,
      url: null,
      ctx: { date: '24/03/2021' },
    });
    expect(bad.published.basis).toBe('dateline-only');
    expect(bad.flags).toContain('import-date-unreadable');
  });

  it('prefers a URL date over the fetch time, and reads the year around the dateline', () => {
    const r = resolvePublishedDate({
      pageDate: null,
      dateline: march24,
      url: 'http://kcna.co.jp/item/2019/201903/news24/20190324-01ee.html',
      ctx: { fetchedAt: new Date('2025-06-01T00:00:00Z') },
    });
    expect(r.published).toEqual({ year: 2019, month: 3, day: 24, basis: 'url' });
    expect(r.flags).toEqual([]);
    const blog = resolvePublishedDate({
      pageDate: null,
      dateline: dec30,
      url: 'http://x.blogspot.com/2025/01/bulletin.html',
      ctx: {},
    });
    expect(blog.published).toEqual({ year: 2024, month: 12, day: 30, basis: 'url' });
  });

  it('ignores KCNA Watch newstream timestamps', () => {
    const url = 'https://kcnawatch.org/newstream/1574145062-356811741/slug/?t=1629129194902';
    expect(dateFromUrl(url)).toBeNull();
    expect(
      resolvePublishedDate({ pageDate: null, dateline: march24, url, ctx: {} }).published.basis,
    ).toBe('dateline-only');
  });

  it('falls back to the fetch time with the Dec/Jan roll-back', () => {
    expect(
      resolvePublishedDate({
        pageDate: null,
        dateline: dec30,
        url: null,
        ctx: { fetchedAt: new Date('2025-01-03T02:00:00Z') },
      }).published,
    ).toEqual({ year: 2024, month: 12, day: 30, basis: 'capture-date' });
    expect(
      resolvePublishedDate({
        pageDate: null,
        dateline: null,
        url: null,
        ctx: { fetchedAt: new Date('2025-01-03T02:00:00Z') },
      }).published.basis,
    ).toBe('unknown');
    expect(
      resolvePublishedDate({
        pageDate: null,
        dateline: march24,
        url: null,
        ctx: { fetchedAt: new Date(Number.NaN) },
      }).published.basis,
    ).toBe('dateline-only');
  });

  it('does not use a damaged dateline month it could not read', () => {
    const damaged = dl('Pyongyang, Marhc 24 (KCNA) --');
    expect(
      resolvePublishedDate({ pageDate: null, dateline: damaged, url: null, ctx: { year: 2020 } })
        .published,
    ).toEqual({ year: 2020, month: null, day: null, basis: 'import-option' });
  });
});

describe('page date readers', () => {
  it('reads KCNA Watch dates as DD/MM/YYYY', () => {
    expect(parseSlashDate('19/11/2019')).toEqual({ year: 2019, month: 11, day: 19 });
    expect(parseSlashDate('05/09/2021')).toEqual({ year: 2021, month: 9, day: 5 });
    expect(parseSlashDate('11/19/2019')).toBeNull();
  });
  it('reads kcna.co.jp calendar lines, not the Juche year', () => {
    expect(parseCalendarDate('May 27. 2019 Juche 108 |')).toEqual({
      year: 2019,
      month: 5,
      day: 27,
    });
    expect(parseCalendarDate('December 8. 2019 Juche 108')).toEqual({
      year: 2019,
      month: 12,
      day: 8,
    });
  });
  it('reads listing dates, doubled ones only when both halves agree', () => {
    expect(parseListingDate('January 22, 2025')).toEqual({ year: 2025, month: 1, day: 22 });
    expect(parseListingDate('March 31, 2025Mar 31, 2025')).toEqual({
      year: 2025,
      month: 3,
      day: 31,
    });
    expect(parseListingDate('March 31, 2025Mar 30, 2025')).toBeNull();
    expect(parseListingDate('February 30, 2025')).toBeNull();
  });
  it('reads dates in URLs', () => {
    expect(dateFromUrl('http://kcna.co.jp/item/2019/201905/news27/20190527-01ee.html')).toEqual({
      year: 2019,
      month: 5,
      day: 27,
    });
    expect(
      dateFromUrl(
        'http://kfaswitzerland.blogspot.com/2024/07/2024-07-23-korea-bulletin-2024-23.html',
      ),
    ).toEqual({ year: 2024, month: 7, day: 23 });
    expect(dateFromUrl('http://kcna.co.jp/item/2004/200410/news10/27.htm')).toEqual({
      year: 2004,
      month: 10,
      day: null,
    });
    expect(dateFromUrl('https://www.bommin.net/Eng/Eng050.htm')).toBeNull();
    expect(dateFromUrl('not a url')).toBeNull();
  });
});
