/** Worker thread: prepares batches of JSONL lines (see prepare-line.ts) for the importing thread. */
import { parentPort } from 'node:worker_threads';
import { prepareBatch, type LineBatch } from './prepare-line.js';

parentPort?.on('message', (message: { id: number; batch: LineBatch }) => {
  try {
    parentPort!.postMessage({ id: message.id, lines: prepareBatch(message.batch) });
  } catch (error) {
    parentPort!.postMessage({
      id: message.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
