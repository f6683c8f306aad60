/** `/v1/stats`: counts over the whole archive. */
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { ArchiveStore } from '../store/types.js';
import { errorResponses, Stats } from './schemas.js';

const statsRoute = createRoute({
  method: 'get',
  path: '/v1/stats',
  summary: 'Counts over the whole archive',
  responses: {
    200: { description: 'Archive statistics', content: { 'application/json': { schema: Stats } } },
    ...errorResponses,
  },
});

export function statsRoutes(app: OpenAPIHono, store: ArchiveStore): void {
  app.openapi(statsRoute, async (c) => c.json(await store.stats(), 200));
}
