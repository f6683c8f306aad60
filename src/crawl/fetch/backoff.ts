/**
 * How long to wait before trying again. Pure.
 *
 * The DPRK sites time out, reset and ban bursts; retrying at once makes all three worse. Delays grow
 * exponentially and carry jitter so several workers that failed together do not retry together.
 */

export interface BackoffOptions {
  /** Delay before the first retry. */
  baseMs: number;
  /** No single delay is longer. */
  maxMs: number;
}

/**
 * Delay before retry number `attempt` (1 for the first retry): base × 2^(attempt−1), capped, then
 * "equal jitter": between half and all of it, so it never collapses to zero.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * Milliseconds a `Retry-After` header asks for: delta-seconds (`120`) or an HTTP date. Null when absent
 * or unreadable; a date in the past is 0.
 */
export function parseRetryAfter(
  value: string | string[] | undefined,
  now: number = Date.now(),
): number | null {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
