/**
 * Who may use the archive: users with a role, their sign-in sessions, their API tokens, and the audit
 * log of what admins and editors did. Secrets are never stored: a password as its argon2id hash
 * (accounts/passwords.ts), a session id and a token as the SHA-256 of their random bytes.
 * docs/data-model.md, "Accounts", defines the fields.
 */
import type { Page } from './types.js';

/** `admin` manages users and tokens; `editor` sources, sweeps and imports; `reader` reads. */
export const ROLES = ['admin', 'editor', 'reader'] as const;
export type Role = (typeof ROLES)[number];

/** What a token (or a session, through its user's role) allows: read, write (sweeps…), admin. */
export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export interface User {
  id: number;
  name: string;
  role: Role;
  createdAt: string;
  passwordChangedAt: string;
}

export interface UserWithSecret extends User {
  passwordHash: string;
}

export interface NewUser {
  name: string;
  role: Role;
  passwordHash: string;
  at: string;
}

export interface NewSession {
  /** SHA-256 (hex) of the id the cookie holds. */
  idHash: string;
  userId: number;
  /** The token every form of this session posts back (CSRF). */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export interface Session extends NewSession {
  user: User;
}

export interface ApiToken {
  id: number;
  userId: number;
  userName: string;
  /** What the owner called it ("feed reader", "nightly export"). */
  label: string;
  scopes: Scope[];
  createdAt: string;
  /** Null: never expires. */
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface NewApiToken {
  userId: number;
  label: string;
  scopes: Scope[];
  /** SHA-256 (hex) of the token. */
  tokenHash: string;
  createdAt: string;
  expiresAt: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  /** Who: a user's name, `cli:<login>` for a command run on the server, `anonymous` on an open archive. */
  actor: string;
  /** What, as `<thing>.<verb>`: `user.add`, `token.revoke`, `sweep.start`… */
  action: string;
  /** On what: a user's name, a token's id, a source's id. */
  target: string;
  detail: Record<string, unknown>;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

export interface AccountStore {
  countUsers(role?: Role): Promise<number>;
  /** Null when the name is taken. */
  addUser(user: NewUser): Promise<User | null>;
  getUserByName(name: string): Promise<UserWithSecret | null>;
  listUsers(): Promise<User[]>;
  /** Removes the user with their sessions and tokens; false when there was none. */
  removeUser(name: string): Promise<boolean>;
  /** A new password (or role) ends every session of the user; false when there was none. */
  updateUser(
    name: string,
    change: { passwordHash?: string; role?: Role; at: string },
  ): Promise<boolean>;

  createSession(session: NewSession): Promise<void>;
  /** The live session with this id hash (not expired at `now`), with its user. */
  getSession(idHash: string, now: string): Promise<Session | null>;
  deleteSession(idHash: string): Promise<void>;
  deleteExpiredSessions(now: string): Promise<number>;

  addToken(token: NewApiToken): Promise<ApiToken>;
  /** The token with this hash, revoked or expired or not (the caller says which is refused), with its user. */
  findToken(tokenHash: string): Promise<{ token: ApiToken; user: User } | null>;
  /** Every token, or one user's, newest first. */
  listTokens(userId?: number): Promise<ApiToken[]>;
  /** False when there is no such live token (of this user, when given). */
  revokeToken(id: number, at: string, userId?: number): Promise<boolean>;

  audit(entry: NewAuditEntry): Promise<void>;
  /** Newest first; `before` is an id from the previous page. */
  listAudit(query: { limit: number; before?: number }): Promise<Page<AuditEntry>>;
}
