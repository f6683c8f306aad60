/**
 * `wirewatch users` and `wirewatch tokens` as a user runs them: --json shapes, exit codes, one-line
 * refusals; a token is printed once and the archive keeps only its digest; `serve` on an address
 * beyond loopback refuses an archive with no admin.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, run, start } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
afterAll(() => dir.cleanup());
const db = join(dir.path, 'accounts.db');
const PASSWORD = 'a long enough password';

/** Runs the CLI with `input` on stdin (for --password-stdin). */
function withStdin(args: string[], input: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

function expectOneLine(r: { stderr: string }, text: RegExp) {
  expect(r.stderr).toMatch(text);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('wirewatch users and tokens', () => {
  it('has --help and --json for every subcommand', () => {
    for (const args of [
      ['users', 'add'],
      ['users', 'list'],
      ['users', 'remove'],
      ['users', 'passwd'],
      ['tokens', 'add'],
      ['tokens', 'list'],
      ['tokens', 'revoke'],
    ]) {
      const r = run([...args, '--help']);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(/--json/);
    }
  });

  it('adds, lists, changes and removes users; refuses bad input with one line', () => {
    const add = (name: string, role: string, password = PASSWORD) =>
      withStdin(
        ['users', 'add', name, '--role', role, '--password-stdin', '--db', db, '--json'],
        `${password}\n`,
      );
    const ada = add('ada', 'admin');
    expect(ada.code).toBe(0);
    expect(ada.json()).toMatchObject({ name: 'ada', role: 'admin' });
    expect(Object.keys(ada.json())).not.toContain('passwordHash');
    expect(add('rex', 'reader').code).toBe(0);
    expect(add('eve', 'editor').code).toBe(0);
    // A short password, an unknown role, a name taken: refused, and nothing else changes.
    const short = add('bob', 'reader', 'short');
    expect(short.code).toBe(2);
    expectOneLine(short, /at least 10 characters/);
    const role = add('bob', 'owner');
    expect(role.code).toBe(2);
    expectOneLine(role, /no role "owner"/);
    const taken = add('ada', 'reader');
    expect(taken.code).toBe(1);
    expectOneLine(taken, /already a user "ada"/);
    const list = run(['users', 'list', '--db', db, '--json']);
    expect(list.code).toBe(0);
    expect(list.json().total).toBe(3);
    expect(list.json().items.map((u: { name: string }) => u.name)).toEqual(['ada', 'eve', 'rex']);
    // The only admin stays; a new password and role take effect.
    const last = run(['users', 'remove', 'ada', '--db', db]);
    expect(last.code).not.toBe(0);
    expectOneLine(last, /only admin/);
    const passwd = withStdin(
      ['users', 'passwd', 'eve', '--role', 'admin', '--password-stdin', '--db', db, '--json'],
      'another long password\n',
    );
    expect(passwd.code).toBe(0);
    expect(run(['users', 'remove', 'ada', '--db', db, '--json']).json()).toEqual({
      removed: 'ada',
    });
    const after = run(['users', 'list', '--db', db, '--json']).json();
    expect(after.items).toEqual([
      expect.objectContaining({ name: 'eve', role: 'admin' }),
      expect.objectContaining({ name: 'rex', role: 'reader' }),
    ]);
    const nobody = run(['users', 'remove', 'nobody', '--db', db]);
    expect(nobody.code).toBe(1);
    expectOneLine(nobody, /no user "nobody"/);
  });

  it('prints a token once, keeps only its digest, and revokes it', () => {
    const made = run([
      'tokens',
      'add',
      '--user',
      'rex',
      '--expires',
      '30d',
      '--label',
      'notebook',
      '--db',
      db,
      '--json',
    ]);
    expect(made.code).toBe(0);
    const { secret, token } = made.json();
    expect(secret).toMatch(/^ww_[\w-]{40,}$/);
    expect(token).toMatchObject({
      userName: 'rex',
      label: 'notebook',
      scopes: ['read'],
      revokedAt: null,
    });
    const days = (Date.parse(token.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    expect(readFileSync(db).includes(Buffer.from(secret.slice(3)))).toBe(false);
    const listed = run(['tokens', 'list', '--db', db, '--json']).json();
    expect(listed.total).toBe(1);
    expect(JSON.stringify(listed)).not.toContain(secret);
    // A reader's token cannot hold write; an expiry must mean something.
    const write = run(['tokens', 'add', '--user', 'rex', '--scopes', 'read,write', '--db', db]);
    expect(write.code).toBe(2);
    expectOneLine(write, /reader and cannot hold write/);
    const expiry = run(['tokens', 'add', '--user', 'rex', '--expires', 'soon', '--db', db]);
    expect(expiry.code).toBe(2);
    expectOneLine(expiry, /expiry "soon"/);
    const revoked = run(['tokens', 'revoke', String(token.id), '--db', db, '--json']);
    expect(revoked.code).toBe(0);
    const again = run(['tokens', 'list', '--user', 'rex', '--db', db, '--json']).json();
    expect(again.items[0].revokedAt).not.toBeNull();
  });

  it('refuses to serve beyond loopback an archive with no admin, unless --public-read', async () => {
    const empty = join(dir.path, 'empty.db');
    const r = run(['serve', '--host', '0.0.0.0', '--port', '0', '--db', empty]);
    expect(r.code).toBe(2);
    expectOneLine(r, /refusing to serve on 0\.0\.0\.0 an archive with no admin/);
    const open = start([
      'serve',
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      '--public-read',
      '--db',
      empty,
    ]);
    try {
      const banner = await new Promise<string>((resolve, reject) => {
        let out = '';
        open.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(out);
        });
        open.on('close', (code) => reject(new Error(`serve ended with ${code}`)));
      });
      expect(banner).toMatch(/on http:\/\/0\.0\.0\.0:\d+/);
    } finally {
      open.kill();
    }
  });
});
