/**
 * What `wirewatch import FOLDER` reads: links inside a folder are not followed (a scraped folder with a
 * link to /etc must not import /etc/passwd, and links to each other must not walk forever), and a
 * reprocess stopped after its clear leaves an archive that says so and that the next drain completes.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/pipeline/import.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { CORPUS_SLICE, freshArchive } from '../helpers/archive.js';
import { tempDir } from '../helpers/tmp.js';

describe('import of folders', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());

  it('does not follow links inside a folder, says so in one line each, and returns', async () => {
    const folder = join(dir.path, 'scraped');
    mkdirSync(folder);
    const secret = join(dir.path, 'secret.txt');
    writeFileSync(
      secret,
      'Pyongyang, May 1 (KCNA) -- A secret outside the folder that must not be imported.\n',
    );
    writeFileSync(
      join(folder, 'story.jsonl'),
      `${JSON.stringify({
        source: 'KCNA.kp (En)',
        title: 'Harvest Figures Published',
        body: 'Pyongyang, May 2 (KCNA) -- Farms reported their harvest figures.',
      })}\n`,
    );
    symlinkSync('/etc', join(folder, 'etc'));
    symlinkSync(secret, join(folder, 'secret.txt'));
    symlinkSync(join(folder, 'b'), join(folder, 'a'));
    symlinkSync(join(folder, 'a'), join(folder, 'b'));
    symlinkSync(folder, join(folder, 'loop'));
    const a = freshArchive(dir.path);
    const report = await a.import([folder]);
    expect(report.files).toBe(1);
    const links = report.errors.filter((l) =>
      /a symbolic link inside a folder; not followed/.test(l),
    );
    expect(links.map((l) => l.split(':')[0]!.split('/').pop()).sort()).toEqual([
      'a',
      'b',
      'etc',
      'loop',
      'secret.txt',
    ]);
    const captures = (await a.store.listCaptures()).items.map((c) => c.origin);
    expect(captures).toEqual([join(folder, 'story.jsonl')]);
    // A link named on the command line is what the user asked for.
    const named = await a.import([join(folder, 'secret.txt')]);
    expect(named.files).toBe(1);
    await a.store.close();
  });

  it('a reprocess stopped after its clear leaves its captures pending; the next import completes it', async () => {
    const a = freshArchive(dir.path);
    await a.import([CORPUS_SLICE]);
    const before = await a.store.stats();
    await a.store.clearDerived(); // what reprocess does first, in one transaction; then it is killed
    const stopped = await a.store.stats();
    expect(stopped).toMatchObject({ articles: 0, versions: 0, unprocessedCaptures: 1 });
    await a.store.close();
    const store = new SqliteStore(a.path);
    const again = await importPaths(store, [CORPUS_SLICE], {
      format: 'auto',
      now: () => '2026-11-28T00:00:00.000Z',
    });
    expect(again.captures).toEqual({ new: 1, known: 0 }); // not "already imported"
    expect(await store.stats()).toMatchObject({
      articles: before.articles,
      versions: before.versions,
      unprocessedCaptures: 0,
    });
    await store.close();
  });
});
