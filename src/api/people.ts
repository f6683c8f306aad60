/**
 * `/v1/people`: everyone the archived texts name — the list, one person's profile, the leader's
 * activities they took part in, names removed by later edits, the absence and rank flags — and
 * `/v1/articles/{id}/people`, one version's people. Static paths are registered before
 * `/v1/people/{id}` so that it does not capture `flags` or `removals`.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { personIdsFor } from '../analyse/resolver.js';
import { Problem } from '../errors.js';
import { currentPeopleFlags, personReport, personSummary } from '../history/people.js';
import type { ArchiveStore, PersonSummary } from '../store/types.js';
import { isoDay } from './changes.js';
import { decodeCursor, nextCursor } from './cursor.js';
import { notFound } from './errors.js';
import { appearanceOf, articleMentionOf, gazetteerOf } from './people-present.js';
import {
  AppearanceList,
  ArticlePeople,
  errorResponses,
  notFoundResponse,
  Person,
  PersonFlagList,
  PersonList,
  PersonRemovalList,
} from './schemas.js';

const PersonId = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'kim-jong-un' }),
});
const limit = z.coerce.number().int().min(1).max(100).default(50);
const cursor = z.string().optional().openapi({ description: 'The `next` of the previous page' });
const json = <T extends z.ZodType>(description: string, schema: T) => ({
  200: { description, content: { 'application/json': { schema } } },
});

const listRoute = createRoute({
  method: 'get',
  path: '/v1/people',
  summary: 'Everyone the current texts name, with counts, paged by cursor',
  request: {
    query: z.object({
      order: z.enum(['appearances', 'mentions', 'last-seen', 'name']).default('appearances'),
      name: z.string().max(200).optional().openapi({
        description: 'Only the people this name stands for (any spelling the gazetteer knows)',
        example: 'Jang Song-thaek',
      }),
      limit,
      cursor,
    }),
  },
  responses: { ...json('One page of people', PersonList), ...errorResponses },
});

const flagsRoute = createRoute({
  method: 'get',
  path: '/v1/people/flags',
  summary: 'Absences far beyond a person’s usual rhythm and falls in protocol rank, newest first',
  responses: { ...json('Every current flag (one page)', PersonFlagList), ...errorResponses },
});

const removalsRoute = createRoute({
  method: 'get',
  path: '/v1/people/removals',
  summary: 'Names a later version of a text no longer printed, newest first',
  request: {
    query: z.object({
      from: isoDay.optional().openapi({ description: 'Removed on or after this day (UTC)' }),
      limit,
      cursor,
    }),
  },
  responses: { ...json('One page of removals', PersonRemovalList), ...errorResponses },
});

const personRoute = createRoute({
  method: 'get',
  path: '/v1/people/{id}',
  summary: 'One person: counts, gazetteer entry, titles, months, companions, rank, absence',
  request: { params: PersonId },
  responses: { ...json('The person', Person), ...notFoundResponse, ...errorResponses },
});

const appearancesRoute = createRoute({
  method: 'get',
  path: '/v1/people/{id}/appearances',
  summary: "The leader's activities the person led or accompanied, with everyone in order",
  request: {
    params: PersonId,
    query: z.object({ order: z.enum(['newest', 'oldest']).default('newest'), limit, cursor }),
  },
  responses: {
    ...json('One page of appearances', AppearanceList),
    ...notFoundResponse,
    ...errorResponses,
  },
});

const personRemovalsRoute = createRoute({
  method: 'get',
  path: '/v1/people/{id}/removals',
  summary: 'The texts a later version of which no longer names the person, newest first',
  request: { params: PersonId, query: z.object({ limit, cursor }) },
  responses: {
    ...json('One page of removals', PersonRemovalList),
    ...notFoundResponse,
    ...errorResponses,
  },
});

const articlePeopleRoute = createRoute({
  method: 'get',
  path: '/v1/articles/{id}/people',
  summary: "The people a version of an article names and the leader's activities it reports",
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(200)
        .openapi({ param: { name: 'id', in: 'path' }, example: 'a794a094aa423958' }),
    }),
    query: z.object({
      version: z.coerce
        .number()
        .int()
        .min(1)
        .optional()
        .openapi({ description: 'Version number (default: the current one)' }),
    }),
  },
  responses: {
    ...json("The version's people", ArticlePeople),
    ...notFoundResponse,
    ...errorResponses,
  },
});

/** The person's summary (counts zero when only removals remain); 404 when there is neither. */
async function personOf(store: ArchiveStore, id: string): Promise<PersonSummary> {
  const summary = await personSummary(store, id);
  if (!summary) throw notFound(`no person "${id}"`);
  return summary;
}

const page = <T>(items: T[], total: number, offset: number) => ({
  items,
  total,
  next: nextCursor(offset, items.length, total),
});

export function peopleRoutes(app: OpenAPIHono, store: ArchiveStore): void {
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const offset = decodeCursor(q.cursor);
    const name = q.name?.trim();
    const ids = name ? personIdsFor(name) : undefined;
    const result = await store.people.listPeople({ order: q.order, ids, limit: q.limit, offset });
    return c.json(page(result.items, result.total, offset), 200);
  });

  app.openapi(flagsRoute, async (c) => {
    const flags = await currentPeopleFlags(store);
    return c.json({ items: flags, total: flags.length, next: null }, 200);
  });

  app.openapi(removalsRoute, async (c) => {
    const q = c.req.valid('query');
    const offset = decodeCursor(q.cursor);
    const result = await store.people.removals({ from: q.from, limit: q.limit, offset });
    return c.json(page(result.items, result.total, offset), 200);
  });

  app.openapi(personRoute, async (c) => {
    const { id } = c.req.valid('param');
    const report = await personReport(store, id);
    if (!report) throw notFound(`no person "${id}"`);
    const { absence, end } = report;
    return c.json(
      {
        ...report.summary,
        gazetteer: report.gazetteer ? gazetteerOf(report.gazetteer) : null,
        profile: report.profile,
        absence: absence && end ? { ...absence, asOf: end } : null,
      },
      200,
    );
  });

  app.openapi(appearancesRoute, async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    const offset = decodeCursor(q.cursor);
    await personOf(store, id);
    const all = await store.people.activitiesOf(id);
    if (q.order === 'newest') all.reverse();
    const items = all.slice(offset, offset + q.limit).map(appearanceOf);
    return c.json(page(items, all.length, offset), 200);
  });

  app.openapi(personRemovalsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    const offset = decodeCursor(q.cursor);
    await personOf(store, id);
    const result = await store.people.removals({ personId: id, limit: q.limit, offset });
    return c.json(page(result.items, result.total, offset), 200);
  });

  app.openapi(articlePeopleRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { version } = c.req.valid('query');
    const article = await store.getArticle(id);
    if (!article) throw notFound(`no article "${id}"`);
    if (version !== undefined && version > article.versionCount)
      throw new Problem(400, 'bad_request', `version: article "${id}" has no version ${version}`);
    const seq = version ?? article.versionCount;
    const people = await store.people.articlePeople(id, seq);
    return c.json(
      {
        articleId: id,
        seq,
        mentions: people.mentions.map(articleMentionOf),
        activities: people.activities.map(appearanceOf),
      },
      200,
    );
  });
}
