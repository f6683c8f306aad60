/**
 * `wirewatch search … --format csv|jsonl`: every hit (past any page), to a file renamed into place
 * when complete or to standard output, with a --json summary; mistakes are one line and exit 2.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_SLICE } from '../helpers/archive.js';
import { run } from '../helpers/cli.js';
import { pythonCsv } from '../helpers/python-csv.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
const db = join(dir.path, 'export.db');
afterAll(() => dir.cleanup());
beforeAll(() => {
  expect(run(['import', CORPUS_SLICE, '--db', db]).code).toBe(0);
});

describe('wirewatch search --format', () => {
  it('writes every hit as CSV to --out and says so in a --json summary', () => {
    const total = run(['search', 'Korea', '--json', '--db', db]).json().total as number;
    expect(total).toBeGreaterThan(100);
    const out = join(dir.path, 'korea.csv');
    const r = run(['search', 'Korea', '--format', 'csv', '--out', out, '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({
      query: 'Korea',
      sort: 'newest',
      format: 'csv',
      rows: total,
      out,
    });
    expect(existsSync(`${out}.part`)).toBe(false);
    const [header, ...rows] = pythonCsv({ file: out });
    expect(header![0]).toBe('id');
    expect(rows).toHaveLength(total);
  });

  it('streams JSONL to standard output, oldest first when asked, and reports on standard error', () => {
    const r = run(['search', 'Korea', '--format', 'jsonl', '--sort', 'oldest', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const records = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    const days = records
      .map((x) => x.published)
      .filter((p) => p.year !== null && p.month !== null && p.day !== null)
      .map(
        (p) => `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`,
      );
    expect(days.length).toBeGreaterThan(100);
    expect(days).toEqual([...days].sort());
    expect(r.stderr).toMatch(
      /^exported \d+ article\(s\) matching Korea \(oldest first\) as jsonl\n$/,
    );
    expect(readFileSync(CORPUS_SLICE, 'utf8')).toContain(records[0].title);
  });

  it('refuses what it cannot do with one line and exit code 2, leaving no file', () => {
    const out = join(dir.path, 'never.csv');
    for (const args of [
      ['--format', 'xml'],
      ['--out', out],
      ['--format', 'csv', '--json'],
      ['--format', 'csv', '--out', out, '--limit', 'x'],
    ]) {
      const r = run(['search', 'Korea', ...args, '--db', db]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    const bad = run(['search', '"unclosed', '--format', 'csv', '--out', out, '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^wirewatch: query: /);
    expect(existsSync(out)).toBe(false);
  });
});
