/**
 * A damaged archive is said to be damaged: `wirewatch check` (SQLite's quick_check, PostgreSQL's schema
 * and tables) with --help, --json and exit codes; writers warn in one line when they open a damaged
 * SQLite file, and `serve` does so in the background while it already answers.
 */
import Database from 'better-sqlite3';
import type { ChildProcess } from 'node:child_process';
import { closeSync, copyFileSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_SLICE } from '../helpers/archive.js';
import { run, start } from '../helpers/cli.js';
import { dropAll, freshPgUrl, requirePostgres, withClient } from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
const children: ChildProcess[] = [];
const sound = join(dir.path, 'sound.db');
const damaged = join(dir.path, 'damaged.db');

/** One page near the end of the file (the rows an import wrote last) overwritten with junk. */
function damage(path: string): void {
  const db = new Database(path);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, pageSize * (pages - 30));
  closeSync(fd);
}

beforeAll(() => {
  expect(run(['import', CORPUS_SLICE, '--db', sound]).code).toBe(0);
  copyFileSync(sound, damaged);
  damage(damaged);
});
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  dir.cleanup();
  await dropAll();
});

describe('wirewatch check (sqlite)', () => {
  it('has --help; refuses a missing file and an unknown option as usage errors', () => {
    const help = run(['check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/quick_check/);
    const missing = run(['check', '--db', join(dir.path, 'none.db')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^wirewatch: no archive at .*none\.db$/);
    expect(run(['check', '--db', sound, '--bogus']).code).toBe(2);
  });

  it('says a sound archive is ok: exit 0, {ok, archive, problems: []}', () => {
    const r = run(['check', '--db', sound, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ ok: true, archive: sound, problems: [] });
    expect(run(['check', '--db', sound]).stdout).toBe(`ok: ${sound}\n`);
  });

  it('finds the damage: exit 1, the problems listed', () => {
    const r = run(['check', '--db', damaged, '--json']);
    expect(r.code).toBe(1);
    expect(r.json()).toMatchObject({ ok: false, archive: damaged });
    expect(r.json().problems.length).toBeGreaterThan(0);
    const text = run(['check', '--db', damaged]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^damaged: .*damaged\.db\n {2}\S/);
  });

  it('a writer opening the damaged file says so in one line on stderr; a sound one says nothing', () => {
    const r = run(['drain', '--db', damaged, '--json']);
    const warnings = r.stderr.split('\n').filter((l) => /damaged/.test(l));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^wirewatch: warning: the archive .*damaged\.db is damaged \(.+\)/);
    expect(run(['drain', '--db', sound, '--json']).stderr).toBe('');
  });

  it('serve answers at once and warns in the background', async () => {
    const child = start(['serve', '--db', damaged, '--port', '0', '--json']);
    children.push(child);
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(JSON.parse(out).url as string);
      });
      child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
    });
    expect((await fetch(`${url}/api/v1/stats`)).status).toBe(200);
    for (let i = 0; i < 100 && !/is damaged/.test(err); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(err).toMatch(/^wirewatch: warning: the archive .*damaged\.db is damaged/m);
    expect(child.exitCode).toBeNull();
  });
});

describe('wirewatch check (postgres)', () => {
  it('checks the schema version and that every table is there', async () => {
    await requirePostgres();
    const url = freshPgUrl();
    const schema = /search_path=(\w+)/.exec(new URL(url).searchParams.get('options')!)![1]!;
    await withClient((c) => c.query(`CREATE SCHEMA ${schema}`));
    const ok = run(['check', '--db', url, '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.json()).toMatchObject({ ok: true, problems: [] });
    await withClient((c) => c.query(`DROP TABLE ${schema}.sweep_items`));
    const bad = run(['check', '--db', url, '--json']);
    expect(bad.code).toBe(1);
    expect(bad.json()).toMatchObject({ ok: false, problems: ['table sweep_items is missing'] });
  });
});
