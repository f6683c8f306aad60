/**
 * Search over history (`version:any`, issue 6): words that survive only in older versions, which
 * version matched, snippets from it, filters beside it, and the older-versions index kept in step
 * through reprocess and created for an existing archive by migration 5 — on both engines.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRemoval } from '../../src/history/events.js';
import { importPaths } from '../../src/pipeline/import.js';
import { reprocessAll } from '../../src/pipeline/reprocess.js';
import { drain } from '../../src/pipeline/driver.js';
import { searchArchive, type SearchRequest } from '../../src/search/search.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { migrations } from '../../src/store/postgres/migrations.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { ENGINES, makeArchive } from '../helpers/archive.js';
import { dropAll, freshSchema, PG_URL, requirePostgres, withClient } from '../helpers/pg.js';
import { PLANT } from '../helpers/plant.js';
import { tempDir } from '../helpers/tmp.js';
import { TAKE_BACK_SOURCE_FIGURES } from '../helpers/source-figures.js';

const dir = tempDir();
/**
 * What the later migrations add, taken back so that they run again: the crawl frontier (SQLite 7,
 * PostgreSQL 6) and who brought an event (SQLite 8, PostgreSQL 7); the same statements on both engines.
 */
const LATER_MIGRATIONS =
  'DROP TABLE frontier; DROP TABLE crawl_hosts; DROP TABLE crawl_robots; DROP TABLE sweep_items;' +
  ' DROP TABLE sweeps; DROP TABLE frontier_seeds; ALTER TABLE article_events DROP COLUMN brought_by;' +
  ' DROP TABLE person_mentions; DROP TABLE person_activities; DROP TABLE person_removals;' +
  ' DROP TABLE people_queue; DROP TABLE sessions; DROP TABLE api_tokens; DROP TABLE saved_searches;' +
  ' DROP TABLE follows; DROP TABLE feed_tokens; DROP TABLE alert_deliveries;' +
  ' DROP TABLE alert_channels; DROP TABLE users;' +
  ' DROP TABLE audit_log; DROP TABLE translations; DROP TABLE translation_state;' +
  ' DROP TABLE search_snapshot;';
afterAll(async () => {
  dir.cleanup();
  await dropAll();
});
let files = 0;
const jsonl = (records: object[]) => {
  const path = join(dir.path, `records-${files++}.jsonl`);
  writeFileSync(path, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
};

// Article A: v1 names the Hwasong plant, v2 drops the name.
const PLANT_V2 = {
  ...PLANT,
  body: PLANT.body.replace('the Hwasong fertilizer plant', 'the fertilizer plant'),
};
// Article B (another source): Hwasong in v1 and v2 (a comma changed), gone in v3, then removed by the source.
const PIER = {
  source: 'kcna-kp-es',
  language: 'es',
  published: '2024-06-02',
  title: 'Nuevo muelle inaugurado',
  body:
    'Los pescadores de la costa oriental celebraron la apertura de un nuevo muelle para la flota pesquera del país. ' +
    'El muelle de Hwasong recibirá barcos de pesca de altura, y los trabajadores expresaron su gratitud.',
};
const PIER_V2 = { ...PIER, body: PIER.body.replace('altura, y', 'altura y') };
const PIER_V3 = { ...PIER, body: PIER_V2.body.replace('El muelle de Hwasong', 'El nuevo muelle') };

type Archive = Awaited<ReturnType<typeof makeArchive>>;
const search = (store: ArchiveStore, query: string, req: Partial<SearchRequest> = {}) =>
  searchArchive(store, { query, ...req });
const versionsOf = async (store: ArchiveStore, query: string) =>
  Object.fromEntries(
    (await search(store, query, { limit: 100 })).hits.map((h) => [h.sourceId, h.matchedVersion]),
  );

describe.each(ENGINES)('%s', (engine) => {
  let archive: Archive;

  beforeAll(async () => {
    if (engine === 'postgres') await requirePostgres();
    archive = await makeArchive(engine, dir.path);
    await archive.import([jsonl([PLANT, PIER])]);
    await archive.import([jsonl([PLANT_V2, PIER_V2])]);
    await archive.import([jsonl([PIER_V3])]);
    const pier = (await archive.store.listArticles({ sourceId: 'kcna-kp-es' })).items[0]!;
    await recordRemoval(
      archive.store,
      (await archive.store.getArticle(pier.id))!,
      '2026-11-28T01:00:00.000Z',
      'HTTP 404',
      null,
    );
    // As the drain that records a removal does: readers learn of changes from the index's refreshes.
    await archive.store.search.refresh();
  }, 60_000);
  afterAll(async () => {
    await archive?.store.close();
  });

  it("finds a word only the current text had by default, and older versions' words with version:any", async () => {
    expect((await archive.store.stats()).versions).toBe(5);
    expect((await search(archive.store, 'Hwasong')).total).toBe(0);
    expect((await search(archive.store, 'version:current Hwasong')).total).toBe(0);
    const any = await search(archive.store, 'version:any Hwasong');
    expect(any.query).toBe('version:any AND Hwasong');
    expect(any.total).toBe(2);
    // The newest older version holding the word: B's v2, not v1.
    expect(await versionsOf(archive.store, 'version:any Hwasong')).toEqual({
      'kcna-kp-en': 1,
      'kcna-kp-es': 2,
    });
    const plant = any.hits.find((h) => h.sourceId === 'kcna-kp-en')!;
    expect(plant.versionCount).toBe(2);
    // The snippet is the matched version's text, with the word marked.
    expect(plant.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['Hwasong']);
    expect(plant.snippet.map((s) => s.text).join('')).toContain('the Hwasong fertilizer plant');
  });

  it('says null when the current text matched, even if older versions did too', async () => {
    const hits = (await search(archive.store, 'fertilizer version:any')).hits;
    expect(hits.map((h) => h.matchedVersion)).toEqual([null]);
    expect(hits[0]!.snippet.map((s) => s.text).join('')).not.toContain('Hwasong');
    expect((await search(archive.store, 'fertilizer')).hits.map((h) => h.matchedVersion)).toEqual([
      null,
    ]);
    // Current words and an old one: no single text has both; the version holding the old one is named.
    expect(await versionsOf(archive.store, 'version:any Hwasong fertilizer')).toEqual({
      'kcna-kp-en': 1,
    });
    expect(await versionsOf(archive.store, 'version:any Hwasong devotion')).toEqual({
      'kcna-kp-en': 1,
    });
  });

  it('matches phrases, headlines, prefixes and stems in older versions too', async () => {
    expect((await search(archive.store, 'version:any "Hwasong fertilizer plant"')).total).toBe(1);
    expect((await search(archive.store, '"Hwasong fertilizer plant"')).total).toBe(0);
    expect((await search(archive.store, 'version:any "Hwasong recibirá"')).total).toBe(1);
    expect((await search(archive.store, 'version:any hwason*')).total).toBe(2);
    expect((await search(archive.store, 'hwason*')).total).toBe(0);
    expect((await search(archive.store, 'version:any title:Hwasong')).total).toBe(0);
    expect((await search(archive.store, 'version:any (Hwasong OR nonexistentword)')).total).toBe(2);
    // Wherever it stands, version:any widens every word of the query.
    expect((await search(archive.store, 'version:any nonexistentword OR Hwasong')).total).toBe(2);
  });

  it('combines with status, source and date filters, and NOT excludes words of any version', async () => {
    expect(await versionsOf(archive.store, 'version:any Hwasong status:deleted')).toEqual({
      'kcna-kp-es': 2,
    });
    expect(await versionsOf(archive.store, 'version:any Hwasong -status:deleted')).toEqual({
      'kcna-kp-en': 1,
    });
    expect(await versionsOf(archive.store, 'version:any Hwasong source:kcna-kp-en')).toEqual({
      'kcna-kp-en': 1,
    });
    expect(await versionsOf(archive.store, 'version:any Hwasong lang:es date:2024-06')).toEqual({
      'kcna-kp-es': 2,
    });
    expect((await search(archive.store, 'version:any Hwasong date:2023')).total).toBe(0);
    // A word matches an article when it matches any of its versions, so NOT excludes the article.
    expect((await search(archive.store, 'fertilizer -Hwasong')).total).toBe(1);
    expect((await search(archive.store, 'version:any fertilizer -Hwasong')).total).toBe(0);
  });

  it('sorts by relevance, newest and oldest, with facets counting every match', async () => {
    for (const sort of ['relevance', 'newest', 'oldest'] as const) {
      const r = await search(archive.store, 'version:any Hwasong', { sort, facets: true });
      expect(r.total).toBe(2);
      expect(r.hits).toHaveLength(2);
      expect(r.facets!.source.map((f) => f.count)).toEqual([1, 1]);
    }
    const r = await search(archive.store, 'version:any Hwasong', { sort: 'oldest' });
    expect(r.hits.map((h) => h.sourceId)).toEqual(['kcna-kp-en', 'kcna-kp-es']);
  });

  it("empties the older versions' index on a full reprocess and fills it again", async () => {
    const a = await makeArchive(engine, dir.path);
    await a.import([jsonl([PLANT])]);
    await a.import([jsonl([PLANT_V2])]);
    expect((await search(a.store, 'version:any Hwasong')).total).toBe(1);
    await a.store.clearDerived();
    await a.store.search.refresh();
    expect(
      (await a.store.search.matchOlder({ kind: 'any', tokens: ['hwasong'] })).ids,
    ).toHaveLength(0);
    expect((await search(a.store, 'version:any Hwasong')).total).toBe(0);
    await reprocessAll(a.store, { now: () => '2026-11-28T00:00:00.000Z' });
    expect(await versionsOf(a.store, 'version:any Hwasong')).toEqual({ 'kcna-kp-en': 1 });
    await a.store.close();
  });
});

describe('migration 5 on an existing archive', () => {
  // The archive as it was before migration 5: its tables, trigger and schema version taken back.
  it('sqlite: indexes the older versions already archived', async () => {
    const a = await makeArchive('sqlite', dir.path);
    await a.import([jsonl([PLANT])]);
    await a.import([jsonl([PLANT_V2])]);
    await a.store.close();
    const db = new Database(a.path!);
    // Migration 6 runs again too (it rebuilds captures whatever their shape): its new table goes as well,
    // and so do the later migrations'.
    db.exec(`DROP TRIGGER versions_search_old_insert; DROP TRIGGER versions_people_queue;
      DROP TABLE search_old_fts; DROP TABLE search_old_queue;
      DROP TABLE search_refreshes; ${LATER_MIGRATIONS} ${TAKE_BACK_SOURCE_FIGURES.sqlite}
      UPDATE schema_version SET version = 4`);
    db.close();
    const store = new SqliteStore(a.path!);
    try {
      // Searches only read: the migration's queued work waits for a drain, as after any upgrade.
      expect((await search(store, 'version:any Hwasong')).total).toBe(0);
      await drain(store);
      expect((await search(store, 'Hwasong')).total).toBe(0);
      expect(await versionsOf(store, 'version:any Hwasong')).toEqual({ 'kcna-kp-en': 1 });
    } finally {
      await store.close();
    }
  });

  it('postgres: indexes the older versions already archived', async () => {
    await requirePostgres();
    const schema = freshSchema();
    const first = await PostgresStore.open(PG_URL, { schema });
    for (const f of [jsonl([PLANT]), jsonl([PLANT_V2])])
      await importPaths(first, [f], { format: 'auto', now: () => '2026-11-28T00:00:00.000Z' });
    await first.close();
    // Migration 5 taken back too (the capture queue), so both run again; the later migrations' additions
    // go as well.
    await withClient((c) =>
      c.query(`SET search_path = ${schema}; DROP FUNCTION IF EXISTS people_queue_inserted() CASCADE;
      ${LATER_MIGRATIONS} ${TAKE_BACK_SOURCE_FIGURES.postgres} DROP INDEX captures_incomplete;
      DROP TABLE search_old_docs, search_old_queue; DROP FUNCTION search_old_queue_inserted() CASCADE;
      DROP TABLE search_refreshes; DROP INDEX captures_pending, captures_pending_origin, captures_failed;
      ALTER TABLE captures DROP CONSTRAINT captures_sha256_kind_key, ADD CONSTRAINT captures_sha256_key UNIQUE (sha256),
        DROP COLUMN parent_seq, DROP COLUMN attempts, DROP COLUMN claimed_by, DROP COLUMN claim_expires,
        DROP COLUMN failed_at, DROP COLUMN last_error;
      UPDATE schema_version SET version = 3`),
    );
    const store = await PostgresStore.open(PG_URL, { schema });
    try {
      expect(store.migrated).toBe(migrations.length - 3);
      expect((await search(store, 'version:any Hwasong')).total).toBe(0);
      await drain(store);
      expect((await search(store, 'Hwasong')).total).toBe(0);
      expect(await versionsOf(store, 'version:any Hwasong')).toEqual({ 'kcna-kp-en': 1 });
    } finally {
      await store.close();
    }
  });
});
