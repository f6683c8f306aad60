/**
 * Where a capture is in the queue, as SQL both engines read the same way: pending until processed
 * or parked as failed (pipeline/driver.ts).
 */
export const PENDING = 'processed_at IS NULL AND failed_at IS NULL';

export const STATE_WHERE = {
  pending: `WHERE ${PENDING}`,
  done: 'WHERE processed_at IS NOT NULL',
  failed: 'WHERE failed_at IS NOT NULL',
} as const;
