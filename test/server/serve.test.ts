/** `wirewatch demo` on a fresh archive serves the reader, the API and feeds on 127.0.0.1. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { searchArchive } from '../../src/search/search.js';
import { CONTENT_SECURITY_POLICY } from '../../src/server/security.js';
import { SqliteStore } from '../../src/store/sqlite/index.js';
import { run, start } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
let child: ChildProcess;
let url = '';
const children: ChildProcess[] = [];

/** Starts `wirewatch ARGS --json` and resolves with the URL it announces. */
function listen(args: string[]): Promise<string> {
  const c = start([...args, '--json']);
  children.push(c);
  let out = '';
  return new Promise<string>((resolve, reject) => {
    c.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      try {
        resolve(JSON.parse(out).url as string);
      } catch {
        /* not complete yet */
      }
    });
    c.on('exit', (code) => reject(new Error(`${args[0]} exited with ${code}: ${out}`)));
  });
}

/** A GET with the Host header set by hand (fetch would send the URL's). */
function getAs(
  base: string,
  path: string,
  host: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { host } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  url = await listen(['demo', '--db', join(dir.path, 'demo.db'), '--port', '0']);
  child = children[0]!;
}, 60_000);

afterAll(async () => {
  for (const c of children) {
    if (c.exitCode === null) {
      c.kill('SIGTERM');
      await new Promise((resolve) => c.once('exit', resolve));
    }
  }
  dir.cleanup();
});

describe('wirewatch demo', () => {
  it('serves the home page with a strict Content-Security-Policy and no inline script', async () => {
    const res = await fetch(`${url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('KCNA.kp (En)');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('serves the API stats and its OpenAPI document', async () => {
    const stats = (await (await fetch(`${url}/api/v1/stats`)).json()) as { articles: number };
    expect(stats.articles).toBeGreaterThan(290);
    const doc = (await (await fetch(`${url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/v1/stats');
    const missing = await fetch(`${url}/api/v1/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('shows the monitor working on the recorded crawl history, labelled as a demonstration', async () => {
    const page = async (path: string) => {
      const res = await fetch(`${url}${path}`);
      return { status: res.status, html: await res.text() };
    };
    const home = await page('/');
    expect(home.html).toContain('<aside class="demo-notice" aria-label="Demonstration recording">');
    const changes = await page('/changes?source=demo-recording-en');
    expect(changes.html).toContain('Demonstration recording.');
    for (const shown of ['HTTP 404', 'HTTP 410', 'gone from its listing'])
      expect(changes.html).toContain(shown);
    // The monitor's 30 days moved back to the recording: the purge's flag is there.
    const coverage = await page('/sources?to=2026-11-30');
    expect(coverage.html).toMatch(/deletion spike on 2026-11-24/);
    expect((await page('/sources?to=2026-02-30')).status).toBe(400);
    // The official's name, since edited out of three texts, is found in their older versions.
    const total = async (q: string) =>
      (
        (await (await fetch(`${url}/api/v1/search?q=${encodeURIComponent(q)}`)).json()) as {
          total: number;
        }
      ).total;
    expect((await total('version:any "Han Pyong Do"')) - (await total('"Han Pyong Do"'))).toBe(3);
    // The search box's example query finds something in the demo.
    const example = /placeholder="e\.g\. ([^"]+)"/.exec(home.html)![1]!.replace(/&quot;/g, '"');
    const found = await page(`/search?q=${encodeURIComponent(example)}`);
    expect(found.html).toContain('<ol class="hits"');
  });

  it('answers searches from its search thread as the archive answers them in process', async () => {
    // The server runs FTS5 matches on a worker thread (store/sqlite/match-thread.ts); the same file
    // searched here, inline, must give the same hits in the same order, scores included.
    const store = new SqliteStore(join(dir.path, 'demo.db'));
    try {
      for (const q of ['Korea', 'Kim Jong Un', 'version:any "Han Pyong Do"', 'nowhere-at-all']) {
        for (const sort of ['relevance', 'newest'] as const) {
          const served = (await (
            await fetch(`${url}/api/v1/search?q=${encodeURIComponent(q)}&sort=${sort}&limit=50`)
          ).json()) as { total: number; hits: { id: string }[] };
          const local = await searchArchive(store, { query: q, sort, limit: 50 });
          expect(served.total, `${q} ${sort}`).toBe(local.total);
          expect(served.hits.map((h) => h.id)).toEqual(local.hits.map((h) => h.id));
        }
      }
    } finally {
      await store.close();
    }
  });

  it('serves a source feed as Atom and local assets', async () => {
    const res = await fetch(`${url}/feeds/sources/kcna-kp-en`);
    expect(res.headers.get('content-type')).toMatch(/application\/atom\+xml/);
    expect(await res.text()).toMatch(/<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    expect((await fetch(`${url}/assets/site.css`)).status).toBe(200);
    expect((await fetch(`${url}/assets/site.js`)).status).toBe(200);
    expect((await fetch(`${url}/assets/..%2Fpackage.json`)).status).toBe(404);
  });
});

describe('wirewatch serve: base URL and allowed hosts', () => {
  it('answers for loopback and its own address by default, 421 for another Host', async () => {
    expect(child.exitCode).toBeNull();
    const { host } = new URL(url);
    expect((await getAs(url, '/', host)).status).toBe(200);
    expect((await getAs(url, '/', `localhost:${new URL(url).port}`)).status).toBe(200);
    const refused = await getAs(url, '/api/v1/stats', 'evil.example');
    expect(refused.status).toBe(421);
    expect(JSON.parse(refused.body)).toMatchObject({ error: { code: 'misdirected' } });
  });

  it("links feeds to --base-url and answers only the --allowed-hosts and the base URL's host", async () => {
    const served = await listen([
      'serve',
      '--db',
      join(dir.path, 'demo.db'),
      '--port',
      '0',
      '--base-url',
      'https://wire.example.org/',
      '--allowed-hosts',
      'reader.lan,192.168.1.5',
    ]);
    const feed = await getAs(served, '/feeds/sources/kcna-kp-en', 'reader.lan:8080');
    expect(feed.status).toBe(200);
    const links = [...feed.body.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(2);
    expect(links.every((l) => l.startsWith('https://wire.example.org/'))).toBe(true);
    expect((await getAs(served, '/', 'wire.example.org')).status).toBe(200);
    expect((await getAs(served, '/', '192.168.1.5')).status).toBe(200);
    expect((await getAs(served, '/', 'evil.example')).status).toBe(421);
  });

  it('refuses a base URL that is not an http(s) origin, and a malformed host, as usage errors', () => {
    for (const args of [
      ['--base-url', 'ftp://wire.example.org'],
      ['--base-url', 'https://wire.example.org/reader'],
      ['--allowed-hosts', 'a b,c'],
    ]) {
      const r = run(['serve', '--db', join(dir.path, 'demo.db'), '--port', '0', ...args]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
