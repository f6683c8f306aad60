/** `/v1/sources`: the sources with their counts and date spans. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { ArchiveStore } from '../store/types.js';
import { notFound } from './errors.js';
import { errorResponses, notFoundResponse, Source, SourceList } from './schemas.js';

const listRoute = createRoute({
  method: 'get',
  path: '/v1/sources',
  summary: 'Every source, with article counts and date span',
  responses: {
    200: {
      description: 'All sources (one page)',
      content: { 'application/json': { schema: SourceList } },
    },
    ...errorResponses,
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/v1/sources/{id}',
  summary: 'One source',
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(200)
        .openapi({ param: { name: 'id', in: 'path' }, example: 'kcna-kp-en' }),
    }),
  },
  responses: {
    200: { description: 'The source', content: { 'application/json': { schema: Source } } },
    ...notFoundResponse,
    ...errorResponses,
  },
});

export function sourceRoutes(app: OpenAPIHono, store: ArchiveStore): void {
  app.openapi(listRoute, async (c) => {
    const sources = await store.listSources();
    return c.json({ items: sources, total: sources.length, next: null }, 200);
  });
  app.openapi(getRoute, async (c) => {
    const { id } = c.req.valid('param');
    const source = (await store.listSources()).find((s) => s.id === id);
    if (!source) throw notFound(`no source "${id}"`);
    return c.json(source, 200);
  });
}
