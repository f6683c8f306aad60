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

function listPage(articles: SiteArticle[]): string {
  const items = articles
    .filter((a) => a.listed)
    .map(
      (a) =>
        `  <div class="article">\n    <h5 class="block">\n      <a href="/en/article/detail/${a.hash}">${escape(a.title)}</a>\n      <span><nobr>[${a.date}]</nobr></span>\n    </h5>\n  </div>`,
    );
  return LIST_MARKUP.replace('var page_cnt = 36;', 'var page_cnt = 1;').replace(
    /<main>[\s\S]*<\/main>/,
    `<main>\n${items.join('\n')}\n</main>`,
  );
}

function articlePage(a: SiteArticle): string {
  const body = a.paragraphs.map((p) => `      <p>${escape(p)}</p>`).join('\n');
  return ARTICLE_MARKUP.replace(/<h1>[\s\S]*?<\/h1>/, `<h1>${escape(a.title)}</h1>`).replace(
    /<p>First paragraph\.<\/p>[\s\S]*<p> Second paragraph\. <\/p>/,
    body,
  );
}

export interface HistorySite {
  port: number;
  baseUrl: string;
  articles: SiteArticle[];
  article(hash: string): SiteArticle;
  url(hash: string): string;
  close(): Promise<void>;
}

export async function startHistorySite(articles: SiteArticle[]): Promise<HistorySite> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const html = (status: number, content: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(content);
    };
    if (path === '/robots.txt')
      return html(200, 'User-agent: *\nDisallow:\n', { 'content-type': 'text/plain' });
    if (path === '/')
      return html(200, '<html><body><main><p>Welcome to KCNA</p></main></body></html>');
    if (path === HISTORY_LIST) return html(200, listPage(articles));
    const hash = /^\/en\/article\/detail\/([0-9a-f]+)$/.exec(path)?.[1];
    const found = articles.find((a) => a.hash === hash);
    if (!found) return html(404, '<p>Not Found</p>');
    if (found.page === '404') return html(404, '<p>Not Found</p>');
    if (found.page === '410') return html(410, '<p>Gone</p>');
    if (found.page === 'home') return html(302, '', { location: '/' });
    return html(200, articlePage(found));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    port,
    baseUrl,
    articles,
    article: (hash) => articles.find((a) => a.hash === hash)!,
    url: (hash) => `${baseUrl}/en/article/detail/${hash}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
