/** Rows of the alert tables as both engines return them, and the objects they map to. */
import type {
  AlertChannel,
  AlertDelivery,
  ChannelKind,
  ChannelMode,
  DeliveryStatus,
} from './alert-types.js';

export const CHANNEL_COLUMNS =
  'id, user_id, kind, target, secret, mode, created_at, failures, paused_at, pause_reason';
export const DELIVERY_COLUMNS =
  'id, channel_id, created_at, subject, payload, status, attempts, next_attempt_at, last_error, delivered_at';

export interface ChannelRow {
  id: number | string;
  user_id: number | string;
  kind: string;
  target: string;
  secret: string;
  mode: string;
  created_at: string;
  failures: number | string;
  paused_at: string | null;
  pause_reason: string | null;
}

export interface DeliveryRow {
  id: number | string;
  channel_id: number | string;
  created_at: string;
  subject: string;
  payload: string;
  status: string;
  attempts: number | string;
  next_attempt_at: string | null;
  last_error: string | null;
  delivered_at: string | null;
}

export function channelFromRow(r: ChannelRow): AlertChannel {
  return {
    id: Number(r.id),
    userId: Number(r.user_id),
    kind: r.kind as ChannelKind,
    target: r.target,
    secret: r.secret,
    mode: r.mode as ChannelMode,
    createdAt: r.created_at,
    failures: Number(r.failures),
    pausedAt: r.paused_at,
    pauseReason: r.pause_reason,
  };
}

export function deliveryFromRow(r: DeliveryRow): AlertDelivery {
  return {
    id: Number(r.id),
    channelId: Number(r.channel_id),
    createdAt: r.created_at,
    subject: r.subject,
    payload: r.payload,
    status: r.status as DeliveryStatus,
    attempts: Number(r.attempts),
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
  };
}
