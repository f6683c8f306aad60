/**
 * Runs one target over its inputs inside a worker thread whose heap the test caps, and reports the
 * slowest input and every unexpected failure. A runaway allocation kills this worker, not the suite.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { TARGETS } from './targets.mjs';

const { target, inputs } = workerData;
const run = TARGETS[target];
const failures = [];
let slowest = { ms: 0, index: -1 };
for (const [index, input] of inputs.entries()) {
  const started = performance.now();
  try {
    await run(input);
  } catch (error) {
    failures.push({ index, error: error instanceof Error ? error.stack : String(error) });
  }
  const ms = performance.now() - started;
  if (ms > slowest.ms) slowest = { ms, index };
}
parentPort.postMessage({ failures, slowest });
