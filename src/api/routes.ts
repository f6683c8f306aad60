/**
 * The JSON API under /api/v1. Routes are declared with @hono/zod-openapi, so the OpenAPI 3 document at
 * /api/openapi.json is generated from them and cannot drift. One error shape everywhere:
 * `{"error": {"code": "...", "message": "..."}}`.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { AppOptions } from '../server/app.js';

export const ApiError = z.object({
  error: z.object({ code: z.string().openapi({ example: 'not_found' }), message: z.string() }),
}).openapi('Error');

const Stats = z.object({
  sources: z.number().int(), captures: z.number().int(), unprocessedCaptures: z.number().int(), capturesWithErrors: z.number().int(),
  captureBytes: z.number().int(), storedCaptureBytes: z.number().int(), articles: z.number().int(), teaserOnly: z.number().int(),
  yearUnknown: z.number().int(), versions: z.number().int(), articlesWithSeveralVersions: z.number().int(),
  listingEntries: z.number().int(), stories: z.number().int(), storiesWithCopies: z.number().int(),
}).openapi('Stats');

const statsRoute = createRoute({
  method: 'get', path: '/v1/stats', summary: 'Counts over the whole archive',
  responses: { 200: { description: 'Archive statistics', content: { 'application/json': { schema: Stats } } } },
});

export function apiRoutes({ store }: AppOptions): OpenAPIHono {
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        return c.json({ error: { code: 'bad_request', message: result.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ') } }, 400);
      }
    },
  });
  app.openapi(statsRoute, async (c) => c.json(await store.stats(), 200));
  app.doc('/openapi.json', { openapi: '3.0.3', info: { title: 'wirewatch API', version: '1' } });
  return app;
}
