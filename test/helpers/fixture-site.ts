/**
 * A real HTTP server on 127.0.0.1 (port 0) serving copies of real KCNA / Rodong pages
 * (test/fixtures/site/) plus the hostile behaviour the DPRK sites show: stalls, 5xx bursts, resets,
 * redirect loops, oversize bodies, a body that drips forever, wrong charsets, 429 with Retry-After, and the 2026 KCNA list that
 * pages by POST with a session cookie and `_csrf`.
 *
 * Tests reach it under made-up host names (`site.test`, `robots.test`, …) mapped to 127.0.0.1 by
 * `fixtureResolver`, so each test gets its own robots.txt cache and politeness queue. The Host header
 * selects the robots.txt: `robots.test` adds a Crawl-delay.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const page = (name: string) => readFileSync(new URL(`../fixtures/site/${name}`, import.meta.url));

export const PAGES = {
  kcnaArticle: page('kcna-article-detail.html'),
  kcnaList: page('kcna-list-page1.html'),
  kcnaBadSession: page('kcna-list-bad-session.html'),
  rodongArticle: page('rodong-article.html'),
};

/** The real Rodong "News" list cut to its first 10 rows: the rows whose article pages are in test/fixtures/site/rodong. */
export const RODONG_NEWS_IDS = [
  '2022-03-11-0004',
  '2022-03-11-0005',
  '2022-03-11-0003',
  '2022-03-11-0002',
  '2022-03-10-0007',
  '2022-03-10-0004',
  '2022-03-10-0002',
  '2022-03-10-0003',
  '2022-03-10-0006',
  '2022-03-10-0005',
];
const RODONG_ROW = '<div class="ListNewsLineContainer">';
/** The real list page's header and rows `from`..`to` (1-based) of its list, closed like the page. */
function rodongListRows(from: number, to: number): string {
  const rows = page('rodong/list-iMenuID-2.html').toString('utf8').split(RODONG_ROW);
  return (
    [rows[0], ...rows.slice(from, to + 1)].join(RODONG_ROW) +
    '</div></center></td></tr></table></body></html>'
  );
}
const RODONG_LIST = rodongListRows(1, 10);
/**
 * A paged Rodong list (`iMenuID=7`, standing for a section longer than one page), made of the same
 * real rows: page 1 (no `iSubMenuID`, or 1) holds rows 1–5, `iSubMenuID=2` rows 6–10; any later page
 * is what the site answers past the last page.
 */
export const RODONG_PAGED_MENU = '7';
const RODONG_PAGES = [rodongListRows(1, 5), rodongListRows(6, 10)];
/** What Rodong answers for a list page past the last one (sites.md §3: `알수 없는 주소`). */
const RODONG_UNKNOWN_ADDRESS =
  '<html><head><meta charset="utf-8"><title>Rodong Sinmun</title></head><body><script>alert(\'알수 없는 주소입니다.\');history.back();</script><p>알수 없는 주소</p></body></html>';

/**
 * A KCNA 2026 list made from the real list page's markup (`var page_cnt`, `#article_form`, `h5.block`
 * items with `<nobr>[date]</nobr>`), each page pointing at one of the KCNA article pages.
 */
export const KCNA_LIST_HASH = '6a47505ba5268fd7749c0fe11e4b24b4';
export const KCNA_ARTICLES = [
  {
    hash: '99d235cb100ee217cd6678bb8fc80e4d',
    listTitle: 'Current article',
    date: '2026.7.19.',
    page: PAGES.kcnaArticle,
  },
  {
    hash: 'aaaa1111bbbb2222cccc3333dddd4444',
    listTitle: 'Synthetic Headline Epsilon',
    date: '2025.12.30.',
    page: page('kcna-article-detail-synthetic.html'),
  },
];
function kcnaListPage(n: number, token: string): string {
  const item = KCNA_ARTICLES[n - 1]!;
  return PAGES.kcnaList
    .toString('utf8')
    .replace('var cur_page = 1;', `var cur_page = ${n};`)
    .replace('var page_cnt = 36;', `var page_cnt = ${KCNA_ARTICLES.length};`)
    .replace(
      /<main>[\s\S]*<\/main>/,
      `<main>\n  <div class="article">\n    <h5 class="block">\n      <a href="/en/article/detail/${item.hash}">${item.listTitle}</a>\n      <span><nobr>[${item.date}]</nobr></span>\n    </h5>\n  </div>\n</main>`,
    )
    .replace(
      '/en/article/list/6a47505ba5268fd7749c0fe11e4b24b4',
      `/en/article/list/${KCNA_LIST_HASH}`,
    )
    .replace('tok-123-abc', token);
}

export const KOREAN_PAGE = '<html><body><p>조선중앙통신 평양 3월 24일발</p></body></html>';
/** Curly quotes, a dash and the euro sign: the bytes 0x80–0x9F where windows-1252 and ISO-8859-1 differ. */
export const CP1252_TEXT = '<html><body><p>It’s “quoted” – €5</p></body></html>';
export const CP1252_BYTES = Buffer.from(
  CP1252_TEXT.replace(
    /[’“”–€]/g,
    (c) => ({ '’': '\x92', '“': '\x93', '”': '\x94', '–': '\x96', '€': '\x80' })[c]!,
  ),
  'latin1',
);
export const CRAWL_DELAY_S = 0.4;
export const BIG_BODY_BYTES = 3 * 1024 * 1024;
export const ETAG = '"v1-abc"';
export const LAST_MODIFIED = 'Tue, 08 Sep 2026 10:00:00 GMT';

export interface Hit {
  host: string;
  method: string;
  path: string;
  at: number;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FixtureSite {
  port: number;
  /** `http://<host>:<port><path>`. */
  url(host: string, path: string): string;
  /** Every request received, in order. */
  hits: Hit[];
  hitsTo(host: string, path?: string): Hit[];
  close(): Promise<void>;
}

/** Host names for the fixture site; `evil.test` stands for a public name that resolves privately. */
/**
 * Fetcher options for crawling the fixture site: `*.test` names resolved to 127.0.0.1, short timeouts,
 * quick retries, and a ban threshold high enough that the hostile routes never back the host off.
 */
export const FIXTURE_FETCHER = {
  guard: { resolve: fixtureResolver() },
  connectTimeoutMs: 1_000,
  limits: {
    headersTimeoutMs: 500,
    bodyIdleTimeoutMs: 500,
    totalTimeoutMs: 3_000,
    maxBodyBytes: 256 * 1024,
  },
  retry: { max: 2, baseMs: 10, maxMs: 50, maxRetryAfterMs: 1_000 },
  politeness: { banStrikes: 100, banBackoffMs: 100, maxBanBackoffMs: 200, maxWaitMs: 2_000 },
};

export function fixtureResolver(
  extra: Record<string, string[]> = {},
): (hostname: string) => Promise<string[]> {
  return async (hostname) => {
    if (extra[hostname]) return extra[hostname]!;
    if (hostname === 'evil.test') return ['10.0.0.5'];
    if (hostname.endsWith('.test')) return ['127.0.0.1'];
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  };
}

export async function startFixtureSite(): Promise<FixtureSite> {
  const hits: Hit[] = [];
  const counters = new Map<string, number>();
  const sessions = new Map<string, string>(); // session id → csrf token
  let port = 0;

  const count = (key: string) => {
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return n;
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(req.url ?? '/', `http://${host}`);
    hits.push({
      host,
      method: req.method ?? '',
      path: url.pathname + url.search,
      at: Date.now(),
      headers: req.headers,
      body,
    });
    const html = (
      status: number,
      content: Buffer | string,
      headers: Record<string, string> = {},
    ) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(content);
    };
    const key = `${host} ${url.pathname} ${url.searchParams.get('k') ?? ''}`;

    if (url.pathname === `/en/article/list/${KCNA_LIST_HASH}`) {
      if (req.method === 'GET') {
        const session = randomBytes(8).toString('hex');
        const token = randomBytes(8).toString('hex');
        sessions.set(session, token);
        return html(200, kcnaListPage(1, token), {
          'set-cookie': `SESSION=${session}; Path=/; HttpOnly`,
        });
      }
      const session = /SESSION=([0-9a-f]+)/.exec(req.headers.cookie ?? '')?.[1];
      const form = new URLSearchParams(body);
      const n = Number(form.get('page_num'));
      // `flakysession.test`: the first POST fails as a stale session does; a renewed session then works.
      if (host === 'flakysession.test' && count(`${host} list POST`) === 1)
        return html(200, PAGES.kcnaBadSession);
      if (
        host === 'badsession.test' ||
        !session ||
        sessions.get(session) !== form.get('_csrf') ||
        !KCNA_ARTICLES[n - 1]
      )
        return html(200, PAGES.kcnaBadSession);
      return html(200, kcnaListPage(n, form.get('_csrf')!));
    }
    const detail = /^\/en\/article\/detail\/([0-9a-f]+)$/.exec(url.pathname);
    if (detail) {
      const found = KCNA_ARTICLES.find((a) => a.hash === detail[1]);
      return found ? html(200, found.page) : html(404, '<p>Not Found</p>');
    }
    if (url.pathname === '/en/index.php') {
      const pageId = url.searchParams.get('strPageID');
      if (pageId === 'SF01_01_02') {
        const n = Number(url.searchParams.get('iSubMenuID') ?? '1');
        const pages =
          url.searchParams.get('iMenuID') === RODONG_PAGED_MENU ? RODONG_PAGES : [RODONG_LIST];
        return html(200, pages[n - 1] ?? RODONG_UNKNOWN_ADDRESS);
      }
      const id = url.searchParams.get('newsID') ?? '';
      if (pageId === 'SF01_02_01' && RODONG_NEWS_IDS.includes(id))
        return html(200, page(`rodong/${id}.html`));
      return html(200, '<html><body><script>alert("알수 없는 주소입니다.")</script></body></html>');
    }
    if (url.pathname === '/hostile/feed.xml') {
      // A feed whose items lead to the hostile routes, and one good article.
      const items = [
        '/hostile/good',
        '/flaky?n=3',
        '/reset',
        '/loop/a',
        '/big',
        '/private/secret',
      ].map(
        (path, i) =>
          `<item><title>Item ${i}</title><link>http://${host}:${port}${path}</link><pubDate>Mon, 0${i + 1} Sep 2026 10:00:00 GMT</pubDate></item>`,
      );
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      return res.end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title>${items.join('')}</channel></rss>`,
      );
    }
    if (url.pathname === '/hostile/good') {
      return html(
        200,
        '<html lang="en"><head><title>Harvest Figures Published</title><meta property="article:published_time" content="2026-09-01T10:00:00Z"></head><body><article><h1>Harvest Figures Published</h1><p>Pyongyang, September 1 (KCNA) -- The ministry published the harvest figures for the past year, showing growth in every province of the country.</p><p>Officials said that the figures were the best in a decade and credited new irrigation works across the country.</p></article></body></html>',
      );
    }

    switch (url.pathname) {
      case '/robots.txt': {
        const delay = host === 'robots.test' ? `Crawl-delay: ${CRAWL_DELAY_S}\n` : '';
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end(`User-agent: *\nDisallow: /private/\n${delay}`);
      }
      case '/kcna/article':
        return html(200, PAGES.kcnaArticle);
      case '/rodong/article':
        return html(200, PAGES.rodongArticle);
      case '/private/secret':
        return html(200, 'never to be fetched');
      case '/kcna/list': {
        // Page 1 is a GET that opens a session; later pages are POSTs that need its cookie and _csrf.
        // A bad session gets what KCNA gives: HTTP 200 and an empty <main>.
        if (req.method === 'GET') {
          const session = randomBytes(8).toString('hex');
          const token = randomBytes(8).toString('hex');
          sessions.set(session, token);
          return html(200, PAGES.kcnaList.toString('utf8').replace('tok-123-abc', token), {
            'set-cookie': `SESSION=${session}; Path=/; HttpOnly`,
          });
        }
        const session = /SESSION=([0-9a-f]+)/.exec(req.headers.cookie ?? '')?.[1];
        const form = new URLSearchParams(body);
        if (!session || sessions.get(session) !== form.get('_csrf'))
          return html(200, PAGES.kcnaBadSession);
        const n = form.get('page_num') ?? '?';
        return html(
          200,
          PAGES.kcnaList.toString('utf8').replace('Second Story', `Story on page ${n}`),
        );
      }
      case '/slow-headers':
        return; // never answers; the client's headers timeout must fire
      case '/slow-body':
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-length': '100000',
        });
        res.write('<html><body><p>' + 'x'.repeat(1000));
        return; // stalls mid-body
      case '/drip': {
        // A byte every 100 ms: never silent long enough for an idle timeout, never finished.
        res.writeHead(200, { 'content-type': 'text/plain' });
        const timer = setInterval(() => res.write('.'), 100);
        res.on('close', () => clearInterval(timer));
        return;
      }
      case '/flaky': {
        const failures = Number(url.searchParams.get('n') ?? 2);
        if (count(key) <= failures) return html(503, '<p>Service Unavailable</p>');
        return html(200, `<p>recovered after ${failures} failures</p>`);
      }
      case '/reset':
        return req.socket.destroy();
      case '/reset-mid':
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-length': '10000',
        });
        res.write('<html><body><p>' + 'y'.repeat(500));
        setTimeout(() => req.socket.destroy(), 20);
        return;
      case '/loop/a':
        return html(302, '', { location: '/loop/b' });
      case '/loop/b':
        return html(302, '', { location: '/loop/a' });
      case '/to-private':
        return html(302, '', { location: `http://evil.test:${port}/kcna/article` });
      case '/post-redirect':
        return html(303, '', { location: '/kcna/article' });
      case '/big': {
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-length': String(BIG_BODY_BYTES),
        });
        const chunk = Buffer.alloc(64 * 1024, 0x7a);
        let sent = 0;
        const pump = () => {
          while (sent < BIG_BODY_BYTES) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('error', () => {});
        return pump();
      }
      case '/wrong-charset':
        res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' });
        return res.end(Buffer.from(KOREAN_PAGE, 'utf8'));
      case '/cp1252-as-latin1':
        res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' });
        return res.end(CP1252_BYTES);
      case '/cp1252-undeclared':
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(CP1252_BYTES);
      case '/gzipped':
        // Sent although nobody asked for it (no Accept-Encoding): some servers do.
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-encoding': 'gzip',
        });
        return res.end(gzipSync(Buffer.from(KOREAN_PAGE)));
      case '/chunked':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); // no length: chunked
        res.write('<p>one</p>');
        setTimeout(() => res.end('<p>two</p>'), 5);
        return;
      case '/etag':
        if (
          req.headers['if-none-match'] === ETAG ||
          req.headers['if-modified-since'] === LAST_MODIFIED
        ) {
          res.writeHead(304, { etag: ETAG, 'last-modified': LAST_MODIFIED });
          return res.end();
        }
        return html(200, PAGES.kcnaArticle, { etag: ETAG, 'last-modified': LAST_MODIFIED });
      case '/rate-limited':
        if (count(key) === 1) return html(429, '<p>Too Many Requests</p>', { 'retry-after': '1' });
        return html(200, '<p>served after Retry-After</p>');
      case '/forbidden':
        return html(403, '<p>Forbidden</p>');
      default:
        return html(404, '<p>Not Found</p>');
    }
  };

  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(parts).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  return {
    port,
    url: (host, path) => `http://${host}:${port}${path}`,
    hits,
    hitsTo: (host, path) =>
      hits.filter((h) => h.host === host && (path === undefined || h.path === path)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
