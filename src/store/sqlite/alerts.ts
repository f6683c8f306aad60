/**
 * The SQLite engine's `AlertStore`: alert channels and the delivery log. The PostgreSQL counterpart is
 * ../postgres/alerts.ts.
 */
import type Database from 'better-sqlite3';
import type { AlertStore } from '../alert-types.js';
import {
  CHANNEL_COLUMNS,
  channelFromRow,
  DELIVERY_COLUMNS,
  deliveryFromRow,
  type ChannelRow,
  type DeliveryRow,
} from '../alert-rows.js';
import type { SqliteWriter } from './writer.js';

const D_COLUMNS = DELIVERY_COLUMNS.replace(/(\w+)/g, 'd.$1');

export function sqliteAlerts(db: Database.Database, writer: SqliteWriter): AlertStore {
  const p = (sql: string) => db.prepare(sql);
  const stmt = {
    add: p(`INSERT INTO alert_channels (user_id, kind, target, secret, mode, created_at)
      VALUES (@userId, @kind, @target, @secret, @mode, @createdAt) RETURNING ${CHANNEL_COLUMNS}`),
    list: p(`SELECT ${CHANNEL_COLUMNS} FROM alert_channels WHERE user_id = ? ORDER BY id`),
    get: p(`SELECT ${CHANNEL_COLUMNS} FROM alert_channels WHERE id = ?`),
    remove: p('DELETE FROM alert_channels WHERE id = ? AND user_id = ?'),
    ok: p('UPDATE alert_channels SET failures = 0 WHERE id = ?'),
    failed: p('UPDATE alert_channels SET failures = failures + 1 WHERE id = ?'),
    pause: p('UPDATE alert_channels SET paused_at = ?, pause_reason = ? WHERE id = ?'),
    resume: p(`UPDATE alert_channels SET paused_at = NULL, pause_reason = NULL, failures = 0
      WHERE id = ? AND user_id = ?`),
    enqueue: p(`INSERT INTO alert_deliveries
        (channel_id, created_at, subject, payload, status, next_attempt_at)
      VALUES (@channelId, @createdAt, @subject, @payload, 'pending', @createdAt)`),
    due: p(`SELECT ${D_COLUMNS} FROM alert_deliveries d
      JOIN alert_channels c ON c.id = d.channel_id
      WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND c.paused_at IS NULL
      ORDER BY d.next_attempt_at, d.id LIMIT ?`),
    delivered: p(`UPDATE alert_deliveries SET status = 'delivered', delivered_at = ?,
      attempts = attempts + 1, next_attempt_at = NULL, last_error = NULL WHERE id = ?`),
    attemptFailed: p(`UPDATE alert_deliveries SET attempts = attempts + 1, last_error = ?,
      next_attempt_at = ?, status = CASE WHEN ? IS NULL THEN 'failed' ELSE 'pending' END
      WHERE id = ?`),
    ofUser: p(`SELECT ${D_COLUMNS} FROM alert_deliveries d
      JOIN alert_channels c ON c.id = d.channel_id WHERE c.user_id = ? ORDER BY d.id DESC LIMIT ?`),
    replay: p(`UPDATE alert_deliveries SET status = 'pending', attempts = 0, next_attempt_at = ?,
      last_error = NULL
      WHERE id = ? AND status = 'failed'
        AND channel_id IN (SELECT id FROM alert_channels WHERE user_id = ?)`),
  };

  return {
    addChannel: (channel) =>
      writer.write(() => channelFromRow(stmt.add.get(channel) as ChannelRow)),
    listChannels: async (userId) => (stmt.list.all(userId) as ChannelRow[]).map(channelFromRow),
    getChannel: async (id) => {
      const row = stmt.get.get(id) as ChannelRow | undefined;
      return row ? channelFromRow(row) : null;
    },
    removeChannel: (id, userId) => writer.write(() => stmt.remove.run(id, userId).changes > 0),
    recordOutcome: (id, outcome) =>
      writer.write(() =>
        db.transaction(() => {
          (outcome.ok ? stmt.ok : stmt.failed).run(id);
          if (outcome.pause) stmt.pause.run(outcome.pause.at, outcome.pause.reason, id);
        })(),
      ),
    resumeChannel: (id, userId) => writer.write(() => stmt.resume.run(id, userId).changes > 0),
    enqueue: (deliveries) =>
      writer.write(() =>
        db.transaction(() => {
          for (const d of deliveries) stmt.enqueue.run(d);
        })(),
      ),
    dueDeliveries: async (now, limit) =>
      (stmt.due.all(now, limit) as DeliveryRow[]).map(deliveryFromRow),
    recordAttempt: (id, result) =>
      writer.write(() => {
        if ('deliveredAt' in result) stmt.delivered.run(result.deliveredAt, id);
        else stmt.attemptFailed.run(result.error, result.nextAttemptAt, result.nextAttemptAt, id);
      }),
    listDeliveries: async (userId, limit) =>
      (stmt.ofUser.all(userId, limit) as DeliveryRow[]).map(deliveryFromRow),
    replay: (id, userId, at) => writer.write(() => stmt.replay.run(at, id, userId).changes > 0),
  };
}
