/**
 * /api/v1/coverage (and the day bounds of /api/v1/changes) take real calendar days only, and a range
 * of at most `limits.coverage.maxDays`: a clear 400 in the one error shape, checked against the
 * OpenAPI document, answered before anything is read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from '@hono/zod-openapi';
import type * as S from '../../src/api/schemas.js';
import { limitsSchema } from '../../src/config.js';
import { createApp } from '../../src/server/app.js';
import { responseSchema, validate, type Json, type Obj } from '../helpers/openapi.js';
import { readerArchive } from '../helpers/reader-archive.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
let archive: Awaited<ReturnType<typeof readerArchive>>;
let app: ReturnType<typeof createApp>;
let doc: Obj;

beforeAll(async () => {
  archive = await readerArchive(dir.path);
  app = createApp({ store: archive.store, today: () => '2026-12-10' });
  doc = (await (await app.request('/api/openapi.json')).json()) as Obj;
});

afterAll(async () => {
  await archive.store.close();
  dir.cleanup();
});

async function get(url: string, route: string, status = 200, on = app): Promise<Json> {
  const res = await on.request(url);
  const body = (await res.json()) as Json;
  expect(res.status, `${url}: ${JSON.stringify(body).slice(0, 300)}`).toBe(status);
  expect(validate(doc, responseSchema(doc, route, 'get', status), body), url).toEqual([]);
  return body;
}

describe('coverage ranges', () => {
  it('answers 400 for a day that is not on the calendar, on coverage and changes alike', async () => {
    for (const day of [
      '2026-02-31',
      '2026-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '2026-02-32',
      '0000-00-00',
    ]) {
      for (const [url, route] of [
        [`/api/v1/coverage?from=${day}&to=2026-12-10`, '/v1/coverage'],
        [`/api/v1/coverage?to=${day}`, '/v1/coverage'],
        [`/api/v1/changes?from=${day}`, '/v1/changes'],
      ] as const) {
        const body = (await get(url, route, 400)) as z.infer<typeof S.ErrorBody>;
        expect(body.error.code, url).toBe('bad_request');
        expect(body.error.message, url).toMatch(/^(from|to): not a calendar day/);
      }
    }
    await get('/api/v1/coverage?from=2024-02-29&to=2024-03-01', '/v1/coverage');
  });

  it('bounds the range with limits.coverage.maxDays, quickly', async () => {
    const started = Date.now();
    for (const url of [
      '/api/v1/coverage?from=1000-01-01',
      '/api/v1/coverage?from=1000-01-01&to=9999-12-31',
      '/api/v1/coverage?from=2025-12-09&to=2026-12-10',
    ]) {
      const body = (await get(url, '/v1/coverage', 400)) as z.infer<typeof S.ErrorBody>;
      expect(body.error, url).toMatchObject({ code: 'limit_exceeded', limit: 'coverage.maxDays' });
      expect(body.error.message).toMatch(/days; at most 366 \(limits\.coverage\.maxDays\)$/);
    }
    expect(Date.now() - started).toBeLessThan(5_000);
    const year = (await get(
      '/api/v1/coverage?from=2025-12-10&to=2026-12-10',
      '/v1/coverage',
    )) as z.infer<typeof S.Coverage>;
    expect(year).toMatchObject({ from: '2025-12-10', to: '2026-12-10' });
    const week = createApp({
      store: archive.store,
      today: () => '2026-12-10',
      limits: limitsSchema.parse({ coverage: { maxDays: 7 } }),
    });
    await get('/api/v1/coverage?from=2026-12-04', '/v1/coverage', 200, week);
    await get('/api/v1/coverage?from=2026-12-03', '/v1/coverage', 400, week);
    expect(
      ((await get('/api/v1/coverage', '/v1/coverage', 400, week)) as z.infer<typeof S.ErrorBody>)
        .error.message,
    ).toMatch(/is 30 days; at most 7/);
  });
});
