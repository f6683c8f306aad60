/**
 * The SQLite engine's `AccountStore`: users, sessions, API tokens and the audit log. The PostgreSQL
 * counterpart is ../postgres/accounts.ts.
 */
import type Database from 'better-sqlite3';
import type { AccountStore, NewUser } from '../accounts-types.js';
import {
  auditFromRow,
  TOKEN_COLUMNS,
  tokenFromRow,
  USER_COLUMNS,
  userFromRow,
  type AuditRow,
  type TokenRow,
  type UserRow,
} from '../accounts-rows.js';
import type { SqliteWriter } from './writer.js';

type SessionRow = UserRow & {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  session_created_at: string;
  expires_at: string;
};

export function sqliteAccounts(db: Database.Database, writer: SqliteWriter): AccountStore {
  const p = (sql: string) => db.prepare(sql);
  const stmt = {
    count: p('SELECT COUNT(*) AS n FROM users'),
    countRole: p('SELECT COUNT(*) AS n FROM users WHERE role = ?'),
    addUser: p(`INSERT INTO users (name, role, password_hash, created_at, password_changed_at)
      VALUES (@name, @role, @passwordHash, @at, @at) ON CONFLICT(name) DO NOTHING
      RETURNING ${USER_COLUMNS}`),
    userByName: p(`SELECT ${USER_COLUMNS}, password_hash FROM users WHERE name = ?`),
    users: p(`SELECT ${USER_COLUMNS} FROM users ORDER BY name`),
    removeUser: p('DELETE FROM users WHERE name = ?'),
    setPassword: p(`UPDATE users SET password_hash = ?, password_changed_at = ? WHERE name = ?`),
    setRole: p('UPDATE users SET role = ? WHERE name = ?'),
    endSessions: p('DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE name = ?)'),
    addSession: p(`INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at)
      VALUES (@idHash, @userId, @csrfToken, @createdAt, @expiresAt)`),
    session: p(`SELECT s.id_hash, s.user_id, s.csrf_token, s.created_at AS session_created_at,
        s.expires_at, u.id, u.name, u.role, u.created_at, u.password_changed_at
      FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ? AND s.expires_at > ?`),
    deleteSession: p('DELETE FROM sessions WHERE id_hash = ?'),
    deleteExpired: p('DELETE FROM sessions WHERE expires_at <= ?'),
    addToken: p(`INSERT INTO api_tokens (user_id, label, scopes, token_hash, created_at, expires_at)
      VALUES (@userId, @label, @scopes, @tokenHash, @createdAt, @expiresAt) RETURNING id`),
    tokenById: p(`SELECT ${TOKEN_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.id = ?`),
    tokenByHash: p(`SELECT ${TOKEN_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = ?`),
    tokens: p(`SELECT ${TOKEN_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id
      ORDER BY t.id DESC`),
    userTokens: p(`SELECT ${TOKEN_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.user_id = ? ORDER BY t.id DESC`),
    revoke: p(`UPDATE api_tokens SET revoked_at = @at
      WHERE id = @id AND revoked_at IS NULL AND (@userId IS NULL OR user_id = @userId)`),
    userById: p(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`),
    audit: p(`INSERT INTO audit_log (at, actor, action, target, detail)
      VALUES (@at, @actor, @action, @target, @detail)`),
    auditPage: p(`SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?`),
    auditTotal: p('SELECT COUNT(*) AS n FROM audit_log'),
  };
  const count = (s: Database.Statement, ...args: unknown[]) => (s.get(...args) as { n: number }).n;

  return {
    countUsers: async (role) => (role ? count(stmt.countRole, role) : count(stmt.count)),
    addUser: (user: NewUser) =>
      writer.write(() => {
        const row = stmt.addUser.get(user) as UserRow | undefined;
        return row ? userFromRow(row) : null;
      }),
    getUserByName: async (name) => {
      const row = stmt.userByName.get(name) as (UserRow & { password_hash: string }) | undefined;
      return row ? { ...userFromRow(row), passwordHash: row.password_hash } : null;
    },
    listUsers: async () => (stmt.users.all() as UserRow[]).map(userFromRow),
    removeUser: (name) => writer.write(() => stmt.removeUser.run(name).changes > 0),
    updateUser: (name, change) =>
      writer.write(() =>
        db.transaction(() => {
          if (!stmt.userByName.get(name)) return false;
          if (change.passwordHash !== undefined)
            stmt.setPassword.run(change.passwordHash, change.at, name);
          if (change.role !== undefined) stmt.setRole.run(change.role, name);
          stmt.endSessions.run(name);
          return true;
        })(),
      ),
    createSession: (session) => writer.write(() => void stmt.addSession.run(session)),
    getSession: async (idHash, now) => {
      const row = stmt.session.get(idHash, now) as SessionRow | undefined;
      if (!row) return null;
      return {
        idHash: row.id_hash,
        userId: row.user_id,
        csrfToken: row.csrf_token,
        createdAt: row.session_created_at,
        expiresAt: row.expires_at,
        user: userFromRow(row),
      };
    },
    deleteSession: (idHash) => writer.write(() => void stmt.deleteSession.run(idHash)),
    deleteExpiredSessions: (now) => writer.write(() => stmt.deleteExpired.run(now).changes),
    addToken: (token) =>
      writer.write(() => {
        const { id } = stmt.addToken.get({ ...token, scopes: token.scopes.join(',') }) as {
          id: number;
        };
        return tokenFromRow(stmt.tokenById.get(id) as TokenRow);
      }),
    findToken: async (tokenHash) => {
      const row = stmt.tokenByHash.get(tokenHash) as TokenRow | undefined;
      if (!row) return null;
      const user = stmt.userById.get(row.user_id) as UserRow;
      return { token: tokenFromRow(row), user: userFromRow(user) };
    },
    listTokens: async (userId) =>
      ((userId === undefined ? stmt.tokens.all() : stmt.userTokens.all(userId)) as TokenRow[]).map(
        tokenFromRow,
      ),
    revokeToken: (id, at, userId) =>
      writer.write(() => stmt.revoke.run({ id, at, userId: userId ?? null }).changes > 0),
    audit: (entry) =>
      writer.write(() => void stmt.audit.run({ ...entry, detail: JSON.stringify(entry.detail) })),
    listAudit: async ({ limit, before }) => ({
      items: (stmt.auditPage.all(before ?? Number.MAX_SAFE_INTEGER, limit) as AuditRow[]).map(
        auditFromRow,
      ),
      total: count(stmt.auditTotal),
    }),
  };
}
