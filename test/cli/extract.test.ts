import { spawn } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPage, PageReadError } from '../../src/cli/read-page.js';
import { fixtureResolver } from '../helpers/fixture-site.js';
import { CLI, run } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const golden = (name: string) =>
  join(import.meta.dirname, '..', 'golden', 'html', name, 'input.html');
const dir = tempDir();
let server: Server;
let base = '';

/** The built CLI, asynchronously: the test's own HTTP server must keep answering meanwhile. */
function runAsync(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  const page = readFileSync(golden('url-date-and-site-suffix'));
  const cp1252 = gzipSync(readFileSync(golden('charset-windows-1252')));
  server = createServer((req, res) => {
    if (req.url === '/2019/03/24/page.html')
      res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    else if (req.url === '/cp1252.gz') {
      res
        .writeHead(200, {
          'content-type': 'text/html; charset=iso-8859-1',
          'content-encoding': 'gzip',
        })
        .end(cp1252);
    } else if (req.url === '/bad-gzip')
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(page);
    else if (req.url === '/moved') res.writeHead(302, { location: '/2019/03/24/page.html' }).end();
    else if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end();
    else if (req.url?.startsWith('/to?'))
      res.writeHead(302, { location: decodeURIComponent(req.url.slice(4)) }).end();
    else if (req.url === '/huge') {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(1024 * 1024, 0x61);
      let sent = 0;
      const pump = () => {
        while (sent < 12 && res.write(chunk)) sent++;
        if (sent >= 12) res.end();
        else
          res.once('drain', () => {
            sent++;
            pump();
          });
      };
      pump();
    } else if (req.url === '/silent') {
      /* never answers: the client's timeout must end it */
    } else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  dir.cleanup();
});

describe('wirewatch extract', () => {
  it('has --help with --json, exit code 0', () => {
    const r = run(['extract', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: wirewatch extract/);
    expect(r.stdout).toMatch(/--json/);
  });

  it('reads a file as JSON, a gzipped copy alike, and prints text by default', () => {
    const r = run(['extract', golden('dateline-only'), '--json']);
    expect(r.code).toBe(0);
    const a = r.json();
    expect(a).toMatchObject({
      title: 'Farmers Report Bumper Crop',
      encoding: 'utf-8',
      language: 'en',
      published: { year: null, month: 3, day: 24, basis: 'dateline-only' },
    });
    expect(a.paragraphs).toHaveLength(3);

    const gz = join(dir.path, 'page.html.gz');
    writeFileSync(gz, gzipSync(readFileSync(golden('dateline-only'))));
    expect(run(['extract', gz, '--json']).json().paragraphs).toEqual(a.paragraphs);

    const text = run(['extract', golden('dateline-only')]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^Farmers Report Bumper Crop\npublished: \(year unknown\)-03-24 \(from dateline-only\)/,
    );
  });

  it('decodes a windows-1252 file and takes --url as date evidence for a file', () => {
    expect(run(['extract', golden('charset-windows-1252'), '--json']).json()).toMatchObject({
      encoding: 'windows-1252',
      title: 'Récolte record dans le nord',
    });
    const copy = join(dir.path, 'no-url.html');
    copyFileSync(golden('url-date-and-site-suffix'), copy);
    expect(run(['extract', copy, '--json']).json().published).toBeNull();
    expect(
      run(['extract', copy, '--json', '--url', 'https://example.org/2019/03/24/x']).json()
        .published,
    ).toEqual({ year: 2019, month: 3, day: 24, basis: 'url' });
  });

  it('fetches a URL, following redirects; the final URL dates the page', async () => {
    // The test server is on this machine: --allow-private lets the fetch reach it.
    const r = await runAsync(['extract', `${base}/moved`, '--json', '--allow-private']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      url: `${base}/2019/03/24/page.html`,
      title: 'Harvest Figures Published',
      published: { year: 2019, month: 3, day: 24, basis: 'url' },
    });
  });

  it('decodes a fetched page as the crawler does: Content-Encoding undone, charset from the header', async () => {
    const r = await runAsync(['extract', `${base}/cp1252.gz`, '--json', '--allow-private']);
    expect(r.code, r.stderr).toBe(0);
    const a = JSON.parse(r.stdout) as {
      encoding: string;
      encodingBasis: string;
      paragraphs: string[];
    };
    expect(a).toMatchObject({
      encoding: 'windows-1252',
      encodingBasis: 'header',
      title: 'Récolte record dans le nord',
    });
    expect(a.paragraphs[1]).toContain('d’irrigation');
  });

  it("says when a fetched body's Content-Encoding would not undo, and reads it as received", async () => {
    const r = await runAsync(['extract', `${base}/bad-gzip`, '--json', '--allow-private']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      title: 'Harvest Figures Published',
      warnings: expect.arrayContaining([
        expect.stringMatching(/^content coding not undone \(gzip: incorrect header check\)/),
      ]),
    });
  });

  it('rejects unreadable input with one line and exit code 1', async () => {
    const cases = [
      run(['extract', join(dir.path, 'no-such-file.html')]),
      run(['extract', dir.path]),
      run(['extract', 'http://exa mple.org/']),
      run(['extract', 'ftp://example.org/page.html']),
      await runAsync(['extract', `${base}/missing`, '--allow-private']),
      await runAsync(['extract', `${base}/loop`, '--allow-private']),
      await runAsync(['extract', `${base}/huge`, '--allow-private']),
    ];
    for (const r of cases) {
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(cases[4]!.stderr).toMatch(/HTTP 404/);
    expect(cases[5]!.stderr).toMatch(/redirects/);
    expect(cases[6]!.stderr).toMatch(/larger than 10 MB/);
  });

  it('gives up on a server that does not answer within 10 s', async () => {
    const t = Date.now();
    const r = await runAsync(['extract', `${base}/silent`, '--allow-private']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no answer within 10 s/);
    expect(Date.now() - t).toBeLessThan(20_000);
  });

  it('refuses loopback and private addresses unless --allow-private, with one line and exit code 1', async () => {
    for (const url of [
      `${base}/moved`,
      `${base}/2019/03/24/page.html`,
      `http://[::1]:${new URL(base).port}/`,
      'http://10.0.0.1/',
      'http://169.254.169.254/latest/meta-data/',
    ]) {
      const r = await runAsync(['extract', url]);
      expect(r.code, url).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr, url).toMatch(/refused: .* is (loopback|private|link-local)/);
    }
  });

  it('checks every redirect with the SSRF guard: a page it may fetch cannot send it to one it may not', async () => {
    // As the fetcher tests do: this one address allowed, so the local server stands for a public site.
    const guard = { allow: ['127.0.0.1'], resolve: fixtureResolver() };
    const port = new URL(base).port;
    expect((await fetchPage(`${base}/moved`, { guard })).url).toBe(`${base}/2019/03/24/page.html`);
    for (const [target, reason] of [
      [`http://127.0.0.2:${port}/`, '127.0.0.2 is loopback'],
      [`http://[::1]:${port}/`, '::1 is loopback'],
      [`http://evil.test:${port}/`, 'evil.test resolves to 10.0.0.5 is private'],
      ['http://169.254.169.254/', '169.254.169.254 is link-local'],
      ['file:///etc/passwd', 'scheme file: is not http(s)'],
    ]) {
      const error = await fetchPage(`${base}/to?${encodeURIComponent(target!)}`, { guard }).catch(
        (e: unknown) => e,
      );
      expect(error, target).toBeInstanceOf(PageReadError);
      expect((error as Error).message, target).toContain(`refused: ${reason}`);
    }
  });

  it('a redirect to another loopback port is refused unless that address is allowed', async () => {
    // A second server, on 127.0.0.2 and its own port: the page on this machine a redirect aims at.
    const hits: string[] = [];
    const inner = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'text/html' }).end('<title>inner</title><p>secret</p>');
    });
    await new Promise<void>((resolve) => inner.listen(0, '127.0.0.2', resolve));
    const target = `http://127.0.0.2:${(inner.address() as AddressInfo).port}/admin`;
    const via = `${base}/to?${encodeURIComponent(target)}`;
    try {
      const refused = await fetchPage(via, { guard: { allow: ['127.0.0.1'] } }).catch(
        (e: unknown) => e,
      );
      expect((refused as Error).message).toBe(
        `cannot fetch ${target}: refused: 127.0.0.2 is loopback`,
      );
      expect(hits).toEqual([]);
      const cli = await runAsync(['extract', via]);
      expect([cli.code, cli.stdout, hits]).toEqual([1, '', []]);
      expect(cli.stderr).toMatch(/^wirewatch: cannot fetch .*loopback.*--allow-private.*\n$/);
      // Opted in, the same redirect is followed: the refusal above was the guard's, not the network's.
      expect((await runAsync(['extract', via, '--allow-private'])).code).toBe(0);
      expect(hits).toEqual(['/admin']);
    } finally {
      await new Promise((resolve) => inner.close(resolve));
    }
  });

  it('answers a missing argument as a usage error', () => {
    expect(run(['extract']).code).toBe(2);
  });
});
