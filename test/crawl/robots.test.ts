/**
 * robots.txt as RFC 9309 reads it, and within bounds: a file past 500 KiB is read only that far
 * (over a real local server), a group keeps a few thousand rules, wildcards match in linear time.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseRobotsTxt,
  ROBOTS_MAX_BYTES,
  ROBOTS_MAX_RULES,
} from '../../src/crawl/fetch/robots-txt.js';
import { testFetcher } from './helpers.js';

const allowed = (body: string, agent: string, paths: string[]) => {
  const robots = parseRobotsTxt(body, agent);
  return paths.filter((p) => robots.allows(p));
};

describe('RFC 9309 examples', () => {
  // §5.1, with the answers the RFC gives for each agent.
  const simple = [
    'User-Agent: *',
    'Disallow: *.gif$',
    'Disallow: /example/',
    'Allow: /publications/',
    '',
    'User-Agent: foobot',
    'Disallow:/',
    'Allow:/example/page.html',
    'Allow:/example/allowed.gif',
    '',
    'User-Agent: barbot',
    'User-Agent: bazbot',
    'Disallow: /example/page.html',
    '',
    'User-Agent: quxbot',
    '',
    'EOF',
  ].join('\n');
  const paths = [
    '/',
    '/example/page.html',
    '/example/allowed.gif',
    '/example/other',
    '/publications/x',
    '/img.gif',
    '/img.gif?x=1',
  ];

  it('the simple example, per agent (case-insensitive, version ignored)', () => {
    expect(allowed(simple, 'FooBot', paths)).toEqual([
      '/example/page.html',
      '/example/allowed.gif',
    ]);
    const barbot = paths.filter((p) => p !== '/example/page.html');
    expect(allowed(simple, 'barbot', paths)).toEqual(barbot);
    expect(allowed(simple.replace('bazbot', 'bazbot/2.1'), 'bazbot', paths)).toEqual(barbot);
    expect(allowed(simple, 'quxbot', paths)).toEqual(paths); // its group has no rules
    expect(allowed(simple, 'wirewatch', paths)).toEqual(['/', '/publications/x', '/img.gif?x=1']);
  });

  it('the longest match wins (§5.2); Allow wins a tie', () => {
    const longest =
      'User-Agent: foobot\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif';
    expect(allowed(longest, 'foobot', ['/example/page/', '/example/page/disallowed.gif'])).toEqual([
      '/example/page/',
    ]);
    const tie = 'User-agent: *\nDisallow: /folder\nAllow: /folder\nDisallow: /*.htm\nAllow: /page';
    expect(allowed(tie, 'x', ['/folder/page', '/page.htm', '/page'])).toEqual([
      '/folder/page',
      '/page',
    ]);
    const root = 'User-agent: *\nAllow: /$\nDisallow: /';
    expect(allowed(root, 'x', ['/', '/page.htm'])).toEqual(['/']);
  });

  it('matches percent-encoded and non-ASCII paths alike (§2.2.2)', () => {
    const body =
      'User-agent: *\nDisallow: /foo/bar/ツ\nDisallow: /foo/bar/%62%61%7A\nDisallow: /q?a=1';
    expect(
      allowed(body, 'x', ['/foo/bar/%E3%83%84', '/foo/bar/%e3%83%84', '/foo/bar/baz', '/q?a=1&b']),
    ).toEqual([]);
    expect(allowed(body, 'x', ['/foo/bar/bax', '/q?a=2'])).toEqual(['/foo/bar/bax', '/q?a=2']);
  });

  it("merges one agent's groups, ignores rules before any group, never refuses /robots.txt", () => {
    const body =
      'Disallow: /orphan\nUser-agent: wirewatch\nDisallow: /a\n\nUser-agent: *\nDisallow: /\n' +
      'User-agent: WireWatch\nDisallow: /b\nCrawl-delay: 4\n';
    const robots = parseRobotsTxt(body, 'wirewatch');
    expect(['/a', '/b', '/c', '/orphan', '/robots.txt'].filter((p) => robots.allows(p))).toEqual([
      '/c',
      '/orphan',
      '/robots.txt',
    ]);
    expect(robots.crawlDelaySeconds).toBe(4);
  });
});

describe('bounds', () => {
  it('a pathological wildcard pattern against a long path takes milliseconds', () => {
    const path = `/${'a'.repeat(100_000)}`;
    const started = performance.now();
    for (const pattern of ['/*a*a*a*a*a*a*a*a*b', `/*${'a'.repeat(30)}b`, '/*a*a*a*a*a*a*a*a*a$']) {
      const robots = parseRobotsTxt(`User-agent: *\nDisallow: ${pattern}\n`, 'wirewatch');
      expect(robots.allows(path), pattern).toBe(!pattern.endsWith('$'));
    }
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('a file of thousands of wildcard rules costs milliseconds per URL, not seconds', () => {
    // robots-parser took over 2 s per URL on this file.
    const rules = Array.from({ length: 20_000 }, (_, i) => `Disallow: /*a*a*a*a*a*a*a*a*b${i}`);
    const robots = parseRobotsTxt(`User-agent: *\n${rules.join('\n')}\n`, 'wirewatch');
    const started = performance.now();
    for (let i = 0; i < 5; i++) expect(robots.allows(`/${'a'.repeat(2000)}${i}`)).toBe(true);
    expect((performance.now() - started) / 5).toBeLessThan(250);
  });

  it('keeps the first ROBOTS_MAX_RULES rules of a group', () => {
    const rules = Array.from({ length: ROBOTS_MAX_RULES + 10 }, (_, i) => `Disallow: /r${i}/`);
    const robots = parseRobotsTxt(`User-agent: *\n${rules.join('\n')}\n`, 'wirewatch');
    expect(robots.allows('/r0/')).toBe(false);
    expect(robots.allows(`/r${ROBOTS_MAX_RULES - 1}/`)).toBe(false);
    expect(robots.allows(`/r${ROBOTS_MAX_RULES}/`)).toBe(true);
  });
});

describe('an oversized robots.txt over HTTP', () => {
  // 2 MB: /early and /p before the 500 KiB cap, an `Allow: /pub-ok` line cut by it, /late after it.
  const head = 'User-agent: *\nDisallow: /early\nDisallow: /p\n';
  const cutLine = 'Allow: /pub-ok\n';
  const padding = (n: number) =>
    `${'#'.repeat(99)}\n`.repeat(Math.floor(n / 100)) + '#'.repeat(n % 100);
  const beforeCut = ROBOTS_MAX_BYTES - 9 - head.length; // the cap falls after `Allow: /p`
  const body =
    head + padding(beforeCut - 1) + '\n' + cutLine + padding(1_500_000) + '\nDisallow: /late\n';
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(body);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>ok</body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('is read up to 500 KiB, less its last partial line; rules past the cap do not apply', async () => {
    expect(body.indexOf(cutLine)).toBe(ROBOTS_MAX_BYTES - 9);
    const { fetcher, exchanges } = testFetcher({
      limits: {
        headersTimeoutMs: 2_000,
        bodyIdleTimeoutMs: 2_000,
        totalTimeoutMs: 10_000,
        maxBodyBytes: 20 * 1024 * 1024,
      },
    });
    const outcome = async (path: string) => (await fetcher.fetch(`${base}${path}`)).outcome;
    expect(await outcome('/early')).toBe('refused');
    expect(await outcome('/late')).toBe('ok');
    expect(await outcome('/pub-ok')).toBe('refused'); // `Allow: /p` would have tied and won
    const robots = exchanges.filter((e) => e.purpose === 'robots');
    expect(robots).toHaveLength(1);
    expect(robots[0]!.response!.body.length).toBe(ROBOTS_MAX_BYTES);
    await fetcher.close();
  });
});
