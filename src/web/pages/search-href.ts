/** Addresses of search pages: the query string with defaults left out, and a facet added as a filter. */
import { periodFilterValue, type Interval } from '../../search/periods.js';
import type { Sort } from '../../search/rank.js';

export interface SearchState {
  q: string;
  sort: Sort;
  interval: Interval;
  page: number;
}

export const DEFAULT_SORT: Sort = 'relevance';
export const DEFAULT_INTERVAL: Interval = 'month';

export function searchHref(s: SearchState, change: Partial<SearchState> = {}): string {
  const next = { ...s, ...change };
  const params = new URLSearchParams({ q: next.q });
  if (next.sort !== DEFAULT_SORT) params.set('sort', next.sort);
  if (next.interval !== DEFAULT_INTERVAL) params.set('interval', next.interval);
  if (next.page > 1) params.set('page', String(next.page));
  return `/search?${params}`;
}

export function feedHref(q: string): string {
  return `/feeds/search?${new URLSearchParams({ q })}`;
}

/** Every match of `q` as a download (the API's export), in date order. */
export function exportHref(q: string, format: 'csv' | 'jsonl', sort?: Sort): string {
  const params = new URLSearchParams({ q, format });
  if (sort === 'oldest') params.set('sort', sort);
  return `/api/v1/search?${params}`;
}

/** A filter term for a facet value: `source:kcna-kp-en`, `date:2011-12`, `place:"South Hwanghae"`. */
export function filterTerm(field: 'source' | 'lang' | 'date' | 'place', value: string): string {
  const clean = value.replace(/["\u201c\u201d]/g, '').trim();
  return /^[\p{L}\p{N}._-]+$/u.test(clean) ? `${field}:${clean}` : `${field}:"${clean}"`;
}

/** The query with `term` added (once) as one more condition. */
export function withFilter(q: string, term: string): string {
  const trimmed = q.trim();
  if (trimmed.split(/\s+/).includes(term)) return trimmed;
  return trimmed ? (/\bOR\b/.test(trimmed) ? `(${trimmed}) ${term}` : `${trimmed} ${term}`) : term;
}

/** The same search narrowed to one period of its attention chart: what the period's bar counts. */
export function periodHref(s: SearchState, start: string): string {
  const term = filterTerm('date', periodFilterValue(s.interval, start));
  return searchHref(s, { q: withFilter(s.q, term), page: 1 });
}
