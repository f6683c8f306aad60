/** `wirewatch diff`: an article imported, then imported again edited, cosmetically and in its words. */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/tmp.js';
import { SEED } from '../helpers/archive.js';
import { run } from '../helpers/cli.js';
import { articleWithVersions } from '../helpers/versions.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';

const dir = tempDir();
afterAll(() => dir.cleanup());

describe('wirewatch diff', () => {
  const db = join(dir.path, 'h.db');
  const text = readFileSync(SEED, 'utf8');
  const cosmetic = join(dir.path, 'seed-cosmetic.txt');
  const edited = join(dir.path, 'seed-edited.txt');

  it('shows the word diff between versions, classified, in text and JSON', () => {
    writeFileSync(
      cosmetic,
      text.replace('launch a dynamic joint struggle', 'launch a dynamic  joint struggle,'),
    );
    writeFileSync(
      edited,
      text.replace('launch a dynamic joint struggle', 'launch a vigorous joint struggle'),
    );
    for (const f of [SEED, cosmetic, edited]) expect(run(['import', f, '--db', db]).code).toBe(0);
    const id = run(['list', '--db', db, '--status', 'live', '--json']).json().items[0].id as string;
    const versionCount = run(['show', id, '--db', db, '--json']).json().versions.length;
    expect(versionCount).toBe(3);

    const latest = run(['diff', id, '--db', db, '--json']);
    expect(latest.code).toBe(0);
    const d = latest.json();
    expect(d).toMatchObject({
      from: 2,
      to: 3,
      change: { kind: 'body', wordsAdded: 1, wordsRemoved: 1 },
    });
    expect(d.versions.map((v: any) => v.change.kind)).toEqual(['first', 'cosmetic', 'body']);
    expect(d.body.filter((p: any) => p.op !== 'equal').map((p: any) => [p.op, p.text])).toEqual([
      ['delete', 'dynamic'],
      ['insert', 'vigorous'],
      ['delete', ','],
    ]);

    const first = run(['diff', id, '--from', '1', '--to', '2', '--db', db]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('change: cosmetic; +0 −0 words');
    const plain = run(['diff', id, '--from', '1', '--db', db]);
    expect(plain.stdout).toContain('change: body');
    expect(plain.stdout).toContain('launch a [-dynamic-]{+vigorous+}');
  });

  it('exits 1 for an unknown article or version and 2 for a bad flag', () => {
    const id = run(['list', '--db', db, '--status', 'live', '--json']).json().items[0].id as string;
    expect(run(['diff', 'a000000000000000', '--db', db]).code).toBe(1);
    const missing = run(['diff', id, '--to', '9', '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no version 9/);
    expect(run(['diff', id, '--from', 'x', '--db', db]).code).toBe(2);
  });

  it('says when the versions are too large to diff word by word, and still classifies them', async () => {
    const long = (words: string[]) => {
      let x = 1;
      const out = [
        'Pyongyang, June 2 (KCNA) -- The delegation of the party arrived here today for talks.',
      ];
      while (out.join(' ').length < 100_000) {
        for (let i = 0; i < 1000; i++) {
          x = (x * 1103515245 + 12345) % 2 ** 31;
          out.push(words[x % words.length]!);
        }
      }
      return out.join(' ');
    };
    const record = {
      source: 'Long Wire (En)',
      language: 'en',
      published: '2012-06-02',
      title: 'A very long story',
      url: 'http://long.test/1',
    };
    const store = new SqliteStore(db);
    const id = await articleWithVersions(store, dir.path, record, [
      long(['army', 'people', 'work', 'great']),
      long(['talks', 'ties', 'visit', 'sides']),
    ]);
    await store.close();

    const text = run(['diff', id, '--db', db]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/change: body; \+\d+ −\d+ words/);
    expect(text.stdout).toContain('body: too large to diff word by word');
    expect(text.stdout).not.toContain('[-');
    const json = run(['diff', id, '--db', db, '--json']).json();
    expect(json.tooLarge).toEqual({ title: false, body: true });
    expect(json.versions.map((v: any) => v.change.kind)).toEqual(['first', 'body']);
  });
});
