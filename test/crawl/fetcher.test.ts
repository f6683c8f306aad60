/**
 * The fetcher against a real local server (test/helpers/fixture-site.ts), no mocks. Each hostile case
 * must end in a recorded error or refusal with the bytes that arrived kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar } from '../../src/crawl/fetch/cookies.js';
import { USER_AGENT } from '../../src/crawl/fetch/fetcher.js';
import {
  BIG_BODY_BYTES,
  CP1252_TEXT,
  CRAWL_DELAY_S,
  KOREAN_PAGE,
  PAGES,
  startFixtureSite,
  type FixtureSite,
} from '../helpers/fixture-site.js';
import { testFetcher } from './helpers.js';

let site: FixtureSite;
beforeAll(async () => {
  site = await startFixtureSite();
});
afterAll(async () => {
  await site.close();
});

describe('fetching real pages', () => {
  it('fetches a page with the wirewatch user agent, after robots.txt', async () => {
    const { fetcher, exchanges } = testFetcher();
    const result = await fetcher.fetch(site.url('site.test', '/rodong/article'));
    expect(result.outcome).toBe('ok');
    expect(result.status).toBe(200);
    expect(result.body.equals(PAGES.rodongArticle)).toBe(true);
    expect(result.text()).toContain('Rodong Sinmun');
    expect(site.hitsTo('site.test', '/rodong/article')[0]!.headers['user-agent']).toBe(USER_AGENT);
    expect(exchanges.map((e) => `${e.purpose} ${new URL(e.url).pathname}`)).toEqual([
      'robots /robots.txt',
      'page /rodong/article',
    ]);
    expect(exchanges[1]!.ip).toBe('127.0.0.1');
    await fetcher.close();
  });

  it('decodes UTF-8 Korean served with a wrong iso-8859-1 charset', async () => {
    const { fetcher } = testFetcher();
    const result = await fetcher.fetch(site.url('site.test', '/wrong-charset'));
    expect(result.text()).toBe(KOREAN_PAGE);
    await fetcher.close();
  });

  it('decodes windows-1252 quotes served as iso-8859-1 or undeclared, never as C1 controls', async () => {
    const { fetcher } = testFetcher();
    for (const path of ['/cp1252-as-latin1', '/cp1252-undeclared']) {
      const text = (await fetcher.fetch(site.url('site.test', path))).text();
      expect(text).toBe(CP1252_TEXT);
      expect(text).not.toMatch(/[\u0080-\u009f]/);
    }
    await fetcher.close();
  });

  it('keeps a gzip body as received and decodes it for text()', async () => {
    const { fetcher } = testFetcher();
    const result = await fetcher.fetch(site.url('site.test', '/gzipped'));
    expect(result.body[0]).toBe(0x1f);
    expect(result.text()).toBe(KOREAN_PAGE);
    await fetcher.close();
  });

  it('sends a conditional GET from the previous validators and gets 304', async () => {
    const { fetcher } = testFetcher();
    const first = await fetcher.fetch(site.url('site.test', '/etag'));
    expect(first.outcome).toBe('ok');
    expect(first.validators.etag).toBe('"v1-abc"');
    expect(first.validators.lastModified).toBe('Tue, 08 Sep 2026 10:00:00 GMT');
    const second = await fetcher.fetch(site.url('site.test', '/etag'), {
      conditional: first.validators,
    });
    expect(second.outcome).toBe('not-modified');
    expect(second.status).toBe(304);
    const hit = site.hitsTo('site.test', '/etag').at(-1)!;
    expect(hit.headers['if-none-match']).toBe('"v1-abc"');
    expect(hit.headers['if-modified-since']).toBe('Tue, 08 Sep 2026 10:00:00 GMT');
    await fetcher.close();
  });

  it('pages the 2026 KCNA list by POST with the session cookie and _csrf', async () => {
    const { fetcher } = testFetcher();
    const jar = new CookieJar();
    const list = site.url('site.test', '/kcna/list');
    const page1 = await fetcher.fetch(list, { cookies: jar });
    expect(jar.size).toBe(1);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page1.text())![1]!;
    const page2 = await fetcher.fetch(list, {
      cookies: jar,
      form: { _csrf: csrf, page_num: '2', cnt_per_page: '15', keyword: '' },
    });
    expect(page2.outcome).toBe('ok');
    expect(page2.text()).toContain('Story on page 2');
    const post = site.hitsTo('site.test', '/kcna/list').at(-1)!;
    expect(post.method).toBe('POST');
    expect(post.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(post.headers.cookie).toMatch(/^SESSION=[0-9a-f]+$/);
    // Without the session the site answers 200 with an empty list, which callers must treat as failure.
    const stranger = await fetcher.fetch(list, { form: { _csrf: csrf, page_num: '2' } });
    expect(stranger.text()).toBe(PAGES.kcnaBadSession.toString('utf8'));
    await fetcher.close();
  });

  it('follows a 303 after a POST as a GET', async () => {
    const { fetcher, exchanges } = testFetcher();
    const result = await fetcher.fetch(site.url('site.test', '/post-redirect'), {
      form: { a: '1' },
    });
    expect(result.outcome).toBe('ok');
    expect(result.finalUrl).toBe(site.url('site.test', '/kcna/article'));
    expect(exchanges.filter((e) => e.purpose === 'page').map((e) => e.method)).toEqual([
      'POST',
      'GET',
    ]);
    await fetcher.close();
  });
});

describe('hostile servers', () => {
  it('a server that never sends headers: timeout, retried, recorded as a network error', async () => {
    const { fetcher, exchanges } = testFetcher({ retry: { max: 1, baseMs: 10, maxMs: 10 } });
    const result = await fetcher.fetch(site.url('site.test', '/slow-headers'));
    expect(result.outcome).toBe('network-error');
    expect(result.reason).toMatch(/UND_ERR_HEADERS_TIMEOUT/);
    const pages = exchanges.filter((e) => e.purpose === 'page');
    expect(pages).toHaveLength(2);
    expect(
      pages.every((e) => e.response === null && e.error?.code === 'UND_ERR_HEADERS_TIMEOUT'),
    ).toBe(true);
    await fetcher.close();
  });

  it('a body that stalls: truncated (time), the bytes that arrived kept', async () => {
    const { fetcher, exchanges } = testFetcher({ retry: { max: 0 } });
    const result = await fetcher.fetch(site.url('site.test', '/slow-body'));
    expect(result.outcome).toBe('truncated');
    expect(result.truncated).toBe('time');
    expect(result.body.length).toBe(1015);
    expect(exchanges.at(-1)!.error?.code).toBe('UND_ERR_BODY_TIMEOUT');
    await fetcher.close();
  });

  it('a body that drips forever: cut at the overall deadline, truncated (time), the bytes kept', async () => {
    const { fetcher, exchanges } = testFetcher({
      retry: { max: 0 },
      limits: { totalTimeoutMs: 700, bodyIdleTimeoutMs: 5_000 },
    });
    const result = await fetcher.fetch(site.url('site.test', '/drip'));
    expect(result.outcome).toBe('truncated');
    expect(result.truncated).toBe('time');
    expect(result.body.length).toBeGreaterThan(2);
    expect(result.body.toString()).toMatch(/^\.+$/);
    expect(exchanges.at(-1)!.error?.code).toBe('WIREWATCH_DEADLINE');
    await fetcher.close();
  });

  it('a host that drips its pages holds a URL for the fetch budget, not for every retry', async () => {
    const { fetcher, exchanges } = testFetcher({
      retry: { max: 5, baseMs: 10, maxMs: 20, budgetMs: 500 },
      limits: { totalTimeoutMs: 300, bodyIdleTimeoutMs: 5_000 },
    });
    const result = await fetcher.fetch(site.url('site.test', '/drip'));
    expect(result.outcome).toBe('truncated');
    // each attempt is cut at 300 ms; the budget leaves room for two of the six retries allow
    const attempts = exchanges.filter((e) => e.purpose === 'page');
    expect(attempts.length).toBeGreaterThanOrEqual(1);
    expect(attempts.length).toBeLessThanOrEqual(2);
    await fetcher.close();
  });

  it('a name that does not resolve is a network error, recorded', async () => {
    const { fetcher, exchanges } = testFetcher({
      guard: {
        resolve: async () => {
          throw Object.assign(new Error('nx'), { code: 'ENOTFOUND' });
        },
      },
    });
    const result = await fetcher.fetch('http://nowhere.example/');
    expect(result.outcome).toBe('network-error');
    expect(result.reason).toBe('cannot resolve nowhere.example: ENOTFOUND');
    expect(exchanges[0]!.error?.code).toBe('ENOTFOUND');
    await fetcher.close();
  });

  it('a 5xx burst then success: retried with backoff, every attempt kept', async () => {
    const { fetcher, exchanges } = testFetcher();
    const result = await fetcher.fetch(site.url('site.test', '/flaky?k=burst&n=2'));
    expect(result.outcome).toBe('ok');
    expect(result.text()).toContain('recovered after 2 failures');
    expect(exchanges.filter((e) => e.purpose === 'page').map((e) => e.response?.status)).toEqual([
      503, 503, 200,
    ]);
    await fetcher.close();
  });

  it('5xx past the retry budget ends as an http-error with the last body', async () => {
    const { fetcher } = testFetcher({ retry: { max: 1, baseMs: 10, maxMs: 10 } });
    const result = await fetcher.fetch(site.url('site.test', '/flaky?k=long&n=5'));
    expect(result.outcome).toBe('http-error');
    expect(result.status).toBe(503);
    expect(result.text()).toContain('Service Unavailable');
    await fetcher.close();
  });

  it('a connection reset: recorded as a network error after retries', async () => {
    const { fetcher, exchanges } = testFetcher({ retry: { max: 1, baseMs: 10, maxMs: 10 } });
    const result = await fetcher.fetch(site.url('site.test', '/reset'));
    expect(result.outcome).toBe('network-error');
    const pages = exchanges.filter((e) => e.purpose === 'page');
    expect(pages).toHaveLength(2);
    expect(pages[0]!.error?.code).toMatch(/ECONNRESET|UND_ERR_SOCKET/);
    await fetcher.close();
  });

  it('a reset in mid-body: truncated (disconnect), the partial body kept', async () => {
    const { fetcher } = testFetcher({ retry: { max: 0 } });
    const result = await fetcher.fetch(site.url('site.test', '/reset-mid'));
    expect(result.outcome).toBe('truncated');
    expect(result.truncated).toBe('disconnect');
    expect(result.body.toString()).toBe('<html><body><p>' + 'y'.repeat(500));
    await fetcher.close();
  });

  it('an oversize body: cut at the cap, kept, marked truncated (length), not retried', async () => {
    const { fetcher, exchanges } = testFetcher({ limits: { maxBodyBytes: 100_000 } });
    const result = await fetcher.fetch(site.url('site.test', '/big'));
    expect(result.outcome).toBe('truncated');
    expect(result.truncated).toBe('length');
    expect(result.body.length).toBe(100_000);
    expect(BIG_BODY_BYTES).toBeGreaterThan(100_000);
    expect(exchanges.filter((e) => e.purpose === 'page')).toHaveLength(1);
    await fetcher.close();
  });

  it('a redirect loop is detected', async () => {
    const { fetcher, exchanges } = testFetcher();
    const result = await fetcher.fetch(site.url('site.test', '/loop/a'));
    expect(result.outcome).toBe('redirect-error');
    expect(result.reason).toMatch(/redirect loop/);
    expect(exchanges.filter((e) => e.purpose === 'page').map((e) => e.response?.status)).toEqual([
      302, 302,
    ]);
    await fetcher.close();
  });

  it('a redirect limit is enforced', async () => {
    const { fetcher } = testFetcher({ maxRedirects: 0 });
    const result = await fetcher.fetch(site.url('site.test', '/post-redirect'));
    expect(result.outcome).toBe('redirect-error');
    expect(result.reason).toBe('more than 0 redirects');
    await fetcher.close();
  });

  it('a redirect to a name that resolves privately is refused at that hop', async () => {
    const { fetcher, exchanges } = testFetcher();
    const result = await fetcher.fetch(site.url('site.test', '/to-private'));
    expect(result.outcome).toBe('refused');
    expect(result.reason).toBe('evil.test resolves to 10.0.0.5 is private');
    expect(exchanges.at(-1)!.refused).toBe(result.reason);
    expect(site.hits.some((h) => h.host === 'evil.test')).toBe(false);
    await fetcher.close();
  });

  it('429 with Retry-After: waits at least that long, then succeeds', async () => {
    const { fetcher, exchanges } = testFetcher();
    const result = await fetcher.fetch(site.url('site.test', '/rate-limited?k=once'));
    expect(result.outcome).toBe('ok');
    const [first, second] = site.hitsTo('site.test', '/rate-limited?k=once');
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950);
    expect(exchanges.filter((e) => e.purpose === 'page').map((e) => e.response?.status)).toEqual([
      429, 200,
    ]);
    await fetcher.close();
  });

  it('a host that keeps answering 403 is backed off for longer', async () => {
    const { fetcher } = testFetcher({
      politeness: {
        minDelayMs: 0,
        banStrikes: 2,
        banBackoffMs: 400,
        maxBanBackoffMs: 400,
        maxWaitMs: 100,
      },
    });
    const host = 'ban.test';
    expect((await fetcher.fetch(site.url(host, '/forbidden'))).status).toBe(403);
    expect((await fetcher.fetch(site.url(host, '/forbidden'))).status).toBe(403);
    // Two strikes: the host is now backed off for 400 ms, longer than this fetcher will wait.
    const third = await fetcher.fetch(site.url(host, '/forbidden'));
    expect(third.outcome).toBe('refused');
    expect(third.reason).toMatch(/ban\.test is backed off until/);
    expect(site.hitsTo(host, '/forbidden')).toHaveLength(2);
    await fetcher.close();
  });
  it('a host that keeps resetting is backed off after a burst of resets', async () => {
    const { fetcher } = testFetcher({
      retry: { max: 2, baseMs: 10, maxMs: 10 },
      politeness: {
        minDelayMs: 0,
        banStrikes: 3,
        banBackoffMs: 500,
        maxBanBackoffMs: 500,
        maxWaitMs: 100,
      },
    });
    const first = await fetcher.fetch(site.url('resetter.test', '/reset'));
    expect(first.outcome).toBe('network-error');
    expect(site.hitsTo('resetter.test', '/reset')).toHaveLength(3);
    expect(fetcher.gate.blockedUntil('resetter.test')).toBeGreaterThan(Date.now());
    const next = await fetcher.fetch(site.url('resetter.test', '/kcna/article'));
    expect(next.outcome).toBe('refused');
    expect(site.hitsTo('resetter.test', '/kcna/article')).toHaveLength(0);
    await fetcher.close();
  });
});

describe('robots.txt and politeness', () => {
  it('does not fetch a disallowed URL and records the refusal; robots.txt is fetched once', async () => {
    const { fetcher, exchanges } = testFetcher();
    const result = await fetcher.fetch(site.url('site2.test', '/private/secret'));
    expect(result.outcome).toBe('refused');
    expect(result.reason).toBe('disallowed by robots.txt');
    expect(exchanges.at(-1)!.refused).toBe('disallowed by robots.txt');
    await fetcher.fetch(site.url('site2.test', '/kcna/article'));
    expect(site.hitsTo('site2.test', '/private/secret')).toHaveLength(0);
    expect(site.hitsTo('site2.test', '/robots.txt')).toHaveLength(1);
    await fetcher.close();
  });

  it('spaces requests to one host by its Crawl-delay, one at a time', async () => {
    const { fetcher } = testFetcher();
    const paths = ['/kcna/article', '/rodong/article', '/etag'];
    await Promise.all(paths.map((p) => fetcher.fetch(site.url('robots.test', p))));
    const times = site
      .hitsTo('robots.test')
      .filter((h) => h.path !== '/robots.txt')
      .map((h) => h.at);
    expect(times).toHaveLength(3);
    for (let i = 1; i < times.length; i++)
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(CRAWL_DELAY_S * 1000 - 30);
    await fetcher.close();
  });

  it('applies the minimum delay between requests to a host', async () => {
    const { fetcher } = testFetcher({ politeness: { minDelayMs: 150 } });
    await fetcher.fetch(site.url('gap.test', '/kcna/article'));
    await fetcher.fetch(site.url('gap.test', '/rodong/article'));
    const [robots, a, b] = site.hitsTo('gap.test').map((h) => h.at);
    expect(a! - robots!).toBeGreaterThanOrEqual(120);
    expect(b! - a!).toBeGreaterThanOrEqual(120);
    await fetcher.close();
  });
});

describe('SSRF guard in the fetcher', () => {
  it.each([
    ['http://10.0.0.1/', '10.0.0.1 is private'],
    ['http://192.168.1.20/', '192.168.1.20 is private'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is link-local'],
    ['http://[::1]/', '::1 is loopback'],
    ['http://[fc00::1]/', 'fc00::1 is unique-local'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1 is loopback'],
    ['http://127.0.0.1/', '127.0.0.1 is loopback'],
    ['file:///etc/passwd', 'scheme file: is not http(s)'],
  ])('refuses %s without allowing it', async (url, reason) => {
    const { fetcher, exchanges } = testFetcher({ guard: {} });
    const result = await fetcher.fetch(url);
    expect(result.outcome).toBe('refused');
    expect(result.reason).toBe(reason);
    expect(exchanges).toHaveLength(1);
    expect(exchanges[0]!.refused).toBe(reason);
    await fetcher.close();
  });

  it('connects to the address it checked, so DNS rebinding cannot switch it', async () => {
    // The name answers 127.0.0.1 (allowed) once, then a private address: a rebinding attack.
    let calls = 0;
    const resolve = async () => (++calls === 1 ? ['127.0.0.1'] : ['10.0.0.5']);
    const { fetcher } = testFetcher({ guard: { allow: ['127.0.0.1'], resolve }, robots: false });
    const result = await fetcher.fetch(site.url('rebind.test', '/kcna/article'));
    expect(result.outcome).toBe('ok');
    expect(calls).toBe(1); // the connection used the pinned address, not a second lookup
    expect(result.exchanges[0]!.ip).toBe('127.0.0.1');
    await fetcher.close();
  });

  it('checks again at connect time once the pin has expired', async () => {
    let calls = 0;
    const resolve = async () => (++calls === 1 ? ['127.0.0.1'] : ['10.0.0.5']);
    const { fetcher, exchanges } = testFetcher({
      guard: { allow: ['127.0.0.1'], resolve, pinTtlMs: 0 },
      robots: false,
      retry: { max: 0 },
    });
    const result = await fetcher.fetch(site.url('rebind2.test', '/kcna/article'));
    expect(result.outcome).toBe('refused');
    expect(result.reason).toBe('rebind2.test resolves to 10.0.0.5 is private');
    expect(exchanges[0]!.refused).toBe(result.reason);
    expect(site.hitsTo('rebind2.test')).toHaveLength(0);
    await fetcher.close();
  });

  it('the allow list lets the test server through, in its IPv4-mapped form too', async () => {
    const { fetcher } = testFetcher({ guard: { allow: ['127.0.0.1'] } });
    expect((await fetcher.fetch(`http://127.0.0.1:${site.port}/kcna/article`)).outcome).toBe('ok');
    expect(
      (await fetcher.fetch(`http://[::ffff:127.0.0.1]:${site.port}/kcna/article`)).outcome,
    ).toBe('ok');
    await fetcher.close();
  });
});
