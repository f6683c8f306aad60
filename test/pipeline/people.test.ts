/**
 * People are derived like everything else: while an import archives each version (read ahead on
 * the worker thread), by the drain from the queue for versions that came without them (an upgraded
 * archive), and again from the captures by `reprocess` — always the same rows.
 */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { drain } from '../../src/pipeline/driver.js';
import { reprocessAll } from '../../src/pipeline/reprocess.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { migrations } from '../../src/store/postgres/migrations.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { CORPUS_SLICE, freshArchive, makeArchive } from '../helpers/archive.js';
import { dropAll, freshSchema, PG_URL, requirePostgres, withClient } from '../helpers/pg.js';
import { importPaths } from '../../src/pipeline/import.js';
import { tempDir } from '../helpers/tmp.js';
import { TAKE_BACK_SOURCE_FIGURES } from '../helpers/source-figures.js';

const dir = tempDir();
afterAll(async () => {
  dir.cleanup();
  await dropAll();
});

/** Everything people pages read, in a stable order. */
async function snapshot(store: ArchiveStore) {
  const people = await store.people.listPeople({ order: 'name', limit: 10_000 });
  const kimJongUn = await store.people.activitiesOf('kim-jong-un');
  // The sources' figures too: before, kept by the triggers; after the migrations ran again, filled
  // by the figures migration from the articles.
  const sources = await store.listSources();
  return { people, kimJongUn, ranks: await store.people.companionRanks(), sources };
}

describe('people in the pipeline', () => {
  it('are read as the 400 stories are imported, and reprocess rebuilds the same', async () => {
    const a = freshArchive(dir.path);
    try {
      await a.import([CORPUS_SLICE]);
      expect(await a.store.people.pendingCount()).toBe(0);
      const before = await snapshot(a.store);
      // Real 2011 wire copy: Kim Jong Un accompanied Kim Jong Il; Choummaly Sayasone got a message.
      const kju = before.people.items.find((p) => p.personId === 'kim-jong-un')!;
      expect(kju.appearances).toBeGreaterThan(3);
      expect(before.people.items.some((p) => p.personId === 'choummaly-sayasone')).toBe(true);
      expect(before.people.items.some((p) => /square|university/i.test(p.name))).toBe(false);
      await reprocessAll(a.store);
      expect(await snapshot(a.store)).toEqual(before);
    } finally {
      await a.store.close();
    }
  });

  it('sqlite: an archive from before people gets them at its next drain', async () => {
    const a = freshArchive(dir.path);
    await a.import([CORPUS_SLICE]);
    const before = await snapshot(a.store);
    await a.store.close();
    const db = new Database(a.path);
    db.exec(`DROP TRIGGER versions_people_queue; DROP TABLE person_mentions; DROP TABLE person_activities;
      DROP TABLE person_removals; DROP TABLE people_queue; DROP TABLE sessions; DROP TABLE api_tokens;
      DROP TABLE saved_searches; DROP TABLE follows; DROP TABLE feed_tokens;
      DROP TABLE alert_deliveries; DROP TABLE alert_channels;
      DROP TABLE users; DROP TABLE audit_log; DROP TABLE translations; DROP TABLE translation_state;
      DROP TABLE search_snapshot; ${TAKE_BACK_SOURCE_FIGURES.sqlite}
      UPDATE schema_version SET version = 8`);
    db.close();
    const store = new SqliteStore(a.path);
    try {
      expect(await store.people.pendingCount()).toBeGreaterThan(300);
      expect((await store.people.listPeople({})).total).toBe(0);
      await drain(store);
      expect(await snapshot(store)).toEqual(before);
    } finally {
      await store.close();
    }
  });

  it('postgres: the same', async () => {
    await requirePostgres();
    const schema = freshSchema();
    const first = await PostgresStore.open(PG_URL, { schema });
    await importPaths(first, [CORPUS_SLICE], {
      format: 'auto',
      now: () => '2026-11-28T00:00:00.000Z',
    });
    const before = await snapshot(first);
    await first.close();
    await withClient((c) =>
      c.query(`SET search_path = ${schema}; DROP FUNCTION IF EXISTS people_queue_inserted() CASCADE;
        DROP TABLE person_mentions, person_activities, person_removals, people_queue;
        DROP TABLE sessions, api_tokens, saved_searches, follows, feed_tokens,
          alert_deliveries, alert_channels, users, audit_log, translations, translation_state,
          search_snapshot; ${TAKE_BACK_SOURCE_FIGURES.postgres}
        UPDATE schema_version SET version = 7`),
    );
    const store = await PostgresStore.open(PG_URL, { schema });
    try {
      // The people migration (8) and every one after it.
      expect(store.migrated).toBe(migrations.length - 7);
      expect(await store.people.pendingCount()).toBeGreaterThan(300);
      await drain(store);
      expect(await snapshot(store)).toEqual(before);
      const sqlite = await makeArchive('sqlite', dir.path);
      await sqlite.import([CORPUS_SLICE]);
      // One derivation, two engines: the same people.
      expect(await snapshot(store)).toEqual(await snapshot(sqlite.store));
      await sqlite.store.close();
    } finally {
      await store.close();
    }
  });
});
