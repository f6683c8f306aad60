/** `/`: the latest articles across sources, and each source's counts and last capture. */
import type { Context } from 'hono';
import { DemoNotice, demoSource } from '../demo-notice.js';
import type { ArchiveStore } from '../../store/types.js';
import { ArticleList, sourceHref } from '../components.js';
import { plural, shortTime } from '../format.js';
import { Layout } from '../layout.js';
import { sendPage } from '../render.js';

const LATEST = 30;

export async function homePage(c: Context, store: ArchiveStore) {
  const [latest, sources] = await Promise.all([
    store.listArticles({ status: 'live', limit: LATEST }),
    store.listSources(),
  ]);
  const byId = new Map(sources.map((s) => [s.id, s]));
  return sendPage(
    c,
    <Layout
      title="Latest"
      section="home"
      feeds={sources.map((s) => ({
        title: `${s.label} (Atom)`,
        href: `/feeds/sources/${encodeURIComponent(s.id)}`,
      }))}
    >
      <h1>Latest articles</h1>
      <DemoNotice source={demoSource(sources)} />
      {latest.items.length ? (
        <ArticleList articles={latest.items} sources={byId} linkDays />
      ) : (
        <p>
          The archive holds no full articles yet. Import some with <code>wirewatch import</code>.
        </p>
      )}
      <h2 id="sources-heading">Sources</h2>
      <ul class="source-summary" aria-labelledby="sources-heading">
        {sources.map((s) => (
          <li>
            <a href={sourceHref(s.id)}>{s.label}</a>
            <span class="meta">
              {' '}
              {plural(s.articles, 'article')}, {plural(s.teasers, 'teaser-only article')} · last
              capture {shortTime(s.lastCapture)}
            </span>
          </li>
        ))}
      </ul>
      <p>
        <a href="/sources">All sources with their date ranges</a>
      </p>
    </Layout>,
  );
}
