/** `/sources/:id?page=N`: one source's articles, newest first, a page at a time; 404 for an unknown id. */
import type { Context } from 'hono';
import { DemoArticleNotice } from '../demo-notice.js';
import type { ArchiveStore } from '../../store/types.js';
import { ArticleList, ExportLinks, Pager, sourceHref, FollowLink } from '../components.js';
import { filterTerm } from './search-href.js';
import { pageParam, plural } from '../format.js';
import { Layout } from '../layout.js';
import { sendPage } from '../render.js';
import { notFoundPage } from './not-found.js';

export const SOURCE_PAGE_SIZE = 50;

export async function sourcePage(c: Context, store: ArchiveStore) {
  const id = c.req.param('id') ?? '';
  const source = await store.getSource(id);
  if (!source)
    return notFoundPage(c, 'No such source', `The archive has no source with the id “${id}”.`);
  const page = pageParam(c.req.query('page'));
  const [list, teasers] = await Promise.all([
    store.listArticles({
      sourceId: source.id,
      limit: SOURCE_PAGE_SIZE,
      offset: (page - 1) * SOURCE_PAGE_SIZE,
    }),
    // Only the count is used: with no rows to find, the store answers from its kept totals instead of
    // scanning the source for a teaser that may not exist.
    store.listArticles({ sourceId: source.id, status: 'teaser', limit: 0 }),
  ]);
  const pages = Math.max(1, Math.ceil(list.total / SOURCE_PAGE_SIZE));
  const feed = `/feeds/sources/${encodeURIComponent(source.id)}`;
  const href = (n: number) => `${sourceHref(source.id)}${n > 1 ? `?page=${n}` : ''}`;
  return sendPage(
    c,
    <Layout
      title={page > 1 ? `${source.label}, page ${page}` : source.label}
      section="sources"
      feeds={[{ title: `${source.label} (Atom)`, href: feed }]}
    >
      <h1>{source.label}</h1>
      <DemoArticleNotice sourceId={source.id} />
      <FollowLink kind="source" target={source.id} />
      <p class="meta">
        Publisher {source.name} · language {source.language} · id <code>{source.id}</code>
        {' · '}
        {plural(list.total - teasers.total, 'article')},{' '}
        {plural(teasers.total, 'teaser-only article')}
        {' · '}
        <a href={feed}>Atom feed</a>
        {' · '}
        <ExportLinks query={filterTerm('source', source.id)} what={source.label} />
      </p>
      <h2>Articles, newest first{pages > 1 ? `: page ${page} of ${pages}` : ''}</h2>
      {list.items.length ? (
        <ArticleList articles={list.items} teasers linkDays />
      ) : (
        <p>
          No articles on this page. <a href={sourceHref(source.id)}>Back to the newest</a>.
        </p>
      )}
      <Pager page={page} pages={pages} href={href} label={`Pages of ${source.label}`} />
    </Layout>,
  );
}
