import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { prepareBatch, prepareLine } from '../../src/ingest/prepare-line.js';
import { CORPUS_SLICE } from '../helpers/archive.js';
import { DEFAULT_LIMITS } from '../../src/config.js';

const { maxTitleChars, maxBodyChars } = DEFAULT_LIMITS.import;
const defaults = { sourceLabel: null, language: null, limits: { maxTitleChars, maxBodyChars } };
const lines = readFileSync(CORPUS_SLICE, 'utf8').split('\n').filter(Boolean).slice(0, 300);

describe('preparing JSONL lines', () => {
  it('classifies blank, bad, export and record lines', () => {
    expect(prepareLine(1, Buffer.from('   '), true, defaults)).toEqual({
      number: 1,
      kind: 'blank',
    });
    expect(prepareLine(2, Buffer.from('{"a":'), true, defaults)).toMatchObject({
      kind: 'error',
      parsed: false,
      message: expect.stringMatching(/^invalid JSON/),
    });
    expect(prepareLine(3, Buffer.from('{"a":'), false, defaults)).toMatchObject({
      kind: 'error',
      message: 'truncated line: the file ends inside a JSON record',
    });
    expect(prepareLine(4, Buffer.from('[1]'), true, defaults)).toMatchObject({
      kind: 'error',
      parsed: true,
    });
    expect(prepareLine(5, Buffer.from('{"wirewatch":"source"}'), true, defaults)).toMatchObject({
      kind: 'export',
    });
    const record = prepareLine(6, Buffer.from(lines[0]!), true, defaults);
    expect(record).toMatchObject({
      kind: 'record',
      sourceLabel: 'KCNA (kcna.co.jp)',
      article: { language: 'en' },
    });
  });

  it('gives the same results on the worker thread (built CLI) as inline', async () => {
    // npm test builds dist/ first; the built preparer finds its compiled worker and uses it.
    const built = await import(new URL('../../dist/ingest/line-preparer.js', import.meta.url).href);
    const preparer = new built.LinePreparer(defaults);
    const numbered = lines.map((l, i) => ({
      number: i + 1,
      bytes: Buffer.from(l),
      terminated: true,
    }));
    try {
      expect((preparer as { worker: unknown }).worker).not.toBeNull();
      const viaWorker = await preparer.prepare(numbered);
      const ends: number[] = [];
      let at = 0;
      for (const l of numbered) ends.push((at += l.bytes.length));
      const inline = prepareBatch({
        numbers: numbered.map((l) => l.number),
        ends,
        terminated: numbered.map(() => true),
        bytes: Buffer.concat(numbered.map((l) => l.bytes)),
        defaults,
      });
      expect(viaWorker).toHaveLength(300);
      expect(viaWorker.map((l: any) => l.article)).toEqual(inline.map((l: any) => l.article));
      expect(
        viaWorker.map((l: any) => [
          l.number,
          l.kind,
          l.prepared?.hash,
          l.prepared?.keys.bodyHash,
          l.prepared?.keys.signature && Buffer.from(l.prepared.keys.signature).toString('hex'),
        ]),
      ).toEqual(
        inline.map((l: any) => [
          l.number,
          l.kind,
          l.prepared?.hash,
          l.prepared?.keys.bodyHash,
          l.prepared?.keys.signature && Buffer.from(l.prepared.keys.signature).toString('hex'),
        ]),
      );
    } finally {
      await preparer.close();
    }
  });
});
