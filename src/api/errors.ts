/**
 * One error shape for the whole API, `{"error": {"code", "message"}}`, mapped in one place: routes throw
 * a `Problem` (SearchError and CursorError are ones), `apiOnError` answers with its status. Anything
 * else is a 500 that says nothing of internals (the stack goes to stderr).
 */
import type { Context } from 'hono';
import type { z } from '@hono/zod-openapi';
import { Problem } from '../errors.js';
import type { ErrorBody } from './schemas.js';

type ErrorCode = z.infer<typeof ErrorBody>['error']['code'];

export const notFound = (message: string) => new Problem(404, 'not_found', message);

export function errorBody(
  code: ErrorCode,
  message: string,
  extra: { position?: number | null; limit?: string | null } = {},
): z.infer<typeof ErrorBody> {
  const { position, limit } = extra;
  return {
    error: {
      code,
      message,
      ...(position !== null && position !== undefined ? { position } : {}),
      ...(limit ? { limit } : {}),
    },
  };
}

/** zod issues flattened into one line: `limit: Too big: expected number to be <=100; cursor: …`. */
export function validationMessage(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): string {
  return issues.map((i) => `${i.path.map(String).join('.') || 'request'}: ${i.message}`).join('; ');
}

/** The JSON answer to a Problem, with `Retry-After` when it says when to come back. */
export function problemResponse(c: Context, problem: Problem): Response {
  if (problem.retryAfterSeconds !== null)
    c.header('Retry-After', String(problem.retryAfterSeconds));
  return c.json(errorBody(problem.code, problem.message, problem), problem.status);
}

export function apiOnError(error: Error, c: Context): Response {
  if (error instanceof Problem) return problemResponse(c, error);
  process.stderr.write(`error on ${c.req.method} ${c.req.path}: ${error.stack ?? String(error)}\n`);
  return c.json(errorBody('internal', 'the server failed to answer this request'), 500);
}
