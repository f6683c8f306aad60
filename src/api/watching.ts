/**
 * `/v1/saved-searches` and `/v1/follows`: a user's saved searches and follows, what is new in each
 * since they last looked, and marking them seen — the Watching page's data, for a token or a session
 * (server/access.ts lets any user of the archive manage their own; nobody else may).
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf, principalOf } from '../accounts/principal.js';
import {
  follow,
  followNews,
  mySavedSearch,
  newHits,
  removeSavedSearch,
  saveSearch,
} from '../accounts/watch.js';
import { Problem } from '../errors.js';
import type {
  ArchiveStore,
  Follow as StoredFollow,
  SavedSearch as StoredSavedSearch,
  User,
} from '../store/types.js';
import { errorResponses, SearchHit } from './schemas.js';

const SavedSearch = z
  .object({
    id: z.number().int(),
    name: z.string(),
    query: z.string().openapi({ description: 'In canonical form' }),
    sort: z.enum(['relevance', 'newest', 'oldest']),
    createdAt: z.string(),
    lastSeenAt: z.string().openapi({ description: 'New hits are those archived at or after it' }),
  })
  .openapi('SavedSearch');

const Follow = z
  .object({
    id: z.number().int(),
    kind: z.enum(['article', 'person', 'source']),
    target: z.string(),
    label: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
  })
  .openapi('Follow');

const ChangeEvent = z
  .object({
    kind: z.string(),
    at: z.string(),
    change: z.string().nullable(),
    reason: z.string().nullable(),
    versionSeq: z.number().int().nullable(),
  })
  .openapi('FollowEvent');

const NewHits = z
  .object({ total: z.number().int(), hits: z.array(SearchHit) })
  .openapi('SavedSearchNews');

const FollowNews = z
  .object({
    total: z.number().int(),
    hits: z.array(SearchHit).openapi({ description: 'A person’s or source’s new articles' }),
    events: z
      .array(ChangeEvent)
      .openapi({ description: 'An article’s edits, removals, restorations' }),
  })
  .openapi('FollowNews');

const List = <T extends z.ZodType>(item: T, name: string) =>
  z.object({ items: z.array(item), total: z.number().int() }).openapi(name);

const Id = z.object({ id: z.coerce.number().int().min(1) });
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const needsUser = {
  401: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 'No user'),
  404: json(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 'Not yours'),
};

function userOf(c: Context): User {
  const p = principalOf(c.req.raw);
  if (p.kind === 'anonymous')
    throw new Problem(
      401,
      'unauthorized',
      'saved searches and follows belong to a user: sign in or send a token',
    );
  return p.user;
}

function savedJson(s: StoredSavedSearch) {
  const { id, name, query, sort, createdAt, lastSeenAt } = s;
  return { id, name, query, sort, createdAt, lastSeenAt };
}

function followJson(f: StoredFollow) {
  const { id, kind, target, label, createdAt, lastSeenAt } = f;
  return { id, kind, target, label, createdAt, lastSeenAt };
}

export function watchingRoutes(app: OpenAPIHono, store: ArchiveStore, now: () => Date): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/saved-searches',
      summary: 'Your saved searches',
      responses: {
        200: json(List(SavedSearch, 'SavedSearchList'), 'Saved searches'),
        ...needsUser,
        ...errorResponses,
      },
    }),
    async (c) => {
      const items = (await store.watch.listSavedSearches(userOf(c).id)).map(savedJson);
      return c.json({ items, total: items.length }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/saved-searches',
      summary: 'Save a search',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({
                query: z.string().min(1),
                sort: z.enum(['relevance', 'newest', 'oldest']).optional(),
                name: z.string().max(100).optional(),
              }),
            },
          },
        },
      },
      responses: { 201: json(SavedSearch, 'Saved'), ...needsUser, ...errorResponses },
    }),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(savedJson(await saveSearch(store, userOf(c), body, now())), 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/saved-searches/{id}/new',
      summary: 'Hits archived since you last looked',
      request: {
        params: Id,
        query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
      },
      responses: { 200: json(NewHits, 'New hits'), ...needsUser, ...errorResponses },
    }),
    async (c) => {
      const saved = await mySavedSearch(store, userOf(c), c.req.valid('param').id);
      return c.json(await newHits(store, saved, { limit: c.req.valid('query').limit }), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/saved-searches/{id}/seen',
      summary: 'Mark its hits as seen (now)',
      request: { params: Id },
      responses: { 200: json(SavedSearch, 'Marked'), ...needsUser, ...errorResponses },
    }),
    async (c) => {
      const user = userOf(c);
      const { id } = c.req.valid('param');
      await mySavedSearch(store, user, id);
      await store.watch.markSavedSearchSeen(id, user.id, now().toISOString());
      return c.json(savedJson((await store.watch.getSavedSearch(id))!), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/saved-searches/{id}',
      summary: 'Remove a saved search (audited)',
      request: { params: Id },
      responses: { 204: { description: 'Removed' }, ...needsUser, ...errorResponses },
    }),
    async (c) => {
      const user = userOf(c);
      await removeSavedSearch(
        store,
        actorOf(principalOf(c.req.raw)),
        user,
        c.req.valid('param').id,
        now(),
      );
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/follows',
      summary: 'What you follow',
      responses: {
        200: json(List(Follow, 'FollowList'), 'Follows'),
        ...needsUser,
        ...errorResponses,
      },
    }),
    async (c) => {
      const items = (await store.watch.listFollows(userOf(c).id)).map(followJson);
      return c.json({ items, total: items.length }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/follows',
      summary: 'Follow an article, a person or a source',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({
                kind: z.enum(['article', 'person', 'source']),
                target: z.string().min(1),
              }),
            },
          },
        },
      },
      responses: {
        201: json(Follow, 'Followed (or already followed)'),
        ...needsUser,
        ...errorResponses,
      },
    }),
    async (c) => {
      const { kind, target } = c.req.valid('json');
      return c.json(followJson(await follow(store, userOf(c), kind, target, now())), 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/v1/follows/{id}/new',
      summary: 'What happened since you last looked',
      request: { params: Id },
      responses: { 200: json(FollowNews, 'News'), ...needsUser, ...errorResponses },
    }),
    async (c) => {
      const user = userOf(c);
      const { id } = c.req.valid('param');
      const f = (await store.watch.listFollows(user.id)).find((x) => x.id === id);
      if (!f) throw new Problem(404, 'not_found', `you follow nothing numbered ${id}`);
      const news = await followNews(store, f, 100);
      return c.json(
        {
          total: news.count,
          hits: news.articles?.hits ?? [],
          events: (news.events ?? []).map((e) => ({
            kind: e.kind,
            at: e.at,
            change: e.change,
            reason: e.reason,
            versionSeq: e.versionSeq,
          })),
        },
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/v1/follows/{id}/seen',
      summary: 'Mark its news as seen (now)',
      request: { params: Id },
      responses: { 204: { description: 'Marked' }, ...needsUser, ...errorResponses },
    }),
    async (c) => {
      const user = userOf(c);
      if (
        !(await store.watch.markFollowSeen(c.req.valid('param').id, user.id, now().toISOString()))
      )
        throw new Problem(404, 'not_found', 'you follow no such thing');
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/v1/follows/{id}',
      summary: 'Stop following',
      request: { params: Id },
      responses: { 204: { description: 'Stopped' }, ...needsUser, ...errorResponses },
    }),
    async (c) => {
      const user = userOf(c);
      if (!(await store.watch.removeFollow(c.req.valid('param').id, user.id)))
        throw new Problem(404, 'not_found', 'you follow no such thing');
      return c.body(null, 204);
    },
  );
}
