/**
 * `listChanges` and `coverageReport` give the same answers on both engines, over a small archive made by
 * the real import: the seed, edited (body) and then cosmetically, with the body edit turned into one
 * archived before classification was stored (change null, as store migration 4 leaves it); and a
 * removal. On PostgreSQL this also runs the `limit: 0` counts listChanges relies on.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listChanges } from '../../src/history/changes.js';
import { coverageReport } from '../../src/history/coverage-report.js';
import { importPaths } from '../../src/pipeline/import.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { ENGINES, SEED } from '../helpers/archive.js';
import { dropAll, freshSchema, PG_URL, requirePostgres } from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();

beforeAll(async () => {
  await requirePostgres();
});

afterAll(async () => {
  await dropAll();
  dir.cleanup();
});

/** Runs one SQL statement on the engine's own tables, outside the store: what an old archive holds. */
async function legacy(
  engine: string,
  where: string,
  sql: string,
  params: unknown[],
): Promise<void> {
  if (engine === 'sqlite') {
    const db = new Database(where);
    db.prepare(sql.replace(/\$\d/g, '?')).run(...params);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`SET search_path = ${where}`);
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

describe.each(ENGINES)('history lists on %s', (engine) => {
  let store: ArchiveStore;
  let id: string;

  beforeAll(async () => {
    const schema = freshSchema('changes');
    const file = join(dir.path, `${engine}.db`);
    store =
      engine === 'sqlite' ? new SqliteStore(file) : await PostgresStore.open(PG_URL, { schema });
    const text = readFileSync(SEED, 'utf8');
    const body = join(dir.path, `${engine}-body.txt`);
    const cosmetic = join(dir.path, `${engine}-cosmetic.txt`);
    writeFileSync(
      body,
      text.replace('launch a dynamic joint struggle', 'launch a vigorous joint struggle'),
    );
    writeFileSync(
      cosmetic,
      text.replace('launch a dynamic joint struggle', 'launch a vigorous  joint struggle,'),
    );
    for (const [path, at] of [
      [SEED, '2026-12-01T00:00:00.000Z'],
      [body, '2026-12-02T00:00:00.000Z'],
      [cosmetic, '2026-12-03T00:00:00.000Z'],
    ] as const) {
      await importPaths(store, [path], { format: 'auto', now: () => at });
    }
    id = (await store.listArticles({ status: 'live' })).items[0]!.id;
    await legacy(
      engine,
      engine === 'sqlite' ? file : schema,
      'UPDATE article_events SET change = NULL, edit_size = NULL WHERE version_seq = $1',
      [2],
    );
    const a = (await store.getArticle(id))!;
    await store.updateArticle({ ...a, status: 'deleted', removedAt: '2026-12-04T08:00:00.000Z' });
    await store.insertEvent({
      articleId: id,
      sourceId: a.sourceId,
      at: '2026-12-04T08:00:00.000Z',
      kind: 'deleted',
      versionSeq: null,
      change: null,
      editSize: null,
      reason: 'HTTP 410',
      captureSha256: null,
    });
  });

  afterAll(async () => {
    await store.close();
  });

  it('classifies the old edit at read and keeps totals exact under a class filter', async () => {
    const all = await listChanges(store, {});
    expect(all.items.map((e) => [e.kind, e.change, e.editSize, e.versionSeq])).toEqual([
      ['deleted', null, null, null],
      ['edit', 'cosmetic', 0, 3],
      ['edit', 'body', 2, 2],
    ]);
    expect(all.total).toBe(3);
    const cosmetic = await listChanges(store, { changes: ['cosmetic'] });
    expect(cosmetic.items.map((e) => e.versionSeq)).toEqual([null, 3]);
    expect(cosmetic.total).toBe(2);
    const notable = await listChanges(store, {
      changes: ['body', 'headline'],
      limit: 1,
      offset: 1,
    });
    expect(notable.items.map((e) => [e.change, e.versionSeq])).toEqual([['body', 2]]);
    expect(notable.total).toBe(2);
    expect((await listChanges(store, { kinds: ['edit'], changes: ['headline'] })).total).toBe(0);
  });

  it('reports coverage per day', async () => {
    const report = await coverageReport(store, {
      from: '2026-12-01',
      to: '2026-12-05',
      today: '2026-12-06',
    });
    expect(report.days.map((d) => [d.day, d.archived, d.edits, d.deletions])).toEqual([
      ['2026-12-01', 21, 0, 0],
      ['2026-12-02', 0, 1, 0],
      ['2026-12-03', 0, 1, 0],
      ['2026-12-04', 0, 0, 1],
    ]);
    expect(report.flags).toEqual([]);
  });
});
