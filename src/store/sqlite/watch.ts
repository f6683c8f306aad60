/**
 * The SQLite engine's `WatchStore`: saved searches, follows and private feed tokens. The PostgreSQL
 * counterpart is ../postgres/watch.ts.
 */
import type Database from 'better-sqlite3';
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
import type { SqliteWriter } from './writer.js';

export function sqliteWatch(db: Database.Database, writer: SqliteWriter): WatchStore {
  const p = (sql: string) => db.prepare(sql);
  const stmt = {
    addSaved: p(`INSERT INTO saved_searches
        (user_id, name, query, sort, created_at, last_seen_at, alerted_at)
      VALUES (@userId, @name, @query, @sort, @createdAt, @createdAt, @createdAt)
      RETURNING ${SAVED_COLUMNS}`),
    saved: p(`SELECT ${SAVED_COLUMNS} FROM saved_searches ORDER BY id`),
    userSaved: p(`SELECT ${SAVED_COLUMNS} FROM saved_searches WHERE user_id = ? ORDER BY id`),
    savedById: p(`SELECT ${SAVED_COLUMNS} FROM saved_searches WHERE id = ?`),
    removeSaved: p(`DELETE FROM saved_searches WHERE id = ? AND user_id = ?
      RETURNING ${SAVED_COLUMNS}`),
    seeSaved: p('UPDATE saved_searches SET last_seen_at = ? WHERE id = ? AND user_id = ?'),
    addFollow: p(`INSERT INTO follows
        (user_id, kind, target, label, created_at, last_seen_at, alerted_at)
      VALUES (@userId, @kind, @target, @label, @createdAt, @createdAt, @createdAt)
      ON CONFLICT (user_id, kind, target) DO NOTHING`),
    follow: p(
      `SELECT ${FOLLOW_COLUMNS} FROM follows WHERE user_id = ? AND kind = ? AND target = ?`,
    ),
    follows: p(`SELECT ${FOLLOW_COLUMNS} FROM follows WHERE user_id = ? ORDER BY id`),
    removeFollow: p('DELETE FROM follows WHERE id = ? AND user_id = ?'),
    seeFollow: p('UPDATE follows SET last_seen_at = ? WHERE id = ? AND user_id = ?'),
    allFollows: p(`SELECT ${FOLLOW_COLUMNS} FROM follows ORDER BY id`),
    alertedSearch: p('UPDATE saved_searches SET alerted_at = ? WHERE id = ?'),
    alertedFollow: p('UPDATE follows SET alerted_at = ? WHERE id = ?'),
    absence: p('UPDATE follows SET absence_alerted = ? WHERE id = ?'),
    feedToken: p('SELECT token FROM feed_tokens WHERE user_id = ?'),
    setFeedToken: p(`INSERT INTO feed_tokens (user_id, token) VALUES (?, ?)
      ON CONFLICT (user_id) DO UPDATE SET token = excluded.token`),
    userOfToken: p(`SELECT ${USER_COLUMNS.replace(/(\w+)/g, 'u.$1')} FROM feed_tokens f
      JOIN users u ON u.id = f.user_id WHERE f.token = ?`),
  };

  return {
    addSavedSearch: (search) =>
      writer.write(() => savedFromRow(stmt.addSaved.get(search) as SavedRow)),
    listSavedSearches: async (userId) =>
      ((userId === undefined ? stmt.saved.all() : stmt.userSaved.all(userId)) as SavedRow[]).map(
        savedFromRow,
      ),
    getSavedSearch: async (id) => {
      const row = stmt.savedById.get(id) as SavedRow | undefined;
      return row ? savedFromRow(row) : null;
    },
    removeSavedSearch: (id, userId) =>
      writer.write(() => {
        const row = stmt.removeSaved.get(id, userId) as SavedRow | undefined;
        return row ? savedFromRow(row) : null;
      }),
    markSavedSearchSeen: (id, userId, at) =>
      writer.write(() => stmt.seeSaved.run(at, id, userId).changes > 0),
    addFollow: (follow) =>
      writer.write(() => {
        stmt.addFollow.run(follow);
        return followFromRow(
          stmt.follow.get(follow.userId, follow.kind, follow.target) as FollowRow,
        );
      }),
    listFollows: async (userId) => (stmt.follows.all(userId) as FollowRow[]).map(followFromRow),
    removeFollow: (id, userId) => writer.write(() => stmt.removeFollow.run(id, userId).changes > 0),
    markFollowSeen: (id, userId, at) =>
      writer.write(() => stmt.seeFollow.run(at, id, userId).changes > 0),
    listAllFollows: async () => (stmt.allFollows.all() as FollowRow[]).map(followFromRow),
    markAlerted: (what, id, at) =>
      writer.write(
        () => void (what === 'search' ? stmt.alertedSearch : stmt.alertedFollow).run(at, id),
      ),
    markAbsenceAlerted: (id, lastSeen) => writer.write(() => void stmt.absence.run(lastSeen, id)),
    feedToken: async (userId) =>
      (stmt.feedToken.get(userId) as { token: string } | undefined)?.token ?? null,
    setFeedToken: (userId, token) => writer.write(() => void stmt.setFeedToken.run(userId, token)),
    userOfFeedToken: async (token) => {
      const row = stmt.userOfToken.get(token) as UserRow | undefined;
      return row ? userFromRow(row) : null;
    },
  };
}
