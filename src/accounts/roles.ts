/** What each role may do, as scopes; a token's scopes are cut to its owner's role when it is used. */
import { ROLES, SCOPES, type Role, type Scope } from '../store/accounts-types.js';
import { Problem } from '../errors.js';

const ROLE_SCOPES: Record<Role, Scope[]> = {
  admin: ['read', 'write', 'admin'],
  editor: ['read', 'write'],
  reader: ['read'],
};

export function scopesOfRole(role: Role): Scope[] {
  return ROLE_SCOPES[role];
}

/** The scopes a token of this user holds now: those it was given that the user's role still has. */
export function effectiveScopes(role: Role, tokenScopes: Scope[]): Scope[] {
  return tokenScopes.filter((s) => ROLE_SCOPES[role].includes(s));
}

export function parseRole(text: string): Role {
  if ((ROLES as readonly string[]).includes(text)) return text as Role;
  throw new Problem(400, 'bad_request', `no role "${text}": one of ${ROLES.join(', ')}`);
}

/** `read,write` → the scopes; an unknown one is a usage error. */
export function parseScopes(text: string): Scope[] {
  const scopes = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (scopes.length === 0)
    throw new Problem(400, 'bad_request', `no scopes given: some of ${SCOPES.join(', ')}`);
  for (const s of scopes)
    if (!(SCOPES as readonly string[]).includes(s))
      throw new Problem(400, 'bad_request', `no scope "${s}": some of ${SCOPES.join(', ')}`);
  return [...new Set(scopes)] as Scope[];
}
