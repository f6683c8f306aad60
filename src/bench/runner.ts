/**
 * Child-process entry of one benchmark case (forked by measure.ts), so each case gets a fresh heap and
 * its own peak RSS. argv[2] is the CaseSpec as JSON; the result goes back over IPC. On a "stop" message
 * (the time cap) it reports what it has done so far and exits cleanly (a --cpu-prof profile is written).
 */
import type { CaseResult, CaseSpec, ParentMessage, RunnerMessage } from './cases.js';
import { runFts5 } from './fts5-peer.js';
import { filesSize, runCli, runWirewatch } from './import-bench.js';

const PROGRESS_MS = 2000;

function send(message: RunnerMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as CaseSpec;
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  let done = { records: 0, bytes: 0 };
  let lastSent = 0;
  const progress = (records: number, bytes: number) => {
    done = { records, bytes };
    if (performance.now() - lastSent < PROGRESS_MS) return;
    lastSent = performance.now();
    void send({ type: 'progress', records, bytes, seconds: elapsed() });
  };

  process.on('message', (m: ParentMessage) => {
    if (m?.type !== 'stop') return;
    void (async () => {
      const name = spec.kind === 'fts5' ? 'fts5.sqlite' : 'archive.sqlite';
      const result: CaseResult = {
        kind: spec.kind,
        scale: spec.scale,
        records: done.records,
        bytes: done.bytes,
        seconds: elapsed(),
        maxRssKiB: process.resourceUsage().maxRSS,
        archiveBytes: await filesSize(spec.dir, name),
        stopped: true,
      };
      await send({ type: 'result', result });
      process.exit(0);
    })();
  });

  let result: CaseResult;
  try {
    result =
      spec.kind === 'wirewatch'
        ? await runWirewatch(spec, progress)
        : spec.kind === 'cli'
          ? await runCli(spec)
          : await runFts5(spec, progress);
  } catch (error) {
    result = {
      kind: spec.kind,
      scale: spec.scale,
      records: done.records,
      bytes: done.bytes,
      seconds: elapsed(),
      maxRssKiB: process.resourceUsage().maxRSS,
      archiveBytes: 0,
      error: error instanceof Error ? error.message : String(error),
    };
  }
  await send({ type: 'result', result });
  process.exit(0);
}

void main();
