/**
 * A lost connection to PostgreSQL (the server restarted, the backend was terminated, the network
 * dropped) is bad luck, not a bug: it becomes a 503 `unavailable` Problem, which the server answers
 * cleanly and the CLI prints as one line (exit 1). The pool opens a new connection for the next query.
 * A full disk under the tables is one line too (`databaseProblem`): errors.ts `diskFull`.
 */
import pg from 'pg';
import { diskFull, Problem } from '../../errors.js';

/** SQLSTATE classes: 08 connection exception, 57P operator intervention (terminate, shutdown). */
const LOST_STATE = /^(?:08|57P)/;
const LOST_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
/** node-postgres's own words for a connection that went away under it. */
const LOST_MESSAGE = /connection terminated|not queryable|connection error|timeout exceeded when/i;

export function isLostConnection(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (error instanceof pg.DatabaseError) return typeof code === 'string' && LOST_STATE.test(code);
  if (typeof code === 'string' && LOST_ERRNO.has(code)) return true;
  return LOST_MESSAGE.test(error.message);
}

/**
 * `error` as a 503 when it is a lost connection, else unchanged. The message names no server: it
 * may reach a reader of the web pages.
 */
export function lostConnection(error: unknown): unknown {
  if (error instanceof Problem || !isLostConnection(error)) return error;
  const reason = (error as Error).message.split('\n')[0];
  return new Problem(
    503,
    'unavailable',
    `the connection to the archive's database was lost (${reason}); try again`,
    { retryAfterSeconds: 1, exitCode: 1 },
  );
}

/** SQLSTATE 53100 disk_full: a table or index could not grow, its tablespace's disk is full. */
const DISK_FULL_STATE = '53100';

/**
 * `error` as the Problem every surface answers in one line when the database is out of reach
 * (`lostConnection`) or its disk is full (a 503 naming the disk), else unchanged.
 */
export function databaseProblem(error: unknown): unknown {
  if (error instanceof pg.DatabaseError && error.code === DISK_FULL_STATE)
    return diskFull(error.message.split('\n')[0]!);
  return lostConnection(error);
}
