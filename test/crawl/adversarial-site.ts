/**
 * A site built to hurt a crawler (issue 18), on one real HTTP server on 127.0.0.1, reached under
 * made-up host names that `fixtureResolver` maps to it:
 *
 * - `adv.test`: a robots.txt of 20,000 wildcard rules (past the 500 KiB cap, past the rule cap); a
 *   feed (`/feed.xml`) whose items are good articles and every hostile route below; a list page of
 *   150,000 links (`/flood`); an endless generated list (`/endless`: page N links to page N+1 and to
 *   new articles, every link with a fresh query string).
 * - `bigrobots.test`: a robots.txt of ~20 MB (streamed; a crawler reading it whole is the defect),
 *   and a feed with one good article.
 * - `drip.test`: an article that sends one byte a second, forever.
 * - `evil.test`: a public-looking name that resolves to a private address (never reached).
 *
 * Hostile routes: a redirect loop, an endless redirect chain, redirects into a private, a loopback
 * and a link-local address, a gzip bomb, ~2 MB of response headers, a Content-Length larger than the
 * body, a connection reset mid-body, a page robots.txt disallows through a wildcard rule. Good
 * articles: plain ones, one declaring the wrong charset, ones linked from the top of the flood and
 * the endless list, one behind the 20 MB robots.txt.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export const FLOOD_LINKS = 150_000;
/** Bytes of the big robots.txt (a crawler must stop reading at its own cap). */
export const BIG_ROBOTS_BYTES = 20 * 1024 * 1024;
/** Wildcard rules in adv.test's robots.txt. */
export const WILDCARD_RULES = 20_000;
/** What the gzip bomb inflates to. */
export const BOMB_INFLATED_BYTES = 256 * 1024 * 1024;

export interface GoodArticle {
  host: string;
  path: string;
  title: string;
  /** A phrase of its body, as it must read once archived. */
  phrase: string;
}

const paragraph = (topic: string) =>
  `Pyongyang, December 1 (KCNA) -- The report on ${topic} was published on Monday and read out at meetings across the country, where officials discussed its figures in detail.`;

/** The good articles and the lists that name them. */
export const GOOD: GoodArticle[] = [
  ...[1, 2, 3, 4].map((n) => ({
    host: 'adv.test',
    path: `/news/good-${n}`,
    title: `Good Wire Story Number ${n}`,
    phrase: `report on harvest ${n}`,
  })),
  {
    host: 'adv.test',
    path: '/news/wrong-charset',
    title: 'Kim Jong Un’s Letter to “Farmers”',
    phrase: '조선중앙통신',
  },
  {
    host: 'adv.test',
    path: '/news/flood-top-1',
    title: 'Story Listed First on the Flood Page',
    phrase: 'report on flood 1',
  },
  {
    host: 'adv.test',
    path: '/news/flood-top-2',
    title: 'Story Listed Second on the Flood Page',
    phrase: 'report on flood 2',
  },
  {
    host: 'adv.test',
    path: '/news/endless-top',
    title: 'Story Listed on the First Endless Page',
    phrase: 'report on endless lists',
  },
  {
    host: 'bigrobots.test',
    path: '/news/behind-big-robots',
    title: 'Story Behind a Huge Robots File',
    phrase: 'report on robots',
  },
];

export interface BadUrl {
  host: string;
  path: string;
  /** What its one-line reason must say. */
  reason: RegExp;
}

/** The hostile routes the feed names, each with the reason it must end with. */
export const BAD: BadUrl[] = [
  {
    host: 'drip.test',
    path: '/news/drip',
    reason: /truncated \(HTTP 200\): body truncated \(time\)/,
  },
  {
    host: 'adv.test',
    path: '/loop/a',
    reason: /redirect-error \(HTTP 302\): redirect loop back to .*\/loop\/a/,
  },
  {
    host: 'adv.test',
    path: '/hop/1',
    reason: /redirect-error \(HTTP 302\): more than \d+ redirects/,
  },
  {
    host: 'adv.test',
    path: '/to-private',
    reason: /refused: evil\.test resolves to 10\.0\.0\.5 is private/,
  },
  { host: 'adv.test', path: '/to-loopback', reason: /refused: 127\.0\.0\.2 is loopback/ },
  { host: 'adv.test', path: '/to-metadata', reason: /refused: 169\.254\.169\.254 is link-local/ },
  { host: 'adv.test', path: '/bomb', reason: /gzip/ },
  { host: 'adv.test', path: '/huge-headers', reason: /network-error: .*HEADERS_OVERFLOW/ },
  {
    host: 'adv.test',
    path: '/short-body',
    reason: /truncated \(HTTP 200\): body truncated \(disconnect\)/,
  },
  {
    host: 'adv.test',
    path: '/reset-mid',
    reason: /truncated \(HTTP 200\): body truncated \(disconnect\)/,
  },
  {
    host: 'adv.test',
    path: '/news/private/plans',
    reason: /refused: disallowed by robots\.txt/,
  },
];

export interface AdversarialSite {
  port: number;
  url(host: string, path: string): string;
  /** Requests received per host and path (query included). */
  hits: Array<{ host: string; path: string; at: number }>;
  close(): Promise<void>;
}

function articleHtml(title: string, topic: string, charset = 'utf-8'): string {
  return `<!doctype html><html lang="en"><head><meta charset="${charset}"><title>${title}</title><meta property="article:published_time" content="2026-12-01T08:00:00Z"></head><body><nav><a href="/">Home</a></nav><article><h1>${title}</h1><p>${paragraph(topic)}</p><p>Officials said the figures were the best in a decade and credited the work of the people in every province of the country.</p></article></body></html>`;
}

/** An untemplated list page: its items, then a pager. */
function listHtml(items: Array<{ href: string; text: string }>, next: string | null): string {
  const rows = items.map((i) => `<li><a href="${i.href}">${i.text}</a></li>`).join('\n');
  const pager = next ? `<p class="more"><a rel="next" href="${next}">Next</a></p>` : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>News</title></head><body><main><ul class="news">${rows}</ul>${pager}</main></body></html>`;
}

/** The 150,000-link page: two good stories first, then generated ones, then a pager. */
function floodPage(): Buffer {
  const parts: string[] = [];
  parts.push(
    '<!doctype html><html><head><meta charset="utf-8"><title>Everything</title></head><body><main><ul class="news">',
  );
  parts.push('<li><a href="/news/flood-top-1">Story Listed First on the Flood Page</a></li>');
  parts.push('<li><a href="/news/flood-top-2">Story Listed Second on the Flood Page</a></li>');
  for (let i = 3; i <= FLOOD_LINKS; i++)
    parts.push(`<li><a href="/flood/item-${i}">Generated flood headline number ${i}</a></li>`);
  parts.push('</ul><p><a rel="next" href="/flood?page=2">Next</a></p></main></body></html>');
  return Buffer.from(parts.join('\n'));
}

function wildcardRobots(): string {
  const lines = ['User-agent: *', 'Disallow: /*/private/*'];
  for (let i = 0; i < WILDCARD_RULES; i++) lines.push(`Disallow: /*a*a*a*a*a*a*a*a*b${i}$`);
  return `${lines.join('\n')}\n`;
}

/** A gzip body of BOMB_INFLATED_BYTES of zeros: one 16 MiB member, repeated. */
function gzipBomb(): Buffer {
  const member = gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
  return Buffer.concat(
    Array.from({ length: BOMB_INFLATED_BYTES / (16 * 1024 * 1024) }, () => member),
  );
}

const rand = () => Math.random().toString(36).slice(2, 10);

export async function startAdversarialSite(): Promise<AdversarialSite> {
  const hits: AdversarialSite['hits'] = [];
  let port = 0;
  const flood = floodPage();
  const robots = wildcardRobots();
  const bomb = gzipBomb();
  const good = new Map(GOOD.map((g) => [`${g.host} ${g.path}`, g]));

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(req.url ?? '/', `http://${host}`);
    hits.push({ host, path: url.pathname + url.search, at: Date.now() });
    res.on('error', () => {});
    const html = (status: number, body: string | Buffer, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(body);
    };
    const raw = (text: string, then: 'end' | 'destroy' = 'end') => {
      req.socket.write(text);
      if (then === 'end') req.socket.end();
      else setTimeout(() => req.socket.destroy(), 20);
    };

    if (url.pathname === '/robots.txt') {
      if (host === 'bigrobots.test') {
        // ~20 MB: a few rules, then comment lines, streamed as the client reads.
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('User-agent: *\nDisallow: /private/\n');
        const line = `# ${'x'.repeat(97)}\n`;
        const chunk = Buffer.from(line.repeat(640)); // 64,000 bytes
        let sent = 0;
        const pump = () => {
          while (sent < BIG_ROBOTS_BYTES) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end('Disallow: /news/\n');
        };
        return pump();
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end(host === 'adv.test' ? robots : 'User-agent: *\nDisallow: /private/\n');
    }

    const found = good.get(`${host} ${url.pathname}`);
    if (found) {
      if (url.pathname === '/news/wrong-charset') {
        // UTF-8 bytes, declared as ISO-8859-1 (as the DPRK sites do).
        res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' });
        const body = articleHtml(found.title, 'harvest', 'iso-8859-1').replace(
          '<p>Officials',
          '<p>조선중앙통신 reported it too.</p><p>Officials',
        );
        return res.end(Buffer.from(body, 'utf8'));
      }
      return html(200, articleHtml(found.title, found.phrase.replace('report on ', '')));
    }

    if (host === 'bigrobots.test' && url.pathname === '/feed.xml') {
      return rssFeed(res, [
        {
          title: 'Story Behind a Huge Robots File',
          url: `http://${host}:${port}/news/behind-big-robots`,
        },
      ]);
    }
    if (host === 'drip.test' && url.pathname === '/news/drip') {
      // One byte a second: never silent long enough for an idle timeout, never finished.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write('<');
      const timer = setInterval(() => res.write('p'), 1000);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (host !== 'adv.test') return html(404, '<p>Not Found</p>');

    switch (url.pathname) {
      case '/feed.xml':
        return rssFeed(res, [
          ...GOOD.filter((g) => g.host === host && !/flood|endless/.test(g.path)).map((g) => ({
            title: g.title,
            url: `http://${g.host}:${port}${g.path}`,
          })),
          ...BAD.map((b, i) => ({
            title: `Hostile item ${i}`,
            url: `http://${b.host}:${port}${b.path}`,
          })),
        ]);
      case '/flood':
        if (url.searchParams.get('page') === '2') return html(200, listHtml([], null));
        return html(200, flood);
      case '/endless': {
        // Page N: new articles under fresh query strings, and page N+1 under a fresh one too.
        const n = Number(url.searchParams.get('page') ?? '1');
        const items = Array.from({ length: 4 }, (_, i) => ({
          href: `/endless/item?page=${n}&i=${i}&s=${rand()}`,
          text: `Generated endless story ${n}.${i} for the crawler`,
        }));
        if (n === 1)
          items.unshift({
            href: '/news/endless-top',
            text: 'Story Listed on the First Endless Page',
          });
        return html(200, listHtml(items, `/endless?page=${n + 1}&s=${rand()}`));
      }
      case '/endless/item': {
        const title = `Generated Story ${url.searchParams.get('page') ?? ''} ${url.searchParams.get('i') ?? ''}`;
        return html(200, articleHtml(title, 'generated things'));
      }
      case '/loop/a':
        return html(302, '', { location: '/loop/b' });
      case '/loop/b':
        return html(302, '', { location: '/loop/a' });
      default:
        break;
    }
    if (url.pathname.startsWith('/flood/item-')) {
      return html(200, articleHtml(`Generated Flood Story ${url.pathname.slice(12)}`, 'floods'));
    }
    const hop = /^\/hop\/(\d+)$/.exec(url.pathname);
    if (hop) return html(302, '', { location: `/hop/${Number(hop[1]) + 1}?s=${rand()}` });
    switch (url.pathname) {
      case '/to-private':
        return html(302, '', { location: `http://evil.test:${port}/news/good-1` });
      case '/to-loopback':
        // Through a second hop on the site, so the guard is seen to check every hop.
        return html(302, '', { location: '/to-loopback-2' });
      case '/to-loopback-2':
        return html(302, '', { location: `http://127.0.0.2:${port}/admin` });
      case '/to-metadata':
        return html(302, '', { location: 'http://169.254.169.254/latest/meta-data/' });
      case '/bomb':
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-encoding': 'gzip',
        });
        return res.end(bomb);
      case '/huge-headers': {
        // ~2 MB of headers, then a fine body.
        const lines = Array.from(
          { length: 20_000 },
          (_, i) => `X-Junk-${i}: ${'j'.repeat(90)}\r\n`,
        );
        return raw(
          `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n${lines.join('')}Content-Length: 13\r\n\r\n<p>hello</p>\n`,
        );
      }
      case '/short-body':
        // Says 50,000 bytes, sends 400, closes cleanly.
        return raw(
          `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 50000\r\nConnection: close\r\n\r\n<html><body><p>${'s'.repeat(385)}`,
        );
      case '/reset-mid':
        return raw(
          `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: 10000\r\n\r\n<html><body><p>${'y'.repeat(500)}`,
          'destroy',
        );
      case '/news/private/plans':
        return html(200, articleHtml('Never to Be Fetched', 'secrets'));
      default:
        return html(404, '<p>Not Found</p>');
    }
  };

  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => handle(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (host, path) => `http://${host}:${port}${path}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function rssFeed(res: ServerResponse, items: Array<{ title: string; url: string }>): void {
  const body = items
    .map(
      (item) =>
        `<item><title>${item.title}</title><link>${item.url}</link><pubDate>Tue, 01 Dec 2026 08:00:00 GMT</pubDate></item>`,
    )
    .join('');
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
  res.end(
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Adversarial</title>${body}</channel></rss>`,
  );
}
