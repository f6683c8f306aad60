/**
 * Signing in, forms and sessions in Chromium, as a person meets them: a private archive sends them to
 * sign in and back to the page they asked for; the session cookie is out of the page's reach
 * (HttpOnly), Secure and SameSite=Lax; a form with a forged CSRF token is refused, and a form posted
 * from another site carries no session at all; a session ends when it expires and when they sign out.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/accounts/users.js';
import { DEFAULT_LIMITS } from '../../src/config.js';
import { withPage } from '../helpers/browser.js';
import { readerArchive } from '../helpers/reader.js';
import { servedInBrowser } from '../helpers/served-browser.js';

const PASSWORD = 'a long enough password';
let now = Date.parse('2026-12-05T10:00:00.000Z');
const served = servedInBrowser(
  async (dir) => {
    const archive = await readerArchive(dir);
    await addUser(archive.store, 'test', { name: 'eve', role: 'editor', password: PASSWORD });
    return archive;
  },
  {
    access: { now: () => new Date(now) },
    limits: { ...DEFAULT_LIMITS, auth: { ...DEFAULT_LIMITS.auth, sessionHours: 2 } },
  },
);

/** Another site (localhost, not 127.0.0.1) whose page posts a form to the archive when opened. */
let evil: Server;
let evilUrl = '';
beforeAll(async () => {
  evil = createServer((_req, res) => {
    const target = `${served.url('/account/tokens')}`;
    res.setHeader('content-type', 'text/html');
    res.end(
      `<form id="f" method="post" action="${target}"><input name="label" value="forged">` +
        `<input name="scopes" value="read"><input name="expires" value="never"></form>` +
        `<button id="go" onclick="document.getElementById('f').submit()">go</button>`,
    );
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  evilUrl = `http://localhost:${(evil.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => evil.close(() => resolve())));

describe('accounts in Chromium', () => {
  it('signs in, keeps the cookie from scripts, refuses forged forms, and ends the session', async () => {
    await withPage(served.browser, 'accounts', async (page, watch) => {
      page.setDefaultTimeout(8000);
      // A private archive: the page asked for leads to the sign-in form, and back after it.
      await page.goto(served.url('/sources'));
      expect(new URL(page.url()).pathname).toBe('/login');
      await page.fill('#login-name', 'eve');
      await page.fill('#login-password', 'not the password at all');
      await page.click('button[type=submit]');
      await expect.poll(() => page.locator('.form-error').textContent()).toContain('wrong');
      await page.fill('#login-password', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForURL(/\/sources$/);
      expect(await page.title()).toBe('Sources · wirewatch');
      const [cookie] = await page.context().cookies();
      expect(cookie).toMatchObject({
        name: 'wirewatch_session',
        httpOnly: true,
        secure: true,
        sameSite: 'Lax',
      });
      expect(await page.evaluate(() => document.cookie)).not.toContain('wirewatch_session');

      // A token made through the account page's form is shown once.
      await page.goto(served.url('/account'));
      await page.fill('#token-label', 'notebook');
      await page.click('.token-form button[type=submit]');
      await expect.poll(() => page.locator('code.secret').textContent()).toMatch(/^ww_/);
      const userId = (await served.archive.store.accounts.getUserByName('eve'))!.id;
      const tokens = async () => (await served.archive.store.accounts.listTokens(userId)).length;
      expect(await tokens()).toBe(1);

      // The same form with its CSRF token changed is refused, and nothing is made.
      await page.goto(served.url('/account'));
      await page.fill('#token-label', 'forged');
      await page.evaluate(() => {
        const field = document.querySelector<HTMLInputElement>('.token-form input[name=_csrf]')!;
        field.value = 'guessed';
      });
      await page.click('.token-form button[type=submit]');
      await expect.poll(() => page.textContent('main')).toContain('stale or forged');
      expect(await tokens()).toBe(1);

      // A form another site posts arrives without the session (SameSite) and is refused.
      await page.goto(evilUrl);
      await page.click('#go');
      await page.waitForLoadState();
      expect(await page.textContent('main')).toContain('HTTP 401');
      expect(await tokens()).toBe(1);

      // The session ends when its hours are up...
      now += 3 * 3_600_000;
      await page.goto(served.url('/sources'));
      expect(new URL(page.url()).pathname).toBe('/login');
      // ...and when its user signs out.
      await page.fill('#login-name', 'eve');
      await page.fill('#login-password', PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForURL(/\/sources$/);
      await page.goto(served.url('/account'));
      await page.click('text=Sign out');
      await page.waitForURL((url) => url.pathname === '/login' || url.pathname === '/');
      await page.goto(served.url('/account'));
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(watch.errors, 'script errors').toEqual([]);
      expect(watch.csp, 'CSP violations').toEqual([]);
    });
  });
});
