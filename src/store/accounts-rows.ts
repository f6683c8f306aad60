/**
 * Rows of the accounts tables as both engines return them, and the objects they map to (ids may
 * arrive as strings from PostgreSQL's BIGINT; scopes are stored as a comma-separated list).
 */
import type { ApiToken, AuditEntry, Role, Scope, User } from './accounts-types.js';

export interface UserRow {
  id: number | string;
  name: string;
  role: string;
  created_at: string;
  password_changed_at: string;
}

export interface TokenRow {
  id: number | string;
  user_id: number | string;
  user_name: string;
  label: string;
  scopes: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface AuditRow {
  id: number | string;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail: string | Record<string, unknown>;
}

export function userFromRow(row: UserRow): User {
  return {
    id: Number(row.id),
    name: row.name,
    role: row.role as Role,
    createdAt: row.created_at,
    passwordChangedAt: row.password_changed_at,
  };
}

export function tokenFromRow(row: TokenRow): ApiToken {
  return {
    id: Number(row.id),
    userId: Number(row.user_id),
    userName: row.user_name,
    label: row.label,
    scopes: row.scopes.split(',').filter(Boolean) as Scope[],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

export function auditFromRow(row: AuditRow): AuditEntry {
  return {
    id: Number(row.id),
    at: row.at,
    actor: row.actor,
    action: row.action,
    target: row.target,
    detail:
      typeof row.detail === 'string'
        ? (JSON.parse(row.detail) as Record<string, unknown>)
        : row.detail,
  };
}

/** The columns of a token row with its owner's name, as both engines select them. */
export const TOKEN_COLUMNS = `t.id, t.user_id, u.name AS user_name, t.label, t.scopes,
  t.created_at, t.expires_at, t.revoked_at`;

/** The columns of a user row. */
export const USER_COLUMNS = 'id, name, role, created_at, password_changed_at';
