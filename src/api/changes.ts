/** `/v1/changes`: the latest edits, removals and re-appearances across sources; `/v1/coverage`: the coverage monitor. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { listChanges } from '../history/changes.js';
import { calendarDay, coverageReport } from '../history/coverage-report.js';
import type { EditKind } from '../model/types.js';
import type { ArchiveStore } from '../store/types.js';
import { decodeCursor, nextCursor } from './cursor.js';
import { Problem } from '../errors.js';
import { exportChanges } from '../export/export-changes.js';
import { EXPORT_FORMATS } from '../export/formats.js';
import { linkOrigin } from '../server/hosts.js';
import { exportName, exportResponse } from './export-response.js';
import { ChangeList, Coverage, errorResponses } from './schemas.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar day, YYYY-MM-DD (people's removals use it too). */
export const isoDay = z
  .string()
  .regex(DAY, 'expected YYYY-MM-DD')
  .refine(
    (d) => !DAY.test(d) || calendarDay(d) !== null,
    'not a calendar day (expected YYYY-MM-DD)',
  );
const source = z
  .string()
  .optional()
  .openapi({ description: 'A source id (see /v1/sources)', example: 'kcna-kp-en' });

const changesRoute = createRoute({
  method: 'get',
  path: '/v1/changes',
  summary: 'Edits, removals and re-appearances across sources, newest first, paged by cursor',
  request: {
    query: z.object({
      source,
      kind: z
        .enum(['edit', 'deleted', 'restored'])
        .optional()
        .openapi({ description: 'Only this kind of event' }),
      change: z
        .string()
        .regex(
          /^(body|headline|cosmetic)(,(body|headline|cosmetic))*$/,
          'expected a comma-separated list of body, headline, cosmetic',
        )
        .optional()
        .openapi({
          description: 'Edits of these classes only (default: all); other kinds are not affected',
          example: 'body,headline',
        }),
      from: isoDay.optional().openapi({ description: 'Observed on or after this day (UTC)' }),
      to: isoDay.optional().openapi({ description: 'Observed on or before this day (UTC)' }),
      limit: z.coerce.number().int().min(1).max(100).default(50),
      cursor: z.string().optional().openapi({ description: 'The `next` of the previous page' }),
      format: z
        .enum(['json', ...EXPORT_FORMATS])
        .default('json')
        .openapi({
          description:
            '`json`: one page. `csv` or `jsonl`: every change of the filters (no page; `limit` and `cursor` are ignored), ' +
            'streamed as an attachment; the columns are in docs/api.md ("Exports")',
        }),
    }),
  },
  responses: {
    200: {
      description: 'One page of changes; or, with `format`, every change as CSV or JSONL',
      content: {
        'application/json': { schema: ChangeList },
        'text/csv': {
          schema: { type: 'string', description: 'A header row, then one row per change' },
        },
        'application/x-ndjson': {
          schema: { type: 'string', description: 'One change per line, as the JSON items are' },
        },
      },
    },
    ...errorResponses,
  },
});

const coverageRoute = createRoute({
  method: 'get',
  path: '/v1/coverage',
  summary:
    'Per source and day: articles published and archived, edits, removals; with volume-drop and deletion-spike flags',
  request: {
    query: z.object({
      source,
      from: isoDay.optional().openapi({
        description:
          'First day (default: 29 days before `to`); the range is at most `limits.coverage.maxDays` (366 by default)',
      }),
      to: isoDay.optional().openapi({ description: 'Last day (default: today, UTC)' }),
    }),
  },
  responses: {
    200: {
      description: 'Daily counts and flags',
      content: { 'application/json': { schema: Coverage } },
    },
    ...errorResponses,
  },
});

async function checkSource(store: ArchiveStore, id: string | undefined): Promise<void> {
  if (id !== undefined && !(await store.getSource(id)))
    throw new Problem(400, 'bad_request', `source: no source "${id}"`);
}

export function changeRoutes(
  app: OpenAPIHono,
  store: ArchiveStore,
  today: () => string,
  maxDays: number,
  publicUrl: string | undefined,
): void {
  app.openapi(changesRoute, async (c) => {
    const q = c.req.valid('query');
    const offset = decodeCursor(q.cursor);
    await checkSource(store, q.source);
    const filters = {
      sourceId: q.source,
      kinds: q.kind ? [q.kind] : undefined,
      changes: q.change?.split(',') as EditKind[] | undefined,
      from: q.from,
      to: q.to,
    };
    if (q.format !== 'json') {
      const rows = exportChanges(store, filters, {
        format: q.format,
        baseUrl: linkOrigin(c.req.url, publicUrl),
      });
      // The route's typed responses are JSON; an export is a stream of its own.
      return exportResponse(c, rows, q.format, exportName('changes')) as never;
    }
    const page = await listChanges(store, { ...filters, limit: q.limit, offset });
    return c.json(
      {
        items: page.items,
        total: page.total,
        next: nextCursor(offset, page.items.length, page.total),
      },
      200,
    );
  });

  app.openapi(coverageRoute, async (c) => {
    const q = c.req.valid('query');
    await checkSource(store, q.source);
    return c.json(
      await coverageReport(store, {
        sourceId: q.source,
        from: q.from,
        to: q.to,
        today: today(),
        maxDays,
      }),
      200,
    );
  });
}
