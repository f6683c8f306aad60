import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { CORPUS_SLICE, freshArchive, SEED } from '../helpers/archive.js';

const dir = tempDir();
afterAll(() => dir.cleanup());
const file = (name: string, content: string | Buffer) => {
  const path = join(dir.path, name);
  writeFileSync(path, content);
  return path;
};
const goodLine = readFileSync(CORPUS_SLICE, 'utf8').split('\n')[0]!;

describe('bad input: one clear line each, the rest still goes in, the bytes are kept', () => {
  it('rejects empty, binary and invalid UTF-8 pages but keeps their bytes and imports the good page', async () => {
    const a = freshArchive(dir.path);
    const empty = file('empty.txt', '');
    const binary = file(
      'image.txt',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    );
    const latin1 = file(
      'latin1.txt',
      Buffer.concat([
        Buffer.from('Pyongyang, March 24 (KCNA) -- Ra'),
        Buffer.from([0xfa]),
        Buffer.from('l Castro'),
      ]),
    );
    const report = await a.import([empty, binary, latin1, SEED]);
    expect(report.rejected).toBe(3);
    expect(report.errors).toEqual([
      `${empty}: empty file`,
      `${binary}: binary data, not text; not extracted, the bytes are kept`,
      `${latin1}: invalid UTF-8 at byte 32; not extracted, the bytes are kept`,
    ]);
    expect(report.articles.new).toBe(1);
    const stats = await a.store.stats();
    expect(stats.captures).toBe(4);
    expect(stats.capturesWithErrors).toBe(3);
    const kept = (await a.store.listCaptures()).items;
    expect(kept.find((c) => c.origin === latin1)?.size).toBe(41);
    await a.store.close();
  });

  it('rejects bad JSONL lines with file:line and imports every good line', async () => {
    const a = freshArchive(dir.path);
    const lines = [
      goodLine,
      '{"title": "broken", ',
      '[1, 2, 3]',
      '{"source": "KCNA (kcna.co.jp)", "language": "en"}',
      '{"source": "KCNA (kcna.co.jp)", "published": "12/01/2011", "title": "T", "body": "B"}',
      '{"source": 42, "title": "T", "body": "B"}',
      '',
      JSON.stringify({
        ...JSON.parse(goodLine),
        title: 'Another Story',
        body: 'Another body text entirely.',
      }),
    ];
    const bad = file(
      'mixed.jsonl',
      Buffer.concat([
        Buffer.from(`${lines.join('\n')}\n`),
        Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d, 0x0a]),
        Buffer.from('{"source": "KCNA (kcna.co.jp)", "title": "cut off'),
      ]),
    );
    const report = await a.import([bad]);
    expect(report.errors).toEqual([
      expect.stringMatching(new RegExp(`^${bad}:2: invalid JSON \\(`)),
      `${bad}:3: expected a JSON object, got an array`,
      `${bad}:4: record has neither a title nor a body`,
      `${bad}:5: field "published": expected YYYY-MM-DD, got "12/01/2011"`,
      expect.stringMatching(new RegExp(`^${bad}:6: field "source": `)),
      `${bad}:9: invalid UTF-8 at byte 2`,
      `${bad}:10: truncated line: the file ends inside a JSON record`,
    ]);
    expect(report.rejected).toBe(7);
    expect(report.articles.new).toBe(2);
    await a.store.close();
  });

  it('imports the lines before the point where a gzip file is cut off, and says where it stopped', async () => {
    const a = freshArchive(dir.path);
    const whole = gzipSync(readFileSync(CORPUS_SLICE));
    const cut = file('cut.jsonl.gz', whole.subarray(0, Math.floor(whole.length / 2)));
    const report = await a.import([cut]);
    expect(report.rejected).toBe(1);
    expect(report.errors[0]).toMatch(
      new RegExp(
        `^${cut}:\\d+: gzip data is corrupt or truncated; the \\d+ lines before were imported$`,
      ),
    );
    expect(report.articles.new).toBeGreaterThan(50);
    expect(report.articles.new).toBeLessThan(400);
    await a.store.close();
  });

  it('reports missing paths and files that vanish mid-run, and imports the rest', async () => {
    const a = freshArchive(dir.path);
    const folder = join(dir.path, 'folder');
    mkdirSync(join(folder, 'nested'), { recursive: true });
    copyFileSync(SEED, join(folder, 'a-seed.txt'));
    copyFileSync(CORPUS_SLICE, join(folder, 'b-vanishing.jsonl'));
    copyFileSync(CORPUS_SLICE, join(folder, 'nested', 'c-stories.jsonl'));
    writeFileSync(join(folder, '.hidden.txt'), 'not imported');
    const missing = join(dir.path, 'no-such-file.txt');
    const report = await a.import([missing, folder], {
      onFile: ({ path }) => {
        if (path.endsWith('a-seed.txt')) rmSync(join(folder, 'b-vanishing.jsonl'));
      },
    });
    expect(report.errors).toEqual([
      `${missing}: no such file (was it moved or deleted during the import?)`,
      `${join(folder, 'b-vanishing.jsonl')}: no such file (was it moved or deleted during the import?)`,
    ]);
    expect(report.files).toBe(3);
    expect(report.captures.new).toBe(2);
    expect((await a.store.stats()).articles).toBeGreaterThan(390);
    await a.store.close();
  });

  it('names no source only when it cannot: a page without one is rejected with the fix', async () => {
    const a = freshArchive(dir.path);
    const anonymous = file(
      'anonymous.txt',
      'Pyongyang, May 5 (KCNA) -- A meeting took place in Pyongyang on Sunday to mark the day.\n',
    );
    const first = await a.import([anonymous]);
    expect(first.errors).toEqual([
      `${anonymous}: the page names no source; give --source (e.g. --source "KCNA.kp (En)")`,
    ]);
    const second = await a.import([anonymous], { source: 'KCNA.kp (En)' });
    expect(second.rejected).toBe(0);
    expect(second.articles.new).toBe(1);
    await a.store.close();
  });
});
