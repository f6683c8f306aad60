/**
 * The search columns a drain writes down (search/columns-snapshot.ts): a new process starts from them
 * instead of reading every article's row, and answers as one that read the rows would, on both engines.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { keepColumnsSnapshot, searchArchive } from '../../src/search/search.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { CORPUS_SLICE, ENGINES, freshArchive, type Engine } from '../helpers/archive.js';
import { dropAll, freshSchema, PG_URL, requirePostgres } from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
const late = join(dir.path, 'late.jsonl');

beforeAll(async () => {
  await requirePostgres();
  const story = (n: number) =>
    JSON.stringify({
      source: 'kcna-kp-en',
      language: 'en',
      published: `2012-02-0${n}`,
      title: `Snapshot Latecomer Number ${n}`,
      body: `Pyongyang, February ${n} (KCNA) -- A latecomer story number ${n}, received after the columns were written down, about the Korean people.`,
    });
  writeFileSync(late, `${[1, 2, 3].map(story).join('\n')}\n`);
});

afterAll(async () => {
  await dropAll();
  dir.cleanup();
});

/** The same archive opened twice: a process of its own each, as far as the columns go. */
async function archiveOn(
  engine: Engine,
): Promise<{ store: ArchiveStore; open: () => Promise<ArchiveStore> }> {
  if (engine === 'sqlite') {
    const a = freshArchive(dir.path);
    return { store: a.store, open: async () => new SqliteStore(a.path) };
  }
  const schema = freshSchema();
  const store = await PostgresStore.open(PG_URL, { schema });
  return { store, open: () => PostgresStore.open(PG_URL, { schema }) };
}

const QUERIES = ['Korea', 'people lang:en', 'Korea date:2012-01', 'Kim Jong Il OR latecomer'];

async function answers(store: ArchiveStore) {
  const out = [];
  for (const query of QUERIES) {
    const r = await searchArchive(store, { query, facets: true, histogram: 'month', limit: 50 });
    out.push({
      total: r.total,
      facets: r.facets,
      histogram: r.histogram,
      ids: r.hits.map((h) => h.id),
    });
  }
  return out;
}

/** Searches `store` and says whether it read every article's row to do it. */
async function searchCounting(store: ArchiveStore) {
  const rows = vi.spyOn(store.search, 'rows');
  const result = await answers(store);
  const fullReads = rows.mock.calls.filter(([docIds]) => docIds === undefined).length;
  return {
    result,
    fullReads,
    rowsRead: rows.mock.calls.flatMap(([docIds]) => docIds ?? []).length,
  };
}

describe.each(ENGINES)('search columns snapshot on %s', (engine) => {
  it('a new process starts from the drain’s snapshot and answers as one that read every row', async () => {
    const { store, open } = await archiveOn(engine);
    const { importPaths } = await import('../../src/pipeline/import.js');
    const now = () => '2026-11-28T00:00:00.000Z';
    await importPaths(store, [CORPUS_SLICE], { format: 'auto', now });
    const kept = await store.search.snapshot(8);
    const { generation } = await store.search.changesSince(-1);
    expect(kept?.generation).toBe(generation);

    const second = await open();
    const snapshotReads = vi.spyOn(second.search, 'snapshot');
    const fresh = await searchCounting(second);
    expect(fresh.fullReads).toBe(0);
    expect(fresh.result[0]!.total).toBeGreaterThan(100);
    // Read once, then kept: not decoded again for every search of the process.
    expect(snapshotReads).toHaveBeenCalledTimes(1);

    // A few more stories: the snapshot is not written again, and a new process applies them to it.
    await importPaths(store, [late], { format: 'auto', now });
    expect((await store.search.snapshot(8))?.generation).toBe(kept!.generation);
    const third = await open();
    const after = await searchCounting(third);
    expect(after.fullReads).toBe(0);
    expect(after.rowsRead).toBe(3);
    expect(after.result[3]!.ids.length).toBeGreaterThan(0);

    // The writer, which read every row, and the readers agree; so does one with no snapshot at all.
    const truth = await answers(store);
    expect(after.result).toEqual(truth);
    expect(await answers(second)).toEqual(truth);
    await store.search.saveSnapshot(generation + 1000, Buffer.from('not a snapshot'));
    const fourth = await open();
    const rebuilt = await searchCounting(fourth);
    expect(rebuilt.fullReads).toBe(1);
    expect(rebuilt.result).toEqual(truth);
    // The next drain's step replaces what no reader can use, whatever generation it claims.
    expect(await keepColumnsSnapshot(fourth)).toBe(true);
    expect(await keepColumnsSnapshot(fourth)).toBe(false);
    const fifth = await open();
    const restored = await searchCounting(fifth);
    expect(restored.fullReads).toBe(0);
    expect(restored.result).toEqual(truth);
    for (const s of [store, second, third, fourth, fifth]) await s.close();
  });
});
