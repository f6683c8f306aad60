/**
 * Several workers on one archive, both engines: two stores (two connections or pools, as two
 * processes have) drain one queue, and two imports of overlapping inputs run at once. Each capture is
 * processed once, and the archive ends as one sequential import leaves it.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureFile } from '../../src/capture/capture-file.js';
import { importPaths } from '../../src/pipeline/import.js';
import { drain } from '../../src/pipeline/driver.js';
import { PostgresStore } from '../../src/store/postgres/index.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import type { ArchiveStore } from '../../src/store/types.js';
import { ENGINES, type Engine } from '../helpers/archive.js';
import { CLI } from '../helpers/cli.js';
import { dropAll, freshSchema, PG_URL } from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';

const now = () => '2026-11-28T00:00:00.000Z';
const TOPICS = [
  'fertilizer plant',
  'railway line',
  'power station',
  'fishing port',
  'textile mill',
  'coal mine',
  'orchard',
  'dam',
];

/** One JSONL file per story: a story of its own, on its own day. */
function storyFiles(dir: string, prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const topic = TOPICS[i % TOPICS.length]!;
    const day = String((i % 28) + 1).padStart(2, '0');
    const title = `Workers of the ${topic} number ${i} report new records`;
    const body =
      `Pyongyang, May ${day} (KCNA) -- Workers of the ${topic} number ${i} reported new records this month.\n\n` +
      `They said story ${i} was written for the concurrency test, and no other story says so.`;
    const path = join(dir, `${prefix}-${i}.jsonl`);
    writeFileSync(
      path,
      `${JSON.stringify({ source: 'KCNA.kp (En)', language: 'en', published: `2024-05-${day}`, title, body })}\n`,
    );
    return path;
  });
}

/**
 * Two handles on one archive: for PostgreSQL two pools, as two processes have; for SQLite one
 * connection shared, as the crawler, the drain and the web server share it under `serve --crawl`
 * (two connections in one process would block each other's event loop: better-sqlite3 waits
 * synchronously; two processes are tested through the CLI below).
 */
async function twoHandles(
  engine: Engine,
  dir: string,
  name: string,
): Promise<[ArchiveStore, ArchiveStore]> {
  if (engine === 'sqlite') {
    const store = new SqliteStore(join(dir, `${name}.db`));
    return [store, store];
  }
  const schema = freshSchema();
  const a = await PostgresStore.open(PG_URL, { schema });
  return [a, await PostgresStore.open(PG_URL, { schema })];
}

async function snapshot(store: ArchiveStore) {
  const items = (await store.listArticles({ limit: 1000, order: 'oldest' })).items;
  return items.map((a) => `${a.id} ${a.title} v${a.versionCount} ${a.status}`).sort();
}

describe.each(ENGINES)('several workers on one archive (%s)', (engine) => {
  const dir = tempDir();
  afterAll(async () => {
    dir.cleanup();
    if (engine === 'postgres') await dropAll();
  });

  it('two workers draining one queue process each capture once', async () => {
    const [a, b] = await twoHandles(engine, dir.path, 'drain');
    const files = storyFiles(dir.path, `${engine}-q`, 24);
    for (const path of files)
      await captureFile(a, path, { format: 'auto', options: {}, capturedAt: now() });
    const [ra, rb] = await Promise.all([drain(a, { worker: 'a' }), drain(b, { worker: 'b' })]);
    expect(ra.failures + rb.failures).toBe(0);
    expect(ra.processed + rb.processed).toBe(24);
    expect(ra.report.articles.new + rb.report.articles.new).toBe(24);
    expect(ra.report.articles.unchanged + rb.report.articles.unchanged).toBe(0);
    const stats = await a.stats();
    expect(stats).toMatchObject({
      articles: 24,
      versions: 24,
      unprocessedCaptures: 0,
      failedCaptures: 0,
    });
    await a.close();
    if (b !== a) await b.close();
  });

  it('two imports of overlapping inputs at once end as one import of all of them', async () => {
    const files = storyFiles(dir.path, `${engine}-o`, 12);
    const [a, b] = await twoHandles(engine, dir.path, 'overlap');
    const opts = { format: 'auto' as const, now };
    const [ra, rb] = await Promise.all([
      importPaths(a, files.slice(0, 8), opts),
      importPaths(b, files.slice(4), opts),
    ]);
    expect(ra.rejected + rb.rejected).toBe(0);
    const [c] = await twoHandles(engine, dir.path, 'sequential');
    await importPaths(c, files, opts);
    expect(await snapshot(a)).toEqual(await snapshot(c));
    expect((await a.stats()).versions).toBe(12);
    for (const s of new Set([a, b, c])) await s.close();
  });
});

describe('two processes importing into one SQLite file at once', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());

  it('overlapping inputs end as one import of all of them, nothing rejected', async () => {
    const files = storyFiles(dir.path, 'p', 16);
    const db = join(dir.path, 'two-processes.db');
    const runs = await Promise.all([
      runAsync(['import', ...files.slice(0, 10), '--db', db, '--json']),
      runAsync(['import', ...files.slice(6), '--db', db, '--json']),
    ]);
    for (const r of runs) expect(r.status, `${r.stderr}${r.stdout}`).toBe(0);
    const c = new SqliteStore(join(dir.path, 'sequential.db'));
    await importPaths(c, files, { format: 'auto', now });
    const a = new SqliteStore(db);
    expect(await snapshot(a)).toEqual(await snapshot(c));
    expect(await a.stats()).toMatchObject({
      articles: 16,
      versions: 16,
      unprocessedCaptures: 0,
      failedCaptures: 0,
    });
    await a.close();
    await c.close();
  });
});

function runAsync(
  args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
