/**
 * One error shape for the whole API, `{"error": {"code", "message"}}`, mapped in one place: routes throw
 * `ApiProblem` (or let SearchError / CursorError through), `apiOnError` answers. Anything else is a
 * 500 that says nothing of internals (the stack goes to stderr).
 */
import type { Context } from 'hono';
import type { z } from '@hono/zod-openapi';
import { SearchError } from '../search/search.js';
import { CursorError } from './cursor.js';
import type { ErrorBody } from './schemas.js';

type ErrorCode = z.infer<typeof ErrorBody>['error']['code'];

export class ApiProblem extends Error {
  constructor(readonly status: 400 | 404, readonly code: ErrorCode, message: string) {
    super(message);
  }
}

export const notFound = (message: string) => new ApiProblem(404, 'not_found', message);

export function errorBody(code: ErrorCode, message: string, position?: number | null): z.infer<typeof ErrorBody> {
  return { error: { code, message, ...(position !== null && position !== undefined ? { position } : {}) } };
}

/** zod issues flattened into one line: `limit: Too big: expected number to be <=100; cursor: …`. */
export function validationMessage(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || 'request'}: ${i.message}`).join('; ');
}

export function apiOnError(error: Error, c: Context): Response {
  if (error instanceof ApiProblem) return c.json(errorBody(error.code, error.message), error.status);
  if (error instanceof CursorError) return c.json(errorBody('bad_request', error.message), 400);
  if (error instanceof SearchError) return c.json(errorBody('bad_query', error.message, error.position), 400);
  process.stderr.write(`error on ${c.req.method} ${c.req.path}: ${error.stack ?? String(error)}\n`);
  return c.json(errorBody('internal', 'the server failed to answer this request'), 500);
}
