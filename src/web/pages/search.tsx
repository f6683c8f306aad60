/**
 * `/search?q=&sort=&interval=&page=`: the query box with its syntax, hits with highlighted snippets,
 * facets that add a filter, attention over time (chart + table), pagination, the search's Atom feed.
 * A malformed query is shown with its position (HTTP 400), never a 500. A query that matches
 * nothing says what the archive holds and offers the query without its narrowest condition
 * (search-empty.tsx).
 */
import type { Context } from 'hono';
import { INTERVALS, type Interval } from '../../search/periods.js';
import { SORTS, type Sort } from '../../search/rank.js';
import { Problem } from '../../errors.js';
import {
  MAX_OFFSET,
  searchArchive,
  type SearchHit,
  type SearchRequest,
  type SearchResult,
} from '../../search/search.js';
import type { Segment } from '../../search/snippet.js';
import type { Source } from '../../model/types.js';
import type { ArchiveStore } from '../../store/types.js';
import { DateText, ExportLinks, articleHref, sourceHref } from '../components.js';
import { CsrfField } from '../csrf.js';
import { principalOf } from '../../accounts/principal.js';
import { langOf, pageParam, plural } from '../format.js';
import { Layout } from '../layout.js';
import { sendPage, sourcesById } from '../render.js';
import { AttentionChart } from './search-chart.js';
import { SearchFacets } from './search-facets.js';
import { SearchHelp } from './search-help.js';
import { emptyResultHelp, NoMatches } from './search-empty.js';
import {
  DEFAULT_INTERVAL,
  DEFAULT_SORT,
  feedHref,
  searchHref,
  type SearchState,
} from './search-href.js';

export const HITS_PER_PAGE = 20;

export async function searchPage(
  c: Context,
  store: ArchiveStore,
  bounds: Pick<SearchRequest, 'limits' | 'budgetMs'> = {},
) {
  const sort = c.req.query('sort') as Sort | undefined;
  const interval = c.req.query('interval') as Interval | undefined;
  const state: SearchState = {
    q: (c.req.query('q') ?? '').trim(),
    sort: sort && SORTS.includes(sort) ? sort : DEFAULT_SORT,
    interval:
      interval && INTERVALS.includes(interval) && interval !== 'day' ? interval : DEFAULT_INTERVAL,
    page: pageParam(c.req.query('page'), Math.floor(MAX_OFFSET / HITS_PER_PAGE) + 1),
  };
  if (!state.q)
    return sendPage(
      c,
      <SearchLayout state={state}>
        <SearchHelp open />
      </SearchLayout>,
    );
  let result: SearchResult;
  try {
    result = await searchArchive(store, {
      query: state.q,
      sort: state.sort,
      limit: HITS_PER_PAGE,
      offset: (state.page - 1) * HITS_PER_PAGE,
      facets: true,
      histogram: state.interval,
      ...bounds,
    });
  } catch (error) {
    if (!(error instanceof Problem) || (error.status !== 400 && error.status !== 503)) throw error;
    if (error.retryAfterSeconds !== null) c.header('Retry-After', String(error.retryAfterSeconds));
    return sendPage(
      c,
      <SearchLayout state={state}>
        <QueryError query={state.q} error={error} />
        <SearchHelp open />
      </SearchLayout>,
      error.status,
    );
  }
  const empty = result.total ? null : await emptyResultHelp(store, state.q, bounds);
  const sources = await sourcesById(store, [
    ...result.hits.map((h) => h.sourceId),
    ...(result.facets?.source ?? []).map((f) => f.value),
  ]);
  const pages = Math.max(
    1,
    Math.ceil(Math.min(result.stories, MAX_OFFSET + HITS_PER_PAGE) / HITS_PER_PAGE),
  );
  return sendPage(
    c,
    <SearchLayout state={state}>
      <SearchHelp open={false} />
      <p class="summary" role="status">
        {plural(result.total, 'article')} in {plural(result.stories, 'story', 'stories')}
        {result.total ? ` · page ${state.page} of ${pages}` : ''} · understood as{' '}
        <code>{result.query}</code>
        {' · '}
        <a href={feedHref(state.q)}>Atom feed of this search</a>
        {result.total ? (
          <>
            {' · '}
            <ExportLinks query={state.q} sort={state.sort} what="this search" />
          </>
        ) : (
          ''
        )}
      </p>
      {principalOf(c.req.raw).kind === 'session' ? (
        <form method="post" action="/account/searches" class="save-search">
          <CsrfField request={c.req.raw} />
          <input type="hidden" name="q" value={result.query} />
          <input type="hidden" name="sort" value={state.sort} />
          <label for="save-name">Name</label>{' '}
          <input id="save-name" name="name" maxlength={100} placeholder={result.query} />{' '}
          <button type="submit">Save this search</button>
        </form>
      ) : (
        ''
      )}
      {result.total ? <SortLinks state={state} /> : ''}
      <div class="results-grid">
        <div class="results">
          <h2 class="visually-hidden">Results</h2>
          {empty ? (
            <NoMatches help={empty} state={state} />
          ) : result.hits.length ? (
            <ol class="hits" start={(state.page - 1) * HITS_PER_PAGE + 1}>
              {result.hits.map((h) => (
                <Hit hit={h} sources={sources} />
              ))}
            </ol>
          ) : (
            <p>No hits on this page.</p>
          )}
          <SearchPager state={state} pages={pages} />
        </div>
        {result.facets && result.total ? (
          <SearchFacets facets={result.facets} state={state} sources={sources} />
        ) : (
          ''
        )}
      </div>
      {result.histogram && result.total ? (
        <AttentionChart histogram={result.histogram} state={state} />
      ) : (
        ''
      )}
    </SearchLayout>,
  );
}

function SearchLayout(props: { state: SearchState; children?: unknown }) {
  const q = props.state.q;
  return (
    <Layout
      title={q ? `Search: ${q}` : 'Search'}
      query={q}
      section="search"
      wide
      searchBox={false}
      feeds={q ? [{ title: `Search “${q}” (Atom)`, href: feedHref(q) }] : []}
    >
      <h1>
        {q ? (
          <>
            Search: <span class="query">{q}</span>
          </>
        ) : (
          'Search the archive'
        )}
      </h1>
      <form
        class="search-form"
        action="/search"
        method="get"
        role="search"
        aria-label="Search the archive"
      >
        <label for="search-q">Query</label>
        <input
          id="search-q"
          name="q"
          type="search"
          value={q}
          autocomplete="off"
          aria-describedby="search-q-hint"
        />
        <label for="search-sort">Sort</label>
        <select id="search-sort" name="sort">
          {SORTS.map((s) => (
            <option value={s} selected={s === props.state.sort}>
              {s}
            </option>
          ))}
        </select>
        <button type="submit">Search</button>
        <p id="search-q-hint" class="muted">
          Words, "phrases", OR, -exclusions and filters such as <code>source:kcna-co-jp-en</code> or{' '}
          <code>date:2011-12</code>; see the syntax below.
        </p>
      </form>
      {props.children as never}
    </Layout>
  );
}

function Marked(props: { segments: Segment[] }) {
  return <>{props.segments.map((s) => (s.hit ? <mark>{s.text}</mark> : s.text))}</>;
}

export function Hit(props: { hit: SearchHit; sources: Map<string, Source> }) {
  const h = props.hit;
  return (
    <li class="hit">
      <h3 lang={langOf(h.language)}>
        <a href={articleHref(h.id)} class={h.title.derived ? 'derived' : undefined}>
          <Marked segments={h.title.segments} />
          {h.title.derived ? (
            <span class="visually-hidden"> (no headline: label from the opening words)</span>
          ) : (
            ''
          )}
        </a>
      </h3>
      <p class="snippet" lang={langOf(h.language)}>
        <Marked segments={h.snippet} />
      </p>
      {h.matchedVersion !== null ? (
        // version:any: the snippet above is an older version's text, which the current one no longer holds.
        <p class="meta matched-version">
          Matched in version {h.matchedVersion} of {h.versionCount}:{' '}
          <a href={`${articleHref(h.id)}/diff?from=${h.matchedVersion}&to=${h.versionCount}`}>
            what changed since
          </a>
        </p>
      ) : (
        ''
      )}
      <p class="meta">
        <a href={sourceHref(h.sourceId)} class="source-label">
          {props.sources.get(h.sourceId)?.label ?? h.sourceId}
        </a>
        {' · '}
        <DateText date={h.published} />
        {h.place ? ` · ${h.place}` : ''}
        {h.status === 'teaser' ? ' · teaser only' : ''}
        {h.status === 'deleted' ? ' · removed by the source' : ''}
        {h.copies > 1 ? (
          <>
            {' '}
            ·{' '}
            <a href={`${articleHref(h.id)}#copies`} class="copies">
              {h.copies} copies
            </a>
          </>
        ) : (
          ''
        )}
      </p>
    </li>
  );
}

function SortLinks(props: { state: SearchState }) {
  return (
    <nav class="sort" aria-label="Sort order">
      Sort:{' '}
      {SORTS.map((s, i) => (
        <>
          {i ? ' · ' : ''}
          {s === props.state.sort ? (
            <strong aria-current="true">{s}</strong>
          ) : (
            <a href={searchHref(props.state, { sort: s, page: 1 })}>{s}</a>
          )}
        </>
      ))}
    </nav>
  );
}

function SearchPager(props: { state: SearchState; pages: number }) {
  const { state, pages } = props;
  if (pages <= 1) return '';
  return (
    <nav class="pager" aria-label="Result pages">
      {state.page > 1 ? (
        <a href={searchHref(state, { page: state.page - 1 })} rel="prev">
          ← Previous
        </a>
      ) : (
        <span class="disabled">← Previous</span>
      )}
      <span>
        Page {state.page} of {pages}
      </span>
      {state.page < pages ? (
        <a href={searchHref(state, { page: state.page + 1 })} rel="next">
          Next →
        </a>
      ) : (
        <span class="disabled">Next →</span>
      )}
    </nav>
  );
}

/** The message, and the query with the character at fault marked (when it is a syntax error). */
function QueryError(props: { query: string; error: Problem }) {
  const pos = props.error.position;
  const q = props.query;
  const heading =
    props.error.status === 503
      ? 'The search took too long'
      : props.error.code === 'limit_exceeded'
        ? 'The query asks for too much'
        : 'The query could not be read';
  return (
    <div class="query-error" role="alert">
      <h2>{heading}</h2>
      <p>{props.error.message}</p>
      {pos !== null && pos >= 0 && pos <= q.length ? (
        <p class="query-at">
          <code>
            {q.slice(0, pos)}
            <mark class="error-at">{q.slice(pos, pos + 1) || ' '}</mark>
            {q.slice(pos + 1)}
          </code>
          <span class="visually-hidden"> (the problem is at character {pos + 1})</span>
        </p>
      ) : (
        ''
      )}
    </div>
  );
}
