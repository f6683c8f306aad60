/**
 * `/v1/me` (who the request is made by, and what it may do) and `/v1/audit` (the audit log, admins
 * only: server/access.ts refuses everyone else before this runs). Tokens are made and revoked on the
 * account page or with `wirewatch tokens`: a token is shown once, which a JSON answer cannot promise.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { principalOf } from '../accounts/principal.js';
import type { ArchiveStore } from '../store/types.js';
import { errorResponses, listOf } from './schemas.js';

const Me = z
  .object({
    kind: z.enum(['anonymous', 'session', 'token']),
    user: z.string().nullable().openapi({ description: 'The user’s name; null when anonymous' }),
    role: z.enum(['admin', 'editor', 'reader']).nullable(),
    scopes: z.array(z.enum(['read', 'write', 'admin'])),
    tokenExpiresAt: z.string().nullable(),
  })
  .openapi('Me');

const AuditEntry = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    action: z.string().openapi({ example: 'token.add' }),
    target: z.string(),
    detail: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEntry');

const AuditList = listOf(AuditEntry, 'AuditList');

const meRoute = createRoute({
  method: 'get',
  path: '/v1/me',
  summary: 'Who this request is made by, and its scopes',
  responses: {
    200: { description: 'The caller', content: { 'application/json': { schema: Me } } },
    ...errorResponses,
  },
});

const auditRoute = createRoute({
  method: 'get',
  path: '/v1/audit',
  summary: 'The audit log, newest first (admins)',
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(500).default(100),
      before: z.coerce
        .number()
        .int()
        .min(1)
        .optional()
        .openapi({ description: 'Entries older than this id (the last id of the previous page)' }),
    }),
  },
  responses: {
    200: { description: 'Entries', content: { 'application/json': { schema: AuditList } } },
    ...errorResponses,
  },
});

export function accountRoutes(app: OpenAPIHono, store: ArchiveStore): void {
  app.openapi(meRoute, (c) => {
    const p = principalOf(c.req.raw);
    return c.json(
      {
        kind: p.kind,
        user: p.kind === 'anonymous' ? null : p.user.name,
        role: p.kind === 'anonymous' ? null : p.user.role,
        scopes: p.scopes,
        tokenExpiresAt: p.kind === 'token' ? p.token.expiresAt : null,
      },
      200,
    );
  });
  app.openapi(auditRoute, async (c) => {
    const { limit, before } = c.req.valid('query');
    const page = await store.accounts.listAudit({ limit, before });
    const last = page.items.at(-1);
    const next = last && page.items.length === limit ? String(last.id) : null;
    return c.json({ ...page, next }, 200);
  });
}
