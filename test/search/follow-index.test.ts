/**
 * The word lists and postings a process keeps (search/token-cache.ts) follow the index: after an
 * import re-indexes a few articles, a search reads nothing of the index for the words it kept, and
 * answers exactly as a process that starts afresh on the same archive.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/pipeline/import.js';
import { searchArchive, type SearchResult } from '../../src/search/search.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { CORPUS_SLICE, ENGINES, type Engine } from '../helpers/archive.js';
import { dropAll, freshSchema, PG_URL, requirePostgres } from '../helpers/pg.js';
import { PLANT } from '../helpers/plant.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
afterAll(async () => {
  await dropAll();
  dir.cleanup();
});

let files = 0;
const jsonl = (records: object[]) => {
  const path = join(dir.path, `records-${files++}.jsonl`);
  writeFileSync(path, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
};

/** A way to open the same archive again, as another process would. */
async function archiveOn(engine: Engine): Promise<() => Promise<ArchiveStore>> {
  if (engine === 'sqlite') {
    const path = join(dir.path, `follow-${files++}.db`);
    return async () => new SqliteStore(path);
  }
  await requirePostgres();
  const schema = freshSchema();
  return () => PostgresStore.open(PG_URL, { schema });
}

/** Reads of the index for words: lists (`match`) and postings. */
function countReads(store: ArchiveStore): string[] {
  const reads: string[] = [];
  const index = store.search;
  const match = index.match.bind(index);
  const postings = index.postings.bind(index);
  index.match = (expr) => {
    reads.push(`match ${JSON.stringify(expr)}`);
    return match(expr);
  };
  index.postings = (token) => {
    reads.push(`postings ${token}`);
    return postings(token);
  };
  return reads;
}

const page = (r: SearchResult) => ({
  total: r.total,
  hits: r.hits.map((h) => [h.id, h.score]),
});

/**
 * A writer and a reader of one archive holding the corpus slice and PLANT, as two processes would
 * hold it; `load` imports more through the writer, `open` opens it again.
 */
async function withArchive(
  engine: Engine,
  run: (archive: {
    open: () => Promise<ArchiveStore>;
    load: (path: string) => Promise<unknown>;
    reader: ArchiveStore;
  }) => Promise<void>,
): Promise<void> {
  const open = await archiveOn(engine);
  const store = await open();
  const now = () => '2026-11-28T00:00:00.000Z';
  const load = (path: string) => importPaths(store, [path], { format: 'auto', now });
  const reader = await open();
  try {
    await load(CORPUS_SLICE);
    await load(jsonl([PLANT]));
    await run({ open, load, reader });
  } finally {
    await reader.close();
    await store.close();
  }
}

describe.each(ENGINES)('kept word lists after an import on %s', (engine) => {
  it('are patched, not read again, and answer as a fresh process does', async () => {
    await withArchive(engine, async ({ open, load, reader }) => {
      const queries = ['fertilizer', 'workers plan', 'fert*', 'workers -plant'];
      for (const query of queries) await searchArchive(reader, { query });
      const reads = countReads(reader);

      // An edit (Hwasong and "plant" gone from the body) and two new articles.
      const edited = { ...PLANT, body: PLANT.body.replace('Hwasong fertilizer plant', 'factory') };
      const added = [
        {
          ...PLANT,
          published: '2024-06-03',
          title: 'Fertilizer Output Grows',
          body: 'Fertilizer output grew in every province, workers of the plants said.',
        },
        {
          ...PLANT,
          published: '2024-06-04',
          title: 'Harvest Begins',
          body: 'Farmers began the harvest with fertilizer from the new plant.',
        },
      ];
      await load(jsonl([edited, ...added]));

      const fresh = await open();
      const same = async (query: string) =>
        expect(page(await searchArchive(reader, { query })), query).toEqual(
          page(await searchArchive(fresh, { query })),
        );
      try {
        for (const query of queries) await same(query);
        // Nothing of the index read for the words kept.
        expect(reads).toEqual([]);
        // Words never asked before are read, and the edit shows there too.
        for (const query of ['plant', 'hwasong']) await same(query);
        expect(reads.length).toBeGreaterThan(0);
      } finally {
        await fresh.close();
      }
    });
  }, 60_000);
});

describe.each(ENGINES)('kept phrase matches on %s', (engine) => {
  it('are read once per generation of the index, and again after an import', async () => {
    await withArchive(engine, async ({ open, load, reader }) => {
      const query = '"fertilizer plant" OR title:"fertilizer plant"';
      const before = await searchArchive(reader, { query });
      expect(before.total).toBeGreaterThan(0);
      const reads = countReads(reader);
      expect(page(await searchArchive(reader, { query }))).toEqual(page(before));
      expect(reads).toEqual([]);

      // The phrase leaves one article and comes into a new one (its headline too).
      const edited = { ...PLANT, body: PLANT.body.replace('Hwasong fertilizer plant', 'factory') };
      const added = {
        ...PLANT,
        published: '2024-06-05',
        title: 'A New Fertilizer Plant',
        body: 'The fertilizer plant opened in the spring, workers said.',
      };
      await load(jsonl([edited, added]));
      const fresh = await open();
      try {
        const after = await searchArchive(reader, { query });
        expect(page(after)).toEqual(page(await searchArchive(fresh, { query })));
        expect(after.total).not.toEqual(before.total);
        expect(reads.filter((r) => r.startsWith('match')).length).toBeGreaterThan(0);
      } finally {
        await fresh.close();
      }
    });
  }, 60_000);
});

describe.each(ENGINES)('searches at once on %s', (engine) => {
  it('share each read of the index, and answer as one search alone does', async () => {
    await withArchive(engine, async ({ open, reader }) => {
      const queries = ['fertilizer plant', '"fertilizer plant" workers', 'fert* -hwasong'];
      const reads = countReads(reader);
      const together = await Promise.all(
        [...queries, ...queries, ...queries].map((query) => searchArchive(reader, { query })),
      );
      // Each list or postings read once, however many searches needed it at the same time.
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.length).toBe(new Set(reads).size);
      const alone = await open();
      try {
        for (const [i, result] of together.entries()) {
          const query = queries[i % queries.length]!;
          expect(page(result), query).toEqual(page(await searchArchive(alone, { query })));
        }
      } finally {
        await alone.close();
      }
    });
  }, 60_000);
});
