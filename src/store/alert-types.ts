/**
 * Where a user's alerts go (channels: a webhook or an email address) and every delivery to them, kept
 * as a log: pending until sent, retried with back-off, failed for good after the last attempt, and
 * replayable. docs/data-model.md, "Accounts", defines the fields.
 */
export const CHANNEL_KINDS = ['webhook', 'email'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** `immediate`: one message per alert; `digest`: the alerts of one check in one message. */
export const CHANNEL_MODES = ['immediate', 'digest'] as const;
export type ChannelMode = (typeof CHANNEL_MODES)[number];

export interface AlertChannel {
  id: number;
  userId: number;
  kind: ChannelKind;
  /** The webhook's URL, or the email address. */
  target: string;
  /** The webhook's HMAC-SHA256 key (shown to its owner to verify signatures); empty for email. */
  secret: string;
  mode: ChannelMode;
  createdAt: string;
  /** Deliveries that failed in a row; a success sets it back to 0. */
  failures: number;
  /** Set when too many deliveries failed in a row: nothing is sent until the user resumes it. */
  pausedAt: string | null;
  pauseReason: string | null;
}

export type NewAlertChannel = Omit<AlertChannel, 'id' | 'failures' | 'pausedAt' | 'pauseReason'>;

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface AlertDelivery {
  id: number;
  channelId: number;
  createdAt: string;
  /** One line: what the alert is about. */
  subject: string;
  /** The JSON document a webhook receives (and an email is written from). */
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  /** When to try next (pending only). */
  nextAttemptAt: string | null;
  lastError: string | null;
  deliveredAt: string | null;
}

export interface AlertStore {
  addChannel(channel: NewAlertChannel): Promise<AlertChannel>;
  listChannels(userId: number): Promise<AlertChannel[]>;
  getChannel(id: number): Promise<AlertChannel | null>;
  removeChannel(id: number, userId: number): Promise<boolean>;
  /** After a delivery: `ok` sets failures to 0; otherwise they grow, and `pause` pauses the channel. */
  recordOutcome(
    id: number,
    outcome: { ok: boolean; pause?: { at: string; reason: string } },
  ): Promise<void>;
  resumeChannel(id: number, userId: number): Promise<boolean>;

  /** Queues deliveries, due at once. */
  enqueue(
    deliveries: Array<Pick<AlertDelivery, 'channelId' | 'createdAt' | 'subject' | 'payload'>>,
  ): Promise<void>;
  /** Pending deliveries due at `now` on channels not paused, oldest first. */
  dueDeliveries(now: string, limit: number): Promise<AlertDelivery[]>;
  /** The outcome of one attempt: delivered, or the error and the next try (null: failed for good). */
  recordAttempt(
    id: number,
    result: { deliveredAt: string } | { error: string; nextAttemptAt: string | null },
  ): Promise<void>;
  /** One user's deliveries, newest first. */
  listDeliveries(userId: number, limit: number): Promise<AlertDelivery[]>;
  /** A failed delivery of this user's, queued again from its first attempt; false when there is none. */
  replay(id: number, userId: number, at: string): Promise<boolean>;
}
