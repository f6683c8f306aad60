/**
 * `searchArchive(store, request)`: the one search entry point the CLI, the API and the web pages call.
 *
 *   const result = await searchArchive(store, { query: '"Kim Jong Il" date:2011-12', sort: 'newest', facets: true });
 *   result.total; result.hits[0].snippet; result.facets.source; result.histogram?.buckets
 *
 * Totals are exact: every match is counted, then only one page is ranked and only that page gets text.
 */
import { articleLabel, formatArticleDate } from '../model/label.js';
import type { Article } from '../model/types.js';
import { DEFAULT_LIMITS, type SearchLimits } from '../config.js';
import { limitExceeded, Problem } from '../errors.js';
import type { ArchiveStore } from '../store/types.js';
import { SearchColumns } from './columns.js';
import {
  decodeColumns,
  encodeColumns,
  isColumnsSnapshot,
  SNAPSHOT_HEAD_BYTES,
} from './columns-snapshot.js';
import { compileQuery, stemmableTokens } from './compile.js';
import { completeScores } from './common-words.js';
import { Deadline, NO_DEADLINE } from './deadline.js';
import { execute, UnknownValueError } from './execute.js';
import { countFacets, histogram, type Facets, type Histogram } from './facets.js';
import { matchedVersions } from './matched-version.js';
import { checkQueryLength, checkQuerySize, queryPrefixes } from './limits.js';
import { INTERVALS, type Interval } from './periods.js';
import type { Plan } from './plan.js';
import { QuerySyntaxError } from './query/ast.js';
import { parseQuery } from './query/parser.js';
import { printQuery } from './query/print.js';
import { rankAmong, rankHits, sortByDate, SORTS, type Sort } from './rank.js';
import { segments, matchSpans, snippet, type Segment } from './snippet.js';
import { MAX_EXPANSIONS, sameStem, stemRange } from './stems.js';
import { TokenCache } from './token-cache.js';

export interface SearchRequest {
  query: string;
  sort?: Sort;
  limit?: number;
  offset?: number;
  facets?: boolean;
  histogram?: Interval | null;
  /** Bounds on the query's size (default: the config's defaults). */
  limits?: SearchLimits;
  /** Time the search may take before it stops with a 503 Problem; none when absent. */
  budgetMs?: number;
  /**
   * Only articles the archive received at or after this moment (ISO): what is new since a user last
   * looked (a saved search). The second it falls in counts, so nothing received then is missed.
   */
  archivedSince?: string;
  /** False: hits without highlights or snippets (an alert check names articles, it shows no text). */
  snippets?: boolean;
  /**
   * Articles already read, by document number, shared by the searches of one batch (an alert check
   * runs thousands whose hits are the same few new articles); filled with what this one reads.
   */
  documentCache?: Map<number, Article>;
}

export interface SearchHit {
  id: string;
  sourceId: string;
  /** The headline, or a label derived from the opening words (`derived: true`). */
  title: { segments: Segment[]; derived: boolean };
  date: string;
  published: Article['published'];
  place: string | null;
  url: string | null;
  status: Article['status'];
  language: string | null;
  snippet: Segment[];
  /** Matching articles in this hit's near-duplicate story, itself included. */
  copies: number;
  score: number | null;
  /**
   * Under `version:any`, the seq of the older version that matched when the current text does not
   * (the snippet is then that version's text); null when the current text matched.
   */
  matchedVersion: number | null;
  /** The article's number of versions: its current version's seq (0 for a teaser). */
  versionCount: number;
}

export interface SearchResult {
  /** The query as understood, in canonical form. */
  query: string;
  total: number;
  /** Distinct near-duplicate stories among the matches: what pages of hits count. */
  stories: number;
  sort: Sort;
  /** Under relevance, how many matches were scored: those holding a word of the query. */
  ranked: number;
  offset: number;
  limit: number;
  hits: SearchHit[];
  facets?: Facets;
  histogram?: Histogram;
  timings: {
    parseMs: number;
    syncMs: number;
    matchMs: number;
    rankMs: number;
    facetsMs: number;
    pageMs: number;
  };
}

/** A user's mistake: a malformed query or option. `position` is 0-based in the query when known. */
export class SearchError extends Problem {
  constructor(message: string, position: number | null = null) {
    super(400, 'bad_query', message, { position });
    this.name = 'SearchError';
  }
}

export const MAX_LIMIT = 100;
export const MAX_OFFSET = 10_000;

const columnsOf = new WeakMap<ArchiveStore, SearchColumns>();
const tokensOf = new WeakMap<ArchiveStore, TokenCache>();

/** How far the kept snapshot may fall behind before a drain writes it again: its readers apply the rest. */
const SNAPSHOT_BEHIND = { documents: 1000, share: 0.01, generations: 16 };

/** The columns as a drain wrote them down, or undefined (none kept, or not readable: rebuild). */
async function snapshotOf(store: ArchiveStore): Promise<SearchColumns | undefined> {
  const kept = await store.search.snapshot();
  if (!kept) return undefined;
  try {
    return decodeColumns(kept.data);
  } catch {
    return undefined;
  }
}

/**
 * The writer's step after a drain's refresh: writes the columns down (search/columns-snapshot.ts) when
 * the kept snapshot is missing or has fallen too far behind, so that the next process starts from it.
 * True when it wrote.
 */
export async function keepColumnsSnapshot(store: ArchiveStore): Promise<boolean> {
  const kept = await store.search.snapshot(SNAPSHOT_HEAD_BYTES);
  const { generation, changed } = await store.search.changesSince(kept?.generation ?? -1);
  // One from another format, or ahead of the index (never written by this archive's drains): replaced.
  const usable = kept !== null && kept.generation <= generation && isColumnsSnapshot(kept.data);
  if (usable && kept.generation === generation) return false;
  const stale =
    !usable || changed === null || generation - kept.generation >= SNAPSHOT_BEHIND.generations;
  // Fewer changes than the floor cannot be 1 % of anything larger: no need to load the columns.
  if (!stale && changed.length < SNAPSHOT_BEHIND.documents) return false;
  const columns = await syncColumns(store);
  if (!stale && changed.length < columns.size * SNAPSHOT_BEHIND.share) return false;
  await store.search.saveSnapshot(columns.generation, encodeColumns(columns), !usable);
  return true;
}

/**
 * Brings this process's columns up to the index's generation, reading only: the writers (a drain, in
 * this process or another) refresh the index, and the index's log says which documents changed, so a
 * few changed rows are applied and a gap reloads everything.
 */
async function syncColumns(store: ArchiveStore): Promise<SearchColumns> {
  let columns = columnsOf.get(store) ?? (await snapshotOf(store));
  const { generation, changed } = await store.search.changesSince(columns?.generation ?? -1);
  if (columns && columns.generation === generation) {
    // Kept, also when it is the snapshot as read: decoding it again costs ~0.7 s at a million.
    columnsOf.set(store, columns);
    return columns;
  }
  if (columns && changed) {
    if (changed.length > 0)
      for await (const rows of store.search.rows(changed)) columns.apply(rows);
    await followIndex(store, columns.generation, generation, changed);
  } else {
    columns = new SearchColumns();
    for await (const rows of store.search.rows()) columns.apply(rows);
  }
  columns.generation = generation;
  columnsOf.set(store, columns);
  return columns;
}

/** Above this many re-indexed documents the word lists are read again rather than patched. */
const PATCHED_DOCUMENTS = 2_000;

/**
 * Brings the word lists kept from generation `from` to `to` by patching the documents re-indexed in
 * between (token-cache.ts); left as they are (and emptied at the next search) when there are too many.
 */
async function followIndex(store: ArchiveStore, from: number, to: number, changed: number[]) {
  const tokens = tokensOf.get(store);
  if (!tokens || tokens.generation !== from || changed.length > PATCHED_DOCUMENTS) return;
  const documents = Uint32Array.from(changed).sort();
  const words = tokens.size ? await store.search.indexedWords([...documents]) : new Map();
  if (tokens.generation === from) tokens.patch(to, documents, words);
}

type Validated = Required<
  Omit<SearchRequest, 'histogram' | 'budgetMs' | 'archivedSince' | 'snippets' | 'documentCache'>
> & {
  snippets: boolean;
  documentCache: Map<number, Article> | null;
  archivedSince: number | null;
  histogram: Interval | null;
  deadline: Deadline;
};

function validate(req: SearchRequest): Validated {
  const sort = req.sort ?? 'relevance';
  if (!SORTS.includes(sort)) throw new SearchError(`sort must be one of ${SORTS.join(', ')}`);
  const limit = req.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    throw new SearchError(`limit must be a whole number from 1 to ${MAX_LIMIT}`);
  const offset = req.offset ?? 0;
  if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET)
    throw new SearchError(`offset must be a whole number from 0 to ${MAX_OFFSET}`);
  const interval = req.histogram ?? null;
  if (interval !== null && !INTERVALS.includes(interval))
    throw new SearchError(`histogram must be one of ${INTERVALS.join(', ')}`);
  const deadline = req.budgetMs === undefined ? NO_DEADLINE : new Deadline(req.budgetMs);
  return {
    query: req.query,
    sort,
    limit,
    offset,
    facets: req.facets ?? false,
    histogram: interval,
    limits: req.limits ?? DEFAULT_LIMITS.search,
    deadline,
    archivedSince: archivedSince(req.archivedSince),
    snippets: req.snippets ?? true,
    documentCache: req.documentCache ?? null,
  };
}

function archivedSince(iso: string | undefined): number | null {
  if (iso === undefined) return null;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new SearchError(`archivedSince must be a time, not "${iso}"`);
  return Math.floor(ms / 1000);
}

async function readDocuments(
  store: ArchiveStore,
  docIds: number[],
  cache: Map<number, Article> | null,
): Promise<Map<number, Article>> {
  if (!cache) return store.search.documents(docIds);
  const missing = docIds.filter((d) => !cache.has(d));
  if (missing.length) for (const [d, a] of await store.search.documents(missing)) cache.set(d, a);
  const docs = new Map<number, Article>();
  for (const d of docIds) {
    const a = cache.get(d);
    if (a) docs.set(d, a);
  }
  return docs;
}

export async function searchArchive(
  store: ArchiveStore,
  request: SearchRequest,
): Promise<SearchResult> {
  const req = validate(request);
  const { deadline } = req;
  const { tree, compiled, columns, matched, marks } = await matchQuery(store, req);
  const [t0, t1, t2, t3] = marks;
  const rank = (scores: Float64Array | null, counted = true) =>
    rankHits(matched.ids, scores, columns, req.sort, req.offset, req.limit, deadline, counted);
  // Common words to complete rank the page again, and count its stories then.
  const completing = matched.deferred != null && req.sort === 'relevance';
  let ranked = rank(matched.scores, !completing);
  let scored = matched.scored;
  if (completing && matched.deferred) {
    const complete = await completeScores(matched.ids, matched.deferred, ranked.bound, {
      columns,
      stats: columns.collectionStats(),
      indexedWords: (docIds, tokens) => store.search.indexedWords(docIds, tokens),
      deadline,
    });
    ranked = complete.contenders
      ? rankAmong(
          matched.ids,
          complete.scores,
          complete.contenders,
          columns,
          req.offset,
          req.limit,
          deadline,
        )
      : rank(complete.scores);
    scored = complete.scored;
  }
  await deadline.pause();
  const t4 = performance.now();
  const facets = req.facets ? countFacets(matched.ids, columns) : undefined;
  const hist = req.histogram ? histogram(matched.ids, columns, req.histogram) : undefined;
  await deadline.pause();
  const t5 = performance.now();
  const pageDocs = ranked.page.map((h) => h.docId);
  const docs = await readDocuments(store, pageDocs, req.documentCache);
  const versionOf =
    compiled.versions === 'any'
      ? await matchedVersions(
          compiled.plan,
          pageDocs,
          columns,
          store.search,
          tokensOf.get(store)!,
          deadline,
        )
      : new Map<number, number>();
  const hits: SearchHit[] = [];
  for (const h of ranked.page) {
    const a = docs.get(h.docId);
    if (!a) continue;
    const label = articleLabel(a);
    const matchedVersion = versionOf.get(h.docId) ?? null;
    const body = !req.snippets
      ? ''
      : matchedVersion !== null
        ? await olderText(store, a.id, matchedVersion, a)
        : a.paragraphs.length
          ? a.paragraphs.join('\n')
          : (a.teaser ?? '');
    hits.push({
      id: a.id,
      sourceId: a.sourceId,
      date: formatArticleDate(a.published),
      published: a.published,
      title: {
        segments: segments(
          label.text,
          label.derived || !req.snippets ? [] : matchSpans(label.text, compiled.highlight),
        ),
        derived: label.derived,
      },
      place: a.dateline?.place ?? null,
      url: a.url,
      status: a.status,
      language: a.language,
      snippet: req.snippets ? snippet(body, compiled.highlight) : [],
      copies: h.copies,
      score: h.score !== null && Number.isFinite(h.score) ? h.score : null,
      matchedVersion,
      versionCount: a.versionCount,
    });
  }
  const t6 = performance.now();
  const ms = (a: number, b: number) => Math.round((b - a) * 100) / 100;
  return {
    query: printQuery(tree),
    total: matched.ids.length,
    stories: ranked.stories,
    sort: ranked.sort,
    ranked: ranked.sort === 'relevance' ? scored : matched.ids.length,
    offset: req.offset,
    limit: req.limit,
    hits,
    ...(facets ? { facets } : {}),
    ...(hist ? { histogram: hist } : {}),
    timings: {
      parseMs: ms(t0, t1),
      syncMs: ms(t1, t2),
      matchMs: ms(t2, t3),
      rankMs: ms(t3, t4),
      facetsMs: ms(t4, t5),
      pageMs: ms(t5, t6),
    },
  };
}

interface QueryMatch {
  tree: ReturnType<typeof parseQuery>;
  compiled: ReturnType<typeof compileQuery>;
  columns: SearchColumns;
  matched: Awaited<ReturnType<typeof execute>>;
  /** performance.now() at the start, after parsing, after syncing the columns, after matching. */
  marks: [number, number, number, number];
}

/** Parse, bound, compile and evaluate a query: every match, before any page is cut. */
async function matchQuery(
  store: ArchiveStore,
  req: Pick<Validated, 'query' | 'sort' | 'limits' | 'deadline'> & {
    archivedSince?: number | null;
  },
): Promise<QueryMatch> {
  const { deadline } = req;
  const t0 = performance.now();
  checkQueryLength(req.query, req.limits);
  let tree;
  try {
    tree = parseQuery(req.query);
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw new SearchError(error.message, error.position);
    throw error;
  }
  checkQuerySize(tree, req.limits);
  await checkPrefixWords(store, tree, req.limits, deadline);
  const expansions = new Map<string, string[]>();
  for (const token of stemmableTokens(tree)) {
    await deadline.pause();
    expansions.set(
      token,
      sameStem(token, await store.search.vocabulary(stemRange(token), MAX_EXPANSIONS * 32)),
    );
  }
  let compiled;
  try {
    compiled = compileQuery(tree, expansions);
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw new SearchError(error.message, error.position);
    throw error;
  }
  if (req.archivedSince != null) {
    const since: Plan = {
      kind: 'filter',
      filter: { field: 'archived', from: req.archivedSince, to: null },
    };
    const plan: Plan = { kind: 'and', items: [compiled.plan, since] };
    compiled = { ...compiled, plan };
  }
  const t1 = performance.now();
  const columns = await syncColumns(store);
  deadline.check();
  const t2 = performance.now();
  let matched;
  try {
    let tokens = tokensOf.get(store);
    if (!tokens) tokensOf.set(store, (tokens = new TokenCache()));
    tokens.sync(columns.generation);
    matched = await execute(
      compiled.plan,
      columns,
      store.search,
      req.sort === 'relevance',
      tokens,
      compiled.versions,
      deadline,
      (ids, role, anyVersion) => store.people.documents(ids, role, anyVersion),
      () => store.translations.documents(),
    );
  } catch (error) {
    if (error instanceof UnknownValueError) throw new SearchError(error.message);
    throw error;
  }
  return { tree, compiled, columns, matched, marks: [t0, t1, t2, performance.now()] };
}

/**
 * Every article a query matches, as document numbers in ascending order (`store.search.documents`
 * reads them): no page and no cap, for a sweep of all of them. The query's size limits still hold.
 */
export async function matchingDocuments(
  store: ArchiveStore,
  query: string,
  options: { limits?: SearchLimits; budgetMs?: number } = {},
): Promise<number[]> {
  const deadline = options.budgetMs === undefined ? NO_DEADLINE : new Deadline(options.budgetMs);
  const limits = options.limits ?? DEFAULT_LIMITS.search;
  const { matched } = await matchQuery(store, {
    query,
    sort: 'newest',
    limits,
    deadline,
  });
  return Array.from(matched.ids);
}

/** Every match of a query in the order an export writes them (rank.ts: sortByDate). */
export interface OrderedMatches {
  /** The query as understood, in canonical form. */
  query: string;
  /** The sort applied: relevance exports newest first. */
  sort: Exclude<Sort, 'relevance'>;
  docIds: Uint32Array;
}

/**
 * Every article a query matches, uncapped, in date order, for an export (export/): the same parse,
 * limits and deadline as a search, without a page.
 */
export async function orderedMatches(
  store: ArchiveStore,
  query: string,
  options: { sort?: Sort; limits?: SearchLimits; budgetMs?: number } = {},
): Promise<OrderedMatches> {
  const sort = options.sort === 'oldest' ? 'oldest' : 'newest';
  const { tree, columns, matched } = await matchQuery(store, {
    query,
    sort,
    limits: options.limits ?? DEFAULT_LIMITS.search,
    deadline: options.budgetMs === undefined ? NO_DEADLINE : new Deadline(options.budgetMs),
  });
  return { query: printQuery(tree), sort, docIds: sortByDate(matched.ids, columns, sort) };
}

/**
 * FTS5 (and PostgreSQL's `:*`) expand a prefix into every indexed word it starts, with no bound of
 * their own: `a*` reads the lists of thousands of words. The vocabulary says how many there are.
 */
async function checkPrefixWords(
  store: ArchiveStore,
  tree: ReturnType<typeof parseQuery>,
  limits: SearchLimits,
  deadline: Deadline,
): Promise<void> {
  for (const prefix of queryPrefixes(tree)) {
    await deadline.pause();
    if (
      (await store.search.vocabulary(prefix, limits.maxPrefixWords + 1)).length >
      limits.maxPrefixWords
    ) {
      throw limitExceeded(
        'search.maxPrefixWords',
        `${prefix}* stands for more than ${limits.maxPrefixWords} indexed words; give more of the word`,
      );
    }
  }
}

/** The body of an older version, for the snippet of a hit that matched there (the current one if it is gone). */
async function olderText(
  store: ArchiveStore,
  articleId: string,
  seq: number,
  current: Article,
): Promise<string> {
  const version = (await store.getVersions(articleId)).find((v) => v.seq === seq);
  return (version ?? current).paragraphs.join('\n');
}
