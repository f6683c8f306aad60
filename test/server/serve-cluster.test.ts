/**
 * `wirewatch serve --workers N`: N processes answer on one port, a worker that dies is replaced, a
 * port in use is one line and exit 1, and SIGTERM stops them all.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_SLICE } from '../helpers/archive.js';
import { run, start } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
const db = join(dir.path, 'archive.db');
const children: ChildProcess[] = [];

/** Starts `wirewatch serve … --json`; resolves with it and the URL it announces. */
function serve(
  args: string[],
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = start(['serve', '--db', db, '--json', ...args]);
  children.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      try {
        resolve({ child, url: JSON.parse(out).url as string, stderr: () => err });
      } catch {
        /* not complete yet */
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

const workersOf = (pid: number): number[] => {
  try {
    return execFileSync('ps', ['--ppid', String(pid), '-o', 'pid='], { encoding: 'utf8' })
      .split('\n')
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when it lists nothing
  }
};

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve),
  );

beforeAll(() => {
  expect(run(['import', CORPUS_SLICE, '--db', db]).code).toBe(0);
}, 60_000);

afterAll(async () => {
  for (const c of children)
    if (c.exitCode === null && c.signalCode === null) {
      c.kill('SIGTERM');
      await exited(c);
    }
  dir.cleanup();
});

/** The status of a GET over a connection of its own (`agent: false`), not a pooled one. */
function freshStatus(target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(target, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('wirewatch serve --workers', () => {
  it('answers from every worker on one port, replaces a worker that dies, and stops them all', async () => {
    const { child, url, stderr } = await serve(['--port', '0', '--workers', '2']);
    const workers = workersOf(child.pid!);
    expect(workers).toHaveLength(2);

    const stats = (await (await fetch(`${url}/api/v1/stats`)).json()) as { articles: number };
    expect(stats.articles).toBeGreaterThan(300);
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        fetch(`${url}/${i % 2 ? 'healthz' : 'search?q=Korea'}`).then((r) => r.status),
      ),
    );
    expect(new Set(statuses)).toEqual(new Set([200]));

    process.kill(workers[0]!, 'SIGKILL');
    for (let i = 0; i < 100; i++) {
      const now = workersOf(child.pid!);
      if (now.length === 2 && !now.includes(workers[0]!)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(workersOf(child.pid!)).toHaveLength(2);
    // A pooled keep-alive socket may still lead to the killed worker (closed); a client reconnects.
    expect(await freshStatus(`${url}/healthz`)).toBe(200);
    expect(stderr()).toMatch(/a server worker stopped \(SIGKILL\); starting another/);

    child.kill('SIGTERM');
    expect(await exited(child)).toBe(0);
    expect(workersOf(child.pid!)).toEqual([]);
  }, 60_000);

  it('says once, with exit code 1, that the port is in use; refuses a bad count with 2', async () => {
    const { url } = await serve(['--port', '0']);
    const port = new URL(url).port;
    const taken = run(['serve', '--db', db, '--port', port, '--workers', '3']);
    expect(taken.code).toBe(1);
    expect(taken.stderr.trim().split('\n')).toEqual([
      `wirewatch: port ${port} on 127.0.0.1 is already in use (try --port)`,
    ]);
    const bad = run(['serve', '--db', db, '--workers', '0']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--workers must be 1–64/);
  }, 60_000);
});
