/** `wirewatch demo` on a fresh archive serves the reader, the API and feeds on 127.0.0.1. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { CONTENT_SECURITY_POLICY } from '../../src/server/security.js';
import { start } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
let child: ChildProcess;
let url = '';

beforeAll(async () => {
  child = start(['demo', '--db', join(dir.path, 'demo.db'), '--port', '0', '--json']);
  let out = '';
  url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      try {
        resolve(JSON.parse(out).url as string);
      } catch { /* not complete yet */ }
    });
    child.on('exit', (code) => reject(new Error(`demo exited with ${code}: ${out}`)));
  });
}, 60_000);

afterAll(async () => {
  if (child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
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
    const stats = await (await fetch(`${url}/api/v1/stats`)).json() as { articles: number };
    expect(stats.articles).toBeGreaterThan(290);
    const doc = await (await fetch(`${url}/api/openapi.json`)).json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/v1/stats');
    const missing = await fetch(`${url}/api/v1/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('serves a source feed as Atom and local assets', async () => {
    const res = await fetch(`${url}/feeds/sources/kcna-kp-en`);
    expect(res.headers.get('content-type')).toMatch(/application\/atom\+xml/);
    expect(await res.text()).toMatch(/<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    expect((await fetch(`${url}/assets/site.css`)).status).toBe(200);
    expect((await fetch(`${url}/assets/lib/uplot.js`)).status).toBe(200);
    expect((await fetch(`${url}/assets/..%2Fpackage.json`)).status).toBe(404);
  });
});
