/** Worker thread: FTS5 matches on a read-only connection of its own (see match-thread.ts). */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { prepareConnection, runMatch, type MatchRequest } from './match-thread.js';
import { StatementCache } from './statement-cache.js';

const db = new Database((workerData as { path: string }).path, {
  readonly: true,
  fileMustExist: true,
});
db.pragma('busy_timeout = 30000');
prepareConnection(db);
const statements = new StatementCache(db);

parentPort!.on('message', (req: MatchRequest & { id: number }) => {
  try {
    const { ids, scores } = runMatch(statements, req);
    const transfer = (scores ? [ids.buffer, scores.buffer] : [ids.buffer]) as ArrayBuffer[];
    parentPort!.postMessage({ id: req.id, ids, scores }, transfer);
  } catch (error) {
    const { message, code } = error as Error & { code?: string };
    parentPort!.postMessage({ id: req.id, error: { message: String(message), code } });
  }
});
