import { Problem } from '../errors.js';
import { isPostgresUrl } from '../store/postgres/url.js';
import { terminalSafe } from './terminal-safe.js';

/**
 * The lost connection behind a failure to open a PostgreSQL archive (its server restarting, a
 * terminated backend), or null. SQLite has no connection to lose.
 */
export async function unreachableArchive(db: string, error: unknown): Promise<Problem | null> {
  if (!isPostgresUrl(db)) return null;
  const { lostConnection } = await import('../store/postgres/lost.js');
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const problem = lostConnection(cause);
    if (problem instanceof Problem && problem.code === 'unavailable') return problem;
  }
  return null;
}

/** What a long-lived command prints while its archive's database is out of reach. */
export function reportWaiting(problem: Problem): void {
  process.stderr.write(`wirewatch: ${terminalSafe(problem.message)}; waiting\n`);
}
