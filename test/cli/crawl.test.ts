import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, run } from '../helpers/cli.js';
import { startFixtureSite, type FixtureSite } from '../helpers/fixture-site.js';
import { tempDir } from '../helpers/tmp.js';

/** Runs the CLI without blocking this process, which serves the fixture site. */
function runAsync(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('wirewatch sources and crawl', () => {
  const dir = tempDir();
  let site: FixtureSite;
  beforeAll(async () => {
    site = await startFixtureSite();
  });
  afterAll(async () => {
    await site.close();
    dir.cleanup();
  });
  const file = join(dir.path, 'sources.json');
  const db = join(dir.path, 'crawl.db');

  it('has --help with --json for every sources subcommand and for crawl', () => {
    for (const args of [
      ['sources'],
      ['sources', 'add'],
      ['sources', 'list'],
      ['sources', 'show'],
      ['sources', 'remove'],
      ['sources', 'test'],
      ['crawl'],
    ]) {
      const r = run([...args, '--help']);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(/--json/);
    }
  });

  it('adds, lists, shows and removes sources; mistakes are usage errors (exit 2)', () => {
    const add = run([
      'sources',
      'add',
      'rodong',
      '--profile',
      'rodong-en',
      '--base-url',
      `http://127.0.0.1:${site.port}`,
      '--list',
      '/en/index.php?strPageID=SF01_01_02&iMenuID=2',
      '--delay-ms',
      '0',
      '--allow-private',
      '--sources',
      file,
      '--json',
    ]);
    expect(add.code).toBe(0);
    expect(add.json()).toMatchObject({
      ok: true,
      replaced: false,
      source: {
        id: 'rodong',
        profile: 'rodong-en',
        allowPrivate: true,
        recheck: {
          after: ['1h', '6h', '1d', '3d', '7d', '30d'],
          monthlySample: 0.1,
          maxPerPass: 50,
        },
      },
    });
    expect(run(['sources', 'list', '--sources', file, '--json']).json()).toMatchObject({
      total: 1,
      items: [{ id: 'rodong' }],
    });
    expect(run(['sources', 'show', 'rodong', '--sources', file, '--json']).json()).toMatchObject({
      id: 'rodong',
      delayMs: 0,
    });
    for (const args of [
      ['sources', 'show', 'nope'],
      ['sources', 'remove', 'nope'],
      ['sources', 'add', 'x', '--profile', 'nope', '--base-url', 'http://a', '--list', '/'],
      ['sources', 'add', 'x', '--profile', 'generic', '--base-url', 'not a url', '--list', '/'],
      ['crawl', '--only', 'nope'],
      [
        'sources',
        'add',
        'x',
        '--profile',
        'generic',
        '--base-url',
        'http://a',
        '--list',
        '/',
        '--recheck',
        '2x',
      ],
      [
        'sources',
        'add',
        'x',
        '--profile',
        'generic',
        '--base-url',
        'http://a',
        '--list',
        '/',
        '--recheck-sample',
        '3',
      ],
    ]) {
      const r = run([...args, '--sources', file, '--db', db]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const custom = run([
      'sources',
      'add',
      'gone',
      '--profile',
      'generic',
      '--base-url',
      'http://example.org',
      '--list',
      '/feed',
      '--recheck',
      '2h',
      '1d',
      '--recheck-sample',
      '0.5',
      '--recheck-max',
      '5',
      '--sources',
      file,
      '--json',
    ]);
    expect(custom.json().source.recheck).toEqual({
      after: ['2h', '1d'],
      monthlySample: 0.5,
      maxPerPass: 5,
    });
    expect(run(['sources', 'show', 'gone', '--sources', file]).stdout).toContain(
      're-checks: 2h, 1d, then 50% a month; at most 5 a pass',
    );
    expect(run(['sources', 'remove', 'gone', '--sources', file]).code).toBe(0);
    expect(run(['sources', 'list', '--sources', file, '--json']).json().total).toBe(1);
  });

  it('tests a source, crawls it, and stats shows the archive', async () => {
    const test = await runAsync(['sources', 'test', 'rodong', '--sources', file, '--json']);
    expect(test.code).toBe(0);
    expect(JSON.parse(test.stdout)).toMatchObject({
      ok: true,
      checks: [
        { kind: 'listing', items: 10 },
        { kind: 'article', title: 'Design He Instructed in Person Nine Times' },
      ],
    });
    const crawled = await runAsync(['crawl', '--sources', file, '--db', db, '--json']);
    expect(crawled.code).toBe(0);
    // Two list pages: page 1's 10 new articles, then page 2 (iSubMenuID=2), which answers "unknown address": the end.
    expect(JSON.parse(crawled.stdout)).toMatchObject({
      ok: true,
      sources: [{ id: 'rodong', listPages: 2, articlesFetched: 10, errors: [] }],
    });
    const stats = run(['stats', '--db', db, '--json']).json();
    expect(stats.articles).toBe(10);
    expect(stats.sources.items).toEqual([
      expect.objectContaining({
        id: 'rodong-en',
        template: expect.objectContaining({ status: 'ok' }),
      }),
    ]);
  });
});
