/**
 * The PostgreSQL engine's `AccountStore`: users, sessions, API tokens and the audit log. The SQLite
 * counterpart is ../sqlite/accounts.ts.
 */
import type { AccountStore } from '../accounts-types.js';
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
import type { Connection } from './connection.js';

type SessionRow = UserRow & {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  session_created_at: string;
  expires_at: string;
};

const TOKEN_FROM = 'api_tokens t JOIN users u ON u.id = t.user_id';

export function postgresAccounts(conn: Connection): AccountStore {
  const rows = async <R extends object>(name: string, text: string, values: unknown[] = []) =>
    (await conn.q().query<R>({ name, text, values })).rows;
  const count = async (name: string, text: string, values: unknown[] = []) =>
    Number((await rows<{ n: string }>(name, text, values))[0]!.n);

  return {
    countUsers: (role) =>
      role
        ? count('users-count-role', 'SELECT COUNT(*) AS n FROM users WHERE role = $1', [role])
        : count('users-count', 'SELECT COUNT(*) AS n FROM users'),
    addUser: async (user) => {
      const [row] = await rows<UserRow>(
        'users-add',
        `INSERT INTO users (name, role, password_hash, created_at, password_changed_at)
        VALUES ($1, $2, $3, $4, $4) ON CONFLICT (name) DO NOTHING RETURNING ${USER_COLUMNS}`,
        [user.name, user.role, user.passwordHash, user.at],
      );
      return row ? userFromRow(row) : null;
    },
    getUserByName: async (name) => {
      const [row] = await rows<UserRow & { password_hash: string }>(
        'users-by-name',
        `SELECT ${USER_COLUMNS}, password_hash FROM users WHERE name = $1`,
        [name],
      );
      return row ? { ...userFromRow(row), passwordHash: row.password_hash } : null;
    },
    listUsers: async () =>
      (await rows<UserRow>('users', `SELECT ${USER_COLUMNS} FROM users ORDER BY name`)).map(
        userFromRow,
      ),
    removeUser: async (name) =>
      (await rows('users-remove', 'DELETE FROM users WHERE name = $1 RETURNING id', [name]))
        .length > 0,
    updateUser: (name, change) =>
      conn.atomic(async (db) => {
        const { rows: found } = await db.query<{ id: string }>(
          `UPDATE users SET password_hash = COALESCE($2, password_hash),
            password_changed_at = CASE WHEN $2::text IS NULL THEN password_changed_at ELSE $3 END,
            role = COALESCE($4, role)
          WHERE name = $1 RETURNING id`,
          [name, change.passwordHash ?? null, change.at, change.role ?? null],
        );
        if (found.length === 0) return false;
        await db.query('DELETE FROM sessions WHERE user_id = $1', [found[0]!.id]);
        return true;
      }),
    createSession: async (s) => {
      await rows(
        'sessions-add',
        `INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at)
        VALUES ($1, $2, $3, $4, $5)`,
        [s.idHash, s.userId, s.csrfToken, s.createdAt, s.expiresAt],
      );
    },
    getSession: async (idHash, now) => {
      const [row] = await rows<SessionRow>(
        'sessions-get',
        `SELECT s.id_hash, s.user_id, s.csrf_token, s.created_at AS session_created_at,
          s.expires_at, u.id, u.name, u.role, u.created_at, u.password_changed_at
        FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id_hash = $1 AND s.expires_at > $2`,
        [idHash, now],
      );
      if (!row) return null;
      return {
        idHash: row.id_hash,
        userId: Number(row.user_id),
        csrfToken: row.csrf_token,
        createdAt: row.session_created_at,
        expiresAt: row.expires_at,
        user: userFromRow(row),
      };
    },
    deleteSession: async (idHash) => {
      await rows('sessions-delete', 'DELETE FROM sessions WHERE id_hash = $1', [idHash]);
    },
    deleteExpiredSessions: async (now) =>
      (
        await rows('sessions-expired', 'DELETE FROM sessions WHERE expires_at <= $1 RETURNING 1', [
          now,
        ])
      ).length,
    addToken: async (t) => {
      const [added] = await rows<{ id: string }>(
        'tokens-add',
        `INSERT INTO api_tokens (user_id, label, scopes, token_hash, created_at, expires_at)
        VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [t.userId, t.label, t.scopes.join(','), t.tokenHash, t.createdAt, t.expiresAt],
      );
      const [row] = await rows<TokenRow>(
        'tokens-by-id',
        `SELECT ${TOKEN_COLUMNS} FROM ${TOKEN_FROM} WHERE t.id = $1`,
        [added!.id],
      );
      return tokenFromRow(row!);
    },
    findToken: async (tokenHash) => {
      const [row] = await rows<TokenRow & { role: string; user_created_at: string; pca: string }>(
        'tokens-by-hash',
        `SELECT ${TOKEN_COLUMNS}, u.role, u.created_at AS user_created_at, u.password_changed_at AS pca
        FROM ${TOKEN_FROM} WHERE t.token_hash = $1`,
        [tokenHash],
      );
      if (!row) return null;
      const user = userFromRow({
        id: row.user_id,
        name: row.user_name,
        role: row.role,
        created_at: row.user_created_at,
        password_changed_at: row.pca,
      });
      return { token: tokenFromRow(row), user };
    },
    listTokens: async (userId) =>
      (userId === undefined
        ? await rows<TokenRow>(
            'tokens',
            `SELECT ${TOKEN_COLUMNS} FROM ${TOKEN_FROM} ORDER BY t.id DESC`,
          )
        : await rows<TokenRow>(
            'tokens-of-user',
            `SELECT ${TOKEN_COLUMNS} FROM ${TOKEN_FROM} WHERE t.user_id = $1 ORDER BY t.id DESC`,
            [userId],
          )
      ).map(tokenFromRow),
    revokeToken: async (id, at, userId) =>
      (
        await rows(
          'tokens-revoke',
          `UPDATE api_tokens SET revoked_at = $2
          WHERE id = $1 AND revoked_at IS NULL AND ($3::bigint IS NULL OR user_id = $3)
          RETURNING id`,
          [id, at, userId ?? null],
        )
      ).length > 0,
    audit: async (e) => {
      await rows(
        'audit-add',
        `INSERT INTO audit_log (at, actor, action, target, detail)
        VALUES ($1, $2, $3, $4, $5::jsonb)`,
        [e.at, e.actor, e.action, e.target, JSON.stringify(e.detail)],
      );
    },
    listAudit: async ({ limit, before }) => ({
      items: (
        await rows<AuditRow>(
          'audit-page',
          'SELECT * FROM audit_log WHERE id < $1 ORDER BY id DESC LIMIT $2',
          [before ?? Number.MAX_SAFE_INTEGER, limit],
        )
      ).map(auditFromRow),
      total: await count('audit-total', 'SELECT COUNT(*) AS n FROM audit_log'),
    }),
  };
}
