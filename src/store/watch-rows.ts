/**
 * Rows of the saved-search and follow tables as both engines return them (ids may arrive as strings
 * from PostgreSQL's BIGINT), and the objects they map to.
 */
import type { Follow, FollowKind, SavedSearch, SavedSort } from './watch-types.js';

export const SAVED_COLUMNS = 'id, user_id, name, query, sort, created_at, last_seen_at, alerted_at';
export const FOLLOW_COLUMNS =
  'id, user_id, kind, target, label, created_at, last_seen_at, alerted_at, absence_alerted';

export interface SavedRow {
  id: number | string;
  user_id: number | string;
  name: string;
  query: string;
  sort: string;
  created_at: string;
  last_seen_at: string;
  alerted_at: string;
}

export interface FollowRow {
  id: number | string;
  user_id: number | string;
  kind: string;
  target: string;
  label: string;
  created_at: string;
  last_seen_at: string;
  alerted_at: string;
  absence_alerted: string | null;
}

export function savedFromRow(row: SavedRow): SavedSearch {
  return {
    id: Number(row.id),
    userId: Number(row.user_id),
    name: row.name,
    query: row.query,
    sort: row.sort as SavedSort,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    alertedAt: row.alerted_at,
  };
}

export function followFromRow(row: FollowRow): Follow {
  return {
    id: Number(row.id),
    userId: Number(row.user_id),
    kind: row.kind as FollowKind,
    target: row.target,
    label: row.label,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    alertedAt: row.alerted_at,
    absenceAlerted: row.absence_alerted,
  };
}
