/** `wirewatch changes` and the history in `wirewatch stats`, over an archive with a history (test/helpers/changes-archive.ts). */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesArchive, HOSTILE_REASON, SPIKE_DAY, TODAY } from '../helpers/changes-archive.js';
import { run } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { pythonCsv } from '../helpers/python-csv.js';

const dir = tempDir();
let db: string;
let ids: { hostile: string; seed: string };

beforeAll(async () => {
  const archive = await changesArchive(dir.path);
  db = archive.path;
  ids = { hostile: archive.hostile.id, seed: archive.seed.id };
  await archive.store.close();
});

afterAll(() => dir.cleanup());

describe('wirewatch changes', () => {
  it('prints {items, total} with --json, newest first, edits classified', () => {
    const r = run(['changes', '--db', db, '--json']);
    expect(r.code).toBe(0);
    const out = r.json();
    expect(Object.keys(out)).toEqual(['items', 'total']);
    expect(out.total).toBe(10);
    expect(out.items[0]).toMatchObject({
      articleId: ids.hostile,
      kind: 'deleted',
      reason: HOSTILE_REASON,
      status: 'deleted',
    });
    expect(
      out.items.find((e: any) => e.articleId === ids.hostile && e.kind === 'edit'),
    ).toMatchObject({ change: 'body', editSize: 4 });
  });

  it('exports every change with --format, to a file or standard output; paging options conflict', () => {
    const out = join(dir.path, 'removals.csv');
    const r = run([
      'changes',
      '--db',
      db,
      '--kind',
      'deleted',
      '--format',
      'csv',
      '--out',
      out,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ format: 'csv', rows: 6, out });
    const [header, ...rows] = pythonCsv({ file: out });
    expect(rows).toHaveLength(6);
    expect(rows.every((row) => row[header!.indexOf('kind')] === 'deleted')).toBe(true);
    const jsonl = run(['changes', '--db', db, '--format', 'jsonl']);
    expect(jsonl.stdout.trimEnd().split('\n')).toHaveLength(10);
    expect(jsonl.stderr).toBe('exported 10 change(s) as jsonl\n');
    const paged = run(['changes', '--db', db, '--format', 'csv', '--limit', '5']);
    expect(paged.code).toBe(2);
    expect(paged.stderr).toMatch(/--limit is for one page/);
  });

  it('filters by kind, class, source and dates', () => {
    const notable = run(['changes', '--db', db, '--change', 'body,headline', '--json']).json();
    expect(notable.total).toBe(9);
    const cosmetic = run([
      'changes',
      '--db',
      db,
      '--kind',
      'edit',
      '--change',
      'cosmetic',
      '--json',
    ]).json();
    expect(cosmetic.items.map((e: any) => [e.articleId, e.versionSeq])).toEqual([[ids.seed, 3]]);
    expect(cosmetic.total).toBe(1);
    const purge = run([
      'changes',
      '--db',
      db,
      '--source',
      'kcna-co-jp-en',
      '--kind',
      'deleted',
      '--since',
      SPIKE_DAY,
      '--until',
      SPIKE_DAY,
      '--limit',
      '2',
      '--json',
    ]).json();
    expect(purge.items).toHaveLength(2);
    expect(purge.total).toBe(5);
    expect(
      run(['changes', '--db', db, '--since', '2026-12', '--until', '2026-12-08', '--json']).json()
        .total,
    ).toBe(2);
  });

  it('prints one line per change in text', () => {
    const r = run(['changes', '--db', db, '--kind', 'deleted', '--limit', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `2026-12-10 03:00  hostile-wire-en ${ids.hostile}  removed from the source (${HOSTILE_REASON}): <script>alert('x')</script> & "quotes" ]]> end\n1 of 6\n`,
    );
  });

  it('exits 2 with one line for a bad option value', () => {
    for (const args of [
      ['--kind', 'gone'],
      ['--change', 'body,typo'],
      ['--since', '10 December'],
      ['--limit', '0'],
      ['--source', 'nowhere'],
    ]) {
      const r = run(['changes', '--db', db, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
    const help = run(['changes', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--change <classes>');
  });
});

describe('wirewatch stats', () => {
  it('counts edits and removed articles and shows the flags of the last 7 days', () => {
    const text = run(['stats', '--db', db], { WIREWATCH_TODAY: TODAY });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('history:   3 edits, 5 articles removed from their sources');
    expect(text.stdout).toMatch(
      new RegExp(
        `⚠ kcna-co-jp-en: deletion spike on ${SPIKE_DAY}: 5 articles removed from the source, 0 on a normal day`,
      ),
    );
    const json = run(['stats', '--db', db, '--json'], { WIREWATCH_TODAY: TODAY }).json();
    expect(json).toMatchObject({ deletedArticles: 5, edits: 3, sources: { total: 5 } });
    expect(json.coverageFlags).toEqual([
      expect.objectContaining({
        sourceId: 'kcna-co-jp-en',
        day: SPIKE_DAY,
        kind: 'deletion-spike',
        count: 5,
      }),
    ]);
    // eight days later the spike is out of the window
    const later = run(['stats', '--db', db, '--json'], { WIREWATCH_TODAY: '2026-12-17' }).json();
    expect(later.coverageFlags).toEqual([]);
    expect(run(['stats', '--db', db], { WIREWATCH_TODAY: '2026-12-17' }).stdout).toContain(
      'coverage:  no flags since 2026-12-10',
    );
    expect(run(['stats', '--db', db], { WIREWATCH_TODAY: 'soon' }).code).toBe(2);
  });
});
