/**
 * `PRAGMA quick_check` of an archive file: what `wirewatch check` reports and what a writer warns of
 * when it opens a damaged file (which SQLite otherwise reads and writes without a word). A damage bad
 * enough makes the pragma itself fail: that is a problem found, not an error of the check.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** The problems `quick_check` finds; none when the file is sound. */
export function quickCheck(db: Database.Database): string[] {
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    return rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
}

/** The same on a connection of its own, read-only: for a thread other than the store's. */
export function quickCheckFile(path: string): string[] {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    return quickCheck(db);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  } finally {
    db?.close();
  }
}

const WORKER_FILE = fileURLToPath(new URL('./quick-check-worker.js', import.meta.url));

/**
 * `quickCheckFile` on a worker thread, so a server starts answering at once however large the file;
 * inline after the current turn when the compiled worker is not there (tests of the sources).
 */
export function quickCheckInBackground(path: string): Promise<string[]> {
  if (!existsSync(WORKER_FILE))
    return new Promise((resolve) => setImmediate(() => resolve(quickCheckFile(path))));
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_FILE, { workerData: { path } });
    worker.unref();
    worker.once('message', (problems: string[]) => resolve(problems));
    worker.once('error', (error) => resolve([error.message]));
  });
}

/** One line for stderr naming the first problem, or null when there is none. */
export function damageWarning(path: string, problems: string[]): string | null {
  if (!problems.length) return null;
  const more = problems.length > 1 ? ` and ${problems.length - 1} more` : '';
  const first = problems[0]!.replace(/\s+/g, ' ');
  return `wirewatch: warning: the archive ${path} is damaged (${first}${more}); see \`wirewatch check\`\n`;
}
