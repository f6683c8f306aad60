import { Problem } from '../errors.js';
import { isPostgresUrl } from '../store/postgres/url.js';

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
