/** `/v1/articles`: the archive's articles filtered and paged; one article with its listings and copies; its versions. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { ArchiveStore } from '../store/types.js';
import { decodeCursor, nextCursor } from './cursor.js';
import { Problem } from '../errors.js';
import { notFound } from './errors.js';
import { summaryOf } from './present.js';
import { articleHistory, diffVersions, VersionChoiceError } from '../history/history.js';
import {
  Article,
  ArticleList,
  ArticleStatus,
  errorResponses,
  notFoundResponse,
  VersionDiff,
  VersionList,
} from './schemas.js';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const ArticleId = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'a794a094aa423958' }),
});

const listRoute = createRoute({
  method: 'get',
  path: '/v1/articles',
  summary: 'Articles, newest published first, filtered and paged by cursor',
  request: {
    query: z.object({
      source: z
        .string()
        .optional()
        .openapi({ description: 'A source id (see /v1/sources)', example: 'kcna-kp-en' }),
      status: ArticleStatus.optional(),
      from: isoDay.optional().openapi({
        description:
          'Published on or after (YYYY-MM-DD); articles of unknown year never match a date bound',
      }),
      to: isoDay.optional().openapi({ description: 'Published on or before (YYYY-MM-DD)' }),
      order: z.enum(['newest', 'oldest']).default('newest'),
      limit: z.coerce.number().int().min(1).max(100).default(50),
      cursor: z.string().optional().openapi({ description: 'The `next` of the previous page' }),
    }),
  },
  responses: {
    200: {
      description: 'One page of articles',
      content: { 'application/json': { schema: ArticleList } },
    },
    ...errorResponses,
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/v1/articles/{id}',
  summary:
    'One article: its current text, the listings that pointed to it, its near-duplicate copies',
  request: { params: ArticleId },
  responses: {
    200: { description: 'The article', content: { 'application/json': { schema: Article } } },
    ...notFoundResponse,
    ...errorResponses,
  },
});

const versionsRoute = createRoute({
  method: 'get',
  path: '/v1/articles/{id}/versions',
  summary: "Every version of an article's text, oldest first",
  request: { params: ArticleId },
  responses: {
    200: {
      description: 'All versions (one page)',
      content: { 'application/json': { schema: VersionList } },
    },
    ...notFoundResponse,
    ...errorResponses,
  },
});

const diffRoute = createRoute({
  method: 'get',
  path: '/v1/articles/{id}/diff',
  summary: 'A word-level diff between two versions of an article',
  request: {
    params: ArticleId,
    query: z.object({
      from: z.coerce
        .number()
        .int()
        .min(1)
        .optional()
        .openapi({ description: 'Version number (default: the one before `to`)' }),
      to: z.coerce
        .number()
        .int()
        .min(1)
        .optional()
        .openapi({ description: 'Version number (default: the latest)' }),
    }),
  },
  responses: {
    200: { description: 'The diff', content: { 'application/json': { schema: VersionDiff } } },
    ...notFoundResponse,
    ...errorResponses,
  },
});

/** Copies shown on an article at most. */
const COPIES = 100;

export function articleRoutes(app: OpenAPIHono, store: ArchiveStore): void {
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid('query');
    const offset = decodeCursor(q.cursor);
    if (q.source !== undefined && !(await store.getSource(q.source)))
      throw new Problem(400, 'bad_request', `source: no source "${q.source}"`);
    const page = await store.listArticles({
      sourceId: q.source,
      status: q.status,
      from: q.from,
      to: q.to,
      order: q.order,
      limit: q.limit,
      offset,
    });
    return c.json(
      {
        items: page.items.map(summaryOf),
        total: page.total,
        next: nextCursor(offset, page.items.length, page.total),
      },
      200,
    );
  });

  app.openapi(getRoute, async (c) => {
    const { id } = c.req.valid('param');
    const a = await store.getArticle(id);
    if (!a) throw notFound(`no article "${id}"`);
    const [listings, story, translations] = await Promise.all([
      store.listListingEntries({ articleId: id }),
      store.listArticles({ storyId: a.storyId, order: 'oldest', limit: COPIES + 1 }),
      store.translations.of(id),
    ]);
    return c.json(
      {
        ...summaryOf(a),
        paragraphs: a.paragraphs,
        teaser: a.teaser,
        flags: a.flags,
        listings,
        copies: story.items
          .filter((s) => s.id !== a.id)
          .slice(0, COPIES)
          .map(summaryOf),
        translations: translations.map((t) => ({
          id: t.otherId,
          language: t.language,
          sourceId: t.sourceId,
          title: t.title,
          date: t.date,
          score: t.score,
          onlyHere: t.onlyHere,
          onlyThere: t.onlyThere,
        })),
      },
      200,
    );
  });

  app.openapi(versionsRoute, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await store.getArticle(id))) throw notFound(`no article "${id}"`);
    const versions = await articleHistory(store, id);
    return c.json({ items: versions, total: versions.length, next: null }, 200);
  });

  app.openapi(diffRoute, async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    if (!(await store.getArticle(id))) throw notFound(`no article "${id}"`);
    const versions = await store.getVersions(id);
    if (!versions.length) throw notFound(`article "${id}" has no stored versions`);
    try {
      return c.json(diffVersions(versions, q.from, q.to), 200);
    } catch (e) {
      if (e instanceof VersionChoiceError) throw new Problem(400, 'bad_request', e.message);
      throw e;
    }
  });
}
