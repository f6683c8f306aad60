import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { CORPUS_SLICE, SEED } from '../helpers/archive.js';
import { run } from '../helpers/cli.js';

const dir = tempDir();
afterAll(() => dir.cleanup());
const db = (name: string) => join(dir.path, `${name}.db`);

describe('wirewatch CLI', () => {
  it('has --help for every command, exit code 0', () => {
    for (const cmd of [
      '',
      'import',
      'show',
      'list',
      'export',
      'stats',
      'reprocess',
      'search',
      'demo',
    ]) {
      const r = run(cmd ? [cmd, '--help'] : ['--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toMatch(/Usage: wirewatch/);
      expect(r.stdout, cmd).toMatch(/--json/);
    }
  });

  it('lists every command in its help, and runs one named after a global option', () => {
    const help = run(['--help']).stdout;
    const names = [
      'import',
      'show',
      'list',
      'export',
      'stats',
      'reprocess',
      'search',
      'serve',
      'demo',
    ]
      .concat(['sources', 'crawl', 'recheck', 'sweeps', 'diff', 'changes', 'people', 'person'])
      .concat(['drain', 'work', 'captures', 'check', 'users', 'tokens', 'alerts', 'extract']);
    for (const name of names) expect(help, name).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    const stats = run(['--db', db('global'), 'stats', '--json']);
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout)).toMatchObject({ articles: 0 });
    expect(run(['--db=' + db('global'), 'users', '--help']).stdout).toMatch(
      /Usage: wirewatch users/,
    );
  });

  it('answers usage errors with one line and exit code 2, never a stack trace', () => {
    for (const args of [
      ['import'],
      ['import', SEED, '--year', 'abc'],
      ['import', SEED, '--format', 'pdf'],
      ['list', '--limit', '-3'],
      ['list', '--from', '2012-13'],
      ['frobnicate'],
      ['list', '--no-such-flag'],
    ]) {
      const r = run([...args, '--db', db('usage')]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
      expect(r.stderr.trim().length, args.join(' ')).toBeGreaterThan(0);
    }
  });

  it('imports the seed and a corpus slice, then lists, shows and counts them as JSON', () => {
    const archive = db('e2e');
    const imported = run(['import', SEED, CORPUS_SLICE, '--db', archive, '--json']);
    expect(imported.code).toBe(0);
    const report = imported.json();
    expect(report).toMatchObject({
      ok: true,
      files: 2,
      rejected: 0,
      errors: [],
      teasers: { new: 20 },
    });
    expect(report.articles.new).toBeGreaterThan(390);

    const list = run([
      'list',
      '--db',
      archive,
      '--source',
      'kcna-kp-en',
      '--json',
      '--limit',
      '100',
    ]).json();
    expect(Object.keys(list).sort()).toEqual(['items', 'total']);
    expect(list.total).toBe(21);
    const seed = list.items.find((a: any) => a.status === 'live');
    expect(seed).toMatchObject({
      title: null,
      labelDerived: true,
      published: { year: null, month: 3, day: 24 },
    });
    expect(seed.label).toMatch(/^Kim Jong Un, general secretary/);

    const shown = run(['show', seed.id, '--db', archive, '--json']).json();
    expect(shown.article.id).toBe(seed.id);
    expect(shown.source.label).toBe('KCNA.kp (En)');
    expect(shown.versions).toHaveLength(1);
    const text = run(['show', seed.id, '--db', archive]);
    expect(text.stdout).toContain('March 24 (year unknown)');
    expect(text.stdout).toContain('[no title]');

    const ranged = run([
      'list',
      '--db',
      archive,
      '--from',
      '2011-12',
      '--to',
      '2011-12',
      '--json',
      '--limit',
      '1000',
    ]).json();
    expect(ranged.total).toBeGreaterThan(300);
    expect(
      ranged.items.every((a: any) => a.published.year === 2011 && a.published.month === 12),
    ).toBe(true);

    const stats = run(['stats', '--db', archive, '--json']).json();
    expect(stats).toMatchObject({ captures: 2, teaserOnly: 20, listingEntries: 20 });
    expect(stats.sources.total).toBe(3);
    expect(run(['show', 'a000000000000000', '--db', archive]).code).toBe(1);
  });

  it('exits 1 when some input is rejected, printing file:line, and still imports the rest', () => {
    const bad = join(dir.path, 'bad.jsonl');
    writeFileSync(bad, `${readFileSync(CORPUS_SLICE, 'utf8').split('\n')[0]}\n{"oops"\n`);
    const r = run(['import', bad, SEED, '--db', db('partial')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:2: invalid JSON`);
    expect(r.stdout).toMatch(/1 input\(s\) rejected/);
    expect(run(['stats', '--db', db('partial'), '--json']).json().articles).toBe(2);
  });

  it('never says the rest was imported when nothing was, and counts the reasons it did not print', () => {
    const anonymous = join(dir.path, 'anonymous.jsonl');
    writeFileSync(anonymous, `${JSON.stringify({ title: 'No source, no URL' })}\n`.repeat(1003));
    const r = run(['import', anonymous, '--db', db('all-rejected')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "1,003 input(s) rejected (reasons above); nothing was imported (the files' bytes are kept)",
    );
    expect(r.stdout).not.toMatch(/everything else was imported/);
    const reasons = r.stderr.trim().split('\n');
    expect(reasons).toHaveLength(1001);
    expect(reasons.at(-1)).toBe('… and 3 more rejections not listed');
  });

  it('exports losslessly: export → import into an empty archive → export gives the same lines', () => {
    const source = db('export-source');
    run(['import', SEED, CORPUS_SLICE, '--db', source]);
    const edited = join(dir.path, 'seed-edited.txt');
    writeFileSync(
      edited,
      readFileSync(SEED, 'utf8').replace('dynamic joint struggle', 'vigorous joint struggle'),
    );
    run(['import', edited, '--db', source]);
    const first = join(dir.path, 'first.jsonl');
    const summary = run(['export', '--db', source, '--out', first, '--json']).json();
    expect(summary.articles).toBeGreaterThan(400);
    const stats = run(['stats', '--db', source, '--json']).json();
    expect(summary).toMatchObject({
      articles: stats.articles + stats.teaserOnly,
      versions: stats.versions,
      sources: 3,
    });
    expect(stats.articlesWithSeveralVersions).toBeGreaterThan(0);

    const copy = db('export-copy');
    expect(run(['import', first, '--db', copy]).code).toBe(0);
    const second = run(['export', '--db', copy]).stdout;
    expect(second).toBe(readFileSync(first, 'utf8'));
    // And importing the export again changes nothing.
    run(['import', first, '--db', copy]);
    expect(run(['export', '--db', copy]).stdout).toBe(second);
  });

  it('reprocesses stored captures into the same articles, ids included', () => {
    const archive = db('reprocess');
    run(['import', SEED, CORPUS_SLICE, '--db', archive]);
    const before = run(['export', '--db', archive]).stdout;
    const r = run(['reprocess', '--db', archive, '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ ok: true, files: 2 });
    expect(run(['export', '--db', archive]).stdout).toBe(before);
  });

  it('uses WIREWATCH_DB when --db is not given', () => {
    const archive = db('env');
    expect(run(['import', SEED], { WIREWATCH_DB: archive }).code).toBe(0);
    expect(run(['stats', '--json'], { WIREWATCH_DB: archive }).json().articles).toBe(1);
  });

  it('builds the demo archive from the bundled data', () => {
    const archive = db('demo');
    const r = run(['demo', '--db', archive, '--json', '--no-serve']);
    expect(r.code).toBe(0);
    const out = r.json();
    expect(out.stats.articles).toBeGreaterThan(290);
    expect(out.stats.teaserOnly).toBe(20);
    expect(out.import.rejected).toBe(0);
  });
});
