/** Feed and `<time datetime>` timestamps as calendar dates (shared by the feed and HTML-list readers). */
import type { PublishedDate } from '../types.js';
import { UNKNOWN_DATE } from './dom.js';

/** A feed's timestamp (RFC 822 or ISO 8601) as the UTC calendar date, or unknown. */
export function feedDate(value: string): PublishedDate {
  const v = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  if (iso)
    return { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]), basis: 'listing' };
  const t = v ? Date.parse(v) : NaN;
  if (Number.isNaN(t)) return UNKNOWN_DATE;
  const d = new Date(t);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    basis: 'listing',
  };
}
