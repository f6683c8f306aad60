/**
 * limits.import (src/config.ts): a record over a cap is one line naming the file and where, the rest
 * of the file goes in, and the raw bytes stay kept as the capture.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { freshArchive, SEED } from '../helpers/archive.js';
import { foreignWarc } from '../helpers/warc.js';
import { run } from '../helpers/cli.js';
import { DEFAULT_LIMITS, loadConfig } from '../../src/config.js';
import { numberedLines } from '../../src/capture/lines.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

const record = (title: string, body: string) =>
  JSON.stringify({
    source: 'KCNA (kcna.co.jp)',
    language: 'en',
    published: '2012-01-02',
    title,
    body,
  });
const body = (n: number) =>
  `Pyongyang, January 2 (KCNA) -- Story ${n} tells of ${'many '.repeat(n)}things.`;

describe('size caps of an import', () => {
  it('has defaults, and WIREWATCH_LIMITS overrides them', () => {
    expect(DEFAULT_LIMITS.import).toEqual({
      maxWarcRecordBytes: 64 * 1024 * 1024,
      maxLineBytes: 16 * 1024 * 1024,
      maxTitleChars: 2000,
      maxBodyChars: 2_000_000,
    });
    const env = { WIREWATCH_LIMITS: '{"import": {"maxTitleChars": 10}}' };
    expect(loadConfig({}, env).limits.import.maxTitleChars).toBe(10);
    expect(loadConfig({}, env).limits.import.maxLineBytes).toBe(16 * 1024 * 1024);
  });

  it('rejects a JSONL title, body or line over its cap with one line each; the rest goes in', async () => {
    const a = freshArchive(dir.path);
    const file = join(dir.path, 'oversized.jsonl');
    const lines = [
      record('First', body(1)),
      record('T'.repeat(3000), body(2)),
      record('Third', body(3)),
      record('Huge line', 'x'.repeat(17 * 1024 * 1024)),
      record('Huge body', 'y'.repeat(2_100_000)),
      record('Sixth', body(6)),
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const report = await a.import([file]);
    expect(report.errors).toEqual([
      `${file}:2: title of 3,000 characters is over the limit of 2,000 (limits.import.maxTitleChars); not imported`,
      `${file}:4: a line of ${lines[3]!.length.toLocaleString('en')} bytes is over the limit of 16,777,216 (limits.import.maxLineBytes); not imported`,
      `${file}:5: body of 2,100,000 characters is over the limit of 2,000,000 (limits.import.maxBodyChars); not imported`,
    ]);
    expect(report.rejected).toBe(3);
    expect(report.articles.new).toBe(3);
    const captures = (await a.store.listCaptures()).items;
    expect(captures).toMatchObject([{ kind: 'jsonl', bytesComplete: true }]);
    expect(captures[0]!.size).toBe(lines.join('\n').length + 1);
    await a.store.close();
  });

  it('rejects a text page article over the body cap; its teaser list still goes in', async () => {
    const a = freshArchive(dir.path);
    const limits = { ...DEFAULT_LIMITS.import, maxBodyChars: 100 };
    const report = await a.import([SEED], { limits });
    expect(report.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${SEED}: body of [\\d,]+ characters is over the limit of 100 \\(limits.import.maxBodyChars\\); not imported$`,
        ),
      ),
    ]);
    expect(report.articles.new).toBe(0);
    expect(report.teasers.new).toBe(20);
    await a.store.close();
  });

  it('never holds an oversized line: it is counted, not kept', async () => {
    async function* chunks() {
      for (let i = 0; i < 64; i++) yield Buffer.alloc(1 << 20, 0x61);
      yield Buffer.from('\n{"after": true}\n');
    }
    const out = [];
    for await (const line of numberedLines(chunks(), 1 << 20)) out.push(line);
    expect(out.map((l) => [l.number, l.bytes.length, l.oversized])).toEqual([
      [1, 0, 64 << 20],
      [2, 15, undefined],
    ]);
  });

  it('skips a WARC record whose declared Content-Length is over the cap, saying where', async () => {
    const a = freshArchive(dir.path);
    const records = (await foreignWarc()).map((r) => Buffer.from(r));
    const file = join(dir.path, 'oversized.warc');
    writeFileSync(file, Buffer.concat(records));
    const max = records[1]!.length - 1000;
    const report = await a.import([file], {
      limits: { ...DEFAULT_LIMITS.import, maxWarcRecordBytes: max },
    });
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatch(
      new RegExp(
        `^${file}:${records[0]!.length}: record 2: declared Content-Length of [\\d,]+ bytes is over the limit of ${max.toLocaleString('en')} \\(limits.import.maxWarcRecordBytes\\); skipped, the bytes are kept$`,
      ),
    );
    const captures = (await a.store.listCaptures()).items;
    expect(captures[0]!.kind).toBe('warc-file');
    expect(captures.slice(1).every((c) => c.kind === 'warc')).toBe(true);
    expect(captures[0]!.size).toBe(Buffer.concat(records).length);
    await a.store.close();
  });

  it('exits 1 from the command line, with the limit taken from WIREWATCH_LIMITS', () => {
    const file = join(dir.path, 'cli.jsonl');
    writeFileSync(
      file,
      `${record('A title far too long', body(1))}\n${record('Short', body(2))}\n`,
    );
    const db = join(dir.path, 'cli.db');
    const r = run(['import', file, '--db', db, '--no-progress'], {
      WIREWATCH_LIMITS: '{"import": {"maxTitleChars": 10}}',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${file}:1: title of 20 characters is over the limit of 10 (limits.import.maxTitleChars); not imported`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
