/**
 * Signing in: a name and password checked against the argon2id hash, then a session whose random id
 * goes into the cookie and whose digest goes into the archive, with the CSRF token its forms post back.
 */
import type { ArchiveStore, Session } from '../store/types.js';
import { decoyPasswordHash, passwordMatches } from './passwords.js';
import { digestOf, newSecret } from './secrets.js';

export interface SignedIn {
  /** The cookie's value: the session id itself, never stored. */
  cookieValue: string;
  session: Session;
}

/** Null when the name or the password is wrong (which one is not said). */
export async function signIn(
  store: ArchiveStore,
  name: string,
  password: string,
  options: { now?: Date; hours: number },
): Promise<SignedIn | null> {
  const now = options.now ?? new Date();
  const user = await store.accounts.getUserByName(name);
  const ok = await passwordMatches(user?.passwordHash ?? (await decoyPasswordHash()), password);
  if (!user || !ok) return null;
  const cookieValue = newSecret();
  const { passwordHash: _secret, ...plainUser } = user;
  const session: Session = {
    idHash: digestOf(cookieValue),
    userId: user.id,
    csrfToken: newSecret(),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + options.hours * 3_600_000).toISOString(),
    user: plainUser,
  };
  await store.accounts.deleteExpiredSessions(session.createdAt);
  const { user: _user, ...row } = session;
  await store.accounts.createSession(row);
  return { cookieValue, session };
}

/** The live session a cookie names, or null. */
export function sessionOf(
  store: ArchiveStore,
  cookieValue: string,
  now = new Date(),
): Promise<Session | null> {
  return store.accounts.getSession(digestOf(cookieValue), now.toISOString());
}
