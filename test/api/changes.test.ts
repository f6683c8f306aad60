/**
 * /api/v1/changes and /api/v1/coverage over an archive with a history (test/helpers/changes-archive.ts):
 * shapes checked against the generated OpenAPI document, filters, cursor paging (also over edits
 * classified at read), the one error format.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from '@hono/zod-openapi';
import type * as S from '../../src/api/schemas.js';
import { changesArchive, HOSTILE_REASON, SPIKE_DAY, TODAY } from '../helpers/changes-archive.js';
import {
  checkDocument,
  responseSchema,
  validate,
  type Json,
  type Obj,
} from '../helpers/openapi.js';
import { tempDir } from '../helpers/tmp.js';
import { pythonCsv } from '../helpers/python-csv.js';
import { CHANGE_COLUMNS } from '../../src/export/export-changes.js';

const dir = tempDir();
let archive: Awaited<ReturnType<typeof changesArchive>>;
let doc: Obj;

type ChangeList = z.infer<typeof S.ChangeList>;

async function get(url: string, route: string, status = 200): Promise<Json> {
  const res = await archive.app.request(url);
  const body = (await res.json()) as Json;
  expect(res.status, `${url}: ${JSON.stringify(body).slice(0, 300)}`).toBe(status);
  expect(validate(doc, responseSchema(doc, route, 'get', status), body), url).toEqual([]);
  return body;
}

async function all(query: string, limit: number): Promise<ChangeList['items']> {
  const items: ChangeList['items'] = [];
  let url = `/api/v1/changes?${query}&limit=${limit}`;
  for (;;) {
    const page = (await get(url, '/v1/changes')) as ChangeList;
    items.push(...page.items);
    if (!page.next) break;
    url = `/api/v1/changes?${query}&limit=${limit}&cursor=${page.next}`;
  }
  return items;
}

beforeAll(async () => {
  archive = await changesArchive(dir.path);
  doc = (await (await archive.app.request('/api/openapi.json')).json()) as Obj;
});

afterAll(async () => {
  await archive.store.close();
  dir.cleanup();
});

describe('GET /api/v1/changes', () => {
  it('is in the OpenAPI document', () => {
    expect(checkDocument(doc)).toEqual([]);
    expect(Object.keys(doc.paths as Obj)).toEqual(
      expect.arrayContaining(['/v1/changes', '/v1/coverage']),
    );
    expect(Object.keys((doc.components as Obj).schemas as Obj)).toEqual(
      expect.arrayContaining(['ChangeEvent', 'ChangeList', 'Coverage', 'CoverageFlag']),
    );
  });

  it('lists every event newest first, edits classified (also those archived before classification)', async () => {
    const page = (await get('/api/v1/changes', '/v1/changes')) as ChangeList;
    expect(page.total).toBe(10);
    expect(page.next).toBeNull();
    const ats = page.items.map((e) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    expect(page.items[0]).toMatchObject({
      articleId: archive.hostile.id,
      kind: 'deleted',
      reason: HOSTILE_REASON,
      status: 'deleted',
      title: archive.hostile.title,
    });
    const legacy = page.items.find((e) => e.articleId === archive.hostile.id && e.kind === 'edit')!;
    expect(legacy).toMatchObject({ change: 'body', editSize: 4, versionSeq: 2 });
    expect(
      page.items.find((e) => e.articleId === archive.seed.id && e.versionSeq === 3),
    ).toMatchObject({ change: 'cosmetic', editSize: 0 });
    expect(page.items.filter((e) => e.kind === 'edit').every((e) => e.change !== null)).toBe(true);
  });

  it('exports every change of the filters as CSV and JSONL, in the order of the pages', async () => {
    const paged = await all('change=body,headline', 3);
    const csv = await archive.app.request('/api/v1/changes?change=body,headline&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(
      /^attachment; filename="wirewatch-changes-/,
    );
    const file = join(dir.path, 'changes.csv');
    writeFileSync(file, Buffer.from(await csv.arrayBuffer()));
    const [header, ...rows] = pythonCsv({ file });
    expect(header).toEqual([...CHANGE_COLUMNS]);
    const at = (column: string) => header!.indexOf(column);
    expect(rows.map((r) => [r[at('at')], r[at('kind')], r[at('article_id')]])).toEqual(
      paged.map((e) => [e.at, e.kind, e.articleId]),
    );
    const hostile = rows.find((r) => r[at('reason')] === HOSTILE_REASON)!;
    expect(hostile[at('title')]).toBe(archive.hostile.title);
    const edit = rows.find((r) => r[at('kind')] === 'edit' && r[at('version')] === '2')!;
    expect(edit[at('diff')]).toBe(
      `http://wirewatch.test/articles/${edit[at('article_id')]}/diff?from=1&to=2`,
    );
    const jsonl = await (
      await archive.app.request('/api/v1/changes?change=body,headline&format=jsonl')
    ).text();
    const items = jsonl
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Obj);
    expect(items).toEqual(
      paged.map((e) => ({
        ...e,
        permalink: `http://wirewatch.test/articles/${encodeURIComponent(e.articleId)}`,
      })),
    );
  });

  it('filters by kind, class, source and day; totals are exact and pages join up', async () => {
    const notable = await all('change=body,headline', 3);
    expect(notable).toHaveLength(9);
    expect(notable.some((e) => e.change === 'cosmetic')).toBe(false);
    expect(
      ((await get('/api/v1/changes?change=body,headline&limit=3', '/v1/changes')) as ChangeList)
        .total,
    ).toBe(9);
    // The legacy edit is a body edit: a cosmetic-only filter must drop it, and count it out of the total.
    const cosmetic = (await get(
      '/api/v1/changes?kind=edit&change=cosmetic',
      '/v1/changes',
    )) as ChangeList;
    expect(cosmetic.items.map((e) => [e.articleId, e.versionSeq])).toEqual([[archive.seed.id, 3]]);
    expect(cosmetic.total).toBe(1);
    const removals = (await get('/api/v1/changes?kind=deleted', '/v1/changes')) as ChangeList;
    expect(removals.total).toBe(6);
    expect(removals.items.every((e) => e.kind === 'deleted' && e.reason)).toBe(true);
    const back = (await get(
      '/api/v1/changes?kind=restored&source=kcna-co-jp-en',
      '/v1/changes',
    )) as ChangeList;
    expect(back.items).toMatchObject([
      { articleId: archive.restored.id, reason: 'HTTP 200', status: 'live' },
    ]);
    const day = (await get(
      `/api/v1/changes?from=${SPIKE_DAY}&to=${SPIKE_DAY}`,
      '/v1/changes',
    )) as ChangeList;
    expect(day.total).toBe(5);
    const kp = await all('source=kcna-kp-en&change=body,headline', 1);
    expect(kp.every((e) => e.sourceId === 'kcna-kp-en' && e.change === 'body')).toBe(true);
  });

  it('answers 400 in the one error shape for bad parameters', async () => {
    for (const [url, message] of [
      ['/api/v1/changes?kind=gone', /^kind: /],
      ['/api/v1/changes?change=body,typo', /^change: expected a comma-separated list/],
      ['/api/v1/changes?limit=0', /^limit: /],
      ['/api/v1/changes?from=2026-12', /^from: expected YYYY-MM-DD/],
      ['/api/v1/changes?cursor=nope!', /^cursor: not a cursor this API issued$/],
      ['/api/v1/changes?source=nowhere', /^source: no source "nowhere"$/],
    ] as const) {
      const body = (await get(url, '/v1/changes', 400)) as z.infer<typeof S.ErrorBody>;
      expect(body.error.code).toBe('bad_request');
      expect(body.error.message).toMatch(message);
    }
  });
});

describe('GET /api/v1/coverage', () => {
  it('gives the last 30 days per source and the deletion spike', async () => {
    const c = (await get('/api/v1/coverage', '/v1/coverage')) as z.infer<typeof S.Coverage>;
    expect(c.from).toBe('2026-11-11');
    expect(c.to).toBe(TODAY);
    expect(c.days.find((d) => d.sourceId === 'kcna-co-jp-en' && d.day === SPIKE_DAY)).toMatchObject(
      { deletions: 5 },
    );
    expect(c.days.find((d) => d.sourceId === 'kcna-co-jp-en' && d.day === TODAY)).toMatchObject({
      restorations: 1,
    });
    expect(c.flags).toEqual([
      expect.objectContaining({
        sourceId: 'kcna-co-jp-en',
        day: SPIKE_DAY,
        kind: 'deletion-spike',
        count: 5,
      }),
    ]);
    expect(c.flags[0]!.detail).toMatch(
      /^5 articles removed from the source, 0 on a normal day \(\d+% of its \d+\)$/,
    );
  });

  it('narrows to a source and a range; a range without the spike has no flag', async () => {
    const one = (await get('/api/v1/coverage?source=hostile-wire-en', '/v1/coverage')) as z.infer<
      typeof S.Coverage
    >;
    expect(new Set(one.days.map((d) => d.sourceId))).toEqual(new Set(['hostile-wire-en']));
    expect(one.flags).toEqual([]);
    const before = (await get(
      `/api/v1/coverage?from=2026-11-01&to=2026-12-08`,
      '/v1/coverage',
    )) as z.infer<typeof S.Coverage>;
    expect(before.flags).toEqual([]);
    expect(before.days.every((d) => d.day >= '2026-11-01' && d.day <= '2026-12-08')).toBe(true);
    const spike = (await get(
      `/api/v1/coverage?from=${SPIKE_DAY}&to=${SPIKE_DAY}`,
      '/v1/coverage',
    )) as z.infer<typeof S.Coverage>;
    expect(spike.flags.map((f) => f.day)).toEqual([SPIKE_DAY]);
  });

  it('answers 400 for bad parameters', async () => {
    for (const url of [
      '/api/v1/coverage?from=yesterday',
      '/api/v1/coverage?source=nowhere',
      '/api/v1/coverage?from=2026-12-09&to=2026-12-01',
    ]) {
      expect(
        ((await get(url, '/v1/coverage', 400)) as z.infer<typeof S.ErrorBody>).error.code,
        url,
      ).toBe('bad_request');
    }
  });
});
