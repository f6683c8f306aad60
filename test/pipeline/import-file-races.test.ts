/**
 * A file that vanishes or changes between being hashed and being stored: one line for it, the
 * other files go in, no incomplete capture is left behind, and a re-run imports it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { appendFileSync, copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { CORPUS_SLICE, ENGINES, makeArchive, SEED } from '../helpers/archive.js';
import { dropAll } from '../helpers/pg.js';
import { importPaths } from '../../src/pipeline/import.js';
import type { ArchiveStore } from '../../src/store/types.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

/** The store as import sees it, doing `act` once: after the file is hashed, before it is stored. */
function racing(store: ArchiveStore, act: () => void): ArchiveStore {
  let done = false;
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (key === 'getCapture' && !done)
        return (...args: Parameters<ArchiveStore['getCapture']>) => {
          done = true;
          act();
          return target.getCapture(...args);
        };
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe.each(ENGINES)('import racing the file system (%s)', (engine) => {
  afterAll(async () => {
    if (engine === 'postgres') await dropAll();
  });

  it.each([
    ['deleted', (path: string) => rmSync(path), 'no such file'],
    ['changed', (path: string) => appendFileSync(path, '\n\n'), 'the file changed'],
  ])('reports a file %s before it is stored and imports the rest', async (_, act, reason) => {
    const a = await makeArchive(engine, dir.path);
    const racer = join(dir.path, `racer-${engine}-${reason.length}.jsonl`);
    copyFileSync(CORPUS_SLICE, racer);
    const now = () => '2026-11-28T00:00:00.000Z';
    const report = await importPaths(
      racing(a.store, () => act(racer)),
      [racer, SEED],
      {
        format: 'auto',
        now,
      },
    );
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatch(new RegExp(`^${racer}: ${reason}[^\\n]*$`));
    expect(report.rejected).toBe(1);
    expect(report.captures.new).toBe(1);
    expect((await a.store.listCaptures()).items.filter((c) => !c.bytesComplete)).toEqual([]);

    copyFileSync(CORPUS_SLICE, racer);
    const again = await a.import([racer]);
    expect(again.rejected).toBe(0);
    expect(again.captures.new).toBe(1);
    expect((await a.store.stats()).articles).toBeGreaterThan(390);
    await a.store.close();
  });
});
