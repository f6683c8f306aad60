/**
 * Who is making a request, as the access check (server/access.ts) found out: nobody (with what an
 * anonymous reader may do on this archive), a signed-in user, or the holder of an API token. Pages
 * and API handlers read it with `principalOf(c.req.raw)`.
 */
import type { ApiToken, Scope, Session, User } from '../store/types.js';

export type Principal =
  | { kind: 'anonymous'; scopes: Scope[] }
  | { kind: 'session'; user: User; scopes: Scope[]; session: Session }
  | { kind: 'token'; user: User; scopes: Scope[]; token: ApiToken };

const principals = new WeakMap<Request, Principal>();

export function setPrincipal(request: Request, principal: Principal): void {
  principals.set(request, principal);
}

/** Anonymous with no scopes when the access check did not run (it always does in createApp). */
export function principalOf(request: Request): Principal {
  return principals.get(request) ?? { kind: 'anonymous', scopes: [] };
}

/** The name the audit log gives whoever made the request. */
export function actorOf(principal: Principal): string {
  return principal.kind === 'anonymous' ? 'anonymous' : principal.user.name;
}

export function mayDo(principal: Principal, scope: Scope): boolean {
  return principal.scopes.includes(scope);
}
