/**
 * What a user watches, and what is new in it since they last looked: saved searches (their hits the
 * archive received since) and follows of articles (their edits, removals and restorations since), of
 * persons and of sources (their articles received since). Shared by the pages, the API and the feeds.
 */
import { Problem } from '../errors.js';
import {
  SearchError,
  searchArchive,
  type SearchHit,
  type SearchRequest,
} from '../search/search.js';
import { parseQuery } from '../search/query/parser.js';
import { printQuery } from '../search/query/print.js';
import { QuerySyntaxError } from '../search/query/ast.js';
import type {
  ArchiveStore,
  ArticleEventView,
  Follow,
  FollowKind,
  SavedSearch,
  SavedSort,
  User,
} from '../store/types.js';
import { FOLLOW_KINDS, SAVED_SORTS } from '../store/types.js';
import { newSecret } from './secrets.js';

/** Enough for any desk; a bound so that one user cannot make the alert checks unbounded. */
export const MAX_SAVED_SEARCHES = 200;
export const MAX_FOLLOWS = 1000;
const MAX_NAME = 100;

/** The query as the search page would run it, or a 400 saying what is wrong with it. */
export function canonicalQuery(query: string): string {
  try {
    return printQuery(parseQuery(query));
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw new Problem(400, 'bad_query', error.message);
    throw error;
  }
}

export async function saveSearch(
  store: ArchiveStore,
  user: User,
  input: { name?: string; query: string; sort?: string },
  now = new Date(),
): Promise<SavedSearch> {
  const query = canonicalQuery(input.query.trim());
  if (!query) throw new Problem(400, 'bad_request', 'an empty search cannot be saved');
  const sort = (input.sort ?? 'newest') as SavedSort;
  if (!SAVED_SORTS.includes(sort))
    throw new Problem(400, 'bad_request', `sort must be one of ${SAVED_SORTS.join(', ')}`);
  const name = (input.name ?? '').trim() || query;
  if (name.length > MAX_NAME)
    throw new Problem(400, 'bad_request', `a name has at most ${MAX_NAME} characters`);
  if ((await store.watch.listSavedSearches(user.id)).length >= MAX_SAVED_SEARCHES)
    throw new Problem(409, 'conflict', `at most ${MAX_SAVED_SEARCHES} saved searches per user`);
  return store.watch.addSavedSearch({
    userId: user.id,
    name: name.slice(0, MAX_NAME),
    query,
    sort,
    createdAt: now.toISOString(),
  });
}

/** Removes one of the user's saved searches, in the audit log as `saved-search.remove`. */
export async function removeSavedSearch(
  store: ArchiveStore,
  actor: string,
  user: User,
  id: number,
  now = new Date(),
): Promise<void> {
  const removed = await store.watch.removeSavedSearch(id, user.id);
  if (!removed) throw new Problem(404, 'not_found', `you have no saved search ${id}`);
  await store.accounts.audit({
    at: now.toISOString(),
    actor,
    action: 'saved-search.remove',
    target: String(id),
    detail: { owner: user.name, name: removed.name, query: removed.query },
  });
}

export async function mySavedSearch(
  store: ArchiveStore,
  user: User,
  id: number,
): Promise<SavedSearch> {
  const saved = await store.watch.getSavedSearch(id);
  if (!saved || saved.userId !== user.id)
    throw new Problem(404, 'not_found', `you have no saved search ${id}`);
  return saved;
}

export interface NewHits {
  total: number;
  hits: SearchHit[];
}

/** The saved search's hits received since `since` (by default: since the user last looked). */
export async function newHits(
  store: ArchiveStore,
  saved: SavedSearch,
  options: Pick<SearchRequest, 'budgetMs' | 'snippets' | 'documentCache'> & {
    limit?: number;
    since?: string;
  } = {},
): Promise<NewHits> {
  try {
    const result = await searchArchive(store, {
      query: saved.query,
      sort: saved.sort,
      limit: options.limit ?? 20,
      archivedSince: options.since ?? saved.lastSeenAt,
      budgetMs: options.budgetMs,
      snippets: options.snippets,
      documentCache: options.documentCache,
    });
    return { total: result.total, hits: result.hits };
  } catch (error) {
    // A saved query the archive no longer understands (a source since removed) finds nothing.
    if (error instanceof SearchError) return { total: 0, hits: [] };
    throw error;
  }
}

/** What a follow stands for, checked against the archive; its label is what the archive calls it. */
export async function follow(
  store: ArchiveStore,
  user: User,
  kind: string,
  target: string,
  now = new Date(),
): Promise<Follow> {
  if (!FOLLOW_KINDS.includes(kind as FollowKind))
    throw new Problem(400, 'bad_request', `one follows ${FOLLOW_KINDS.join(', ')}, not "${kind}"`);
  const label = await labelOf(store, kind as FollowKind, target);
  if ((await store.watch.listFollows(user.id)).length >= MAX_FOLLOWS)
    throw new Problem(409, 'conflict', `at most ${MAX_FOLLOWS} follows per user`);
  return store.watch.addFollow({
    userId: user.id,
    kind: kind as FollowKind,
    target,
    label,
    createdAt: now.toISOString(),
  });
}

async function labelOf(store: ArchiveStore, kind: FollowKind, target: string): Promise<string> {
  const missing = () => new Problem(404, 'not_found', `no ${kind} "${target}" in the archive`);
  if (kind === 'article') {
    const article = await store.getArticle(target);
    if (!article) throw missing();
    return article.title ?? target;
  }
  if (kind === 'source') {
    const source = await store.getSource(target);
    if (!source) throw missing();
    return source.label;
  }
  const [mention] = await store.people.mentionsOf(target, 1);
  if (!mention) throw missing();
  return mention.name;
}

export interface FollowNews {
  follow: Follow;
  /** Articles received since (a person's or a source's). */
  articles?: NewHits;
  /** Edits, removals and restorations since (an article's). */
  events?: ArticleEventView[];
  count: number;
}

/** What is new for one follow since the user last looked. */
export async function followNews(store: ArchiveStore, f: Follow, limit = 20): Promise<FollowNews> {
  if (f.kind === 'article') {
    const page = await store.listEvents({ articleId: f.target, from: f.lastSeenAt, limit });
    const events = page.items.filter((e) => e.at > f.lastSeenAt);
    return { follow: f, events, count: events.length };
  }
  const query =
    f.kind === 'person' ? `person:"${f.label.replace(/"/g, '')}"` : `source:${f.target}`;
  const saved = { query, sort: 'newest', lastSeenAt: f.lastSeenAt } as SavedSearch;
  const articles = await newHits(store, saved, { limit });
  return { follow: f, articles, count: articles.total };
}

/** The secret of the user's private feeds, made the first time it is asked for. */
export async function feedTokenOf(store: ArchiveStore, user: User): Promise<string> {
  const known = await store.watch.feedToken(user.id);
  if (known) return known;
  const token = newSecret();
  await store.watch.setFeedToken(user.id, token);
  return token;
}
