/**
 * The pure rules of accounts: expiries, scopes and roles, names and passwords, where a sign-in may
 * lead, and which forms count as this site's own.
 */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { checkPasswordRules, hashPassword, passwordMatches } from '../../src/accounts/passwords.js';
import { effectiveScopes, parseRole, parseScopes, scopesOfRole } from '../../src/accounts/roles.js';
import { digestOf, newSecret, sameSecret, TOKEN_PREFIX } from '../../src/accounts/secrets.js';
import { parseExpiry } from '../../src/accounts/tokens.js';
import { checkUserName } from '../../src/accounts/users.js';
import { sameOrigin } from '../../src/server/same-origin.js';
import { safeNext } from '../../src/web/pages/login.js';

const NOW = new Date('2026-12-05T10:00:00.000Z');

describe('account rules', () => {
  it('reads expiries as hours, days, a date (its last moment, UTC) or never; refuses the rest', () => {
    expect(parseExpiry('12h', NOW)).toBe('2026-12-05T22:00:00.000Z');
    expect(parseExpiry('30d', NOW)).toBe('2027-01-04T10:00:00.000Z');
    expect(parseExpiry('2027-01-31', NOW)).toBe('2027-01-31T23:59:59.999Z');
    expect(parseExpiry('never', NOW)).toBeNull();
    for (const bad of ['2026-12-04', '2027-02-30', '3x', '', '1.5d', 'tomorrow', '0h'])
      expect(() => parseExpiry(bad, NOW), bad).toThrow(/expiry/);
  });

  it('gives roles their scopes, and a token no more than its owner’s role now holds', () => {
    expect(scopesOfRole('reader')).toEqual(['read']);
    expect(scopesOfRole('editor')).toEqual(['read', 'write']);
    expect(scopesOfRole('admin')).toEqual(['read', 'write', 'admin']);
    expect(effectiveScopes('reader', ['read', 'write'])).toEqual(['read']);
    expect(parseScopes(' read , write')).toEqual(['read', 'write']);
    expect(() => parseScopes('read,delete')).toThrow(/no scope "delete"/);
    expect(() => parseScopes(',')).toThrow(/no scopes/);
    expect(() => parseRole('root')).toThrow(/no role "root"/);
  });

  it('takes plain user names and passwords of 10 to 256 characters', () => {
    for (const name of ['ada', 'a.b-c_d@e', 'x'.repeat(64)])
      expect(() => checkUserName(name)).not.toThrow();
    for (const name of ['', 'a b', 'ada\u202e', 'x'.repeat(65), 'é'])
      expect(() => checkUserName(name), name).toThrow(/user name/);
    expect(() => checkPasswordRules('123456789')).toThrow(/at least 10/);
    expect(() => checkPasswordRules('x'.repeat(257))).toThrow(/at most 256/);
    expect(() => checkPasswordRules('ten chars!')).not.toThrow();
  });

  it('hashes passwords with argon2id, salted, and checks them', async () => {
    const [a, b] = [await hashPassword('a long password'), await hashPassword('a long password')];
    expect(a).toMatch(/^\$argon2id\$/);
    expect(a).not.toBe(b);
    expect(await passwordMatches(a, 'a long password')).toBe(true);
    expect(await passwordMatches(a, 'a long passworD')).toBe(false);
  });

  it('makes secrets that differ, keeps only their digest, compares in constant time', () => {
    const secret = newSecret(TOKEN_PREFIX);
    expect(secret).toMatch(/^ww_[\w-]{43}$/);
    expect(newSecret()).not.toBe(newSecret());
    expect(digestOf(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(digestOf(secret)).not.toContain(secret.slice(3));
    expect(sameSecret(secret, secret)).toBe(true);
    expect(sameSecret(secret, `${secret}x`)).toBe(false);
  });

  it('leads a sign-in back only to a path of this site', () => {
    expect(safeNext('/sources?x=1')).toBe('/sources?x=1');
    for (const away of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      '/\t/evil.example',
      '/a\r\nSet-Cookie: x',
      undefined,
      ['/a'],
    ])
      expect(safeNext(away), String(away)).toBe('/');
  });

  it('counts a form as this site’s by Sec-Fetch-Site, else by its Origin or Referer', async () => {
    const app = new Hono().post('/f', (c) => c.text(String(sameOrigin(c))));
    const ask = async (headers: Record<string, string>) =>
      (await app.request('http://archive.example/f', { method: 'POST', headers })).text();
    expect(await ask({ 'sec-fetch-site': 'same-origin', origin: 'null' })).toBe('true');
    expect(await ask({ 'sec-fetch-site': 'same-site', origin: 'http://archive.example' })).toBe(
      'false',
    );
    expect(await ask({ 'sec-fetch-site': 'cross-site' })).toBe('false');
    expect(await ask({ origin: 'http://archive.example' })).toBe('true');
    expect(await ask({ referer: 'http://archive.example/sources' })).toBe('true');
    expect(await ask({ origin: 'null' })).toBe('false');
    expect(await ask({ origin: 'http://evil.example' })).toBe('false');
    expect(await ask({})).toBe('false');
  });
});
