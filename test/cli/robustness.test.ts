import { afterAll, describe, expect, it } from 'vitest';
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../helpers/tmp.js';
import { CORPUS_SLICE, SEED } from '../helpers/archive.js';
import { run, runMeasured, start } from '../helpers/cli.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('robustness', () => {
  it('streams a 100 MB text file: bounded memory, a clear rejection, the bytes kept', async () => {
    const big = join(dir.path, 'huge-page.txt');
    const out = createWriteStream(big);
    const block = Buffer.from(readFileSync(SEED, 'utf8').repeat(40));
    let written = 0;
    while (written < 100 * 1024 * 1024) {
      if (!out.write(block)) await once(out, 'drain');
      written += block.length;
    }
    out.end();
    await once(out, 'finish');
    const archive = join(dir.path, 'big.db');
    const r = runMeasured(['import', big, SEED, '--db', archive]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${big}: over 8 MB of text, too large for one page (use JSONL for many articles); not extracted; the bytes are kept`,
    );
    // A whole-file read would hold the 100 MB twice (bytes and string): streaming stays far below.
    expect(r.peakMiB).toBeLessThan(160);
    const stats = run(['stats', '--db', archive, '--json']).json();
    expect(stats.captureBytes).toBe(written + readFileSync(SEED).length);
    expect(stats.storedCaptureBytes).toBeLessThan(written / 10);
    expect(stats.articles).toBe(1);
  });

  it('leaves a consistent archive after kill -9 mid-import; re-running completes it without duplicates', async () => {
    // 8,000 distinct records: the 400-record slice under 20 prefixes of title and body.
    const records = readFileSync(CORPUS_SLICE, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const big = join(dir.path, 'many.jsonl');
    const lines: string[] = [];
    for (let k = 0; k < 20; k++)
      for (const r of records)
        lines.push(
          JSON.stringify({ ...r, title: `[${k}] ${r.title}`, body: `Item ${k}. ${r.body}` }),
        );
    const body = `${lines.join('\n')}\n`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(big, body);

    const killed = join(dir.path, 'killed.db');
    const child = start(['import', big, '--db', killed]);
    const exited = once(child, 'exit');
    let seen = 0;
    for (let i = 0; i < 1000 && seen < 1500; i++) {
      await new Promise((r) => setTimeout(r, 20));
      try {
        const db = new Database(killed, { readonly: true, fileMustExist: true });
        seen = (db.prepare('SELECT COUNT(*) AS n FROM articles').get() as { n: number }).n;
        db.close();
      } catch {
        seen = 0; // not created yet
      }
    }
    child.kill('SIGKILL');
    const [code, signal] = await exited;
    expect(signal ?? String(code)).toBe('SIGKILL');

    const partial = run(['stats', '--db', killed, '--json']).json();
    expect(partial.unprocessedCaptures).toBe(1);
    expect(partial.articles).toBeGreaterThanOrEqual(1500);
    expect(partial.articles).toBeLessThan(8000);

    expect(run(['import', big, '--db', killed]).code).toBe(0);
    const clean = join(dir.path, 'clean.db');
    expect(run(['import', big, '--db', clean]).code).toBe(0);
    const shape = (db: string) => {
      const rows = run(['export', '--db', db])
        .stdout.split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      return rows.map((r) =>
        r.wirewatch === 'article'
          ? [r.id, r.storyId, r.versions.map((v: any) => v.contentHash)]
          : r,
      );
    };
    const resumed = shape(killed);
    expect(resumed).toEqual(shape(clean));
    expect(run(['stats', '--db', killed, '--json']).json()).toMatchObject({
      unprocessedCaptures: 0,
      captures: 1,
    });
  }, 240_000);
});
