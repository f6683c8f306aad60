/**
 * An export as an HTTP response: the rows streamed as they are read (server/stream-body.ts), never
 * held whole in memory.
 */
import type { Context } from 'hono';
import { MEDIA_TYPES, type ExportFormat } from '../export/formats.js';
import { pullStream } from '../server/stream-body.js';

export function exportResponse(
  c: Context,
  rows: AsyncGenerator<string, number>,
  format: ExportFormat,
  name: string,
): Response {
  const body = pullStream(rows);
  const file = `${name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100)}.${format}`;
  return c.body(body, 200, {
    'content-type': MEDIA_TYPES[format],
    'content-disposition': `attachment; filename="${file}"`,
    'cache-control': 'no-store',
  });
}

/** `wirewatch-search-2026-12-04`: what an export is of, and when it was made. */
export function exportName(what: string, now = new Date()): string {
  return `wirewatch-${what}-${now.toISOString().slice(0, 10)}`;
}
