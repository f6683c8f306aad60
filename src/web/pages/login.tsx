/**
 * `/login` and `/logout`: a name and password give a session cookie (HttpOnly, Secure, SameSite=Lax;
 * browsers accept Secure cookies from localhost over plain HTTP, anything else needs HTTPS in front).
 * Failures are rate limited by name and by client address (accounts/sign-in-limits.ts).
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { principalOf } from '../../accounts/principal.js';
import { signIn } from '../../accounts/sessions.js';
import type { SignInLimits } from '../../accounts/sign-in-limits.js';
import { digestOf } from '../../accounts/secrets.js';
import { Problem } from '../../errors.js';
import { SESSION_COOKIE } from '../../server/access.js';
import { sameOrigin } from '../../server/same-origin.js';
import type { ArchiveStore } from '../../store/types.js';
import { Layout } from '../layout.js';
import { sendPage } from '../render.js';

export interface SignInOptions {
  store: ArchiveStore;
  limits: SignInLimits;
  sessionHours: number;
  now: () => Date;
}

/**
 * Only a path of this site: never `//elsewhere` or a full URL (no open redirect), and no control
 * characters (a browser drops a tab or newline from a URL, so `/<tab>/elsewhere` is `//elsewhere`).
 */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\x00-\x1f\x7f]*$/.test(next) ? next : '/';
}

function LoginForm(props: { next: string; name?: string; error?: string }) {
  return (
    <Layout title="Sign in" searchBox={false}>
      <h1>Sign in</h1>
      {props.error && (
        <p class="form-error" role="alert">
          {props.error}
        </p>
      )}
      <form method="post" action="/login" class="login-form">
        <input type="hidden" name="next" value={props.next} />
        <p>
          <label for="login-name">Name</label>
          <input
            id="login-name"
            name="name"
            autocomplete="username"
            required
            value={props.name ?? ''}
          />
        </p>
        <p>
          <label for="login-password">Password</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
          />
        </p>
        <button type="submit">Sign in</button>
      </form>
    </Layout>
  );
}

export function loginPage(c: Context): Response | Promise<Response> {
  const next = safeNext(c.req.query('next'));
  if (principalOf(c.req.raw).kind === 'session') return c.redirect(next, 303);
  return sendPage(c, <LoginForm next={next} />);
}

function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

export async function loginSubmit(c: Context, options: SignInOptions): Promise<Response> {
  if (!sameOrigin(c))
    throw new Problem(403, 'forbidden', 'sign in from this site’s own sign-in page');
  const form = await c.req.parseBody();
  const name = typeof form['name'] === 'string' ? form['name'].trim() : '';
  const password = typeof form['password'] === 'string' ? form['password'] : '';
  const next = safeNext(form['next']);
  await options.limits.beforeAttempt(name, clientAddress(c));
  const signedIn = name
    ? await signIn(options.store, name, password, {
        now: options.now(),
        hours: options.sessionHours,
      })
    : null;
  if (!signedIn) {
    await options.limits.failed(name);
    return sendPage(
      c,
      <LoginForm next={next} name={name} error="The name or the password is wrong." />,
      401,
    );
  }
  await options.limits.succeeded(name);
  setCookie(c, SESSION_COOKIE, signedIn.cookieValue, {
    httpOnly: true,
    secure: true,
    sameSite: 'Lax',
    path: '/',
    maxAge: options.sessionHours * 3600,
  });
  return c.redirect(next, 303);
}

/** `POST /logout` (its CSRF token checked by the access check): ends the session here and in the archive. */
export async function logout(c: Context, store: ArchiveStore): Promise<Response> {
  const cookie = getCookie(c, SESSION_COOKIE);
  if (cookie) await store.accounts.deleteSession(digestOf(cookie));
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
  return c.redirect('/', 303);
}
