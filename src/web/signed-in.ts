/** Who a page's form is from: the account pages act only for a user signed in with a session. */
import type { Context } from 'hono';
import { principalOf } from '../accounts/principal.js';
import { Problem } from '../errors.js';
import type { User } from '../store/types.js';

export function signedInUser(c: Context): User | null {
  const p = principalOf(c.req.raw);
  return p.kind === 'session' ? p.user : null;
}

/** The signed-in user, or a 401 saying what signing in is for (`sign in to manage alerts`). */
export function requireSignedIn(c: Context, purpose: string): User {
  const user = signedInUser(c);
  if (!user) throw new Problem(401, 'unauthorized', `sign in to ${purpose}`);
  return user;
}

/** The route's `:id`, a whole number ≥ 1; anything else is `no such <what>` (404). */
export function idParam(c: Context, what = 'item'): number {
  const id = Number(c.req.param('id'));
  if (!Number.isInteger(id) || id < 1) throw new Problem(404, 'not_found', `no such ${what}`);
  return id;
}
