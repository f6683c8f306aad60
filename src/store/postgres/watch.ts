/**
 * The PostgreSQL engine's `WatchStore`: saved searches, follows and private feed tokens. The SQLite
 * counterpart is ../sqlite/watch.ts.
 */
import { USER_COLUMNS, userFromRow, type UserRow } from '../accounts-rows.js';
import type { WatchStore } from '../watch-types.js';
import {
  FOLLOW_COLUMNS,
  followFromRow,
  SAVED_COLUMNS,
  savedFromRow,
  type FollowRow,
  type SavedRow,
} from '../watch-rows.js';
import type { Connection } from './connection.js';

export function postgresWatch(conn: Connection): WatchStore {
  const rows = async <R extends object>(name: string, text: string, values: unknown[] = []) =>
    (await conn.q().query<R>({ name, text, values })).rows;
  const changed = async (name: string, text: string, values: unknown[]) =>
    (await rows(name, `${text} RETURNING 1`, values)).length > 0;

  return {
    addSavedSearch: async (s) => {
      const [row] = await rows<SavedRow>(
        'saved-add',
        `INSERT INTO saved_searches
          (user_id, name, query, sort, created_at, last_seen_at, alerted_at)
        VALUES ($1, $2, $3, $4, $5, $5, $5) RETURNING ${SAVED_COLUMNS}`,
        [s.userId, s.name, s.query, s.sort, s.createdAt],
      );
      return savedFromRow(row!);
    },
    listSavedSearches: async (userId) =>
      (userId === undefined
        ? await rows<SavedRow>(
            'saved-all',
            `SELECT ${SAVED_COLUMNS} FROM saved_searches ORDER BY id`,
          )
        : await rows<SavedRow>(
            'saved-of-user',
            `SELECT ${SAVED_COLUMNS} FROM saved_searches WHERE user_id = $1 ORDER BY id`,
            [userId],
          )
      ).map(savedFromRow),
    getSavedSearch: async (id) => {
      const [row] = await rows<SavedRow>(
        'saved-by-id',
        `SELECT ${SAVED_COLUMNS} FROM saved_searches WHERE id = $1`,
        [id],
      );
      return row ? savedFromRow(row) : null;
    },
    removeSavedSearch: async (id, userId) => {
      const [row] = await rows<SavedRow>(
        'saved-remove',
        `DELETE FROM saved_searches WHERE id = $1 AND user_id = $2 RETURNING ${SAVED_COLUMNS}`,
        [id, userId],
      );
      return row ? savedFromRow(row) : null;
    },
    markSavedSearchSeen: (id, userId, at) =>
      changed(
        'saved-seen',
        'UPDATE saved_searches SET last_seen_at = $1 WHERE id = $2 AND user_id = $3',
        [at, id, userId],
      ),
    addFollow: async (f) => {
      await rows(
        'follows-add',
        `INSERT INTO follows (user_id, kind, target, label, created_at, last_seen_at, alerted_at)
        VALUES ($1, $2, $3, $4, $5, $5, $5) ON CONFLICT (user_id, kind, target) DO NOTHING`,
        [f.userId, f.kind, f.target, f.label, f.createdAt],
      );
      const [row] = await rows<FollowRow>(
        'follows-one',
        `SELECT ${FOLLOW_COLUMNS} FROM follows WHERE user_id = $1 AND kind = $2 AND target = $3`,
        [f.userId, f.kind, f.target],
      );
      return followFromRow(row!);
    },
    listFollows: async (userId) =>
      (
        await rows<FollowRow>(
          'follows-of-user',
          `SELECT ${FOLLOW_COLUMNS} FROM follows WHERE user_id = $1 ORDER BY id`,
          [userId],
        )
      ).map(followFromRow),
    removeFollow: (id, userId) =>
      changed('follows-remove', 'DELETE FROM follows WHERE id = $1 AND user_id = $2', [id, userId]),
    markFollowSeen: (id, userId, at) =>
      changed(
        'follows-seen',
        'UPDATE follows SET last_seen_at = $1 WHERE id = $2 AND user_id = $3',
        [at, id, userId],
      ),
    listAllFollows: async () =>
      (
        await rows<FollowRow>('follows-all', `SELECT ${FOLLOW_COLUMNS} FROM follows ORDER BY id`)
      ).map(followFromRow),
    markAlerted: async (what, id, at) => {
      const table = what === 'search' ? 'saved_searches' : 'follows';
      await rows(`alerted-${what}`, `UPDATE ${table} SET alerted_at = $1 WHERE id = $2`, [at, id]);
    },
    markAbsenceAlerted: async (id, lastSeen) => {
      await rows('follows-absence', 'UPDATE follows SET absence_alerted = $1 WHERE id = $2', [
        lastSeen,
        id,
      ]);
    },
    feedToken: async (userId) =>
      (
        await rows<{ token: string }>(
          'feed-token',
          'SELECT token FROM feed_tokens WHERE user_id = $1',
          [userId],
        )
      )[0]?.token ?? null,
    setFeedToken: async (userId, token) => {
      await rows(
        'feed-token-set',
        `INSERT INTO feed_tokens (user_id, token) VALUES ($1, $2)
        ON CONFLICT (user_id) DO UPDATE SET token = excluded.token`,
        [userId, token],
      );
    },
    userOfFeedToken: async (token) => {
      const [row] = await rows<UserRow>(
        'feed-token-user',
        `SELECT ${USER_COLUMNS.replace(/(\w+)/g, 'u.$1')} FROM feed_tokens f
        JOIN users u ON u.id = f.user_id WHERE f.token = $1`,
        [token],
      );
      return row ? userFromRow(row) : null;
    },
  };
}
