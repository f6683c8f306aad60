/**
 * `wirewatch sources add <preset>`: the real sites' list pages without looking them up; `--list` and
 * `--base-url` override them; an id that is no preset needs the profile, base URL and lists.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/crawl/sources/presets.js';
import { profileForUrl } from '../../src/extract/sites/index.js';
import { run } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
afterAll(() => dir.cleanup());
const stored = (file: string) => JSON.parse(readFileSync(file, 'utf8')).sources;

describe('source presets', () => {
  it('names the real list pages of a site its own profile reads', () => {
    expect(PRESETS.map((p) => p.name)).toEqual(['kcna-en', 'kcna-ko', 'rodong-en', 'kcnawatch']);
    for (const p of PRESETS)
      for (const list of p.lists)
        expect(profileForUrl(new URL(list, p.baseUrl).href).id, list).toBe(p.profile);
  });

  it('adds kcna.kp with one command; --list and --base-url override the preset', () => {
    const file = join(dir.path, 'one.json');
    const add = run(['sources', 'add', 'kcna-en', '--sources', file, '--json']);
    expect(add.code).toBe(0);
    expect(add.json()).toMatchObject({ ok: true, preset: 'kcna-en' });
    expect(stored(file)).toEqual([
      expect.objectContaining({
        id: 'kcna-en',
        profile: 'kcna-en',
        baseUrl: 'http://www.kcna.kp',
        lists: [
          '/en/article/list/a666dda1282180e0ee1b4427b0574ae7',
          '/en/article/list/b0721b9f23054ddc7fe56c2811a12715',
        ],
        walkEvery: '7d',
        onDeletionSpike: 'sweep',
      }),
    ]);
    const mirror = run([
      'sources',
      'add',
      'kcna-mirror',
      '--preset',
      'kcna-en',
      '--base-url',
      'http://127.0.0.1:8080',
      '--list',
      '/en/article/list/6a47505ba5268fd7749c0fe11e4b24b4',
      '--allow-private',
      '--sources',
      file,
    ]);
    expect(mirror.code).toBe(0);
    expect(mirror.stdout).toMatch(/added kcna-mirror from the preset kcna-en/);
    expect(stored(file)[1]).toMatchObject({
      id: 'kcna-mirror',
      profile: 'kcna-en',
      baseUrl: 'http://127.0.0.1:8080',
      lists: ['/en/article/list/6a47505ba5268fd7749c0fe11e4b24b4'],
    });
    const rodong = run(['sources', 'add', 'rodong-en', '--sources', file]);
    expect(rodong.stdout).toMatch(/note: these lists are the index\.php\?strPageID=/);
  });

  it('lists the presets as {items, total}; an unknown preset or a bare id is a usage error', () => {
    const file = join(dir.path, 'two.json');
    const list = run(['sources', 'presets', '--json']);
    expect(list.json().total).toBe(PRESETS.length);
    expect(list.json().items[0]).toMatchObject({ name: 'kcna-en', profile: 'kcna-en' });
    expect(run(['sources', 'presets']).stdout).toMatch(
      /kcna-en .*\n\s+http:\/\/www\.kcna\.kp\/en\/article\/list\/a666/,
    );
    for (const args of [
      ['sources', 'add', 'x', '--preset', 'nope'],
      ['sources', 'add', 'my-site'],
      ['sources', 'add', 'my-site', '--profile', 'generic', '--base-url', 'http://a.example'],
    ]) {
      const r = run([...args, '--sources', file]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/preset/);
    }
  });
});
