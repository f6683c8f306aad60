/**
 * `archived:` finds texts by when the archive received them, not when they were published: days of
 * receipt and a span back from the search, the same on both engines.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchArchive } from '../../src/search/search.js';
import { CORPUS_SLICE, ENGINES, makeArchive } from '../helpers/archive.js';
import { dropAll, requirePostgres } from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
const archives = new Map<string, Awaited<ReturnType<typeof makeArchive>>>();
const twoHoursAgo = new Date(Date.now() - 2 * 3600_000).toISOString();

beforeAll(async () => {
  await requirePostgres();
  const late = join(dir.path, 'late.jsonl');
  writeFileSync(
    late,
    `${JSON.stringify({
      source: 'kcna-kp-en',
      language: 'en',
      published: '2012-01-05',
      title: 'Late Arrival Of An Old Story',
      body: 'Pyongyang, January 5 (KCNA) -- An old story from 2012 that the archive received only today, long after it was published, from another collection.',
    })}\n`,
  );
  for (const engine of ENGINES) {
    const a = await makeArchive(engine, dir.path);
    await a.import([CORPUS_SLICE]);
    await a.import([late], { now: () => twoHoursAgo });
    archives.set(engine, a);
  }
}, 60_000);

afterAll(async () => {
  for (const a of archives.values()) await a.store.close();
  await dropAll();
  dir.cleanup();
});

describe.each(ENGINES)('archived: on %s', (engine) => {
  const search = (query: string) => searchArchive(archives.get(engine)!.store, { query });

  it('finds what arrived in the last hours, whatever its publication date', async () => {
    const recent = await search('archived:24h');
    expect(recent.hits.map((h) => h.title.segments.map((s) => s.text).join(''))).toEqual([
      'Late Arrival Of An Old Story',
    ]);
    expect((await search('archived:1h')).total).toBe(0);
    expect((await search('date:2012-01-05 archived:7d')).total).toBe(1);
  });

  it('finds what arrived on a day, or from a day on', async () => {
    const all = (await search('Korea OR story')).total;
    const first = (await search('(Korea OR story) archived:2026-11-28')).total;
    expect(first).toBe(all - 1);
    const today = twoHoursAgo.slice(0, 10);
    expect((await search(`story archived:${today}..`)).total).toBe(1);
    expect((await search('archived:2026-11-29..2026-11-30')).total).toBe(0);
  });
});
