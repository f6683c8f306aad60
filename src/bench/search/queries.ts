/**
 * The fixed query mix, written once per engine: wirewatch's query language, FTS5 MATCH syntax for the
 * naive SQLite peer, and a tsquery for the PostgreSQL peer. Every request asks for a page of 20 hits,
 * the exact total and facets (source, language, year, month).
 */

export interface QueryCase {
  /** The class the issue names: rare term, common name, phrase, boolean, filtered, facets + histogram. */
  name: string;
  wirewatch: string;
  sort: 'relevance' | 'newest';
  histogram: boolean;
  fts5: { match: string; where?: string; params?: unknown[] };
  postgres: { tsquery: string; where?: string; params?: unknown[] };
}

const FILTER_SQL = { source: 'kcna-co-jp-en', from: '2012-01-01', to: '2012-06-30' };

export const QUERY_MIX: QueryCase[] = [
  {
    name: 'rare term',
    wirewatch: 'Botswana',
    sort: 'relevance',
    histogram: false,
    fts5: { match: 'botswana' },
    postgres: { tsquery: 'botswana' },
  },
  {
    name: 'common name',
    wirewatch: 'Kim Jong Un',
    sort: 'relevance',
    histogram: false,
    fts5: { match: 'kim jong un' },
    postgres: { tsquery: 'kim & jong & un' },
  },
  {
    name: 'common name, newest',
    wirewatch: 'Kim Jong Un',
    sort: 'newest',
    histogram: false,
    fts5: { match: 'kim jong un' },
    postgres: { tsquery: 'kim & jong & un' },
  },
  {
    name: 'phrase',
    wirewatch: '"Workers\' Party of Korea"',
    sort: 'relevance',
    histogram: false,
    fts5: { match: '"workers party of korea"' },
    postgres: { tsquery: 'workers <-> party <2> korea' },
  },
  {
    name: 'boolean',
    wirewatch: '(nuclear OR missile) -"United States"',
    sort: 'relevance',
    histogram: false,
    fts5: { match: '(nuclear OR missile) NOT "united states"' },
    postgres: { tsquery: '(nuclear | missile) & !(united <-> states)' },
  },
  {
    name: 'filtered',
    wirewatch: `"Kim Jong Un" source:${FILTER_SQL.source} date:2012-01..2012-06`,
    sort: 'relevance',
    histogram: false,
    fts5: {
      match: '"kim jong un"',
      where: 'm.source = ? AND m.published BETWEEN ? AND ?',
      params: [FILTER_SQL.source, FILTER_SQL.from, FILTER_SQL.to],
    },
    postgres: {
      tsquery: 'kim <-> jong <-> un',
      where: 'source = $2 AND published BETWEEN $3 AND $4',
      params: [FILTER_SQL.source, FILTER_SQL.from, FILTER_SQL.to],
    },
  },
  {
    name: 'facets + histogram',
    wirewatch: 'Kim Jong Un',
    sort: 'relevance',
    histogram: true,
    fts5: { match: 'kim jong un' },
    postgres: { tsquery: 'kim & jong & un' },
  },
];

/** The peers store the source the way wirewatch names it, so the filter means the same everywhere. */
export function sourceIdOf(
  source: string | null | undefined,
  language: string | null | undefined,
): string {
  const lang = language ?? 'en';
  return /kcna\.co\.jp/i.test(source ?? '') ? `kcna-co-jp-${lang}` : `other-${lang}`;
}
