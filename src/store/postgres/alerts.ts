/**
 * The PostgreSQL engine's `AlertStore`: alert channels and the delivery log. The SQLite counterpart is
 * ../sqlite/alerts.ts.
 */
import type { AlertStore } from '../alert-types.js';
import {
  CHANNEL_COLUMNS,
  channelFromRow,
  DELIVERY_COLUMNS,
  deliveryFromRow,
  type ChannelRow,
  type DeliveryRow,
} from '../alert-rows.js';
import type { Connection } from './connection.js';

const D_COLUMNS = DELIVERY_COLUMNS.replace(/(\w+)/g, 'd.$1');

export function postgresAlerts(conn: Connection): AlertStore {
  const rows = async <R extends object>(name: string, text: string, values: unknown[] = []) =>
    (await conn.q().query<R>({ name, text, values })).rows;
  const changed = async (name: string, text: string, values: unknown[]) =>
    (await rows(name, `${text} RETURNING 1`, values)).length > 0;

  return {
    addChannel: async (c) => {
      const [row] = await rows<ChannelRow>(
        'channels-add',
        `INSERT INTO alert_channels (user_id, kind, target, secret, mode, created_at)
        VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${CHANNEL_COLUMNS}`,
        [c.userId, c.kind, c.target, c.secret, c.mode, c.createdAt],
      );
      return channelFromRow(row!);
    },
    listChannels: async (userId) =>
      (
        await rows<ChannelRow>(
          'channels-of-user',
          `SELECT ${CHANNEL_COLUMNS} FROM alert_channels WHERE user_id = $1 ORDER BY id`,
          [userId],
        )
      ).map(channelFromRow),
    getChannel: async (id) => {
      const [row] = await rows<ChannelRow>(
        'channels-get',
        `SELECT ${CHANNEL_COLUMNS} FROM alert_channels WHERE id = $1`,
        [id],
      );
      return row ? channelFromRow(row) : null;
    },
    removeChannel: (id, userId) =>
      changed('channels-remove', 'DELETE FROM alert_channels WHERE id = $1 AND user_id = $2', [
        id,
        userId,
      ]),
    recordOutcome: async (id, outcome) => {
      await rows(
        'channels-outcome',
        `UPDATE alert_channels SET
          failures = CASE WHEN $2 THEN 0 ELSE failures + 1 END,
          paused_at = COALESCE($3, paused_at), pause_reason = COALESCE($4, pause_reason)
        WHERE id = $1`,
        [id, outcome.ok, outcome.pause?.at ?? null, outcome.pause?.reason ?? null],
      );
    },
    resumeChannel: (id, userId) =>
      changed(
        'channels-resume',
        `UPDATE alert_channels SET paused_at = NULL, pause_reason = NULL, failures = 0
        WHERE id = $1 AND user_id = $2`,
        [id, userId],
      ),
    enqueue: (deliveries) =>
      conn.atomic(async (db) => {
        for (const d of deliveries)
          await db.query(
            `INSERT INTO alert_deliveries
              (channel_id, created_at, subject, payload, status, next_attempt_at)
            VALUES ($1, $2, $3, $4, 'pending', $2)`,
            [d.channelId, d.createdAt, d.subject, d.payload],
          );
      }),
    dueDeliveries: async (now, limit) =>
      (
        await rows<DeliveryRow>(
          'deliveries-due',
          `SELECT ${D_COLUMNS} FROM alert_deliveries d
          JOIN alert_channels c ON c.id = d.channel_id
          WHERE d.status = 'pending' AND d.next_attempt_at <= $1 AND c.paused_at IS NULL
          ORDER BY d.next_attempt_at, d.id LIMIT $2`,
          [now, limit],
        )
      ).map(deliveryFromRow),
    recordAttempt: async (id, result) => {
      if ('deliveredAt' in result)
        await rows(
          'deliveries-delivered',
          `UPDATE alert_deliveries SET status = 'delivered', delivered_at = $2,
            attempts = attempts + 1, next_attempt_at = NULL, last_error = NULL WHERE id = $1`,
          [id, result.deliveredAt],
        );
      else
        await rows(
          'deliveries-failed',
          `UPDATE alert_deliveries SET attempts = attempts + 1, last_error = $2,
            next_attempt_at = $3::text,
            status = CASE WHEN $3::text IS NULL THEN 'failed' ELSE 'pending' END
          WHERE id = $1`,
          [id, result.error, result.nextAttemptAt],
        );
    },
    listDeliveries: async (userId, limit) =>
      (
        await rows<DeliveryRow>(
          'deliveries-of-user',
          `SELECT ${D_COLUMNS} FROM alert_deliveries d
          JOIN alert_channels c ON c.id = d.channel_id
          WHERE c.user_id = $1 ORDER BY d.id DESC LIMIT $2`,
          [userId, limit],
        )
      ).map(deliveryFromRow),
    replay: (id, userId, at) =>
      changed(
        'deliveries-replay',
        `UPDATE alert_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $1,
          last_error = NULL
        WHERE id = $2 AND status = 'failed'
          AND channel_id IN (SELECT id FROM alert_channels WHERE user_id = $3)`,
        [at, id, userId],
      ),
  };
}
