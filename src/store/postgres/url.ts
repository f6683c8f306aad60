/**
 * What the command line needs to know of a PostgreSQL archive's address before it loads the engine
 * (and its driver) at all: whether `--db` names one, and how to show it.
 */

/** True for what `--db` accepts as a PostgreSQL archive rather than a SQLite file. */
export const isPostgresUrl = (db: string) => /^postgres(ql)?:\/\//i.test(db);

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}
