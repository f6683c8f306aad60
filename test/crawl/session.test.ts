/** Pure parts of the network layer: cookies, backoff, Retry-After, robots.txt rules. */
import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter } from '../../src/crawl/fetch/backoff.js';
import { CookieJar } from '../../src/crawl/fetch/cookies.js';
import { rulesFrom } from '../../src/crawl/fetch/robots.js';

describe('CookieJar', () => {
  const url = (u: string) => new URL(u);

  it('sends host-only cookies to their host only, Domain cookies to subdomains too', () => {
    const jar = new CookieJar();
    jar.setFromResponse(url('http://www.kcna.kp/en/list'), [
      'JSESSIONID=abc; Path=/',
      'lang=en; Domain=kcna.kp; Path=/',
    ]);
    expect(jar.headerFor(url('http://www.kcna.kp/en/article/1'))).toBe('JSESSIONID=abc; lang=en');
    expect(jar.headerFor(url('http://kcna.kp/'))).toBe('lang=en');
    expect(jar.headerFor(url('http://rodong.rep.kp/'))).toBeNull();
  });

  it('refuses cookies for another site or a whole top-level domain', () => {
    const jar = new CookieJar();
    jar.setFromResponse(url('http://kcna.kp/'), ['a=1; Domain=rodong.rep.kp', 'b=2; Domain=kp']);
    expect(jar.size).toBe(0);
  });

  it('honours Path, Secure, Max-Age and deletion', () => {
    let now = 1_000_000;
    const jar = new CookieJar(() => now);
    jar.setFromResponse(url('https://kcna.kp/en/list'), [
      'p=1; Path=/en',
      's=2; Secure; Path=/',
      't=3; Max-Age=10; Path=/',
    ]);
    expect(jar.headerFor(url('http://kcna.kp/en/x'))).toBe('p=1; t=3');
    expect(jar.headerFor(url('https://kcna.kp/en/x'))).toBe('p=1; s=2; t=3');
    expect(jar.headerFor(url('http://kcna.kp/english'))).toBe('t=3');
    now += 11_000;
    expect(jar.headerFor(url('http://kcna.kp/en/x'))).toBe('p=1');
    jar.setFromResponse(url('https://kcna.kp/en/list'), 'p=gone; Path=/en; Max-Age=0');
    expect(jar.headerFor(url('http://kcna.kp/en/x'))).toBeNull();
  });
});

describe('backoff', () => {
  const opts = { baseMs: 1000, maxMs: 8000 };
  it('doubles, is capped, and jitters between half and all of the ceiling', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, opts, () => 1))).toEqual([
      1000, 2000, 4000, 8000, 8000,
    ]);
    expect([1, 2, 3].map((a) => backoffDelay(a, opts, () => 0))).toEqual([500, 1000, 2000]);
  });
  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-09-08T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 08 Sep 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 08 Sep 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});

describe('robots.txt rules', () => {
  const robots =
    'User-agent: *\nDisallow: /private/\nCrawl-delay: 2.5\n\nUser-agent: wirewatch\nDisallow: /en/search\nCrawl-delay: 5\n';
  it('matches our agent, and reads its Crawl-delay (capped)', () => {
    const rules = rulesFrom('http://kcna.kp/robots.txt', { status: 200, body: robots }, 60_000);
    expect(rules.isAllowed('http://kcna.kp/en/search?q=1')).toBe(false);
    expect(rules.isAllowed('http://kcna.kp/private/x')).toBe(true); // our group replaces the * group
    expect(rules.crawlDelayMs).toBe(5000);
    expect(
      rulesFrom('http://kcna.kp/robots.txt', { status: 200, body: robots }, 3000).crawlDelayMs,
    ).toBe(3000);
  });
  it('follows RFC 9309 when robots.txt is missing or failing', () => {
    expect(
      rulesFrom('http://a.kp/robots.txt', { status: 404, body: '' }, 1).isAllowed('http://a.kp/x'),
    ).toBe(true);
    expect(
      rulesFrom('http://a.kp/robots.txt', { status: 503, body: '' }, 1).isAllowed('http://a.kp/x'),
    ).toBe(false);
    expect(rulesFrom('http://a.kp/robots.txt', { status: null, body: '' }, 1).status).toBe(
      'unreachable',
    );
  });
});
