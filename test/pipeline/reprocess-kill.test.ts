/**
 * kill -9 of `wirewatch reprocess` on a SQLite archive, in the middle of rebuilding: the archive never
 * claims to be complete with its articles gone (the clear and the re-queue are one transaction, the
 * captures stay pending until drained), and a drain, another reprocess or an import of the same
 * file brings back exactly the archive that was there before — same article ids, titles and versions.
 */
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { run, start } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
afterAll(() => dir.cleanup());
/**
 * Enough stories that the rebuild commits several times (the import commits once a second): with
 * 1,500 a fast machine rebuilt them in one transaction, leaving no moment to kill it in.
 */
const TOTAL = 4000;

function bigFile(): string {
  const path = join(dir.path, 'stories.jsonl');
  const out: string[] = [];
  for (let i = 0; i < TOTAL; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    out.push(
      JSON.stringify({
        source: 'KCNA.kp (En)',
        published: `2023-0${(i % 9) + 1}-${day}`,
        title: `Factory ${i} fulfils its yearly plan`,
        body: `Pyongyang, (KCNA) -- The factory numbered ${i} fulfilled its yearly plan ahead of time.\n\nIts workers will go on to new successes, story ${i} says.`,
      }),
    );
  }
  writeFileSync(path, `${out.join('\n')}\n`);
  return path;
}

async function snapshot(path: string): Promise<string[]> {
  const store = new SqliteStore(path);
  const items: string[] = [];
  for await (const a of store.iterateArticles())
    items.push(`${a.id} ${a.title} v${a.versionCount} ${a.status}`);
  await store.close();
  return items.sort();
}

/**
 * Starts `reprocess` and kills it -9 once the rebuild is well under way (articles partly back). A
 * loaded machine can starve the watcher's timer past the whole rebuild; a reprocess that finished
 * on its own leaves the archive complete, so it simply starts again, a few times at most.
 */
async function killMidRebuild(db: string): Promise<void> {
  for (let attempt = 0; attempt < 6; attempt++) {
    const outcome = await tryKillMidRebuild(db);
    if (outcome === 'killed') return;
    expect(outcome, 'a reprocess that was not killed must succeed').toBe(0);
  }
  throw new Error('reprocess always ended before it could be killed');
}

async function tryKillMidRebuild(db: string): Promise<'killed' | number | null> {
  const child = start(['reprocess', '--db', db]);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const watcher = new Database(db, { readonly: true });
  watcher.pragma('busy_timeout = 5000');
  const count = () =>
    (watcher.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  try {
    let n = count();
    for (let i = 0; i < 1000 && !(n >= 50 && n < TOTAL - 50) && child.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 5));
      n = count();
    }
    if (child.exitCode !== null) return child.exitCode;
    child.kill('SIGKILL');
    // It may have finished between the last look and the kill.
    const code = await exited;
    return code === null ? 'killed' : code;
  } finally {
    child.kill('SIGKILL');
    watcher.close();
  }
}

describe('kill -9 of reprocess (sqlite)', () => {
  it('leaves an archive that says it is incomplete, and a drain, a reprocess or an import completes it', async () => {
    const db = join(dir.path, 'archive.db');
    const file = bigFile();
    expect(run(['import', file, '--db', db]).code).toBe(0);
    const before = await snapshot(db);
    expect(before).toHaveLength(TOTAL);

    for (const finish of [['drain'], ['reprocess'], ['import', file]]) {
      await killMidRebuild(db);
      const stopped = run(['stats', '--db', db, '--json']).json();
      expect(stopped.articles).toBeLessThan(TOTAL);
      expect(stopped.unprocessedCaptures, 'a stopped rebuild is not complete').toBe(1);
      const again = run([...finish, '--db', db]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.stdout).not.toMatch(/[1-9] already imported/);
      expect(run(['stats', '--db', db, '--json']).json()).toMatchObject({
        articles: TOTAL,
        unprocessedCaptures: 0,
        failedCaptures: 0,
      });
      expect(await snapshot(db)).toEqual(before);
    }
  });
});
