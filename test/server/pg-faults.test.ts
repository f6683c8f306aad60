/**
 * PostgreSQL backends terminated under a running `wirewatch` (pg_terminate_backend, scoped by the
 * test's application_name): `serve` stays up and answers a clean 503 or, reconnected, a 200; `import`
 * stops with one line and exit 1, and a later drain finishes its capture.
 */
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS_SLICE } from '../helpers/archive.js';
import { run, start } from '../helpers/cli.js';
import {
  committedArticles,
  dropAll,
  freshPgUrl,
  requirePostgres,
  schemaOf,
  withClient,
} from '../helpers/pg.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  dir.cleanup();
  await dropAll();
});

/** A fresh archive's URL whose connections carry `name`, so the test terminates only its own. */
async function urlNamed(name: string): Promise<string> {
  const url = new URL(freshPgUrl());
  await withClient((c) => c.query(`CREATE SCHEMA ${schemaOf(url.toString())}`));
  url.searchParams.set('application_name', name);
  return url.toString();
}

async function terminate(name: string): Promise<number> {
  return withClient(async (c) => {
    const { rows } = await c.query(
      'SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name = $1',
      [name],
    );
    return rows.length;
  });
}

function listen(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = start([...args, '--json']);
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      try {
        resolve({ child, url: JSON.parse(out).url as string });
      } catch {
        /* not complete yet */
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
  });
}

const PATHS = [
  '/api/v1/search?q=korea',
  '/api/v1/stats',
  '/',
  '/search?q=party',
  '/feeds/search?q=plan',
];

describe('a terminated PostgreSQL connection (postgres)', () => {
  it('serve stays up: a request gets a clean 503 or a 200, and the next ones reconnect', async () => {
    await requirePostgres();
    const name = `ww_fault_serve_${process.pid}`;
    const url = await urlNamed(name);
    expect(run(['import', CORPUS_SLICE, '--db', url]).code).toBe(0);
    const served = await listen(['serve', '--db', url, '--port', '0']);
    let stderr = '';
    served.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    expect((await fetch(`${served.url}/api/v1/search?q=korea`)).status).toBe(200);
    let terminated = 0;
    for (let round = 0; round < 6; round++) {
      const answers = Promise.all(
        PATHS.map(async (p) => {
          const r = await fetch(`${served.url}${p}`);
          return { status: r.status, body: await r.text(), path: p };
        }),
      );
      await new Promise((r) => setTimeout(r, round * 5));
      terminated += await terminate(name);
      for (const a of await answers) {
        expect([200, 503], `${a.path}: ${a.body.slice(0, 200)}`).toContain(a.status);
        if (a.status === 503 && a.path.startsWith('/api/'))
          expect(JSON.parse(a.body)).toMatchObject({ error: { code: 'unavailable' } });
      }
    }
    expect(terminated).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(served.child.exitCode, stderr).toBeNull();
    for (const p of PATHS) expect((await fetch(`${served.url}${p}`)).status, p).toBe(200);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('import stops with one line and exit 1; a later drain finishes the capture', async () => {
    await requirePostgres();
    const name = `ww_fault_import_${process.pid}`;
    const url = await urlNamed(name);
    // Enough that the import is still running when the connection is cut, on a loaded machine too:
    // with 1,500 it once finished first, and with 6,000 too while each poll spawned a `stats`.
    const STORIES = 6000;
    const lines: string[] = [];
    for (let i = 0; i < STORIES; i++)
      lines.push(
        JSON.stringify({
          source: 'KCNA.kp (En)',
          published: `2023-0${(i % 9) + 1}-${String((i % 28) + 1).padStart(2, '0')}`,
          title: `Factory ${i} fulfils its yearly plan`,
          body: `Pyongyang, (KCNA) -- The factory numbered ${i} fulfilled its yearly plan ahead of time.`,
        }),
      );
    const file = join(dir.path, 'stories.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const child = start(['import', file, '--db', url]);
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let articles = 0;
    for (let i = 0; i < 3000 && articles < 50 && child.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 10));
      articles = await committedArticles(url);
    }
    expect(articles).toBeGreaterThan(0);
    await terminate(name);
    const code = await exited;
    expect(code, stderr).toBe(1);
    expect(stderr.trim().split('\n').at(-1)).toMatch(/^wirewatch: .*connection .* was lost/);
    expect(stderr).not.toMatch(/^\s+at /m);
    const again = run(['drain', '--db', url, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(run(['stats', '--db', url, '--json']).json()).toMatchObject({
      articles: STORIES,
      unprocessedCaptures: 0,
      failedCaptures: 0,
    });
  });
});

describe('a terminated PostgreSQL connection under a long-lived worker (postgres)', () => {
  it('work waits and carries on over a new connection; a stop still ends it cleanly', async () => {
    await requirePostgres();
    const name = `ww_fault_work_${process.pid}`;
    const url = await urlNamed(name);
    const child = start(['work', '--db', url, '--poll', '0']);
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // Once the worker is up (its schema migrated, draining an empty queue).
    await new Promise((r) => setTimeout(r, 2000));
    expect(child.exitCode, stderr).toBeNull();
    let terminated = 0;
    for (let i = 0; i < 40 && (terminated < 3 || !/was lost/.test(stderr)); i++) {
      await new Promise((r) => setTimeout(r, 100));
      terminated += await terminate(name);
    }
    expect(terminated).toBeGreaterThan(0);
    expect(stderr).toMatch(
      /^wirewatch: the connection to the archive's database was lost .*; waiting$/m,
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(child.exitCode, stderr).toBeNull();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  // Nothing listens on port 1: every attempt to open the archive is refused, as while a server
  // restarts. A worker must not exit (its supervisor would restart it in a loop) but wait.
  const UNREACHABLE = 'postgres://me@127.0.0.1:1/none';
  const sources = () => {
    const file = join(dir.path, 'sources.json');
    const source = { id: 'kcna', profile: 'kcna-en', baseUrl: 'http://127.0.0.1:1', lists: ['/'] };
    writeFileSync(file, JSON.stringify({ sources: [source] }));
    return file;
  };
  for (const [name, args] of [
    ['work', () => ['work', '--poll', '0']],
    ['crawl --worker', () => ['crawl', '--worker', '--poll', '1', '--sources', sources()]],
  ] as const) {
    it(`${name} started while its server is out of reach waits for it; a stop ends it`, async () => {
      const child = start([...args(), '--db', UNREACHABLE]);
      children.push(child);
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      for (let i = 0; i < 100 && (stderr.match(/; waiting$/gm) ?? []).length < 2; i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(stderr).toMatch(/^wirewatch: the connection .* lost \(.*ECONNREFUSED.*; waiting$/m);
      expect(child.exitCode, stderr).toBeNull();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr).not.toMatch(/^\s+at /m);
    });
  }
});
