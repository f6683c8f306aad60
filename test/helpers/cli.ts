import { spawn, spawnSync } from 'node:child_process';

export const CLI = new URL('../../dist/cli/main.js', import.meta.url).pathname;
const RSS_HOOK = new URL('./report-rss.mjs', import.meta.url).pathname;

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  json: () => any;
}

/** Runs the built `wirewatch` (npm test builds it first) as a user would. */
export function run(args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

/** Like `run`, and reports the peak resident memory of the process in MiB. */
export function runMeasured(args: string[]): CliResult & { peakMiB: number } {
  const r = spawnSync(process.execPath, ['--import', RSS_HOOK, CLI, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const kib = Number(/maxrss-kib=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    json: () => JSON.parse(r.stdout),
    peakMiB: kib / 1024,
  };
}

/** Starts `wirewatch` in the background, for tests that kill it. */
export function start(args: string[]) {
  return spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Like `run`, without blocking this process: for commands that talk to a server the test itself
 * runs (a fixture site on 127.0.0.1).
 */
export function runAsync(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, json: () => JSON.parse(stdout) }));
  });
}
