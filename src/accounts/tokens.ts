/**
 * API tokens: made for a user with scopes and an expiry, shown once, kept as a digest; presented as
 * `Authorization: Bearer ww_…`. Every token made or revoked is in the audit log.
 */
import { Problem } from '../errors.js';
import type { ApiToken, ArchiveStore, Scope, User } from '../store/types.js';
import { effectiveScopes, scopesOfRole } from './roles.js';
import { digestOf, newSecret, TOKEN_PREFIX } from './secrets.js';

const DAY_MS = 86_400_000;

/**
 * `30d`, `12h`, an ISO date (`2027-01-31`, the end of that UTC day) or `never` → the expiry time
 * (null: never). Past dates are refused.
 */
export function parseExpiry(text: string, now = new Date()): string | null {
  if (text === 'never') return null;
  const relative = /^(\d{1,5})([dh])$/.exec(text);
  let at: Date | null = null;
  if (relative) {
    at = new Date(now.getTime() + Number(relative[1]) * (relative[2] === 'd' ? DAY_MS : 3_600_000));
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const day = new Date(`${text}T23:59:59.999Z`);
    if (!Number.isNaN(day.getTime()) && day.toISOString().startsWith(text)) at = day;
  }
  if (!at)
    throw new Problem(
      400,
      'bad_request',
      `expiry "${text}" is not 30d, 12h, a date such as 2027-01-31, or never`,
    );
  if (at.getTime() <= now.getTime())
    throw new Problem(400, 'bad_request', `expiry "${text}" is already past`);
  return at.toISOString();
}

export interface MadeToken {
  /** The token itself: shown once, never stored. */
  secret: string;
  token: ApiToken;
}

export async function makeToken(
  store: ArchiveStore,
  actor: string,
  owner: User,
  input: { label: string; scopes: Scope[]; expiresAt: string | null },
  now = new Date(),
): Promise<MadeToken> {
  const label = input.label.trim();
  if (label.length === 0 || label.length > 100 || /\p{Cc}/u.test(label))
    throw new Problem(
      400,
      'bad_request',
      'a token label is 1–100 characters, no control characters',
    );
  const beyond = input.scopes.filter((s) => !scopesOfRole(owner.role).includes(s));
  if (beyond.length > 0)
    throw new Problem(
      400,
      'bad_request',
      `"${owner.name}" is ${owner.role === 'admin' ? 'an' : 'a'} ${owner.role} and cannot hold ${beyond.join(', ')}`,
    );
  const secret = newSecret(TOKEN_PREFIX);
  const at = now.toISOString();
  const token = await store.accounts.addToken({
    userId: owner.id,
    label,
    scopes: input.scopes,
    tokenHash: digestOf(secret),
    createdAt: at,
    expiresAt: input.expiresAt,
  });
  await store.accounts.audit({
    at,
    actor,
    action: 'token.add',
    target: String(token.id),
    detail: { user: owner.name, label, scopes: input.scopes, expiresAt: input.expiresAt },
  });
  return { secret, token };
}

export async function revokeToken(
  store: ArchiveStore,
  actor: string,
  id: number,
  options: { ownerId?: number; now?: Date } = {},
): Promise<void> {
  const at = (options.now ?? new Date()).toISOString();
  if (!(await store.accounts.revokeToken(id, at, options.ownerId)))
    throw new Problem(404, 'not_found', `no live token ${id}`);
  await store.accounts.audit({ at, actor, action: 'token.revoke', target: String(id), detail: {} });
}

export interface TokenHolder {
  user: User;
  token: ApiToken;
  scopes: Scope[];
}

/** The holder of a presented token, or a 401 saying why it is refused. */
/** A token's row and its owner by the token's digest (`store.accounts.findToken`). */
export type FindToken = ArchiveStore['accounts']['findToken'];

export async function tokenHolder(
  findToken: FindToken,
  secret: string,
  now = new Date(),
): Promise<TokenHolder> {
  const found = secret.startsWith(TOKEN_PREFIX) ? await findToken(digestOf(secret)) : null;
  if (!found) throw new Problem(401, 'unauthorized', 'this API token is not known');
  if (found.token.revokedAt) throw new Problem(401, 'unauthorized', 'this API token was revoked');
  if (found.token.expiresAt && found.token.expiresAt <= now.toISOString())
    throw new Problem(401, 'unauthorized', `this API token expired at ${found.token.expiresAt}`);
  return { ...found, scopes: effectiveScopes(found.user.role, found.token.scopes) };
}
