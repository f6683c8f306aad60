/** `wirewatch captures`, `drain` and `work` as a user runs them: --help, --json shapes, exit codes. */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { CORPUS_SLICE } from '../helpers/archive.js';
import { run } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

describe('wirewatch captures / drain / work', () => {
  const dir = tempDir();
  afterAll(() => dir.cleanup());
  const db = join(dir.path, 'c.db');

  it('have --help', () => {
    for (const command of ['captures', 'drain', 'work']) {
      const r = run([command, '--help']);
      expect(r.code, command).toBe(0);
      expect(r.stdout).toMatch(/--json|--db|Usage/);
    }
  });

  it('lists captures as {items, total} with their queue state; drain has nothing left after import', () => {
    expect(run(['import', CORPUS_SLICE, '--db', db, '--json']).code).toBe(0);
    const all = run(['captures', '--db', db, '--json']);
    expect(all.code).toBe(0);
    expect(all.json()).toMatchObject({
      total: 1,
      items: [{ kind: 'jsonl', state: 'done', attempts: 1, lastError: null }],
    });
    expect(run(['captures', '--failed', '--db', db, '--json']).json()).toEqual({
      items: [],
      total: 0,
    });
    const drained = run(['drain', '--db', db, '--json']);
    expect(drained.code).toBe(0);
    expect(drained.json()).toMatchObject({ ok: true, processed: 0, failed: 0 });
    expect(run(['captures', '--retry', '--db', db, '--json']).json()).toEqual({ requeued: 0 });
    expect(run(['captures', '--db', db]).stdout).toMatch(/done\s+jsonl\s.*\n1 of 1 capture\(s\)/);
  });

  it('refuses what it cannot do with exit code 2 and one line', () => {
    const both = run(['captures', '--failed', '--pending', '--db', db]);
    expect(both.code).toBe(2);
    expect(both.stderr.trim().split('\n')).toHaveLength(1);
    const workers = run(['drain', '--workers', '2', '--db', db]);
    expect(workers.code).toBe(2);
    expect(workers.stderr).toMatch(/needs a PostgreSQL archive/);
    expect(run(['drain', '--workers', 'x', '--db', db]).code).toBe(2);
  });
});
