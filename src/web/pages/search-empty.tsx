/**
 * What a search that matches nothing says instead of a bare "nothing": what the archive holds (how
 * many articles, published from when to when, in which sources), and — when the query has several
 * conditions — the query without the one that shut everything out, as a link with its count.
 *
 * Which condition: the query is parsed with the search's own parser; each top-level condition of its
 * AND is a candidate, filters first (dates, then source, lang, place, status, people, title) since a
 * filter is usually what cut a topic down to nothing, then words. At most MAX_TRIES of them are run
 * (a count each), and of those that match something, the one whose removal matches the most is
 * offered first: it is the narrowest condition, the one that excluded the most.
 */
import { Problem } from '../../errors.js';
import type { QueryNode } from '../../search/query/ast.js';
import { parseQuery } from '../../search/query/parser.js';
import { printQuery } from '../../search/query/print.js';
import { searchArchive, type SearchRequest } from '../../search/search.js';
import type { ArchiveStore, SourceSummary } from '../../store/types.js';
import { sourceHref } from '../components.js';
import { plural } from '../format.js';
import { searchHref, type SearchState } from './search-href.js';

/** Extra searches an empty result may run to find a broader query. */
export const MAX_TRIES = 3;

/** The query without one of its conditions. */
export interface BroaderQuery {
  /** The condition left out, as printed (`date:1999`). */
  removed: string;
  query: string;
}

export interface Broadened extends BroaderQuery {
  total: number;
}

export interface EmptyResultHelp {
  sources: SourceSummary[];
  articles: number;
  teasers: number;
  first: string | null;
  last: string | null;
  /** Broader queries that match, the most matches first (none when the query has one condition). */
  broader: Broadened[];
}

/** The order conditions are tried in: filters first, the widest-reaching kinds of filter first. */
function rank(node: QueryNode): number {
  switch (node.type) {
    case 'date':
      return 0;
    case 'filter':
      return { source: 1, lang: 2, place: 3, status: 4 }[node.field];
    case 'person':
      return 5;
    case 'title':
      return 6;
    case 'term':
    case 'phrase':
      return 7;
    default:
      return 8;
  }
}

/** One condition as it stands beside others (juxtaposition means AND; groups keep their brackets). */
function operand(node: QueryNode): string {
  return node.type === 'and' || node.type === 'or' ? `(${printQuery(node)})` : printQuery(node);
}

/**
 * The query without each of its top-level conditions, in the order to try them; none when it has
 * fewer than two conditions (`version:` is no condition: it says which texts the words search).
 */
export function broaderQueries(query: string): BroaderQuery[] {
  let tree: QueryNode;
  try {
    tree = parseQuery(query);
  } catch {
    return [];
  }
  if (tree.type !== 'and') return [];
  const nodes = tree.nodes;
  const conditions = nodes.filter((n) => n.type !== 'version');
  if (conditions.length < 2) return [];
  const seen = new Set<string>();
  const out: (BroaderQuery & { rank: number })[] = [];
  nodes.forEach((node, i) => {
    if (node.type === 'version') return;
    const rest = nodes.filter((_, j) => j !== i);
    const text = rest.length === 1 ? printQuery(rest[0]!) : rest.map((n) => operand(n)).join(' ');
    if (seen.has(text)) return;
    seen.add(text);
    out.push({ removed: printQuery(node), query: text, rank: rank(node) });
  });
  return out
    .sort((a, b) => a.rank - b.rank)
    .map(({ removed, query: q }) => ({ removed, query: q }));
}

/** What the empty result page shows: the archive's extent from `listSources`, and broader queries. */
export async function emptyResultHelp(
  store: ArchiveStore,
  query: string,
  bounds: Pick<SearchRequest, 'limits' | 'budgetMs'> = {},
): Promise<EmptyResultHelp> {
  const sources = await store.listSources();
  const broader: Broadened[] = [];
  for (const candidate of broaderQueries(query).slice(0, MAX_TRIES)) {
    try {
      const { total } = await searchArchive(store, {
        query: candidate.query,
        sort: 'newest',
        limit: 1,
        ...bounds,
      });
      if (total > 0) broader.push({ ...candidate, total });
    } catch (error) {
      // A broader query may be refused (too slow, too large): it is only a suggestion.
      if (!(error instanceof Problem)) throw error;
    }
  }
  const days = (pick: (s: SourceSummary) => string | null) =>
    sources.map(pick).filter((d): d is string => d !== null);
  const firsts = days((s) => s.firstPublished).sort();
  const lasts = days((s) => s.lastPublished).sort();
  return {
    sources,
    articles: sources.reduce((n, s) => n + s.articles, 0),
    teasers: sources.reduce((n, s) => n + s.teasers, 0),
    first: firsts[0] ?? null,
    last: lasts.at(-1) ?? null,
    broader: broader.sort((a, b) => b.total - a.total),
  };
}

export function NoMatches(props: { help: EmptyResultHelp; state: SearchState }) {
  const { help } = props;
  const [best, ...others] = help.broader;
  return (
    <div class="no-matches">
      <p>Nothing matches this query.</p>
      {best ? (
        <p class="broader">
          Without <code>{best.removed}</code> it matches {plural(best.total, 'article')}:{' '}
          <a href={searchHref(props.state, { q: best.query, page: 1 })} class="query">
            {best.query}
          </a>
          {others.map((o) => (
            <>
              {'; without '}
              <code>{o.removed}</code>, {plural(o.total, 'article')}:{' '}
              <a href={searchHref(props.state, { q: o.query, page: 1 })} class="query">
                {o.query}
              </a>
            </>
          ))}
          .
        </p>
      ) : (
        ''
      )}
      <p class="coverage">
        The archive holds {plural(help.articles, 'article')}
        {help.teasers ? ` (and ${plural(help.teasers, 'teaser-only article')})` : ''}
        {help.first && help.last ? (
          <>
            , published from <a href={`/days/${help.first}`}>{help.first}</a> to{' '}
            <a href={`/days/${help.last}`}>{help.last}</a>
          </>
        ) : (
          ''
        )}
        , from {plural(help.sources.length, 'source')}
        {help.sources.length ? ':' : '.'}
      </p>
      {help.sources.length ? (
        <ul class="coverage-sources">
          {help.sources.map((s) => (
            <li>
              <a href={sourceHref(s.id)}>{s.label}</a> <code>source:{s.id}</code>{' '}
              <span class="meta">
                {plural(s.articles, 'article')}
                {s.firstPublished && s.lastPublished
                  ? `, ${s.firstPublished} to ${s.lastPublished}`
                  : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        ''
      )}
    </div>
  );
}
