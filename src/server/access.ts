/**
 * Who may do what, checked once for every request before any route runs (docs/api.md, "Accounts and
 * tokens"). A request is made by the holder of a Bearer token, by the user of a session cookie, or by
 * nobody. Nobody may do everything on an archive with no users served on loopback (as before accounts
 * existed), read when the server was started with `--public-read`, and nothing otherwise: a page
 * sends them to sign in, the API and feeds answer 401. A form posted with a session must carry its
 * CSRF token and come from this site.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { parse } from 'hono/utils/cookie';
import { setPrincipal, type Principal } from '../accounts/principal.js';
import { scopesOfRole } from '../accounts/roles.js';
import { sameSecret } from '../accounts/secrets.js';
import { sessionOf } from '../accounts/sessions.js';
import type { SignInLimits } from '../accounts/sign-in-limits.js';
import { tokenHolder, type FindToken } from '../accounts/tokens.js';
import { Problem } from '../errors.js';
import { SCOPES, type Scope } from '../store/accounts-types.js';
import type { ArchiveStore } from '../store/types.js';
import { changeTokenOf } from './change-token.js';
import { sameOrigin } from './same-origin.js';

export const SESSION_COOKIE = 'wirewatch_session';

export interface AccessOptions {
  /** Anyone may read, users or not (`serve --public-read`). */
  publicRead?: boolean;
  /** Anyone may do anything while the archive has no users (served on loopback). Default true. */
  openWithoutUsers?: boolean;
  /** The clock; tests move it to expire sessions and tokens. */
  now?: () => Date;
}

/** Paths anyone may use: the health check, assets, signing in and the API's description. */
const PUBLIC_PATHS = [
  /^\/healthz$/,
  /^\/assets\//,
  /^\/login$/,
  /^\/api\/v1\/health$/,
  /^\/api\/openapi\.json$/,
  // A user's private feeds: the secret in the URL is the key (feeds/private-feeds.ts).
  /^\/feeds\/private\//,
];
/** Paths for admins only. */
const ADMIN_PATHS = [/^\/admin(\/|$)/, /^\/api\/v1\/audit(\/|$)/];
/** What a user does to their own account, saved searches and follows, whatever their role. */
const OWN_ACCOUNT = [
  /^\/logout$/,
  /^\/account(\/|$)/,
  /^\/api\/v1\/saved-searches(\/|$)/,
  /^\/api\/v1\/follows(\/|$)/,
];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The scope a request needs, or null when anyone may make it. */
export function requiredScope(method: string, path: string): Scope | null {
  if (PUBLIC_PATHS.some((p) => p.test(path))) return null;
  if (ADMIN_PATHS.some((p) => p.test(path))) return 'admin';
  if (SAFE_METHODS.has(method) || OWN_ACCOUNT.some((p) => p.test(path))) return 'read';
  return 'write';
}

/**
 * Whether the archive has users, asked once per change token: adding or removing one is a write, which
 * changes the token (every process sees it, as the page cache does).
 */
function userPresence(store: ArchiveStore): (token: string) => Promise<boolean> {
  let known: { token: string; any: Promise<boolean> } | null = null;
  return (token) => {
    if (known?.token !== token) {
      const asked = { token, any: store.accounts.countUsers().then((n) => n > 0) };
      // A failed count (a lost connection) is asked again next time.
      asked.any.catch(() => {
        if (known === asked) known = null;
      });
      known = asked;
    }
    return known.any;
  };
}

/**
 * Tokens looked up by digest, kept while the archive's change token is the same: making, revoking or
 * changing a token or its owner is a write, which changes it. Expiry is still checked on every request
 * (tokens.ts: tokenHolder). Unknown digests are not kept, so guessing cannot fill the map.
 */
function tokenLookups(
  store: ArchiveStore,
): (digest: string, token: () => Promise<string>) => ReturnType<FindToken> {
  let kept = { token: '', found: new Map<string, Awaited<ReturnType<FindToken>>>() };
  return async (digest, token) => {
    const current = await token();
    if (kept.token !== current) kept = { token: current, found: new Map() };
    const known = kept.found.get(digest);
    if (known) return known;
    const found = await store.accounts.findToken(digest);
    if (found && kept.token === current) kept.found.set(digest, found);
    return found;
  };
}

/**
 * What a request with neither token nor session may do: everything on an open archive with no users,
 * read with `--public-read`, nothing otherwise. `token` is the archive's change token (change-token.ts).
 */
export function anonymousAccess(
  store: ArchiveStore,
  options: AccessOptions = {},
): (token: string) => Promise<Scope[]> {
  const hasUsers = userPresence(store);
  return async (token) => {
    if (options.openWithoutUsers !== false && !(await hasUsers(token))) return [...SCOPES];
    return options.publicRead ? ['read'] : [];
  };
}

/** What a request says about who sends it: its Authorization and Cookie headers. */
export interface Credentials {
  authorization?: string;
  cookie?: string;
}

/**
 * Who sends a request with these credentials; `token` gives the archive's change token (asked for
 * an anonymous request and a token's lookup, never for a session). Throws the Problem to answer for a
 * malformed, unknown, revoked or expired token, or one over its rate limit.
 */
export type Identify = (
  credentials: Credentials,
  token: () => Promise<string>,
) => Promise<Principal>;

export function identifier(
  store: ArchiveStore,
  limits: SignInLimits,
  options: AccessOptions = {},
): Identify {
  const now = options.now ?? (() => new Date());
  const anonymousScopes = anonymousAccess(store, options);
  const findToken = tokenLookups(store);
  return async ({ authorization, cookie }, token) => {
    if (authorization !== undefined) {
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!bearer)
        throw new Problem(401, 'unauthorized', 'the Authorization header must be "Bearer <token>"');
      const holder = await tokenHolder((hash) => findToken(hash, token), bearer[1]!, now());
      await limits.tokenRequest(holder.token.id);
      return { kind: 'token', ...holder };
    }
    const sessionId = cookie ? parse(cookie, SESSION_COOKIE)[SESSION_COOKIE] : undefined;
    const session = sessionId ? await sessionOf(store, sessionId, now()) : null;
    if (session)
      return {
        kind: 'session',
        user: session.user,
        scopes: scopesOfRole(session.user.role),
        session,
      };
    return { kind: 'anonymous', scopes: await anonymousScopes(await token()) };
  };
}

/**
 * A private archive's pages differ by who asks: no shared cache may keep an answer made for a user
 * or a token, or for nobody where nobody may read. Such answers get these headers.
 */
export function isPrivateAnswer(principal: Principal): boolean {
  // An anonymous principal's scopes are the anonymous scopes, read once by `identify`.
  return principal.kind !== 'anonymous' || !principal.scopes.includes('read');
}
export const PRIVATE_CACHE_CONTROL = 'private, no-cache';
export const PRIVATE_VARY = 'Cookie, Authorization';

export function accessCheck(store: ArchiveStore, identify: Identify): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    const needed = requiredScope(method, c.req.path);
    // The health check and assets answer without asking the archive who is there.
    if (!needed && c.req.path !== '/login') return next();
    const principal = await identify(
      { authorization: c.req.header('authorization'), cookie: c.req.header('cookie') },
      () => changeTokenOf(store, c.req.raw),
    );
    // Signing in checks its own origin; a signed-in user may sign in again without a token.
    if (principal.kind === 'session' && needed && !SAFE_METHODS.has(method))
      await checkForm(c, principal.session.csrfToken);
    if (needed && !principal.scopes.includes(needed)) return refuse(c, principal, needed);
    setPrincipal(c.req.raw, principal);
    await next();
    if (isPrivateAnswer(principal)) {
      c.res.headers.set('Cache-Control', PRIVATE_CACHE_CONTROL);
      c.res.headers.append('Vary', PRIVATE_VARY);
    }
  };
}

/** A form of a session: from this site, with the session's CSRF token (field `_csrf` or X-CSRF-Token). */
async function checkForm(c: Context, expected: string): Promise<void> {
  if (!sameOrigin(c))
    throw new Problem(403, 'forbidden', 'this form can only be sent from this site’s own pages');
  let sent = c.req.header('x-csrf-token');
  if (sent === undefined) {
    const type = c.req.header('content-type') ?? '';
    if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
      const field = (await c.req.parseBody())['_csrf'];
      sent = typeof field === 'string' ? field : undefined;
    }
  }
  if (!sent || !sameSecret(sent, expected))
    throw new Problem(
      403,
      'forbidden',
      'the form is stale or forged: reload the page and send it again',
    );
}

function refuse(c: Context, principal: Principal, needed: Scope): Response {
  if (principal.kind !== 'anonymous')
    throw new Problem(
      403,
      'forbidden',
      principal.kind === 'token'
        ? `this token does not hold the "${needed}" scope`
        : `${principal.user.role}s may not do this (it needs ${needed === 'admin' ? 'an admin' : 'an editor'})`,
    );
  const path = c.req.path;
  if (!path.startsWith('/api/') && !path.startsWith('/feeds/') && SAFE_METHODS.has(c.req.method)) {
    const back = path + new URL(c.req.url).search;
    return c.redirect(`/login?next=${encodeURIComponent(back)}`, 303);
  }
  c.header('WWW-Authenticate', 'Bearer realm="wirewatch"');
  throw new Problem(
    401,
    'unauthorized',
    'sign in, or send an API token as "Authorization: Bearer <token>"',
  );
}
