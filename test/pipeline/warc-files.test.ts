/**
 * WARC files written by other tools (warcio.js's test data, copied from ../shared/fixtures/warc):
 * every one imports with a clear outcome and returns, on both engines. The one-exchange file was the
 * import that never returned: its exchange has the file's own sha-256, and the file's capture was fed
 * back into itself.
 */
import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ENGINES, makeArchive } from '../helpers/archive.js';
import { dropAll } from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';

const DIR = new URL('../fixtures/warc/', import.meta.url).pathname;
const FILES = readdirSync(DIR)
  .filter((f) => /\.warc(\.gz)?$/.test(f))
  .sort();

describe.each(ENGINES)('WARC files of other tools (%s)', (engine) => {
  const dir = tempDir();
  afterAll(async () => {
    dir.cleanup();
    if (engine === 'postgres') await dropAll();
  });

  it('an uncompressed WARC of one exchange is two captures, the file and its exchange, and the import returns', async () => {
    const a = await makeArchive(engine, dir.path);
    const report = await a.import([`${DIR}redirect.warc`]);
    expect(report.errors).toEqual([]);
    const captures = (await a.store.listCaptures()).items;
    expect(captures.map((c) => c.kind)).toEqual(['warc-file', 'warc']);
    const [file, exchange] = captures as [(typeof captures)[0], (typeof captures)[0]];
    expect(exchange.sha256).toBe(file.sha256); // the same bytes, two kinds: two keys
    expect(exchange.parentSeq).toBe(file.seq);
    expect(captures.every((c) => c.processedAt !== null && c.failedAt === null)).toBe(true);
    // Again: nothing new, and still it returns.
    const again = await a.import([`${DIR}redirect.warc`]);
    expect(again.captures).toEqual({ new: 0, known: 1 });
    expect((await a.store.listCaptures()).total).toBe(2);
    await a.store.close();
  });

  it.each(FILES)(
    '%s imports with a clear outcome: each exchange a capture, or one line naming the record',
    async (name) => {
      const a = await makeArchive(engine, dir.path);
      const report = await a.import([`${DIR}${name}`]);
      for (const line of report.errors) {
        expect(line.startsWith(`${DIR}${name}`), line).toBe(true);
        expect(line).not.toMatch(/\n/);
        expect(line).toMatch(/the bytes are kept/);
      }
      const stats = await a.store.stats();
      expect(stats.unprocessedCaptures).toBe(0);
      expect(stats.failedCaptures).toBe(0);
      const captures = (await a.store.listCaptures()).items;
      expect(captures[0]).toMatchObject({ kind: 'warc-file', origin: `${DIR}${name}` });
      // A file that breaks at its first record has no exchange; any other has at least one.
      if (!report.errors.some((l) => /record 1:|not a WARC file/.test(l)))
        expect(captures.length).toBeGreaterThan(1);
      await a.store.close();
    },
  );
});
