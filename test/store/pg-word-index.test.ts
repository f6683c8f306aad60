import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/pipeline/import.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { dropAll, freshSchema, PG_URL, requirePostgres, withClient } from '../helpers/pg.js';
import { CORPUS_SLICE } from '../helpers/archive.js';

beforeAll(requirePostgres);
afterAll(dropAll);

/** The GIN index's object id (a new one once dropped and built again), or null when it is missing. */
const indexOid = (schema: string) =>
  withClient(async (c) => {
    const { rows } = await c.query<{ oid: string | null }>(
      `SELECT to_regclass($1)::oid::text AS oid`,
      [`${schema}.search_docs_tsv`],
    );
    return rows[0]!.oid;
  });

/** What a search reads of the index: the articles holding each word, and the vocabulary. */
async function searchable(store: PostgresStore) {
  const words = ['korea', 'kim', 'pyongyang', 'delegation', 'nepal', 'harvest'];
  const matches = [];
  for (const word of words)
    matches.push([...(await store.search.match({ kind: 'any', tokens: [word] })).ids]);
  return { matches, vocabulary: await store.search.vocabulary('d', 1_000) };
}

async function openWith(searchBulkFrom?: number) {
  const schema = freshSchema();
  const store = await PostgresStore.open(PG_URL, { schema, searchBulkFrom });
  return { schema, store };
}

describe('the search index built once for a large refresh (PostgreSQL)', () => {
  it('builds the GIN index once when the queue outgrows it, and indexes what entry by entry would', async () => {
    const bulk = await openWith(50);
    const entries = await openWith();
    try {
      const [bulkBefore, entriesBefore] = [
        await indexOid(bulk.schema),
        await indexOid(entries.schema),
      ];
      await importPaths(bulk.store, [CORPUS_SLICE], { format: 'auto' });
      await importPaths(entries.store, [CORPUS_SLICE], { format: 'auto' });
      const bulkAfter = await indexOid(bulk.schema);
      expect(bulkAfter).not.toBeNull();
      expect(bulkAfter).not.toBe(bulkBefore);
      expect(await indexOid(entries.schema)).toBe(entriesBefore);
      const found = await searchable(bulk.store);
      expect(found.matches.every((ids) => ids.length > 0)).toBe(true);
      expect(found).toEqual(await searchable(entries.store));

      // The archive now holds more than a second import of the same size queues: entry by entry.
      await withClient((c) => c.query(`UPDATE ${bulk.schema}.articles SET title = title || ' '`));
      await bulk.store.search.refresh();
      expect(await indexOid(bulk.schema)).toBe(bulkAfter);
    } finally {
      await bulk.store.close();
      await entries.store.close();
    }
  });

  it('mends an index a refresh cut off left missing, and searches without it meanwhile', async () => {
    const { schema, store } = await openWith(50);
    try {
      await importPaths(store, [CORPUS_SLICE], { format: 'auto' });
      const expected = await searchable(store);
      // What a bulk refresh killed between its drop and its build leaves behind.
      await withClient((c) => c.query(`DROP INDEX ${schema}.search_docs_tsv`));
      expect(await searchable(store)).toEqual(expected);
      expect(await store.search.refresh()).toMatchObject({ changed: [] });
      expect(await indexOid(schema)).not.toBeNull();
      expect(await searchable(store)).toEqual(expected);
    } finally {
      await store.close();
    }
  });

  it('indexes entry by entry when a search holds the table past the wait', async () => {
    const { schema, store } = await openWith(50);
    const before = await indexOid(schema);
    try {
      // A reader's open transaction holds the table: the drop would have to wait for it.
      await withClient(async (c) => {
        await c.query('BEGIN');
        await c.query(`SELECT count(*) FROM ${schema}.search_docs`);
        await importPaths(store, [CORPUS_SLICE], { format: 'auto' });
        await c.query('COMMIT');
      });
      expect(await indexOid(schema)).toBe(before);
      expect((await searchable(store)).matches.every((ids) => ids.length > 0)).toBe(true);
    } finally {
      await store.close();
    }
  });
});
