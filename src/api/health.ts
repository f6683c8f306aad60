/**
 * The health check: `GET /healthz` (for a load balancer or a process supervisor) and the same answer at
 * `/api/v1/health` in the OpenAPI document. It asks the store the cheapest question that proves it
 * answers (`ArchiveStore.health`: `SELECT 1` through PostgreSQL's pool, one row of a one-row table in
 * SQLite) and nothing else, so it costs what the request does.
 *
 *   200 {"status": "ok"}
 *   503 {"status": "unavailable", "error": {"code": "unavailable", "message": "…"}}   + Retry-After
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { Problem } from '../errors.js';
import type { ArchiveStore } from '../store/types.js';
import { ErrorBody, errorResponses } from './schemas.js';

/** How long the store may take to answer before the check says it does not (a stalled connection). */
export const HEALTH_TIMEOUT_MS = 2000;

export const Health = z
  .object({ status: z.literal('ok') })
  .openapi('Health', { example: { status: 'ok' } });

export const HealthUnavailable = z
  .object({
    status: z.literal('unavailable'),
    error: ErrorBody.shape.error,
  })
  .openapi('HealthUnavailable', {
    example: {
      status: 'unavailable',
      error: { code: 'unavailable', message: 'the archive did not answer within 2000 ms' },
    },
  });

const healthRoute = createRoute({
  method: 'get',
  path: '/v1/health',
  summary: 'Whether the server and its archive answer (also at `/healthz`)',
  responses: {
    200: {
      description: 'The archive answered a trivial query',
      content: { 'application/json': { schema: Health } },
    },
    ...errorResponses,
    503: {
      description: `The archive did not answer (\`unavailable\`: the database cannot be reached, or it took longer than ${HEALTH_TIMEOUT_MS} ms); the \`Retry-After\` header says when to ask again`,
      headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
      content: { 'application/json': { schema: HealthUnavailable } },
    },
  },
});

/**
 * Null when the store answered within `timeoutMs`; else the 503 Problem to answer with. A Problem the
 * store raised (a lost PostgreSQL connection) is kept; any other failure is said in general words
 * (its details go to stderr, as for any internal failure).
 */
export async function checkHealth(
  store: ArchiveStore,
  timeoutMs = HEALTH_TIMEOUT_MS,
): Promise<Problem | null> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<'stalled'>((resolve) => {
    timer = setTimeout(() => resolve('stalled'), timeoutMs);
    timer.unref();
  });
  try {
    const answer = await Promise.race([store.health().then(() => 'ok' as const), stalled]);
    if (answer === 'ok') return null;
    return unavailable(`the archive did not answer within ${timeoutMs} ms`);
  } catch (error) {
    if (error instanceof Problem && error.status === 503) return error;
    process.stderr.write(
      `health check: the archive did not answer: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return unavailable('the archive did not answer');
  } finally {
    clearTimeout(timer);
  }
}

function unavailable(message: string): Problem {
  return new Problem(503, 'unavailable', `${message}; try again`, {
    retryAfterSeconds: 1,
    exitCode: 1,
  });
}

/** The answer to a health check, the same at `/healthz` and `/api/v1/health`; never cached. */
export async function healthResponse(c: Context, store: ArchiveStore) {
  const problem = await checkHealth(store);
  c.header('Cache-Control', 'no-store');
  if (!problem) return c.json({ status: 'ok' as const }, 200);
  c.header('Retry-After', String(problem.retryAfterSeconds ?? 1));
  return c.json(
    {
      status: 'unavailable' as const,
      error: { code: problem.code, message: problem.message },
    },
    503,
  );
}

export function healthRoutes(app: OpenAPIHono, store: ArchiveStore): void {
  app.openapi(healthRoute, (c) => healthResponse(c, store));
}
