import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_SLICE } from '../helpers/archive.js';
import { run } from '../helpers/cli.js';
import { PLANT } from '../helpers/plant.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
const db = join(dir.path, 'search.db');
afterAll(() => dir.cleanup());
beforeAll(() => {
  expect(run(['import', CORPUS_SLICE, '--db', db]).code).toBe(0);
});

describe('wirewatch search', () => {
  it('prints hits as {items, total} JSON with facets and a histogram', () => {
    const r = run([
      'search',
      '"Kim Jong Il" lang:en',
      '--sort',
      'newest',
      '--limit',
      '5',
      '--facets',
      '--histogram',
      'week',
      '--json',
      '--db',
      db,
    ]);
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.items).toHaveLength(5);
    expect(out.total).toBeGreaterThan(5);
    expect(out).toMatchObject({
      query: '"Kim Jong Il" AND lang:en',
      sort: 'newest',
      offset: 0,
      limit: 5,
    });
    expect(out.items[0]).toMatchObject({
      id: expect.stringMatching(/^a[0-9a-f]{15}$/),
      sourceId: 'kcna-co-jp-en',
      language: 'en',
    });
    expect(out.facets.language).toEqual([{ value: 'en', count: out.total }]);
    expect(out.histogram.interval).toBe('week');
    // Pages continue where the last one ended.
    const next = run([
      'search',
      '"Kim Jong Il" lang:en',
      '--sort',
      'newest',
      '--limit',
      '5',
      '--offset',
      '5',
      '--json',
      '--db',
      db,
    ]).json();
    expect(next.items.map((h: { id: string }) => h.id)).not.toContain(out.items[0].id);
  });

  it('prints readable text with the matches marked', () => {
    const r = run(['search', 'Lao', '--limit', '2', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+ articles in \d+ stories for Lao/);
    expect(r.stdout).toMatch(/\[Lao\]/);
  });

  it('answers a malformed query, a bad option or an unknown source with one line and exit code 2', () => {
    for (const args of [
      ['(Kim OR'],
      ['"Kim'],
      ['Kim', '--sort', 'random'],
      ['Kim', '--limit', '500'],
      ['Kim', '--histogram', 'year'],
      ['source:nowhere'],
    ]) {
      const r = run(['search', ...args, '--db', db]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr, args.join(' ')).not.toMatch(/SQLITE|fts5|\n\s+at /i);
    }
    expect(run(['search', '(Kim OR', '--db', db]).stderr).toMatch(
      /OR needs a word or phrase after it \(at character 6\)/,
    );
  });

  it('finds words of older versions with version:any, says which version matched, and keeps them through reprocess', () => {
    const history = join(dir.path, 'history.db');
    const record = PLANT;
    const v1 = join(dir.path, 'plant-v1.jsonl');
    const v2 = join(dir.path, 'plant-v2.jsonl');
    writeFileSync(v1, `${JSON.stringify(record)}\n`);
    writeFileSync(
      v2,
      `${JSON.stringify({ ...record, body: record.body.replace('Hwasong fertilizer', 'fertilizer') })}\n`,
    );
    expect(run(['import', v1, '--db', history]).code).toBe(0);
    expect(run(['import', v2, '--db', history]).code).toBe(0);
    expect(run(['search', 'Hwasong', '--json', '--db', history]).json().total).toBe(0);
    const check = () => {
      const r = run(['search', 'version:any Hwasong', '--json', '--db', history]);
      expect(r.code).toBe(0);
      const out = r.json();
      expect(out).toMatchObject({ query: 'version:any AND Hwasong', total: 1 });
      expect(out.items[0]).toMatchObject({ matchedVersion: 1, versionCount: 2 });
      expect(out.items[0].snippet.filter((s: { hit: boolean }) => s.hit)).toEqual([
        { text: 'Hwasong', hit: true },
      ]);
      expect(
        run(['search', 'version:any fertilizer', '--json', '--db', history]).json().items[0]
          .matchedVersion,
      ).toBeNull();
    };
    check();
    const text = run(['search', 'version:any Hwasong', '--db', history]).stdout;
    expect(text).toMatch(
      /matched in version 1 of 2 \(wirewatch diff a[0-9a-f]{15} --from 1 --to 2\)/,
    );
    expect(text).toMatch(/\[Hwasong\]/);
    expect(run(['reprocess', '--db', history]).code).toBe(0);
    check();
  });
});
