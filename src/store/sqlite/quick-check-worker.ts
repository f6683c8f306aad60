/** Worker thread: `quickCheckFile` off the serving thread (see quick-check.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { quickCheckFile } from './quick-check.js';

parentPort?.postMessage(quickCheckFile((workerData as { path: string }).path));
