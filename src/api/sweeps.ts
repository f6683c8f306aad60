/**
 * `/v1/sweeps`: re-check many articles at once (a source, a span of dates, a search), as
 * `wirewatch recheck` does. A POST only creates the sweep: the crawler workers of the archive
 * (`wirewatch crawl --worker`, `serve --crawl`) carry it out; its status is at `/v1/sweeps/{id}`.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { Problem } from '../errors.js';
import { auditSweep } from '../accounts/audit.js';
import { principalOf } from '../accounts/principal.js';
import type { SweepPlanner } from '../server/sweep-planner.js';
import type { ArchiveStore } from '../store/types.js';
import { notFound } from './errors.js';
import {
  errorResponses,
  notFoundResponse,
  Sweep,
  SweepCreated,
  SweepList,
  SweepRequest,
} from './schemas.js';

const idParam = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' }, example: 3 }),
});

const createSweepRoute = createRoute({
  method: 'post',
  path: '/v1/sweeps',
  summary:
    'Start a sweep: fetch again every article in scope, walk whole sources’ lists to the end',
  request: {
    body: { required: true, content: { 'application/json': { schema: SweepRequest } } },
  },
  responses: {
    202: {
      description: 'The sweep, created (or the unfinished one of the same scope)',
      content: { 'application/json': { schema: SweepCreated } },
    },
    ...errorResponses,
  },
});

const getSweepRoute = createRoute({
  method: 'get',
  path: '/v1/sweeps/{id}',
  summary: 'One sweep and its progress',
  request: { params: idParam },
  responses: {
    200: { description: 'The sweep', content: { 'application/json': { schema: Sweep } } },
    ...notFoundResponse,
    ...errorResponses,
  },
});

const listSweepsRoute = createRoute({
  method: 'get',
  path: '/v1/sweeps',
  summary: 'Sweeps, newest first',
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(100).default(20),
      unfinished: z.enum(['true', 'false']).optional(),
    }),
  },
  responses: {
    200: {
      description: 'Sweeps (one page)',
      content: { 'application/json': { schema: SweepList } },
    },
    ...errorResponses,
  },
});

export function sweepRoutes(
  app: OpenAPIHono,
  store: ArchiveStore,
  planner: SweepPlanner | null,
): void {
  app.openapi(createSweepRoute, async (c) => {
    if (!planner)
      throw new Problem(400, 'bad_request', 'this server cannot start sweeps (no sources file)');
    const body = c.req.valid('json');
    const planned = await planner.plan({ ...body, requestedBy: 'api' });
    if (!planned.resumed) await auditSweep(store, principalOf(c.req.raw), planned.sweep);
    return c.json(planned, 202);
  });
  app.openapi(getSweepRoute, async (c) => {
    const { id } = c.req.valid('param');
    const sweep = await store.frontier.getSweep(id);
    if (!sweep) throw notFound(`no sweep ${id}`);
    return c.json(sweep, 200);
  });
  app.openapi(listSweepsRoute, async (c) => {
    const { limit, unfinished } = c.req.valid('query');
    const page = await store.frontier.listSweeps({ limit, unfinished: unfinished === 'true' });
    return c.json({ ...page, next: null }, 200);
  });
}
