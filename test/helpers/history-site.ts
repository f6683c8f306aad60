/**
 * A KCNA-like site on 127.0.0.1 whose articles a test can edit, retitle, delete and restore between
 * crawls. Pages are made from the real KCNA 2026 markup (test/fixtures/site/kcna-list-page1.html and
 * kcna-article-detail.html): one list page of `h5.block` items with `[yyyy.m.d.]` dates, and article
 * pages with the real `<main><article>` structure.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

const LIST_MARKUP = readFileSync(
  new URL('../fixtures/site/kcna-list-page1.html', import.meta.url),
  'utf8',
);
const ARTICLE_MARKUP = readFileSync(
  new URL('../fixtures/site/kcna-article-detail.html', import.meta.url),
  'utf8',
);
export const HISTORY_LIST = '/en/article/list/6a47505ba5268fd7749c0fe11e4b24b4';

export interface SiteArticle {
  hash: string;
  title: string;
  /** `yyyy.m.d.` as KCNA's list prints it. */
  date: string;
  paragraphs: string[];
  /** Named on the list page. */
  listed: boolean;
  /** What a request for the page gets. */
  page: 'ok' | '404' | '410' | 'home';
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Page `n` (1-based) of the list, `perPage` items a page, with the pager KCNA prints (`page_cnt`). */
function listPage(articles: SiteArticle[], n: number, perPage: number): string {
  const listed = articles.filter((a) => a.listed);
  const pages = Math.max(1, Math.ceil(listed.length / perPage));
  const items = listed
    .slice((n - 1) * perPage, n * perPage)
    .map(
      (a) =>
        `  <div class="article">\n    <h5 class="block">\n      <a href="/en/article/detail/${a.hash}">${escape(a.title)}</a>\n      <span><nobr>[${a.date}]</nobr></span>\n    </h5>\n  </div>`,
    );
  return LIST_MARKUP.replace('var page_cnt = 36;', `var page_cnt = ${pages};`)
    .replace('var cur_page = 1;', `var cur_page = ${n};`)
    .replace(/<main>[\s\S]*<\/main>/, `<main>\n${items.join('\n')}\n</main>`);
}

function articlePage(a: SiteArticle): string {
  const body = a.paragraphs.map((p) => `      <p>${escape(p)}</p>`).join('\n');
  return ARTICLE_MARKUP.replace(/<h1>[\s\S]*?<\/h1>/, `<h1>${escape(a.title)}</h1>`).replace(
    /<p>First paragraph\.<\/p>[\s\S]*<p> Second paragraph\. <\/p>/,
    body,
  );
}

export interface SiteHit {
  method: string;
  path: string;
  at: number;
}

export interface HistorySite {
  port: number;
  hits: SiteHit[];
  baseUrl: string;
  articles: SiteArticle[];
  article(hash: string): SiteArticle;
  url(hash: string): string;
  close(): Promise<void>;
}

/**
 * `perPage`: list items per page (KCNA's list pages by POST: page 1 is a GET, later pages POST the
 * page's form with `page_num`). `port`: 0 picks a free one. Every request is logged in `hits`.
 */
export async function startHistorySite(
  articles: SiteArticle[],
  perPage = 1000,
  listenPort = 0,
): Promise<HistorySite> {
  const hits: SiteHit[] = [];
  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    let body = '';
    for await (const chunk of req) body += chunk;
    hits.push({ method: req.method ?? 'GET', path, at: Date.now() });
    const html = (status: number, content: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(content);
    };
    if (path === '/robots.txt')
      return html(200, 'User-agent: *\nDisallow:\n', { 'content-type': 'text/plain' });
    if (path === '/')
      return html(200, '<html><body><main><p>Welcome to KCNA</p></main></body></html>');
    if (path === HISTORY_LIST) {
      const n =
        req.method === 'POST' ? Number(new URLSearchParams(body).get('page_num') ?? '1') : 1;
      return html(200, listPage(articles, n, perPage));
    }
    const hash = /^\/en\/article\/detail\/([0-9a-f]+)$/.exec(path)?.[1];
    const found = articles.find((a) => a.hash === hash);
    if (!found) return html(404, '<p>Not Found</p>');
    if (found.page === '404') return html(404, '<p>Not Found</p>');
    if (found.page === '410') return html(410, '<p>Gone</p>');
    if (found.page === 'home') return html(302, '', { location: '/' });
    return html(200, articlePage(found));
  });
  await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    port,
    hits,
    baseUrl,
    articles,
    article: (hash) => articles.find((a) => a.hash === hash)!,
    url: (hash) => `${baseUrl}/en/article/detail/${hash}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
