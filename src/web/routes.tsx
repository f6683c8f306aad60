/**
 * Reader pages, server-rendered: they work without JavaScript; public/site.js only enhances them.
 */
import { Hono } from 'hono';
import { articleLabel, formatArticleDate } from '../model/label.js';
import type { AppOptions } from '../server/app.js';
import { Layout } from './layout.js';

export function webRoutes({ store }: AppOptions): Hono {
  const app = new Hono();

  app.get('/', async (c) => {
    const [latest, sources] = await Promise.all([store.listArticles({ status: 'live', limit: 30 }), store.listSources()]);
    return c.html(
      '<!doctype html>' +
        (
          <Layout title="Latest" feeds={sources.map((s) => ({ title: `${s.label} (Atom)`, href: `/feeds/sources/${encodeURIComponent(s.id)}` }))}>
            <h1>Latest articles</h1>
            <ol class="articles">
              {latest.items.map((a) => {
                const label = articleLabel(a);
                return (
                  <li>
                    <a href={`/articles/${a.id}`} class={label.derived ? 'derived' : undefined}>{label.text}</a>
                    <span class="meta"> {formatArticleDate(a.published)} · {a.sourceId}</span>
                  </li>
                );
              })}
            </ol>
            <h2>Sources</h2>
            <ul class="sources">
              {sources.map((s) => (
                <li>
                  {s.label}: {s.articles} articles, {s.teasers} teaser-only; last capture {s.lastCapture ?? 'never'}
                </li>
              ))}
            </ul>
          </Layout>
        ).toString(),
    );
  });

  return app;
}
