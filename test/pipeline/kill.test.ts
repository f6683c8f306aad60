/**
 * kill -9 of a PostgreSQL worker in the middle of a capture: another worker (a second process) takes
 * the capture over and finishes it. Nothing is lost and nothing is applied twice: the archive equals a
 * clean import of the same file. (SQLite's kill -9 import is test/cli/robustness.test.ts.)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/pipeline/import.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { run, start } from '../helpers/cli.js';
import {
  dropAll,
  freshPgStore,
  freshPgUrl,
  PG_URL,
  requirePostgres,
  schemaOf,
} from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';

const PLACES = [
  'Hamhung',
  'Chongjin',
  'Wonsan',
  'Sinuiju',
  'Kaesong',
  'Nampho',
  'Haeju',
  'Kanggye',
];

/** Stories enough that the import is still running when it is killed. */
function bigFile(dir: string, lines: number): string {
  const path = join(dir, 'stories.jsonl');
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const place = PLACES[i % PLACES.length]!;
    const day = String((i % 28) + 1).padStart(2, '0');
    out.push(
      JSON.stringify({
        source: 'KCNA.kp (En)',
        language: 'en',
        published: `2023-0${(i % 9) + 1}-${day}`,
        title: `${place} factory ${i} fulfils its plan`,
        body:
          `${place}, (KCNA) -- The factory numbered ${i} in ${place} fulfilled its yearly plan ahead of time.\n\n` +
          `Its workers, story ${i} says, will go on to new successes in the production of goods.`,
      }),
    );
  }
  writeFileSync(path, `${out.join('\n')}\n`);
  return path;
}

async function snapshot(store: ArchiveStore) {
  const items: string[] = [];
  for await (const a of store.iterateArticles())
    items.push(`${a.id} ${a.title} v${a.versionCount}`);
  return items.sort();
}

describe('kill -9 of a worker mid-capture (postgres)', () => {
  const dir = tempDir();
  afterAll(async () => {
    dir.cleanup();
    await dropAll();
  });

  it('a second worker finishes the capture: nothing lost, nothing applied twice', async () => {
    await requirePostgres();
    const file = bigFile(dir.path, 1500);
    const url = freshPgUrl();
    const watcher = await PostgresStore.open(PG_URL, { schema: schemaOf(url) });
    const child = start(['import', file, '--db', url]);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      // Until some batches are committed, then kill -9 mid-capture.
      for (let i = 0; i < 600 && (await watcher.stats()).articles < 100; i++)
        await new Promise((r) => setTimeout(r, 50));
      const partial = (await watcher.stats()).articles;
      expect(partial).toBeGreaterThan(0);
      child.kill('SIGKILL');
      await exited;
      expect(partial).toBeLessThan(1500);
      const held = await watcher.listClaims();
      expect(held).toHaveLength(1); // the dead worker's claim, still in the queue
      // Another worker: it sees the holder died (same host, no such process) and takes the capture over.
      const second = run(['drain', '--db', url, '--json']);
      expect(second.code, second.stderr).toBe(0);
      expect(second.json()).toMatchObject({ processed: 1, failed: 0 });
      const clean = await freshPgStore();
      await importPaths(clean, [file], { format: 'auto' });
      expect(await snapshot(watcher)).toEqual(await snapshot(clean));
      expect(await watcher.stats()).toMatchObject({
        articles: 1500,
        versions: 1500,
        unprocessedCaptures: 0,
        failedCaptures: 0,
      });
      const [capture] = (await watcher.listCaptures()).items;
      expect(capture).toMatchObject({
        attempts: 2,
        processedAt: expect.any(String),
        lastError: null,
      });
      await clean.close();
    } finally {
      child.kill('SIGKILL');
      await watcher.close();
    }
  });
});
