/** Runs one case in a forked child (fresh process per case), with progress and a time cap. */
import { fork } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { CaseResult, CaseSpec, ParentMessage, RunnerMessage } from './cases.js';

const RUNNER = fileURLToPath(new URL('./runner.js', import.meta.url));
/** After "stop", how long the child gets to report before it is killed. */
const GRACE_MS = 60_000;
const LOG_EVERY_MS = 15_000;

export interface RunOptions {
  /** Stop the case after this many seconds and report the part done. */
  timeoutSeconds: number;
  /** Folder for a V8 CPU profile of the child (node --cpu-prof), or undefined. */
  profileDir?: string;
  log: (line: string) => void;
}

export async function runCase(spec: CaseSpec, opts: RunOptions): Promise<CaseResult> {
  await mkdir(spec.dir, { recursive: true });
  const execArgv = opts.profileDir ? ['--cpu-prof', '--cpu-prof-dir', opts.profileDir] : [];
  if (opts.profileDir) await mkdir(opts.profileDir, { recursive: true });
  const label = `${spec.kind} ${spec.scale}`;
  const child = fork(RUNNER, [JSON.stringify(spec)], { execArgv, stdio: ['ignore', 2, 2, 'ipc'] });
  const started = Date.now();
  let lastLog = started;
  let result: CaseResult | undefined;
  let killer: NodeJS.Timeout | undefined;

  const stopper = setTimeout(() => {
    opts.log(`  ${label}: time cap of ${opts.timeoutSeconds} s reached, stopping`);
    child.send({ type: 'stop' } satisfies ParentMessage);
    killer = setTimeout(() => child.kill('SIGKILL'), GRACE_MS);
  }, opts.timeoutSeconds * 1000);

  child.on('message', (m: RunnerMessage) => {
    if (m.type === 'result') result = m.result;
    else if (Date.now() - lastLog >= LOG_EVERY_MS) {
      lastLog = Date.now();
      const pct = spec.totalRecords ? ((100 * m.records) / spec.totalRecords).toFixed(0) : '?';
      opts.log(
        `  ${label}: ${m.records.toLocaleString('en-US')} records (${pct}%) in ${m.seconds.toFixed(0)} s`,
      );
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearTimeout(stopper);
  if (killer) clearTimeout(killer);
  const done = result ?? {
    kind: spec.kind,
    scale: spec.scale,
    records: 0,
    bytes: 0,
    seconds: (Date.now() - started) / 1000,
    maxRssKiB: 0,
    archiveBytes: 0,
    error: `runner exited with code ${code} without a result`,
  };
  if (opts.profileDir) {
    const profiles = (await readdir(opts.profileDir))
      .filter((f) => f.endsWith('.cpuprofile'))
      .sort();
    const latest = profiles[profiles.length - 1];
    if (latest) done.profile = `${opts.profileDir}/${latest}`;
  }
  return done;
}
