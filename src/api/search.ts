/** `/v1/search`: `searchArchive` over HTTP, paged by cursor over stories. */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { exportArticles } from '../export/export-articles.js';
import { EXPORT_FORMATS } from '../export/formats.js';
import { MAX_OFFSET, orderedMatches, searchArchive, type SearchRequest } from '../search/search.js';
import { linkOrigin } from '../server/hosts.js';
import { exportName, exportResponse } from './export-response.js';
import type { ArchiveStore } from '../store/types.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { Problem } from '../errors.js';
import { errorResponses, SearchResult, searchTimeoutResponse } from './schemas.js';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const searchRoute = createRoute({
  method: 'get',
  path: '/v1/search',
  summary: 'Full-text search in the query language of docs/search.md',
  request: {
    query: z.object({
      q: z.string().openapi({
        description:
          'The query, e.g. `"Kim Jong Un" date:2012-03 -title:visit`. Its size is bounded by the server\'s `limits.search` ' +
          '(by default 2,000 characters, 64 terms, 16 prefixes of at most 2,000 indexed words each): past a bound, 400 `limit_exceeded`',
        example: 'nuclear source:kcna-kp-en',
      }),
      sort: z.enum(['relevance', 'newest', 'oldest']).default('relevance'),
      limit: z.coerce
        .number()
        .int()
        .min(1)
        .max(100)
        .default(20)
        .openapi({ description: 'Hits (stories) per page' }),
      cursor: z.string().optional().openapi({ description: 'The `next` of the previous page' }),
      facets: flag.openapi({
        type: 'string',
        enum: ['true', 'false', '1', '0'],
        description: 'Counts by source, language, year, month and place over all matches',
      }),
      histogram: z
        .enum(['day', 'week', 'month'])
        .optional()
        .openapi({ description: 'Matches per period beside all articles of the period' }),
      format: z
        .enum(['json', ...EXPORT_FORMATS])
        .default('json')
        .openapi({
          description:
            '`json`: one page of hits. `csv` or `jsonl`: every match (no page, no cap; `limit`, `cursor`, `facets` and ' +
            '`histogram` are ignored), one row per article, newest first (or `sort=oldest`), streamed as an attachment. ' +
            'The columns and records are in docs/api.md ("Exports")',
        }),
    }),
  },
  responses: {
    200: {
      description:
        'One page of hits, with exact totals; or, with `format`, every match as CSV or JSONL',
      content: {
        'application/json': { schema: SearchResult },
        'text/csv': {
          schema: { type: 'string', description: 'A header row, then one row per article' },
        },
        'application/x-ndjson': {
          schema: {
            type: 'string',
            description: 'One wirewatch export record per article and line',
          },
        },
      },
    },
    ...errorResponses,
    ...searchTimeoutResponse,
  },
});

export function searchRoutes(
  app: OpenAPIHono,
  store: ArchiveStore,
  bounds: Pick<SearchRequest, 'limits' | 'budgetMs'>,
  publicUrl: string | undefined,
): void {
  app.openapi(searchRoute, async (c) => {
    const q = c.req.valid('query');
    if (q.format !== 'json') {
      const matches = await orderedMatches(store, q.q, { sort: q.sort, ...bounds });
      const rows = exportArticles(store, matches.docIds, {
        format: q.format,
        baseUrl: linkOrigin(c.req.url, publicUrl),
      });
      // The route's typed responses are JSON; an export is a stream of its own.
      return exportResponse(c, rows, q.format, exportName('search')) as never;
    }
    const offset = decodeCursor(q.cursor);
    if (offset > MAX_OFFSET)
      throw new Problem(
        400,
        'bad_request',
        `cursor: pages end at ${MAX_OFFSET} hits; narrow the query`,
      );
    const result = await searchArchive(store, {
      query: q.q,
      sort: q.sort,
      limit: q.limit,
      offset,
      facets: q.facets,
      histogram: q.histogram ?? null,
      ...bounds,
    });
    const end = offset + result.hits.length;
    const next =
      result.hits.length > 0 && end < result.stories && end <= MAX_OFFSET
        ? encodeCursor(end)
        : null;
    return c.json({ ...result, next }, 200);
  });
}
